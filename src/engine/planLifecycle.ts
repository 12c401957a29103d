// Budget -> lifecycle plan: one dollar budget covers pre-training and serving a daily workload over
// a horizon. The training share is the largest whose compute-optimal model, served on replicas of
// the accelerator, keeps training + serving within the budget (serving cost rises with model size,
// so the total is monotone in the share and a bisection finds it).

import { DistillInputError } from './distill';
import { fmtCount } from './format';
import { distillAdvice, type DistillAdvice, type LifecycleTeacher } from './planDistill';
import { DEFAULT_GRID_GCO2_PER_KWH, DEFAULT_MFU, DEFAULT_PUE, findAccelerator, peakFlops } from './hardware';
import { DEFAULT_HORIZON_DAYS, lifecycleServe, LifecycleInputError, type ServeReport } from './lifecycleServe';
import { lifetimeBudget, overHorizon, type CostPart, type LifetimeBudget } from './lifetime';
import { logSpace } from './laws';
import { countParams, suggestShape, type CompleteShape } from './params';
import { planBudget, PlanError, type Plan, type PlanRequest } from './plan';
import { PLAN_BASE_SHAPE, PLAN_SEQ_LEN } from './planRun';
import type { ServeWorkload } from './serveWorkload';
import type { ServeSpec } from './types';

/** A day's requests (serveWorkload.ts), one sample each, over a horizon. */
export interface LifecycleWorkload extends Pick<ServeWorkload, 'requestsPerDay' | 'promptTokens' | 'reasoningTokens' | 'outputTokens'> {
  /** Days of serving the budget covers; default one year. */
  horizonDays?: number;
  /** Per-token latency target of the serving fleet (ms); default none (largest batch that fits). */
  latencyMsPerToken?: number;
  /** A teacher to distil the planned model from, compared with training it on data (planDistill.ts). */
  teacher?: LifecycleTeacher;
}

export interface LifecyclePlan {
  /** The compute-optimal pre-training run for the training share of the budget. */
  training: Plan;
  serve: ServeReport;
  /** The serve: block a plan file gets. */
  serveSpec: ServeSpec;
  horizonDays: number;
  trainingShare: number;
  lifetime: LifetimeBudget;
  /** Busbridge et al. 2025, Sec. 5: distil from the stated teacher when it beats training on data at the same compute. */
  distill: DistillAdvice;
}

/** The shape a plan file writes for a planned size (planToRun's Llama-style family). */
function plannedShape(params: number): CompleteShape {
  const s = suggestShape(params, PLAN_BASE_SHAPE);
  return { architecture: 'llama', layers: s.layers, dModel: s.dModel, heads: s.heads, kvHeads: s.kvHeads, ffnHidden: s.ffnHidden, vocabSize: PLAN_BASE_SHAPE.vocabSize, seqLen: PLAN_SEQ_LEN };
}

export function serveSpecOf(w: LifecycleWorkload, accelerator: string): ServeSpec {
  return {
    accelerator, requestsPerDay: w.requestsPerDay, promptTokens: w.promptTokens, reasoningTokens: w.reasoningTokens, outputTokens: w.outputTokens,
    horizonDays: w.horizonDays ?? DEFAULT_HORIZON_DAYS, ...(w.latencyMsPerToken !== undefined ? { latencyMsPerToken: w.latencyMsPerToken } : {}),
  };
}

/** Serving a planned size (the plan file's shape) on the request's accelerator. */
export function servingOf(params: number, spec: ServeSpec, r: PlanRequest, price: number | null): ServeReport {
  const shape = plannedShape(params);
  const c = countParams(shape);
  const acc = findAccelerator(r.accelerator, r.customAccelerators)!;
  const hw = {
    accelerator: acc.id, count: r.count ?? 1, mfu: r.mfu ?? DEFAULT_MFU, peakFlops: peakFlops(acc, r.precision ?? 'bf16') ?? null, pricePerHour: price,
    powerW: acc.powerW ?? null, pue: r.pue ?? DEFAULT_PUE, gridGco2PerKwh: r.gridGco2PerKwh ?? DEFAULT_GRID_GCO2_PER_KWH,
  };
  const model = { paramsTotal: c.total, paramsActive: c.total, paramsNonEmbedding: c.nonEmbedding, shape };
  const serve = (s: ServeSpec): ServeReport => lifecycleServe(s, model, hw, r.customAccelerators ?? []);
  if (spec.devicesPerReplica !== undefined) return serve(spec);
  return cheapestReplica(serve, spec);
}

