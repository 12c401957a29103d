// Chart data for the planning panel, shaped from a Report: the compute-optimal frontier with the
// config on it, the isoFLOP profile at the config's compute, accelerators side by side, memory per
// device and the family along the frontier. Pure (no DOM); the webviews draw these and tests check
// them. Also the CSV text of each chart's data.

import type { EngineOptions, Report } from './analyze';
import { compareAccelerators } from './compare';
import { dataConstrainedLoss } from './dataConstrained';
import { fmtCount, fmtDays, fmtFlops, fmtMoney, fmtPercent, fmtRange, USD, type Money } from './format';
import { DEFAULT_GRID_GCO2_PER_KWH, DEFAULT_PUE } from './hardware';
import { FLOPS_PER_PARAM_TOKEN, LAWS, coefficientsOf, lawParamCount, frontierCurve, logSpace, lossAt, type CurvePoint, type Law } from './laws';
import { goldenMin } from './optimize';
import { FAMILY_MULTIPLES, optimumAt, planBudget, PlanError } from './plan';
import { comparisonMfu } from './plannedThroughput';
import type { Range } from './ranges';
import type { LawId } from './types';
import { DEFAULT_THRESHOLDS } from './analyze';

export type XY = CurvePoint;

/** How far either side of the config's compute the frontier is drawn (x1000 each way). */
export const FRONTIER_SPAN = 1000;
/** Points per curve. */
export const CURVE_POINTS = 61;
export { FAMILY_MULTIPLES };

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
function lossFn(law: Law, unique: number | null): (N: number, D: number) => number {
  const c = unique !== null ? coefficientsOf(law) : undefined;
  return c ? (N, D) => dataConstrainedLoss(c, N, D, unique!) : (N, D) => lossAt(law, N, D);
}

