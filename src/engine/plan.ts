// Budget -> plan: the compute a budget buys on a fleet, and the compute-optimal model for it.

import { estimateCost, flopsWithinBudget, type CostEstimate } from './cost';
import { dataConstrainedLoss } from './dataConstrained';
import { DEFAULT_PUE, DEFAULT_GRID_GCO2_PER_KWH, findAccelerator, peakFlops, type Accelerator } from './hardware';
import { inferenceAwareOptimum, lifetimeFlops } from './inferenceAware';
import { DEFAULT_LAW, FLOPS_PER_PARAM_TOKEN, LAWS, coefficientsOf, optimalFor, type ParametricCoefficients } from './laws';
import { goldenMin } from './optimize';
import type { Layout } from './layout';
import { plannedThroughput } from './plannedThroughput';
import { costRanges, NO_RANGES, type CostRanges, type Range } from './ranges';
import { MFU_PRIOR } from './mfuPrior';
import type { LawId, Precision } from './types';

/** Budgets of the family, as multiples of the config's compute. */
export const FAMILY_MULTIPLES = [0.1, 0.3, 1, 3, 10] as const;

export interface PlanRequest {
  usd?: number;
  gpuHours?: number;
  flops?: number;
  days?: number;
  accelerator: string;
  count?: number;
  mfu?: number;
  pricePerHour?: number;
  precision?: Precision;
  law?: LawId;
  uniqueTokens?: number;
  inferenceTokens?: number;
  pue?: number;
  gridGco2PerKwh?: number;
  customAccelerators?: Accelerator[];
}

export interface PlanPoint {
  flops: number;
  params: number;
  tokens: number;
  loss: number;
  usd: number | null;
  days: number | null;
  gpuHours: number;
}

/** The plan's cost figures (GPU-hours, wall clock, dollars, energy, CO2) are its training run's, cost.ts. */
export interface Plan extends CostEstimate {
  law: LawId;
  accelerator: string;
  count: number;
  /** The central MFU used: stated, or predicted for the planned model and layout (throughput.ts). */
  mfu: number;
  mfuSource: 'stated' | 'prior';
  /** The layout chosen for the planned model (a predicted MFU); null when stated or when none fits. */
  layout: Layout | null;
  pricePerHour: number | null;
  flops: number;
  /** With a predicted MFU and a money, hours or days budget: the FLOPs it buys at P10-P90 of the held-out scatter. */
  flopsRange: Range | null;
  /** With a predicted MFU and a FLOPs budget: P10-P90 of time, hours, dollars, energy, CO2. */
  ranges: CostRanges;
  params: number;
  tokens: number;
  tokensPerParam: number;
  loss: number;
  /** True when the unique-token limit moved the optimum (Muennighoff et al. 2023). */
  dataConstrained: boolean;
  inferenceAware: null | { params: number; tokens: number; savingFraction: number };
  /** Compute-optimal points for 0.1x to 10x this budget. */
  family: PlanPoint[];
}

export class PlanError extends Error {}

function coefficients(law: LawId): ParametricCoefficients | undefined {
  return coefficientsOf(LAWS[law]);
}

/** Optimum at compute C, respecting a unique-token limit when one is given. */
export function optimumAt(law: LawId, C: number, uniqueTokens?: number): { params: number; tokens: number; loss: number; constrained: boolean } {
  const o = optimalFor(LAWS[law], C);
  const c = coefficients(law);
  if (!uniqueTokens || !c || o.tokens <= uniqueTokens) return { ...o, constrained: false };
  const lossAtN = (logN: number): number => {
    const N = Math.exp(logN);
    return dataConstrainedLoss(c, N, C / (FLOPS_PER_PARAM_TOKEN * N), uniqueTokens);
  };
  const logN = goldenMin(lossAtN, Math.log(o.params) - Math.log(1e4), Math.log(o.params) + Math.log(1e4), 1e-12);
  const N = Math.exp(logN);
  return { params: N, tokens: C / (FLOPS_PER_PARAM_TOKEN * N), loss: lossAtN(logN), constrained: true };
}

