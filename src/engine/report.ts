// The engine's report and its options: what analyze() takes and returns (stages/ fill it in).

import type { Layout } from './layout';
import type { MemoryReport } from './memoryFit';
import type { PriorClass } from './fabric';
import type { ThroughputTerms } from './throughput';
import type { CostRanges } from './ranges';
import type { OwnedCost } from './ownership';
import type { MfuSource, TimeExtras } from './timeCost';
import type { Accelerator } from './hardware';
import type { Finding, LawId, Precision } from './types';

/**
 * Finding thresholds (each a setting, scalingPlanner.thresholds.*). Rationale per default, also in
 * docs/sources.md#thresholds; the compute-efficiency figures are [D] under the Epoch law, where
 * they do not depend on the compute (the parametric law is scale-free along a ratio).
 */
export interface Thresholds {
  /**
   * Under-trained when tokens < ratio x the law's optimal tokens for this model size. 0.5, a
   * factor of 2: about the spread of optimal tokens/param among the Chinchilla-family fits (21.6
   * Epoch vs 34.0 Hoffmann-TeX at 1e21 FLOPs, reference scaling-laws.md §1.4), so a run below it
   * is short of data under any of them. Compute efficiency there is still ≈ 96% [D], hence a warning.
   */
  underTrainedRatio: number;
  /**
   * Over-trained (information only) when tokens > ratio x the optimal tokens for this size. 5x
   * (≈ 100 tokens/param under Epoch) is where inference-aware training (Sardana et al. 2024) is
   * the usual reason; it is a hint to state inference.tokens, not a fault.
   */
  overTrainedRatio: number;
  /**
   * Over-sized (information) when N > ratio x N*(C) at this compute. 2x, the same factor: the
   * isoFLOP minimum is flat (Hoffmann et al. 2022 Fig. 3); at 2x N* compute efficiency is ≈ 84% [D].
   */
  overSizedRatio: number;
  /**
   * Data repeated past its value beyond this many epochs: Muennighoff et al. 2023 find up to ~4
   * epochs almost as good as fresh data (4 epochs: D' = 3.73 U, 93% of fresh; reference §4).
   */
  maxEpochs: number;
  /**
   * Usable fraction of device memory: 10% is left for the CUDA context, allocator fragmentation
   * and communication buffers the model does not count (peers reserve 0.5-1 GB of context alone,
   * gpu_poor README; the EleutherAI cookbook has --misc-mem-gib; reference hardware-and-peers §2.2).
   */
  memoryHeadroom: number;
  /**
   * Inference-heavy (information) when the Sardana et al. resize saves more than this fraction of
   * lifetime FLOPs: 10% is well below Sardana et al.'s Fig. 1 example (13B -> 7B at 2T inference
   * tokens saves 17%) and above rounding noise.
   */
  inferenceShare: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  underTrainedRatio: 0.5,
  overTrainedRatio: 5,
  overSizedRatio: 2,
  maxEpochs: 4,
  memoryHeadroom: 0.9,
  inferenceShare: 0.1,
};

export interface EngineOptions {
  /** Law when the run names none. */
  law?: LawId;
  /** Values used when the run leaves them out (reported as assumptions). */
  defaults?: { accelerator?: string; count?: number; mfu?: number; pue?: number; gridGco2PerKwh?: number };
  /** Overrides that win over the file (CLI flags). */
  overrides?: { law?: LawId; accelerator?: string; count?: number; mfu?: number; pricePerHour?: number };
  /** $/GPU-hour by accelerator id, replacing catalog defaults. */
  prices?: Record<string, number>;
  customAccelerators?: Accelerator[];
  thresholds?: Partial<Thresholds>;
  /** Finding codes to leave out. */
  suppress?: string[];
}

export interface Assumption {
  field: string;
  value: string | number | boolean;
  source: 'default' | 'setting' | 'override' | 'catalog' | 'derived';
  note?: string;
}

export interface Report {
  name: string | null;
  model: {
    paramsTotal: number | null;
    paramsActive: number | null;
    paramsNonEmbedding: number | null;
    paramsTrainable: number | null;
    /** Multi-token prediction modules' own weights (not in paramsTotal); null without a shape. */
    paramsMtp: number | null;
    fromShape: boolean;
  };
  data: { tokens: number | null; uniqueTokens: number | null; epochs: number | null; effectiveTokens: number | null };
  /** layout: the parallel layout used for memory fit and throughput (stated, or chosen with assumed: true). */
  training: { steps: number | null; finetune: string | null; layout: Layout | null };
  compute: { flops: number | null; flopsWithAttention: number | null; pfDays: number | null };
  scaling: {
    law: LawId;
    lawName: string;
    citation: string;
    loss: number | null;
    optimalParams: number | null;
    optimalTokens: number | null;
    optimalLoss: number | null;
    tokensPerParam: number | null;
    optimalTokensPerParam: number | null;
    /** Tokens the law considers optimal for this model size, and that as tokens per parameter. */
    optimalTokensForParams: number | null;
    optimalTokensPerParamForSize: number | null;
    computeEfficiency: number | null;
  };
  inferenceAware: null | {
    inferenceTokens: number;
    params: number;
    tokens: number;
    lifetimeFlops: number;
    configLifetimeFlops: number;
    savingFraction: number;
  };
  hardware: {
    accelerator: string | null;
    name: string | null;
    count: number | null;
    /** The central MFU used (against the precision's peak). */
    mfu: number;
    mfuSource: MfuSource;
    /** How a predicted MFU was built (throughput.ts): the fitted prior and each layout term; null when stated or set. */
    throughput: { priorClass: PriorClass; prior: number; terms: ThroughputTerms } | null;
    precision: Precision;
    peakFlops: number | null;
    pricePerHour: number | null;
    priceRange: { low: number; high: number; checked: string } | null;
    ownership: 'rent' | 'owned';
    /** Owned cluster: USD per device-hour by part (ownership.ts); null when rented. */
    ownedCost: OwnedCost | null;
    powerW: number | null;
    pue: number;
    gridGco2PerKwh: number;
  };
  cost: { gpuHours: number | null; wallClockDays: number | null; usd: number | null; energyKwh: number | null; co2Kg: number | null } & TimeExtras & CostRanges;
  /** Always an object; unknown figures are null (see MemoryReport). */
  memory: MemoryReport;
  budget: { usd: number | null; days: number | null };
  findings: Finding[];
  assumptions: Assumption[];
  /**
   * Facts the run used that its file does not state, by field: a model or tokenizer table, a
   * `# scaling-planner:` comment, a setting, a framework default. Filled by the config reader
   * (src/document/analyzeDocument.ts); empty for a bare run description.
   */
  sources: Record<string, Provenance>;
}

export interface Provenance {
  origin: 'lookup' | 'tokenizer' | 'comment' | 'setting' | 'default';
  note?: string;
}
