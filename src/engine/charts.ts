// Chart data for the planning panel, shaped from a Report: the compute-optimal frontier with the
// config on it, the isoFLOP profile at the config's compute, accelerators side by side, memory per
// device and the family along the frontier. Pure (no DOM); the webviews draw these and tests check
// them. Also the CSV text of each chart's data.

import type { EngineOptions, Report } from './analyze';
import { compareAccelerators } from './compare';
import { DEFAULT_GRID_GCO2_PER_KWH, DEFAULT_PUE } from './hardware';
import { FLOPS_PER_PARAM_TOKEN, LAWS, frontierCurve, isoFlopCurve, lossAt, type CurvePoint } from './laws';
import { goldenMin } from './optimize';
import { optimumAt, planBudget, PlanError } from './plan';
import type { LawId } from './types';
import { DEFAULT_THRESHOLDS } from './analyze';

export type XY = CurvePoint;

/** How far either side of the config's compute the frontier is drawn (x1000 each way). */
export const FRONTIER_SPAN = 1000;
/** Points per curve. */
export const CURVE_POINTS = 61;
/** Budgets of the family, as multiples of the config's compute. */
export const FAMILY_MULTIPLES = [0.1, 0.3, 1, 3, 10] as const;

/** Parameters in the law's own convention (Kaplan counts non-embedding ones), as analyze() uses. */
export function lawParams(r: Report, law: LawId = r.scaling.law): number | null {
  const l = LAWS[law];
  return l.params === 'non-embedding' ? r.model.paramsNonEmbedding ?? r.model.paramsActive : r.model.paramsActive;
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
  lawOptimum: XY | null;
  /** This config: (N, predicted loss). */
  config: XY & { tokens: number };
}

export interface AcceleratorBar {
  id: string;
  name: string;
  current: boolean;
  memoryGb: number;
  gpuHours: number;
  days: number;
  usd: number | null;
  usdLow: number | null;
  usdHigh: number | null;
  co2Kg: number | null;
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

/** Frontier L*(C) from C/1000 to C·1000 with the config, the optimum at its compute and the family. */
export function frontierData(r: Report, opts: { overlay?: LawId | null; points?: number; family?: FamilyRow[] } = {}): FrontierData | null {
  const C = lawCompute(r);
  if (C === null || r.scaling.optimalParams === null || r.scaling.optimalTokens === null || r.scaling.optimalLoss === null) return null;
  const law = LAWS[r.scaling.law];
  const n = opts.points ?? CURVE_POINTS;
  const range: [number, number] = [C / FRONTIER_SPAN, C * FRONTIER_SPAN];
  const overlayLaw = opts.overlay && opts.overlay !== law.id ? LAWS[opts.overlay] : null;
  return {
    law: law.id,
    lawName: law.name,
    compute: C,
    range,
    frontier: frontierCurve(law, range[0], range[1], n),
    overlay: overlayLaw ? { law: overlayLaw.id, lawName: overlayLaw.name, points: frontierCurve(overlayLaw, range[0], range[1], n) } : null,
    config: { x: C, y: r.scaling.loss! },
    optimum: { x: C, y: r.scaling.optimalLoss, params: r.scaling.optimalParams, tokens: r.scaling.optimalTokens },
    family: (opts.family ?? familyData(r)).map((f) => ({ x: f.flops, y: f.loss })),
  };
}

/** isoFLOP profile at the config's compute, wide enough to show both the config and the minimum. */
export function isoFlopData(r: Report, opts: { points?: number } = {}): IsoFlopData | null {
  const C = lawCompute(r);
  const N = lawParams(r);
  if (C === null || N === null) return null;
  const law = LAWS[r.scaling.law];
  const at = (logN: number): number => lossAt(law, Math.exp(logN), C / (FLOPS_PER_PARAM_TOKEN * Math.exp(logN)));
  const guess = r.scaling.optimalParams ?? N;
  const lo0 = Math.log(Math.min(guess, N)) - Math.log(1e4);
  const hi0 = Math.log(Math.max(guess, N)) + Math.log(1e4);
  const nMin = Math.exp(goldenMin(at, lo0, hi0, 1e-12));
  const lo = Math.min(nMin, N) / 10;
  const hi = Math.max(nMin, N) * 10;
  const lawOpt = r.scaling.optimalParams;
  return {
    law: law.id,
    compute: C,
    range: [lo, hi],
    curve: isoFlopCurve(law, C, lo, hi, opts.points ?? CURVE_POINTS),
    minimum: { x: nMin, y: at(Math.log(nMin)), tokens: C / (FLOPS_PER_PARAM_TOKEN * nMin) },
    lawOptimum: lawOpt !== null && Math.abs(Math.log(lawOpt / nMin)) > 0.01 ? { x: lawOpt, y: at(Math.log(lawOpt)) } : null,
    config: { x: N, y: r.scaling.loss!, tokens: r.data.tokens! },
  };
}

/** The config's training FLOPs on every accelerator with a peak at its precision, cheapest first. */
export function acceleratorData(r: Report, options: EngineOptions = {}): AcceleratorBar[] {
  if (r.compute.flops === null) return [];
  return compareAccelerators({
    flops: r.compute.flops,
    count: r.hardware.count ?? 1,
    mfu: r.hardware.mfu,
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
    days: a.wallClockDays,
    usd: a.usd,
    usdLow: a.usdLow,
    usdHigh: a.usdHigh,
    co2Kg: a.co2Kg,
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
    ...d.curve.map((p) => [`isoflop (${d.law})`, p.x, d.compute / (FLOPS_PER_PARAM_TOKEN * p.x), p.y]),
    ['minimum', d.minimum.x, d.minimum.tokens, d.minimum.y],
    ...(d.lawOptimum ? [['law optimum', d.lawOptimum.x, d.compute / (FLOPS_PER_PARAM_TOKEN * d.lawOptimum.x), d.lawOptimum.y]] : []),
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