export function planBudget(r: PlanRequest): Plan {
  const law = r.law ?? DEFAULT_LAW;
  const acc = findAccelerator(r.accelerator, r.customAccelerators);
  if (!acc) throw new PlanError(`unknown accelerator "${r.accelerator}"`);
  const peak = peakFlops(acc, r.precision ?? 'bf16');
  if (!peak) throw new PlanError(`${acc.name} has no published ${r.precision ?? 'bf16'} peak`);
  const count = r.count ?? 1;
  const price = r.pricePerHour ?? acc.price?.default;
  if (r.usd !== undefined && price === undefined) throw new PlanError(`no default price for ${acc.id}; pass a price per GPU-hour`);
  const computeAt = (m: number): number => Math.min(flopsWithinBudget({ peakFlops: peak, mfu: m, count, pricePerHour: price, usd: r.usd, gpuHours: r.gpuHours, days: r.days }) ?? Infinity, r.flops ?? Infinity);
  const predicted = r.mfu === undefined ? predictedPlanMfu(r, acc, count, computeAt) : null;
  const mfu = r.mfu ?? predicted!.mfu;
  const C = computeAt(mfu);
  if (!Number.isFinite(C) || C <= 0) throw new PlanError('give a budget: dollars, GPU-hours, FLOPs or a deadline in days');
  // A FLOPs budget fixes the work: time and cost carry the range. A money, hours or days budget fixes the spend: the FLOPs it buys carry it.
  const flopsBound = r.flops !== undefined && r.flops <= C;
  const costOf = (flops: number) =>
    estimateCost({ flops, peakFlops: peak, mfu, count, pricePerHour: price, powerW: acc.powerW, pue: r.pue ?? DEFAULT_PUE, gridGco2PerKwh: r.gridGco2PerKwh ?? DEFAULT_GRID_GCO2_PER_KWH });
  const o = optimumAt(law, C, r.uniqueTokens);
  const cost = costOf(C);
  let inferenceAware: Plan['inferenceAware'] = null;
  const c = coefficients(law);
  if (r.inferenceTokens && c) {
    const ia = inferenceAwareOptimum(c, o.loss, r.inferenceTokens);
    if (ia) {
      const base = lifetimeFlops(o.params, o.tokens, r.inferenceTokens);
      inferenceAware = { params: ia.params, tokens: ia.tokens, savingFraction: 1 - ia.lifetimeFlops / base };
    }
  }
  const family = FAMILY_MULTIPLES.map((k) => {
    const f = C * k;
    const p = optimumAt(law, f, r.uniqueTokens);
    const fc = costOf(f);
    return { flops: f, params: p.params, tokens: p.tokens, loss: p.loss, usd: fc.usd, days: fc.wallClockDays, gpuHours: fc.gpuHours };
  });
  return {
    law,
    accelerator: acc.id,
    count,
    mfu,
    mfuSource: predicted ? 'prior' : 'stated',
    layout: predicted?.layout ?? null,
    pricePerHour: price ?? null,
    flops: C,
    flopsRange: predicted && !flopsBound ? [C / MFU_PRIOR.heldOutP90, C / MFU_PRIOR.heldOutP10] : null,
    ranges: predicted && flopsBound ? costRanges(cost) : NO_RANGES,
    params: o.params,
    tokens: o.tokens,
    tokensPerParam: o.tokens / o.params,
    loss: o.loss,
    gpuHours: cost.gpuHours,
    wallClockDays: cost.wallClockDays,
    usd: cost.usd,
    energyKwh: cost.energyKwh,
    co2Kg: cost.co2Kg,
    dataConstrained: o.constrained,
    inferenceAware,
    family,
  };
}

/** Iterations of model size and MFU: the MFU sets the compute a budget buys, the compute the model size, the size the MFU. Three settle it to under 1%. */
const MFU_ITERATIONS = 3;

/** The MFU predicted for the compute-optimal model the budget buys on this fleet, and its layout. */
function predictedPlanMfu(r: PlanRequest, acc: Accelerator, count: number, computeAt: (mfu: number) => number): { mfu: number; layout: Layout | null } {
  const law = r.law ?? DEFAULT_LAW;
  const precision = r.precision ?? 'bf16';
  // Start from the pooled prior (the mean of all published runs), then follow the planned model.
  let out: { mfu: number; layout: Layout | null } = { mfu: Math.exp(MFU_PRIOR.logUtilisation.pooled), layout: null };
  for (let k = 0; k < MFU_ITERATIONS; k++) {
    const C = computeAt(out.mfu);
    if (!Number.isFinite(C) || C <= 0) break;
    const t = plannedThroughput({ acc, precision, params: optimumAt(law, C, r.uniqueTokens).params, count });
    if (!t) break;
    out = t;
  }
  return out;
}
