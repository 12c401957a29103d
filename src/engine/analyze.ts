// RunDescription -> Report: parameters, compute, scaling-law position, hardware, cost, memory
// and findings. Pure; every surface (CLI, diagnostics, hovers, hints, panel) reads this.

import { estimateCost } from './cost';
import { dataConstrainedTerms, R_D_STAR } from './dataConstrained';
import { flopsPerTokenWithAttention, finetuneFlopsPerToken, pfDays, trainingFlops } from './flops';
import {
  ACCELERATORS,
  DEFAULT_ACCELERATOR,
  DEFAULT_GRID_GCO2_PER_KWH,
  DEFAULT_MFU,
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
  lossAt,
  optimalFor,
  optimalTokensForParams,
  type Law,
  type ParametricCoefficients,
} from './laws';
import { trainingMemory, type MemoryBreakdown } from './memory';
import { countParams, headDim, loraParams, missingShapeFields, suggestShape, type CompleteShape } from './params';
import type { Finding, LawId, Precision, RunDescription, Severity } from './types';
import { validateRun } from './validate';
import { fmtCount, fmtDays, fmtUsd } from './format';

export interface Thresholds {
  /** Under-trained when tokens < ratio x the law's optimal tokens for this model size. */
  underTrainedRatio: number;
  /** Over-trained (information) when tokens > ratio x the optimal tokens for this size. */
  overTrainedRatio: number;
  /** Over-sized when N > ratio x N*(C) at this compute. */
  overSizedRatio: number;
  /** Data repeated past its value beyond this many epochs (Muennighoff et al.: ~4 epochs are almost as good as fresh). */
  maxEpochs: number;
  /** Usable fraction of device memory (allocator fragmentation, CUDA context). */
  memoryHeadroom: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  underTrainedRatio: 0.5,
  overTrainedRatio: 5,
  overSizedRatio: 2,
  maxEpochs: 4,
  memoryHeadroom: 0.9,
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
    fromShape: boolean;
  };
  data: { tokens: number | null; uniqueTokens: number | null; epochs: number | null; effectiveTokens: number | null };
  training: { steps: number | null; finetune: string | null };
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
    mfu: number;
    precision: Precision;
    peakFlops: number | null;
    pricePerHour: number | null;
    priceRange: { low: number; high: number; checked: string } | null;
    powerW: number | null;
    pue: number;
    gridGco2PerKwh: number;
  };
  cost: { gpuHours: number | null; wallClockDays: number | null; usd: number | null; energyKwh: number | null; co2Kg: number | null };
  memory: (MemoryBreakdown & { perDeviceGb: number; capacityGb: number | null; fits: boolean | null }) | null;
  budget: { usd: number | null; days: number | null };
  findings: Finding[];
  assumptions: Assumption[];
}

function lawFor(run: RunDescription, o: EngineOptions): Law {
  return LAWS[o.overrides?.law ?? run.law ?? o.law ?? DEFAULT_LAW];
}

function completeShape(run: RunDescription): CompleteShape | undefined {
  const s = run.model.shape;
  if (!s || missingShapeFields(s).length) return undefined;
  return { architecture: 'llama', ...s } as CompleteShape;
}

/** Parametric coefficients for the data-constrained and inference-aware terms. */
function coefficientsOf(law: Law): ParametricCoefficients | undefined {
  if (law.kind === 'parametric') return law.coefficients;
  if (law.kind === 'tokens-rule') return law.lossLaw.coefficients;
  return undefined;
}

