// RunDescription -> Report: parameters, compute, scaling-law position, hardware, cost, memory
// and findings. Pure; every surface (CLI, diagnostics, hovers, hints, panel) reads this.

import { dataConstrainedTerms, muennighoffCaveat, R_D_STAR, R_N_STAR } from './dataConstrained';
import { attentionForwardFlopsPerToken, finetuneFlopsPerToken, pfDays, trainingFlops } from './flops';
import {
  ACCELERATORS,
  DEFAULT_ACCELERATOR,
  DEFAULT_GRID_GCO2_PER_KWH,
  DEFAULT_PUE,
  findAccelerator,
  peakFlops,
  type Accelerator,
} from './hardware';
import { inferenceAwareOptimum } from './inferenceAware';
import {
  computeForLoss,
  DEFAULT_LAW,
  FLOPS_PER_PARAM_TOKEN,
  LAWS,
  coefficientsOf,
  lossAt,
  optimalFor,
  optimalTokensForParams,
  type Law,
} from './laws';
import { memoryFix, type MemoryModel, type MemoryReport } from './memoryFit';
import { noFitAdvice, type Layout } from './layout';
import { fabricOf, type PriorClass } from './fabric';
import type { ThroughputTerms } from './throughput';
import type { CostRanges } from './ranges';
import { ownedHourlyCost, PURCHASE_PRICES, type OwnedCost } from './ownership';
import { runTimeCost, type MfuSource, type TimeExtras } from './timeCost';
import { countParams, linearWeights, loraParams, missingShapeFields, routedExpertParams, suggestShape, type CompleteShape } from './params';
import type { Finding, LawId, Precision, RunDescription, Severity } from './types';
import { withLifecycle } from './lifecycle';
import { shapeField, shapeGapFinding } from './shapeFacts';
import { checkValue, validateRun } from './validate';
import { checkFigures, checkOptions } from './figureChecks';
import { floor3, fmtCount, fmtDays, fmtUsd } from './format';

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
   * (src/config/analyzeDocument.ts); empty for a bare run description.
   */
  sources: Record<string, Provenance>;
}

export interface Provenance {
  origin: 'lookup' | 'tokenizer' | 'comment' | 'setting' | 'default';
  note?: string;
}

function lawFor(run: RunDescription, o: EngineOptions): Law {
  return LAWS[o.overrides?.law ?? run.law ?? o.law ?? DEFAULT_LAW];
}

function completeShape(run: RunDescription): CompleteShape | undefined {
  const s = run.model.shape;
  if (!s || missingShapeFields(s).length) return undefined;
  return { architecture: 'llama', ...s } as CompleteShape;
}


/** An owned cluster's cost per device-hour, or null (with a finding) when no purchase price is known. */
function ownedCost(run: RunDescription, acc: Accelerator | undefined, powerW: number | null, pue: number, add: (f: Omit<Finding, 'related'> & { related?: string[] }) => void): OwnedCost | null {
  const h = run.hardware;
  const purchase = h.purchasePrice ?? (acc ? PURCHASE_PRICES[acc.id]?.usd : undefined);
  if (purchase === undefined) {
    add({ code: 'missing-facts', severity: 'information', field: 'hardware.purchase_price', related: ['hardware.ownership'], message: `An owned cluster is costed from its purchase price: set hardware.purchase_price (USD per device${acc ? ` of ${acc.id}` : ''}); the catalog has one for H100-SXM only.` });
    return null;
  }
  return ownedHourlyCost({ purchasePrice: purchase, amortizationYears: h.amortizationYears, powerW: powerW ?? undefined, pue, usdPerKwh: h.electricityUsdPerKwh });
}

