// The frontier card: the compute-optimal loss L*(C) around the config's compute, the config and
// the optimum on it, the family, an optional second law; its summary text and CSV.

import type { Report } from '../analyze';
import { fmtCount, fmtFlops } from '../format';
import { LAWS, coefficientsOf, frontierCurve, logSpace, type Law } from '../laws';
import { optimumAt } from '../plan';
import type { LawId } from '../types';
import { toCsv, type Cell } from './csv';
import { familyData, type FamilyRow } from './family';
import { CURVE_POINTS, FRONTIER_SPAN, kaplanNote, lawCompute, lawParamsKind, uniqueNote, uniqueTokenLimit, type ParamsKind, type XY } from './params';

export interface FrontierData {
  law: LawId;
  lawName: string;
  compute: number;
  range: [number, number];
  frontier: XY[];
  overlay: { law: LawId; lawName: string; points: XY[] } | null;
  /** This config: (compute, predicted loss). */
  config: XY;
  /** The compute-optimal model at the same compute. */
  optimum: XY & { params: number; tokens: number };
  /** The family along the frontier, as (compute, loss). */
  family: XY[];
  /**
   * The unique-token limit the frontier, the optimum and the family respect (the config's loss
   * does too), or null when they are the law's unconstrained curves. See uniqueTokenLimit().
   */
  uniqueTokens: number | null;
  /** With a unique-token limit that binds at this compute: the optimum with unlimited fresh data. */
  unconstrainedOptimum: (XY & { params: number; tokens: number }) | null;
  /** What N counts (MoE: active; Kaplan: non-embedding). */
  params: ParamsKind;
  /** Caveats for the summary text (unique-token limit, Kaplan's parameter count). */
  notes: string[];
}

/**
 * Frontier L*(C) from C/1000 to C·1000 with the config, the optimum at its compute and the family.
 * With a unique-token limit (see uniqueTokenLimit) the frontier and the optimum are the
 * data-constrained ones, the same optimumAt() the family rows come from, so the 1× row, the optimum
 * and the config (whose loss uses D′) agree.
 */
export function frontierData(r: Report, opts: { overlay?: LawId | null; points?: number; family?: FamilyRow[] } = {}): FrontierData | null {
  const C = lawCompute(r);
  if (C === null || r.scaling.optimalParams === null || r.scaling.optimalTokens === null || r.scaling.optimalLoss === null) return null;
  const law = LAWS[r.scaling.law];
  const n = opts.points ?? CURVE_POINTS;
  const range: [number, number] = [C / FRONTIER_SPAN, C * FRONTIER_SPAN];
  const overlayLaw = opts.overlay && opts.overlay !== law.id ? LAWS[opts.overlay] : null;
  const U = uniqueTokenLimit(r);
  const curve = (l: Law): XY[] =>
    U === null ? frontierCurve(l, range[0], range[1], n) : logSpace(range[0], range[1], n).map((x) => ({ x, y: optimumAt(l.id, x, U).loss }));
  const plain = { x: C, y: r.scaling.optimalLoss, params: r.scaling.optimalParams, tokens: r.scaling.optimalTokens };
  const o = U === null ? null : optimumAt(law.id, C, U);
  const optimum = o ? { x: C, y: o.loss, params: o.params, tokens: o.tokens } : plain;
  const notes: string[] = [];
  if (U !== null) {
    notes.push(uniqueNote(U));
    if (o?.constrained) notes.push(`With unlimited fresh data the optimum would reach ${plain.y.toFixed(3)} (${fmtCount(plain.params)} ${lawParamsKind(r).short} on ${fmtCount(plain.tokens)} tokens).`);
    if (overlayLaw && !coefficientsOf(overlayLaw)) notes.push(`${overlayLaw.name} has no data-constrained form; its frontier is drawn without the limit.`);
  }
  const k = kaplanNote(r, C);
  if (k) notes.push(k);
  return {
    law: law.id,
    lawName: law.name,
    compute: C,
    range,
    frontier: curve(law),
    overlay: overlayLaw ? { law: overlayLaw.id, lawName: overlayLaw.name, points: curve(overlayLaw) } : null,
    config: { x: C, y: r.scaling.loss! },
    optimum,
    family: (opts.family ?? familyData(r)).map((f) => ({ x: f.flops, y: f.loss })),
    uniqueTokens: U,
    unconstrainedOptimum: o?.constrained ? plain : null,
    params: lawParamsKind(r),
    notes,
  };
}

/** The frontier card's summary: the config, the optimum at its compute and the caveats. */
export function frontierSummary(d: FrontierData): string {
  const gap = d.config.y - d.optimum.y;
  return [
    `${d.lawName}. This config: ${fmtFlops(d.config.x)} FLOPs, loss ${d.config.y.toFixed(3)}; the optimum at the same compute (${fmtCount(d.optimum.params)} ${d.params.short} on ${fmtCount(d.optimum.tokens)} tokens) reaches ${d.optimum.y.toFixed(3)}${gap > 0.0005 ? ` (${gap.toFixed(3)} lower)` : ''}.`,
    ...d.notes,
  ].join(' ');
}

export function frontierCsv(d: FrontierData): string {
  const rows: Cell[][] = [
    ...d.frontier.map((p) => [`frontier (${d.law})`, p.x, p.y]),
    ...(d.overlay ? d.overlay.points.map((p) => [`frontier (${d.overlay!.law})`, p.x, p.y]) : []),
    ['this config', d.config.x, d.config.y],
    ['optimum at this compute', d.optimum.x, d.optimum.y],
    ...d.family.map((p) => ['family', p.x, p.y]),
  ];
  return toCsv(['series', 'compute_flops', 'loss'], rows);
}