/**
 * Devices per replica that serve the workload on the fewest devices at the mean fleet. The fewest
 * devices that hold the weights leave little room for KV cache when the weights nearly fill them, so
 * the batch, and with it the cost per token, collapses just below each whole-device step; one or
 * more devices beyond the minimum buy back the batch. Independent of the request volume (the fleet
 * is linear in it), so the serving cost of a planned size stays monotone in requests.
 */
function cheapestReplica(serve: (s: ServeSpec) => ServeReport, spec: ServeSpec): ServeReport {
  const first = serve(spec);
  let best = first;
  for (let d = first.devicesPerReplica + 1; d <= 4 * first.devicesPerReplica; d++) {
    let next: ServeReport;
    try {
      next = serve({ ...spec, devicesPerReplica: d });
    } catch {
      continue;
    }
    // Devices per device-token fall while the added memory buys batch, then rise: stop at the turn.
    if (next.devicesNeeded >= best.devicesNeeded * (1 - 1e-9)) break;
    best = next;
  }
  return best;
}

const trainingPart = (p: Plan): CostPart => ({ gpuHours: p.gpuHours, usd: p.usd, energyKwh: p.energyKwh, co2Kg: p.co2Kg });

/** The lifecycle plan for a dollar budget over the horizon; PlanError when serving alone exceeds it. */
export function planLifecycle(r: PlanRequest, w: LifecycleWorkload): LifecyclePlan {
  const budget = r.usd;
  if (budget === undefined || !(budget > 0)) throw new PlanError('a lifecycle plan needs a dollar budget');
  if (!(w.requestsPerDay > 0)) throw new PlanError('a lifecycle plan needs requests per day');
  const horizonDays = w.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const spec = serveSpecOf(w, r.accelerator);
  const perRequest = w.promptTokens + w.reasoningTokens + w.outputTokens;
  const inferenceTokens = w.requestsPerDay * perRequest * horizonDays;
  const at = (share: number) => {
    const training = planBudget({ ...r, usd: budget * share, gpuHours: undefined, flops: undefined, days: undefined, inferenceTokens });
    if (training.usd === null) throw new PlanError(`no price for ${training.accelerator}; pass a price per GPU-hour`);
    let serve: ServeReport;
    try {
      serve = servingOf(training.params, spec, r, training.pricePerHour);
    } catch (e) {
      if (e instanceof LifecycleInputError) throw new PlanError(e.message);
      throw e;
    }
    // The fleet at its mean size over the day (an autoscaled fleet, as DeepSeek report their
    // serving cost by the mean of 226.75 nodes: open-infra-index day 6, 2025-02-28), so the
    // split does not jump with whole replicas.
    const k = serve.devicesNeeded / serve.devices;
    const scale = (x: number | null): number | null => (x === null ? null : x * k);
    const serving = overHorizon({ gpuHours: serve.gpuHoursPerDay * k, usd: scale(serve.usdPerDay), energyKwh: scale(serve.energyKwhPerDay), co2Kg: scale(serve.co2KgPerDay) }, horizonDays);
    return { training, serve, serving, total: training.usd + (serving.usd ?? 0) };
  };
  // Loss falls with the training share, so the plan takes the largest share that fits. Serving cost
  // is not strictly monotone in size (the shape family's KV cache per token steps with its layer
  // count), so a log grid finds the largest feasible share before a bisection refines it.
  const grid = logSpace(1e-6, 1, 48).reverse();
  const i = grid.findIndex((s) => at(s).total <= budget);
  if (i < 0) throw new PlanError(`serving ${fmtCount(w.requestsPerDay)} requests a day for ${horizonDays} days costs more than the budget even for a tiny model`);
  let lo = grid[i];
  let hi = i === 0 ? 1 : grid[i - 1];
  for (let k = 0; k < 16 && i > 0; k++) {
    const mid = Math.sqrt(lo * hi);
    if (at(mid).total <= budget) lo = mid;
    else hi = mid;
  }
  const best = at(lo);
  const lifetime = lifetimeBudget({ training: trainingPart(best.training), distillation: null, postTraining: null, serving: best.serving }, horizonDays);
  let distill: DistillAdvice;
  try {
    distill = distillAdvice(countParams(plannedShape(best.training.params)).nonEmbedding, best.training.tokens, w.teacher);
  } catch (e) {
    if (e instanceof DistillInputError) throw new PlanError(e.message);
    throw e;
  }
  return { training: best.training, serve: best.serve, serveSpec: spec, horizonDays, trainingShare: lo, lifetime, distill };
}
