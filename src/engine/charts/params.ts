// What the law on a chart counts and where the config sits for it: the law's parameter count
// (Kaplan: non-embedding), the config's compute as the law sees it, the unique-token limit the
// config's loss respects, and the caveats the summaries share.

import type { Report } from '../analyze';
import { dataConstrainedLoss } from '../dataConstrained';
import { fmtCount, fmtFlops } from '../format';
import { FLOPS_PER_PARAM_TOKEN, LAWS, coefficientsOf, lawParamCount, lossAt, type CurvePoint, type Law } from '../laws';
import type { LawId } from '../types';

export type XY = CurvePoint;

/** How far either side of the config's compute the frontier is drawn (x1000 each way). */
export const FRONTIER_SPAN = 1000;
/** Points per curve. */
export const CURVE_POINTS = 61;

/** Parameters in the law's own convention (Kaplan counts non-embedding ones), as analyze() uses. */
export function lawParams(r: Report, law: LawId = r.scaling.law): number | null {
  return lawParamCount(LAWS[law], r.model.paramsActive, r.model.paramsNonEmbedding);
}

/** Which parameters the law's N counts for this report, as axis titles and summaries name them. */
export interface ParamsKind {
  /** "parameters", "active parameters" (MoE) or "non-embedding parameters" (Kaplan). */
  label: string;
  /** The same, short: "params", "active params", "non-embedding params". */
  short: string;
}

export function lawParamsKind(r: Report, law: LawId = r.scaling.law): ParamsKind {
  if (LAWS[law].params === 'non-embedding' && r.model.paramsNonEmbedding !== null) return { label: 'non-embedding parameters', short: 'non-embedding params' };
  const moe = r.model.paramsActive !== null && r.model.paramsTotal !== null && r.model.paramsActive !== r.model.paramsTotal;
  return moe ? { label: 'active parameters', short: 'active params' } : { label: 'parameters', short: 'params' };
}

/**
 * The unique-token limit the config's predicted loss already respects: analyze() uses Muennighoff
 * et al. 2023's D′ (and N′) whenever unique tokens are known and the law has parametric
 * coefficients, so the curves drawn with that loss must do the same. Null when the loss is the
 * law's plain L(N, D).
 */
export function uniqueTokenLimit(r: Report): number | null {
  const U = r.data.uniqueTokens;
  return U !== null && U > 0 && coefficientsOf(LAWS[r.scaling.law]) ? U : null;
}

/** L(N, D) as the config's own loss is computed: data-constrained when a unique-token limit applies. */
export function lossFn(law: Law, unique: number | null): (N: number, D: number) => number {
  const c = unique !== null ? coefficientsOf(law) : undefined;
  return c ? (N, D) => dataConstrainedLoss(c, N, D, unique!) : (N, D) => lossAt(law, N, D);
}

/** Kaplan counts non-embedding parameters, so its compute is below the report's 6·N·D (Kaplan Sec. 2.1). */
export function kaplanNote(r: Report, C: number): string | null {
  if (LAWS[r.scaling.law].params !== 'non-embedding') return null;
  const ne = r.model.paramsNonEmbedding;
  if (ne === null) return 'Kaplan et al. 2020 count non-embedding parameters (Sec. 2.1); the shape is not known, so all parameters are used here.';
  const train = r.compute.flops;
  return (
    `Kaplan et al. 2020 count non-embedding parameters (Sec. 2.1): compute here is 6·N·D with N = ${fmtCount(ne)} non-embedding, ${fmtFlops(C)} FLOPs` +
    (train !== null && Math.abs(train - C) > 1e-9 * train ? `, not the ${fmtFlops(train)} training FLOPs counted with all ${fmtCount(r.model.paramsActive ?? ne)} parameters.` : '.')
  );
}

/** The config's compute as the law sees it: 6·N·D with the law's N; null when not on a frontier. */
export function lawCompute(r: Report): number | null {
  const N = lawParams(r);
  const D = r.data.tokens;
  if (N === null || D === null || r.scaling.loss === null || !(N > 0) || !(D > 0)) return null;
  return FLOPS_PER_PARAM_TOKEN * N * D;
}

/** A note on the unique-token limit, shared by the frontier and isoFLOP summaries. */
export function uniqueNote(U: number): string {
  return `Curves, points and the family account for the ${fmtCount(U)} unique-token limit: tokens past it count at their repeated-data value D′ (Muennighoff et al. 2023).`;
}