export function analyze(input: RunDescription, options: EngineOptions = {}): Report {
  const th = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const { run, findings } = validateRun(input);
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
  if (shape) {
    const c = countParams(shape);
    total = c.total;
    active = c.active;
    nonEmb = c.nonEmbedding;
  } else if (run.model.params !== undefined) {
    total = run.model.params;
    active = run.model.activeParams ?? run.model.params;
  }
  let trainable: number | null = total;
  const ft = run.training.finetune;
  if (ft && ft !== 'full' && shape && run.training.lora) trainable = loraParams(shape, run.training.lora);
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
  }

  // ---- data and compute
  const tokens = run.data.tokens ?? null;
  const unique = run.data.uniqueTokens ?? null;
  if (tokens === null) {
    add({ code: 'missing-facts', severity: 'information', field: 'data.tokens', message: 'Cannot estimate compute, time or cost: the number of training tokens is not known (set data.tokens).' });
  }
  const isAdapter = ft === 'lora' || ft === 'qlora';
  let flops: number | null = null;
  let flopsAttn: number | null = null;
  if (active !== null && tokens !== null) {
    // Adapter weights are used in the forward and backward passes too: 4 (N + T) + 2 T per token.
    flops = isAdapter && trainable !== null ? finetuneFlopsPerToken(active + trainable, trainable) * tokens : trainingFlops(active, tokens);
    if (shape?.seqLen) {
      const attnPerToken = flopsPerTokenWithAttention(active, shape.layers, shape.heads * headDim(shape), shape.seqLen) - FLOPS_PER_PARAM_TOKEN * active;
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
      if (saving > 0.1) {
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
  const mfu = options.overrides?.mfu ?? run.hardware.mfu ?? options.defaults?.mfu ?? DEFAULT_MFU;
  if (options.overrides?.mfu === undefined && run.hardware.mfu === undefined) {
    assumptions.push({ field: 'hardware.mfu', value: mfu, source: options.defaults?.mfu !== undefined ? 'setting' : 'default', note: 'Llama 3 405B reached 38-43% MFU (arXiv:2407.21783 Table 4)' });
  }
  const peak = acc ? peakFlops(acc, precision) ?? null : null;
  if (acc && peak === null) {
    add({ code: 'missing-facts', severity: 'information', field: 'training.precision', related: ['hardware.accelerator'], message: `${acc.name} has no published ${precision} peak; choose another precision or accelerator.` });
  }
  const settingPrice = acc ? options.prices?.[acc.id] : undefined;
  const price = options.overrides?.pricePerHour ?? run.hardware.pricePerHour ?? settingPrice ?? acc?.price?.default ?? null;
  if (price !== null && options.overrides?.pricePerHour === undefined && run.hardware.pricePerHour === undefined) {
    assumptions.push({ field: 'hardware.price_per_hour', value: price, source: settingPrice !== undefined ? 'setting' : 'catalog', note: acc?.price ? `checked ${acc.price.checked}` : undefined });
  }
  const pue = run.hardware.pue ?? options.defaults?.pue ?? DEFAULT_PUE;
  const grid = run.hardware.gridGco2PerKwh ?? options.defaults?.gridGco2PerKwh ?? DEFAULT_GRID_GCO2_PER_KWH;
  const powerW = run.hardware.powerW ?? acc?.powerW ?? null;

  // ---- cost
  let cost: Report['cost'] = { gpuHours: null, wallClockDays: null, usd: null, energyKwh: null, co2Kg: null };
  if (flops !== null && peak !== null) {
    const c = estimateCost({ flops, peakFlops: peak, mfu, count: count ?? 1, pricePerHour: price ?? undefined, powerW: powerW ?? undefined, pue, gridGco2PerKwh: grid });
    cost = { ...c, wallClockDays: count !== null ? c.wallClockDays : null };
    if (count === null) add({ code: 'missing-facts', severity: 'information', field: 'hardware.count', message: `Wall-clock time needs the device count (set hardware.count); ${fmtCount(c.gpuHours)} GPU-hours at ${(mfu * 100).toFixed(0)}% MFU.` });
    if (price === null && acc) add({ code: 'missing-facts', severity: 'information', field: 'hardware.price_per_hour', related: ['hardware.accelerator'], message: `No default price for ${acc.name}; set hardware.price_per_hour for a dollar estimate.` });
    if (powerW === null && acc) add({ code: 'missing-facts', severity: 'information', field: 'hardware.accelerator', message: `${acc.name} power is not published; set hardware.power_w for energy and CO2.` });
  }

  // ---- budget and deadline
  if (run.budget.usd !== undefined && cost.usd !== null && cost.usd > run.budget.usd) {
    add({
      code: 'over-budget',
      severity: 'warning',
      field: 'budget.usd',
      related: ['data.tokens', 'hardware.accelerator', 'hardware.count'],
      message: `Over budget: ≈ ${fmtUsd(cost.usd)} (${fmtCount(cost.gpuHours!)} GPU-hours at $${price!.toFixed(2)}/h) vs a budget of ${fmtUsd(run.budget.usd)}.`,
    });
  }
  if (run.budget.days !== undefined && cost.wallClockDays !== null && cost.wallClockDays > run.budget.days && count !== null) {
    const needed = Math.ceil(count * (cost.wallClockDays / run.budget.days));
    add({
      code: 'misses-deadline',
      severity: 'warning',
      field: 'budget.days',
      related: ['hardware.count'],
      message: `Misses the deadline: ≈ ${fmtDays(cost.wallClockDays)} on ${count} × ${acc?.id ?? accId} vs ${fmtDays(run.budget.days)}; about ${needed} devices would finish in time.`,
      fix: { title: `Raise the device count to ${needed}`, values: [{ field: 'hardware.count', value: needed }] },
    });
  }

  // ---- memory
  let memory: Report['memory'] = null;
  const memParams = total;
  if (memParams !== null) {
    const devices = count ?? 1;
    const zero = run.training.zeroStage ?? 0;
    const baseBits = ft === 'qlora' ? run.training.lora?.baseBits ?? 4 : run.training.lora?.baseBits;
    const m = trainingMemory({
      params: memParams,
      trainable: isAdapter && trainable !== null ? trainable : undefined,
      precision,
      optimizer: run.training.optimizer ?? 'adamw',
      baseBits,
      devices,
      zeroStage: zero,
      tensorParallel: run.training.tensorParallel ?? 1,
      pipelineParallel: run.training.pipelineParallel ?? 1,
      checkpointing: run.training.activationCheckpointing ?? 'none',
      flashAttention: run.training.flashAttention ?? true,
      activations:
        shape && shape.seqLen
          ? { layers: shape.layers, dModel: shape.dModel, heads: shape.heads, seqLen: shape.seqLen, microBatch: run.training.microBatchSize ?? 1 }
          : undefined,
    });
    const capacity = acc ? acc.memoryGb : null;
    const fits = capacity === null ? null : m.totalGb <= capacity * th.memoryHeadroom;
    memory = { ...m, perDeviceGb: m.totalGb, capacityGb: capacity, fits };
    if (shape && shape.seqLen && run.training.microBatchSize === undefined) {
      assumptions.push({ field: 'training.micro_batch_size', value: 1, source: 'default' });
    }
    if (fits === false && acc) {
      const fix = memoryFix(m, capacity! * th.memoryHeadroom, zero, devices, run);
      add({
        code: 'memory-exceeded',
        severity: 'error',
        field: run.training.zeroStage !== undefined ? 'training.zero_stage' : 'hardware.count',
        related: ['hardware.accelerator', 'model.params'],
        message: `Does not fit: ≈ ${m.totalGb.toFixed(1)} GB per device (weights ${m.weightsGb.toFixed(1)}, gradients ${m.gradientsGb.toFixed(1)}, optimizer ${m.optimizerGb.toFixed(1)}, activations ${m.activationsGb === null ? 'unknown' : m.activationsGb.toFixed(1)}) vs ${acc.memoryGb} GB on ${acc.id} (${Math.round(th.memoryHeadroom * 100)}% usable).`,
        fix,
      });
    }
  }

  const suppressed = new Set(options.suppress ?? []);
  return {
    name: run.name ?? null,
    model: { paramsTotal: total, paramsActive: active, paramsNonEmbedding: nonEmb, paramsTrainable: trainable, fromShape: !!shape },
    data: { tokens, uniqueTokens: unique, epochs, effectiveTokens: effTokens },
    training: {
      steps: tokens !== null && run.training.globalBatchTokens ? Math.ceil(tokens / run.training.globalBatchTokens) : run.training.steps ?? null,
      finetune: ft ?? null,
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
      precision,
      peakFlops: peak,
      pricePerHour: price,
      priceRange: acc?.price ? { low: acc.price.low, high: acc.price.high, checked: acc.price.checked } : null,
      powerW,
      pue,
      gridGco2PerKwh: grid,
    },
    cost,
    memory,
    budget: { usd: run.budget.usd ?? null, days: run.budget.days ?? null },
    findings: findings.filter((f) => !suppressed.has(f.code)),
    assumptions,
  };
}

const SHAPE_FIELDS: Record<string, string> = {
  layers: 'model.layers',
  dModel: 'model.d_model',
  heads: 'model.heads',
  vocabSize: 'model.vocab_size',
};
function shapeField(k: string): string {
  return SHAPE_FIELDS[k] ?? `model.${k}`;
}

/** The smallest change that brings model states under capacity: first a higher ZeRO stage, then more devices. */
function memoryFix(m: MemoryBreakdown, usableGb: number, zero: number, devices: number, run: RunDescription): Finding['fix'] {
  const act = m.activationsGb ?? 0;
  const dp = m.dataParallel;
  // Unsharded model states per device (what stage 0 would hold).
  const w = m.weightsGb * (zero >= 3 ? dp : 1);
  const g = m.gradientsGb * (zero >= 2 ? dp : 1);
  const o = m.optimizerGb * (zero >= 1 ? dp : 1);
  const at = (stage: number, d: number): number => (stage >= 3 ? w / d : w) + (stage >= 2 ? g / d : g) + (stage >= 1 ? o / d : o) + act;
  for (let s = zero + 1; s <= 3; s++) {
    if (at(s, dp) <= usableGb) return { title: `Raise ZeRO stage to ${s}`, values: [{ field: 'training.zero_stage', value: s }] };
  }
  const stage = Math.max(zero, 3);
  const mp = (run.training.tensorParallel ?? 1) * (run.training.pipelineParallel ?? 1);
  for (let d = dp * 2; d <= dp * 4096; d *= 2) {
    if (at(stage, d) <= usableGb) {
      const values = [{ field: 'hardware.count', value: d * mp }];
      if (stage !== zero) values.push({ field: 'training.zero_stage', value: stage });
      return { title: `Use ${d * mp} devices${stage !== zero ? ` with ZeRO stage ${stage}` : ''}`, values };
    }
  }
  void devices;
  return undefined;
}

export type { Severity };
