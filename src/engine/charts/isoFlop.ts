// The isoFLOP card: loss against parameters at the config's compute (D = C / 6N), its minimum,
// the law's own allocation and the config; its summary text and CSV.

import type { Report } from '../analyze';
import { fmtCount, fmtFlops } from '../format';
import { FLOPS_PER_PARAM_TOKEN, LAWS, logSpace } from '../laws';
import { goldenMin } from '../optimize';
import type { LawId } from '../types';
import { toCsv, type Cell } from './csv';
import { CURVE_POINTS, kaplanNote, lawCompute, lawParams, lawParamsKind, lossFn, uniqueNote, uniqueTokenLimit, type ParamsKind, type XY } from './params';

export interface IsoFlopData {
  law: LawId;
  compute: number;
  range: [number, number];
  /** L(N | C) with D = C / (6N). */
  curve: XY[];
  /** The curve's minimum (found numerically, so it is exact for every law). */
  minimum: XY & { tokens: number };
  /** The law's own allocation rule at this compute (differs from the minimum for Kaplan and Approach 1). */
  lawOptimum: (XY & { tokens: number }) | null;
  /** This config: (N, predicted loss). */
  config: XY & { tokens: number };
  /** The unique-token limit the curve respects, as the config's loss does (null: the plain law). */
  uniqueTokens: number | null;
  /** What N on the x axis counts (MoE: active; Kaplan: non-embedding). */
  params: ParamsKind;
  /** Caveats for the summary text. */
  notes: string[];
}

/** Tokens at N on an isoFLOP profile: D = C / (6N). */
export function isoFlopTokens(d: IsoFlopData, N: number): number {
  return d.compute / (FLOPS_PER_PARAM_TOKEN * N);
}

/**
 * isoFLOP profile at the config's compute, wide enough to show both the config and the minimum.
 * The curve is L(N, C/(6N)) computed as the config's own loss is: with a unique-token limit it is
 * the data-constrained loss (Muennighoff D′ for D > U), so the config lies on its curve.
 */
export function isoFlopData(r: Report, opts: { points?: number } = {}): IsoFlopData | null {
  const C = lawCompute(r);
  const N = lawParams(r);
  if (C === null || N === null) return null;
  const law = LAWS[r.scaling.law];
  const U = uniqueTokenLimit(r);
  const L = lossFn(law, U);
  const lossAtN = (n: number): number => L(n, C / (FLOPS_PER_PARAM_TOKEN * n));
  const at = (logN: number): number => lossAtN(Math.exp(logN));
  const guess = r.scaling.optimalParams ?? N;
  const lo0 = Math.log(Math.min(guess, N)) - Math.log(1e4);
  const hi0 = Math.log(Math.max(guess, N)) + Math.log(1e4);
  const nMin = Math.exp(goldenMin(at, lo0, hi0, 1e-12));
  const lo = Math.min(nMin, N) / 10;
  const hi = Math.max(nMin, N) * 10;
  const lawOpt = r.scaling.optimalParams;
  const notes: string[] = [];
  if (U !== null) notes.push(uniqueNote(U));
  const k = kaplanNote(r, C);
  if (k) notes.push(k);
  return {
    law: law.id,
    compute: C,
    range: [lo, hi],
    curve: logSpace(lo, hi, opts.points ?? CURVE_POINTS).map((x) => ({ x, y: lossAtN(x) })),
    minimum: { x: nMin, y: lossAtN(nMin), tokens: C / (FLOPS_PER_PARAM_TOKEN * nMin) },
    lawOptimum: lawOpt !== null && Math.abs(Math.log(lawOpt / nMin)) > 0.01 ? { x: lawOpt, y: lossAtN(lawOpt), tokens: C / (FLOPS_PER_PARAM_TOKEN * lawOpt) } : null,
    config: { x: N, y: r.scaling.loss!, tokens: r.data.tokens! },
    uniqueTokens: U,
    params: lawParamsKind(r),
    notes,
  };
}

/** The isoFLOP card's summary: where the config sits against the minimum, in the law's parameter count. */
export function isoFlopSummary(d: IsoFlopData): string {
  const ratio = d.config.x / d.minimum.x;
  const times = (x: number): string => x.toFixed(x < 10 ? 1 : 0);
  const where =
    Math.abs(Math.log(ratio)) < Math.log(1.05)
      ? 'This config is at the minimum'
      : `This config has ${ratio >= 1 ? `${times(ratio)}× more` : `${times(1 / ratio)}× fewer`} ${d.params.label} than the minimum`;
  const cost = d.config.y - d.minimum.y;
  return [
    `Same compute (${fmtFlops(d.compute)} FLOPs), different splits of ${d.params.label} and tokens. ${where} (${fmtCount(d.minimum.x)} ${d.params.short} on ${fmtCount(d.minimum.tokens)} tokens)${cost >= 0.0005 ? ` and pays ${cost.toFixed(3)} in loss` : ''}.`,
    ...d.notes,
  ].join(' ');
}

export function isoFlopCsv(d: IsoFlopData): string {
  const rows: Cell[][] = [
    ...d.curve.map((p) => [`isoflop (${d.law})`, p.x, isoFlopTokens(d, p.x), p.y]),
    ['minimum', d.minimum.x, d.minimum.tokens, d.minimum.y],
    ...(d.lawOptimum ? [['law optimum', d.lawOptimum.x, d.lawOptimum.tokens, d.lawOptimum.y]] : []),
    ['this config', d.config.x, d.config.tokens, d.config.y],
  ];
  return toCsv(['series', 'params', 'tokens', 'loss'], rows);
}