export function analyze(input: RunDescription, rawOptions: EngineOptions = {}): Report {
  const checked = checkOptions(rawOptions);
  const options = checked.options;
  const th = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const { run, findings } = validateRun(input);
  findings.push(...checked.findings);
  const assumptions: Assumption[] = [];
  const law = lawFor(run, options);
  const add = (f: Omit<Finding, 'related'> & { related?: string[] }): void => {
    findings.push({ related: [], ...f });
  };

  // ---- parameters
  const shape = completeShape(run);
  let total: number | null = null;
  let active: number | null = null;
  let nonEmb: number | null = null;
  let mtp: number | null = null;
  if (shape) {
    const c = countParams(shape);
    mtp = c.mtp;
    total = c.total;
    active = c.active ?? run.model.activeParams ?? null;
    nonEmb = c.nonEmbedding;
    if (active === null) {
      add({
        code: 'missing-facts',
        severity: 'information',
        field: 'model.moe.top_k',
        related: ['model.moe.experts'],
        message: `Active parameters per token need model.moe.top_k (experts routed per token; Mixtral routes 2, DeepSeek-V3 8): no default is assumed, so FLOPs, the scaling-law position, time and cost are unknown. Total parameters (${fmtCount(total)}) and memory are known.`,
      });
    }
  } else if (run.model.params !== undefined) {
    total = run.model.params;
    active = run.model.activeParams ?? run.model.params;
  }
  let trainable: number | null = total;
  const ft = run.training.finetune;
  const isAdapter = ft === 'lora' || ft === 'qlora';
  // Adapters are counted from the shape and the LoRA spec. Without either the count is unknown,
  // never the whole model (that would cost a LoRA run above a full fine-tune).
  if (isAdapter) trainable = shape && run.training.lora ? loraParams(shape, run.training.lora) : null;
  if (isAdapter && trainable === null && total !== null) {
    const need = [
      ...(run.training.lora ? [] : ['the LoRA rank and target modules (training.lora)']),
      ...(shape ? [] : ['the model shape (layers, d_model, heads, kv_heads, ffn_hidden, vocab_size): only its parameter count is known']),
    ];
    add({
      code: 'missing-facts',
      severity: 'information',
      field: shape ? 'training.lora.rank' : 'model.params',
      related: shape ? [] : ['training.lora.rank'],
      message: `Trainable parameters of this ${ft} fine-tune are unknown: counting its adapters needs ${need.join(', and ')}. FLOPs, memory, time and cost are left out rather than costed as a full fine-tune.`,
    });
  }
  if (total === null) {
    const missing = run.model.shape ? missingShapeFields(run.model.shape).map(shapeField) : [];
    add({
      code: 'missing-facts',
      severity: 'information',
      field: 'model.params',
      message: missing.length
        ? `Cannot count parameters: the model shape lacks ${missing.join(', ')} (or give model.params).`
        : 'Cannot count parameters: give model.params or the model shape (layers, d_model, heads, vocab_size).',
      related: missing,
    });
  } else {
    const gap = shapeGapFinding(run);
    if (gap) add(gap);
  }

  // ---- data and compute
  const tokens = run.data.tokens ?? null;
  const unique = run.data.uniqueTokens ?? null;
  if (tokens === null) {
    add({ code: 'missing-facts', severity: 'information', field: 'data.tokens', message: 'Cannot estimate compute, time or cost: the number of training tokens is not known (set data.tokens).' });
  }
  let flops: number | null = null;
  let flopsAttn: number | null = null;
  if (active !== null && tokens !== null && !(isAdapter && trainable === null)) {
    // Adapter weights are used in the forward and backward passes too: 4 (N + T) + 2 T per token,
    // T the adapters a token passes through (MoE: those of its top-k experts).
    const tActive = isAdapter ? loraParams(shape!, run.training.lora!, true) : 0;
    flops = isAdapter ? finetuneFlopsPerToken(active + tActive, tActive) * tokens : trainingFlops(active, tokens);
    if (shape?.seqLen) {
      // Causal attention from the shape (MLA's head dims, sliding windows): forward plus backward.
      const attnPerToken = 3 * attentionForwardFlopsPerToken(shape, shape.seqLen);
      flopsAttn = flops + attnPerToken * tokens;
    }
  }

  // ---- scaling-law position (pretraining only; a fine-tune is not on a pretraining frontier)
  const N = law.params === 'non-embedding' ? nonEmb ?? active : active;
  if (law.params === 'non-embedding' && nonEmb === null && active !== null) {
    assumptions.push({ field: 'law', value: law.id, source: 'derived', note: 'Kaplan counts non-embedding parameters; total parameters used because the shape is not known.' });
  }
  const coeffs = coefficientsOf(law);
  let loss: number | null = null;
  let effTokens: number | null = null;
  let epochs: number | null = null;
  let opt: ReturnType<typeof optimalFor> | null = null;
  let optTokensForN: number | null = null;
  let efficiency: number | null = null;
  const lawFlops = N !== null && tokens !== null ? FLOPS_PER_PARAM_TOKEN * N * tokens : null;
  if (N !== null && tokens !== null && tokens > 0 && N > 0 && !ft) {
    if (unique !== null && unique > 0 && coeffs) {
      const t = dataConstrainedTerms(coeffs, N, tokens, unique);
      assumptions.push({ field: 'data.unique_tokens', value: `R_D* = ${R_D_STAR}, R_N* = ${R_N_STAR}`, source: 'derived', note: muennighoffCaveat(law.name) });
      effTokens = t.effectiveTokens;
      epochs = t.epochs;
      loss = coeffs.E + coeffs.A / Math.pow(t.effectiveParams, coeffs.alpha) + coeffs.B / Math.pow(t.effectiveTokens, coeffs.beta);
    } else {
      loss = lossAt(law, N, tokens);
      if (unique !== null && unique > 0) epochs = tokens / unique;
    }
    opt = optimalFor(law, lawFlops!);
    optTokensForN = optimalTokensForParams(law, N);
    efficiency = Math.min(computeForLoss(law, loss) / lawFlops!, 1);
  } else if (unique !== null && tokens !== null && unique > 0) {
    epochs = tokens / unique;
  }
  const tpp = N !== null && tokens !== null && N > 0 ? tokens / N : null;

  if (opt && tpp !== null && optTokensForN !== null && N !== null && tokens !== null && efficiency !== null) {
    const optTpp = optTokensForN / N;
    const eff = `compute efficiency ${(efficiency * 100).toFixed(0)}%`;
    if (tokens < th.underTrainedRatio * optTokensForN) {
      add({
        code: 'under-trained',
        severity: 'warning',
        field: 'data.tokens',
        related: ['model.params'],
        message: `Under-trained: ${fmtCount(tokens)} tokens is ${tpp.toFixed(1)} tokens/param; ${law.name} puts the optimum for ${fmtCount(N)} params at ≈ ${optTpp.toFixed(1)} (${fmtCount(optTokensForN)} tokens); ${eff}.`,
        fix: { title: `Set tokens to the compute-optimal ${fmtCount(optTokensForN)} for this model size`, values: [{ field: 'data.tokens', value: Math.round(optTokensForN) }] },
      });
    } else if (tokens > th.overTrainedRatio * optTokensForN) {
      add({
        code: 'over-trained',
        severity: 'information',
        field: 'data.tokens',
        related: ['model.params'],
        message: `Trained past the compute optimum: ${tpp.toFixed(0)} tokens/param vs ≈ ${optTpp.toFixed(1)} optimal (${eff}). Worth it when inference volume is large (Sardana et al. 2024); set inference.tokens to weigh it.`,
      });
    }
    if (N > th.overSizedRatio * opt.params) {
      const resized = shape ? suggestShape(opt.params, shape) : undefined;
      add({
        code: 'over-sized',
        severity: 'information',
        field: 'model.params',
        related: ['data.tokens'],
        message: `Over-sized for its compute: ${fmtCount(N)} params vs ≈ ${fmtCount(opt.params)} optimal at ${lawFlops!.toExponential(2)} FLOPs (${fmtCount(opt.tokens)} tokens); predicted loss ${loss!.toFixed(3)} vs ${opt.loss.toFixed(3)} at the optimum.`,
        fix: {
          title: `Resize to the compute-optimal ${fmtCount(opt.params)} params on ${fmtCount(opt.tokens)} tokens (same FLOPs)`,
          values: [
            { field: 'model.params', value: Math.round(opt.params) },
            ...(resized
              ? [
                  { field: 'model.layers', value: resized.layers },
                  { field: 'model.d_model', value: resized.dModel },
                  { field: 'model.heads', value: resized.heads },
                  ...(resized.kvHeads ? [{ field: 'model.kv_heads', value: resized.kvHeads }] : []),
                  { field: 'model.ffn_hidden', value: resized.ffnHidden! },
                ]
              : []),
            { field: 'data.tokens', value: Math.round(opt.tokens) },
          ],
        },
      });
    }
  }
  if (epochs !== null && unique !== null && tokens !== null && epochs > th.maxEpochs) {
    const value = effTokens !== null ? effTokens / tokens : null;
    const plateau = 1 + R_D_STAR;
    add({
      code: 'data-repeated',
      severity: 'warning',
      field: 'data.tokens',
      related: ['data.unique_tokens'],
      message: `Data repeated ${epochs.toFixed(1)} times: ${fmtCount(tokens)} tokens from ${fmtCount(unique)} unique${value !== null ? ` are worth ≈ ${fmtCount(effTokens!)} fresh tokens (${(value * 100).toFixed(0)}%)` : ''}; beyond ~${th.maxEpochs} epochs repetition adds little, and effective data never exceeds ${plateau.toFixed(1)}× the unique tokens (Muennighoff et al. 2023).`,
      fix: { title: `Cap tokens at ${th.maxEpochs} epochs (${fmtCount(th.maxEpochs * unique)})`, values: [{ field: 'data.tokens', value: Math.round(th.maxEpochs * unique) }] },
    });
  }

  // ---- inference-aware alternative (Sardana et al. 2024)
  let inferenceAware: Report['inferenceAware'] = null;
  const infTokens = run.inference.tokens;
  if (infTokens && infTokens > 0 && coeffs && loss !== null && N !== null && tokens !== null) {
    const ia = inferenceAwareOptimum(coeffs, loss, infTokens);
    if (ia) {
      const configLifetime = FLOPS_PER_PARAM_TOKEN * N * tokens + 2 * N * infTokens;
      const saving = 1 - ia.lifetimeFlops / configLifetime;
      inferenceAware = { inferenceTokens: infTokens, params: ia.params, tokens: ia.tokens, lifetimeFlops: ia.lifetimeFlops, configLifetimeFlops: configLifetime, savingFraction: saving };
      if (saving > th.inferenceShare) {
        add({
          code: 'inference-heavy',
          severity: 'information',
          field: 'model.params',
          related: ['inference.tokens', 'data.tokens'],
          message: `With ${fmtCount(infTokens)} lifetime inference tokens, ${fmtCount(ia.params)} params on ${fmtCount(ia.tokens)} tokens reach the same loss for ${(saving * 100).toFixed(0)}% fewer lifetime FLOPs (Sardana et al. 2024).`,
          fix: {
            title: `Resize for inference: ${fmtCount(ia.params)} params on ${fmtCount(ia.tokens)} tokens`,
            values: [
              { field: 'model.params', value: Math.round(ia.params) },
              { field: 'data.tokens', value: Math.round(ia.tokens) },
            ],
          },
        });
      }
    }
  }

  // ---- hardware
  const accId = options.overrides?.accelerator ?? run.hardware.accelerator ?? options.defaults?.accelerator ?? DEFAULT_ACCELERATOR;
  if (!options.overrides?.accelerator && !run.hardware.accelerator) {
    assumptions.push({ field: 'hardware.accelerator', value: accId, source: options.defaults?.accelerator ? 'setting' : 'default' });
  }
  const acc = findAccelerator(accId, options.customAccelerators);
  if (!acc) {
    const known = [...(options.customAccelerators ?? []), ...ACCELERATORS].map((a) => a.id).join(', ');
    add({
      code: 'unknown-accelerator',
      severity: 'warning',
      field: 'hardware.accelerator',
      message: `Unknown accelerator "${accId}": time, cost and memory fit need its peak FLOP/s and memory. Known: ${known}; or add it to scalingPlanner.customAccelerators.`,
    });
  }
  const precision: Precision = run.training.precision ?? 'bf16';
  const count = options.overrides?.count ?? run.hardware.count ?? options.defaults?.count ?? null;
  if (count !== null && options.overrides?.count === undefined && run.hardware.count === undefined) {
    assumptions.push({ field: 'hardware.count', value: count, source: 'setting' });
  }
  const peak = acc ? peakFlops(acc, precision) ?? null : null;
  if (acc && peak === null) {
    add({ code: 'missing-facts', severity: 'information', field: 'training.precision', related: ['hardware.accelerator'], message: `${acc.name} has no published ${precision} peak; choose another precision or accelerator.` });
  }
  const settingPrice = acc ? options.prices?.[acc.id] : undefined;
  const pue = run.hardware.pue ?? options.defaults?.pue ?? DEFAULT_PUE;
  const powerW = run.hardware.powerW ?? acc?.powerW ?? null;
  const owned = run.hardware.ownership === 'owned' ? ownedCost(run, acc, powerW, pue, add) : null;
  const price = options.overrides?.pricePerHour ?? run.hardware.pricePerHour ?? owned?.total ?? settingPrice ?? acc?.price?.default ?? null;
  if (owned && price === owned.total) {
    assumptions.push({ field: 'hardware.price_per_hour', value: owned.total, source: 'derived', note: `owned: amortised hardware $${owned.capex.toFixed(3)} + interconnect $${owned.interconnect.toFixed(3)} + energy $${owned.energy.toFixed(3)} per device-hour (Epoch AI cost model)` });
  } else if (price !== null && options.overrides?.pricePerHour === undefined && run.hardware.pricePerHour === undefined) {
    assumptions.push({ field: 'hardware.price_per_hour', value: price, source: settingPrice !== undefined ? 'setting' : 'catalog', note: acc?.price ? `checked ${acc.price.checked}` : undefined });
  }
  const grid = run.hardware.gridGco2PerKwh ?? options.defaults?.gridGco2PerKwh ?? DEFAULT_GRID_GCO2_PER_KWH;

  // ---- memory model, layout, throughput and cost (timeCost.ts)
  const memParams = isAdapter && trainable === null ? null : total;
  let mm: MemoryModel | null = null;
  if (memParams !== null) {
    const baseBits = ft === 'qlora' ? run.training.lora?.baseBits ?? 4 : run.training.lora?.baseBits;
    mm = {
      params: memParams,
      trainable: isAdapter && trainable !== null ? trainable : undefined,
      precision,
      optimizer: run.training.optimizer ?? 'adamw',
      baseBits,
      quantizedParams: isAdapter && shape ? linearWeights(shape) : undefined,
      doubleQuant: run.training.lora?.doubleQuant,
      zeroStage: run.training.zeroStage ?? 0,
      tensorParallel: run.training.tensorParallel ?? 1,
      pipelineParallel: run.training.pipelineParallel ?? 1,
      expertParams: shape && shape.moe ? routedExpertParams(shape) || undefined : undefined,
      expertParallel: run.training.expertParallel,
      checkpointing: run.training.activationCheckpointing ?? 'none',
      flashAttention: run.training.flashAttention ?? true,
      activations:
        shape && shape.seqLen
          ? { layers: shape.layers, dModel: shape.dModel, heads: shape.heads, seqLen: shape.seqLen, microBatch: run.training.microBatchSize ?? 1 }
          : undefined,
    };
  }
  const statedMfu = options.overrides?.mfu ?? run.hardware.mfu;
  const tc = runTimeCost({
    run, acc, precision, peak, count, flops, paramsActive: active, paramsTotal: total, memoryModel: mm, headroom: th.memoryHeadroom,
    statedMfu, settingMfu: options.defaults?.mfu, pricePerHour: price, powerW, pue, grid,
  });
  const mfu = tc.mfu;
  if (tc.mfuSource !== 'stated') {
    const t = tc.throughput;
    assumptions.push({
      field: 'hardware.mfu',
      value: mfu,
      source: tc.mfuSource === 'setting' ? 'setting' : 'derived',
      note: t ? `predicted for ${t.priorClass} accelerators from published runs (docs/calibration.md)${t.notes.length ? `; ${t.notes.join('; ')}` : ''}` : undefined,
    });
  }
  if (tc.layout?.assumed) {
    const l = tc.layout;
    assumptions.push({ field: 'training.layout', value: `DP ${l.dataParallel ?? '?'} × TP ${l.tensorParallel} × PP ${l.pipelineParallel}${l.expertParallel > 1 ? ` × EP ${l.expertParallel}` : ''}, ZeRO ${l.zeroStage}${l.activationCheckpointing !== 'none' ? `, ${l.activationCheckpointing} recompute` : ''}`, source: 'derived', note: 'chosen to fit memory: the file states no ZeRO, tensor or pipeline parallel' });
  }
  const cost: Report['cost'] = { ...tc.cost, ...tc.ranges };
  if (cost.gpuHours !== null) {
    if (price === null && acc) add({ code: 'missing-facts', severity: 'information', field: 'hardware.price_per_hour', related: ['hardware.accelerator'], message: `No default price for ${acc.name}; set hardware.price_per_hour for a dollar estimate.` });
    if (powerW === null && acc) add({ code: 'missing-facts', severity: 'information', field: 'hardware.accelerator', message: `${acc.name} power is not published; set hardware.power_w for energy and CO2.` });
  }

  // ---- budget and deadline
  // Cost is linear in tokens at a fixed model, so the budget's share of the cost is its share of the tokens.
  const budgetShare = run.budget.usd !== undefined && cost.usd !== null && cost.usd > 0 ? run.budget.usd / cost.usd : null;
  const budgetTokens = budgetShare !== null && tokens !== null && budgetShare < 1 ? floor3(tokens * budgetShare) : null;
  const budgetOpt = budgetShare !== null && budgetShare < 1 && lawFlops !== null && opt ? optimalFor(law, lawFlops * budgetShare) : null;
  const budgetOptimum = budgetOpt && budgetOpt.params >= 1 && budgetOpt.tokens >= 1 && Number.isFinite(budgetOpt.loss) ? `≈ ${fmtCount(budgetOpt.params)} params on ${fmtCount(budgetOpt.tokens)} tokens at the compute-optimum (loss ${budgetOpt.loss.toFixed(3)})` : null;
  if (run.budget.usd !== undefined && cost.usd !== null && cost.usd > run.budget.usd) {
    add({
      code: 'over-budget',
      severity: 'warning',
      field: 'budget.usd',
      related: ['data.tokens', 'hardware.accelerator', 'hardware.count'],
      message: `Over budget: ≈ ${fmtUsd(cost.usd)} (${fmtCount(cost.gpuHours!)} GPU-hours at $${price!.toFixed(2)}/h) vs a budget of ${fmtUsd(run.budget.usd)}.${budgetOptimum ? ` The budget buys ${budgetOptimum}.` : ''}`,
      fix: budgetTokens !== null ? { title: `Cut tokens to ${fmtCount(budgetTokens)} to fit the ${fmtUsd(run.budget.usd)} budget`, values: [{ field: 'data.tokens', value: budgetTokens }] } : undefined,
    });
  }
  if (run.budget.days !== undefined && cost.wallClockDays !== null && cost.wallClockDays > run.budget.days && count !== null) {
    const needed = Math.ceil(count * (cost.wallClockDays / run.budget.days));
    add({
      code: 'misses-deadline',
      severity: 'warning',
      field: 'budget.days',
      related: ['hardware.count'],
      message: `Misses the deadline: ≈ ${fmtDays(cost.wallClockDays)} on ${count} × ${acc?.id ?? accId} vs ${fmtDays(run.budget.days)}; ${checkValue('hardware.count', needed) ? 'more devices than a run can have (1e7) would be needed' : `about ${needed} devices would finish in time`}.`,
      fix: { title: `Raise the device count to ${needed}`, values: [{ field: 'hardware.count', value: needed }] },
    });
  }

  // ---- memory (GiB; never on a guessed device count)
  const capacity = acc ? acc.memoryGb : null;
  const usable = capacity === null ? null : capacity * th.memoryHeadroom;
  let memory: Report['memory'] = { weightsGb: null, gradientsGb: null, optimizerGb: null, activationsGb: null, statesGb: null, totalGb: null, perDeviceGb: null, dataParallel: null, capacityGb: capacity, fits: null, minDevices: null };
  // An adapter run with unknown adapters has no memory estimate (a full fine-tune's would mislead).
  const zero = tc.layout?.zeroStage ?? run.training.zeroStage ?? 0;
  if (mm !== null && tc.layoutChoice) {
    mm = tc.layoutChoice.model;
    memory = tc.layoutChoice.memory;
    if (shape && shape.seqLen && run.training.microBatchSize === undefined) {
      assumptions.push({ field: 'training.micro_batch_size', value: 1, source: 'default' });
    }
    if (memory.fits === false && acc && usable !== null) {
      const m = memory;
      const g = (x: number | null): string => (x === null ? 'sharded' : x.toFixed(1));
      const act = m.activationsGb === null ? 'unknown' : m.activationsGb.toFixed(1);
      const perDevice =
        m.statesGb !== null
          ? `: ≈ ${(m.statesGb + (m.activationsGb ?? 0)).toFixed(1)} GiB per device${m.activationsGb === null ? ' in model states alone' : ''}`
          : ` at ZeRO stage ${zero} on any number of devices: the unsharded part alone is ≈ ${((m.weightsGb ?? 0) + (m.gradientsGb ?? 0) + (m.activationsGb ?? 0)).toFixed(1)} GiB per device`;
      add({
        code: 'memory-exceeded',
        severity: 'error',
        field: run.training.zeroStage !== undefined ? 'training.zero_stage' : 'hardware.count',
        related: ['hardware.accelerator', 'model.params'],
        message: `Does not fit${perDevice} (weights ${g(m.weightsGb)}, gradients ${g(m.gradientsGb)}, optimizer ${g(m.optimizerGb)}, activations ${act}) vs ${acc.memoryGb} GiB on ${acc.id} (${Math.round(th.memoryHeadroom * 100)}% usable).${tc.layout?.assumed && count !== null ? ` ${noFitAdvice(tc.layoutChoice!, count, fabricOf(acc.id).devicesPerNode)}` : ''}`,
        fix: memoryFix(mm, count, usable),
      });
    }
  }

  // ---- the device count, when unknown: say what it is needed for instead of assuming one device
  if (count === null) {
    const needs: string[] = [];
    if (cost.gpuHours !== null) needs.push(`wall-clock days (${fmtCount(cost.gpuHours)} GPU-hours at ${(mfu * 100).toFixed(0)}% MFU are known without it)`);
    const countDecidesFit = mm !== null && zero >= 1 && memory.fits === null && acc !== undefined;
    if (countDecidesFit) {
      const holds = mm!.activations ? 'the model states and activations' : 'the model states (activations unknown)';
      needs.push(`memory fit, since ZeRO stage ${zero} shards over the devices${memory.minDevices !== null ? `: at least ${memory.minDevices} × ${acc!.id} hold ${holds}` : ''}`);
    }
    if (needs.length) {
      const n = countDecidesFit ? memory.minDevices : null;
      add({
        code: 'missing-facts',
        severity: 'information',
        field: 'hardware.count',
        related: countDecidesFit ? ['training.zero_stage', 'hardware.accelerator'] : [],
        message: `The device count is not known (set hardware.count); it is needed for ${needs.join(', and for ')}.`,
        fix: n !== null ? { title: `Set the device count to ${n}, the fewest that fit in memory`, values: [{ field: 'hardware.count', value: n }] } : undefined,
      });
    }
  }

  const suppressed = new Set(options.suppress ?? []);
  return checkFigures(withLifecycle(run, {
    name: run.name ?? null,
    model: { paramsTotal: total, paramsActive: active, paramsNonEmbedding: nonEmb, paramsTrainable: trainable, paramsMtp: mtp, fromShape: !!shape },
    data: { tokens, uniqueTokens: unique, epochs, effectiveTokens: effTokens },
    training: {
      steps: tokens !== null && run.training.globalBatchTokens ? Math.ceil(tokens / run.training.globalBatchTokens) : run.training.steps ?? null,
      finetune: ft ?? null,
      layout: tc.layout,
    },
    compute: { flops, flopsWithAttention: flopsAttn, pfDays: flops === null ? null : pfDays(flops) },
    scaling: {
      law: law.id,
      lawName: law.name,
      citation: law.citation,
      loss,
      optimalParams: opt?.params ?? null,
      optimalTokens: opt?.tokens ?? null,
      optimalLoss: opt?.loss ?? null,
      tokensPerParam: tpp,
      optimalTokensPerParam: opt ? opt.tokens / opt.params : null,
      optimalTokensForParams: optTokensForN,
      optimalTokensPerParamForSize: optTokensForN !== null && N ? optTokensForN / N : null,
      computeEfficiency: efficiency,
    },
    inferenceAware,
    hardware: {
      accelerator: acc?.id ?? null,
      name: acc?.name ?? null,
      count,
      mfu,
      mfuSource: tc.mfuSource,
      throughput: tc.throughput ? { priorClass: tc.throughput.priorClass, prior: tc.throughput.prior, terms: tc.throughput.terms } : null,
      precision,
      peakFlops: peak,
      pricePerHour: price,
      priceRange: acc?.price && !owned ? { low: acc.price.low, high: acc.price.high, checked: acc.price.checked } : null,
      ownership: owned ? 'owned' : 'rent',
      ownedCost: owned,
      powerW,
      pue,
      gridGco2PerKwh: grid,
    },
    cost,
    memory,
    budget: { usd: run.budget.usd ?? null, days: run.budget.days ?? null },
    findings: findings.filter((f) => !suppressed.has(f.code)),
    assumptions,
    sources: {},
  }, shape, options));
}


export type { Severity };