/** Kaplan counts non-embedding parameters, so its compute is below the report's 6·N·D (Kaplan Sec. 2.1). */
function kaplanNote(r: Report, C: number): string | null {
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

export interface FamilyRow {
  /** Compute as a multiple of the config's (1 = this config's compute). */
  multiple: number;
  flops: number;
  params: number;
  tokens: number;
  loss: number;
  usd: number | null;
  days: number | null;
  gpuHours: number | null;
}

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

export interface AcceleratorBar {
  id: string;
  name: string;
  current: boolean;
  memoryGb: number;
  gpuHours: number;
  /** Wall clock on the config's device count; null when the count is not given (GPU-hours and cost do not need it). */
  days: number | null;
  usd: number | null;
  usdLow: number | null;
  usdHigh: number | null;
  co2Kg: number | null;
  /** This device's MFU: the stated one, or its own prediction (plannedThroughput.ts comparisonMfu). */
  mfu: number;
  /** P10-P90 with a predicted MFU; null with a stated one (or days without a count). */
  gpuHoursRange: Range | null;
  daysRange: Range | null;
  usdRange: Range | null;
}

export interface MemoryData {
  /** GiB per device (vendors' "80 GB" is 80 GiB). */
  segments: Array<{ id: 'weights' | 'gradients' | 'optimizer' | 'activations'; label: string; gb: number }>;
  /** Model states plus activations (activations count 0 when unknown: see activationsKnown). */
  totalGb: number;
  capacityGb: number | null;
  usableGb: number | null;
  fits: boolean | null;
  activationsKnown: boolean;
}

export interface PanelCharts {
  frontier: FrontierData | null;
  isoFlop: IsoFlopData | null;
  accelerators: AcceleratorBar[];
  memory: MemoryData | null;
  family: FamilyRow[];
}

/** The family along the frontier for 0.1x to 10x the config's compute, costed on its hardware. */
export function familyData(r: Report, options: EngineOptions = {}): FamilyRow[] {
  const C = lawCompute(r);
  if (C === null) return [];
  const law = r.scaling.law;
  const unique = r.data.uniqueTokens ?? undefined;
  if (r.hardware.accelerator) {
    try {
      const p = planBudget({
        flops: C,
        accelerator: r.hardware.accelerator,
        count: r.hardware.count ?? 1,
        mfu: r.hardware.mfu,
        pricePerHour: r.hardware.pricePerHour ?? undefined,
        precision: r.hardware.precision,
        law,
        uniqueTokens: unique,
        pue: r.hardware.pue,
        gridGco2PerKwh: r.hardware.gridGco2PerKwh,
        customAccelerators: options.customAccelerators,
      });
      return p.family.map((f, i) => ({
        multiple: FAMILY_MULTIPLES[i],
        flops: f.flops,
        params: f.params,
        tokens: f.tokens,
        loss: f.loss,
        usd: f.usd,
        days: r.hardware.count === null ? null : f.days,
        gpuHours: f.gpuHours,
      }));
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
    }
  }
  return FAMILY_MULTIPLES.map((k) => {
    const o = optimumAt(law, C * k, unique);
    return { multiple: k, flops: C * k, params: o.params, tokens: o.tokens, loss: o.loss, usd: null, days: null, gpuHours: null };
  });
}

/** A note on the unique-token limit, shared by the frontier and isoFLOP summaries. */
function uniqueNote(U: number): string {
  return `Curves, points and the family account for the ${fmtCount(U)} unique-token limit: tokens past it count at their repeated-data value D′ (Muennighoff et al. 2023).`;
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

/**
 * The config's training FLOPs on every accelerator with a peak at its precision, cheapest first.
 * Without a device count the wall clock is unknown (days null); GPU-hours and cost do not depend
 * on the count (one device is used only to order the rows).
 */
export function acceleratorData(r: Report, options: EngineOptions = {}): AcceleratorBar[] {
  if (r.compute.flops === null) return [];
  const known = r.hardware.count !== null;
  return compareAccelerators({
    flops: r.compute.flops,
    count: r.hardware.count ?? 1,
    mfu: comparisonMfu(r, options.customAccelerators),
    predicted: r.hardware.mfuSource === 'prior' ? { countKnown: known } : undefined,
    precision: r.hardware.precision,
    pue: r.hardware.pue ?? DEFAULT_PUE,
    gridGco2PerKwh: r.hardware.gridGco2PerKwh ?? DEFAULT_GRID_GCO2_PER_KWH,
    prices: options.prices,
    custom: options.customAccelerators,
  }).map((a) => ({
    id: a.id,
    name: a.name,
    current: a.id === r.hardware.accelerator,
    memoryGb: a.memoryGb,
    gpuHours: a.gpuHours,
    days: known ? a.wallClockDays : null,
    usd: a.usd,
    usdLow: a.usdLow,
    usdHigh: a.usdHigh,
    co2Kg: a.co2Kg,
    mfu: a.mfu,
    gpuHoursRange: a.gpuHoursRange,
    daysRange: known ? a.wallClockDaysRange : null,
    usdRange: a.usdRange,
  }));
}

/** Weights, gradients, optimizer states and activations per device against its capacity. */
export function memoryData(r: Report, options: EngineOptions = {}): MemoryData | null {
  const m = r.memory;
  // Nothing to draw when the model states per device are unknown (no parameter count, or ZeRO
  // sharding over an unknown device count); unknown activations are drawn as 0 and flagged.
  if (m.statesGb === null || m.weightsGb === null || m.gradientsGb === null || m.optimizerGb === null) return null;
  const headroom = options.thresholds?.memoryHeadroom ?? DEFAULT_THRESHOLDS.memoryHeadroom;
  return {
    segments: [
      { id: 'weights', label: 'Weights', gb: m.weightsGb },
      { id: 'gradients', label: 'Gradients', gb: m.gradientsGb },
      { id: 'optimizer', label: 'Optimizer states', gb: m.optimizerGb },
      { id: 'activations', label: 'Activations', gb: m.activationsGb ?? 0 },
    ],
    totalGb: m.perDeviceGb ?? m.statesGb,
    capacityGb: m.capacityGb,
    usableGb: m.capacityGb === null ? null : m.capacityGb * headroom,
    fits: m.fits,
    activationsKnown: m.activationsGb !== null,
  };
}

/** Every chart of the panel for one report. */
export function panelCharts(r: Report, options: EngineOptions = {}, overlay: LawId | null = null): PanelCharts {
  const family = familyData(r, options);
  return {
    frontier: frontierData(r, { overlay, family }),
    isoFlop: isoFlopData(r),
    accelerators: acceleratorData(r, options),
    memory: memoryData(r, options),
    family,
  };
}

/** Number of drawn points per chart (what the webview reports back and the tests check). */
export function pointCounts(c: PanelCharts): Record<string, number> {
  const f = c.frontier;
  const i = c.isoFlop;
  return {
    frontier: f ? f.frontier.length : 0,
    overlay: f?.overlay ? f.overlay.points.length : 0,
    family: f ? f.family.length : 0,
    isoFlop: i ? i.curve.length : 0,
    accelerators: c.accelerators.length,
    memory: c.memory ? c.memory.segments.length : 0,
  };
}

// ---------------------------------------------------------------- summary text

/** The frontier card's summary: the config, the optimum at its compute and the caveats. */
export function frontierSummary(d: FrontierData): string {
  const gap = d.config.y - d.optimum.y;
  return [
    `${d.lawName}. This config: ${fmtFlops(d.config.x)} FLOPs, loss ${d.config.y.toFixed(3)}; the optimum at the same compute (${fmtCount(d.optimum.params)} ${d.params.short} on ${fmtCount(d.optimum.tokens)} tokens) reaches ${d.optimum.y.toFixed(3)}${gap > 0.0005 ? ` (${gap.toFixed(3)} lower)` : ''}.`,
    ...d.notes,
  ].join(' ');
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

/** Whether the accelerator rows have a wall clock (they do when the device count is given). */
export function wallClockKnown(rows: readonly AcceleratorBar[]): boolean {
  return rows.length > 0 && rows.every((a) => a.days !== null);
}

/**
 * The accelerator card's summary. Without a device count it says so and names the device with the
 * fewest GPU-hours (fastest on any equal fleet) instead of a wall clock.
 */
export function acceleratorSummary(rows: readonly AcceleratorBar[], r: Report, opts: { metric?: 'usd' | 'days'; money?: Money } = {}): string {
  const m$ = (usd: number): string => fmtMoney(usd, opts.money ?? USD);
  const flops = r.compute.flops === null ? '—' : fmtFlops(r.compute.flops);
  const cheapest = rows.find((a) => a.usd !== null);
  const cheap = `Cheapest: ${cheapest ? `${cheapest.id} (${m$(cheapest.usd!)}${fmtRange(cheapest.usdRange, m$)})` : '—'}`;
  const at = r.hardware.mfuSource === 'prior' ? "each device's predicted MFU (P10–P90 in brackets)" : `${fmtPercent(r.hardware.mfu)} MFU`;
  const priced = opts.metric === 'usd' ? ' Devices without a catalog price are left out of the cost view.' : '';
  if (r.hardware.count === null || !wallClockKnown(rows)) {
    const fewest = [...rows].sort((a, b) => a.gpuHours - b.gpuHours)[0];
    return (
      `The same ${flops} FLOPs on each accelerator at ${at}. The device count is not given, so there is no wall-clock time (GPU-hours and cost do not depend on it). ` +
      `${cheap}${fewest ? `; fewest GPU-hours: ${fewest.id} (${fmtCount(fewest.gpuHours)})` : ''}.${priced}` +
      (opts.metric === 'days' ? ' The time view shows GPU-hours until hardware.count is set.' : '')
    );
  }
  const fastest = [...rows].sort((a, b) => a.days! - b.days!)[0];
  return `The same ${flops} FLOPs on ${r.hardware.count} devices at ${at}. ${cheap}; fastest: ${fastest.id} (${fmtDays(fastest.days!)}${fmtRange(fastest.daysRange, fmtDays)}).${priced}`;
}

// ---------------------------------------------------------------- CSV

type Cell = string | number | boolean | null | undefined;

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  // A spreadsheet would run a cell starting with = + - @ as a formula.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 text: a header row, then one line per row, CRLF line ends. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
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

export function isoFlopCsv(d: IsoFlopData): string {
  const rows: Cell[][] = [
    ...d.curve.map((p) => [`isoflop (${d.law})`, p.x, isoFlopTokens(d, p.x), p.y]),
    ['minimum', d.minimum.x, d.minimum.tokens, d.minimum.y],
    ...(d.lawOptimum ? [['law optimum', d.lawOptimum.x, d.lawOptimum.tokens, d.lawOptimum.y]] : []),
    ['this config', d.config.x, d.config.tokens, d.config.y],
  ];
  return toCsv(['series', 'params', 'tokens', 'loss'], rows);
}

export function acceleratorCsv(rows: readonly AcceleratorBar[]): string {
  return toCsv(
    ['accelerator', 'name', 'current', 'gpu_hours', 'wall_clock_days', 'usd', 'usd_low', 'usd_high', 'co2_kg'],
    rows.map((a) => [a.id, a.name, a.current, a.gpuHours, a.days, a.usd, a.usdLow, a.usdHigh, a.co2Kg]),
  );
}

export function memoryCsv(d: MemoryData): string {
  return toCsv(['part', 'gb_per_device'], [
    ...d.segments.map((s) => [s.label, d.activationsKnown || s.id !== 'activations' ? s.gb : null]),
    ['total', d.totalGb],
    ['capacity', d.capacityGb],
    ['usable', d.usableGb],
  ]);
}

export function familyCsv(rows: readonly FamilyRow[]): string {
  return toCsv(
    ['compute_multiple', 'compute_flops', 'params', 'tokens', 'loss', 'usd', 'wall_clock_days', 'gpu_hours'],
    rows.map((f) => [f.multiple, f.flops, f.params, f.tokens, f.loss, f.usd, f.days, f.gpuHours]),
  );
}
