// Every figure and fix the engine hands out is one the tool itself accepts: options (settings,
// flags) pass the plan keys' ranges, a quick fix passes the file's validation once applied, and a
// figure that would be infinite or denormal is shown as unknown with a finding naming its inputs.

import type { Accelerator } from './hardware';
import { figurePath, type FieldId, type Finding } from './types';
import { checkValue } from './validate';

/** The options this module checks (a structural subset of EngineOptions, so analyze.ts need not be imported). */
export interface CheckedOptions {
  defaults?: { count?: number; mfu?: number; pue?: number; gridGco2PerKwh?: number; accelerator?: string };
  overrides?: { count?: number; mfu?: number; pricePerHour?: number };
  prices?: Record<string, number>;
  customAccelerators?: Accelerator[];
}

/** Peak TFLOP/s a custom accelerator may state: 1 GFLOP/s to 1 EFLOP/s. */
const PEAK_TFLOPS = { min: 1e-3, max: 1e6 };

/** Why a custom accelerator cannot be used, or undefined. */
export function customAcceleratorProblem(a: Accelerator): string | undefined {
  for (const [precision, v] of Object.entries(a.peakTflops)) {
    if (v === undefined) continue;
    if (!(Number.isFinite(v) && v >= PEAK_TFLOPS.min && v <= PEAK_TFLOPS.max)) return `${precision} peak ${String(v)} TFLOP/s is not possible: it must be at least ${PEAK_TFLOPS.min} and at most 1e6`;
  }
  if (!(Number.isFinite(a.memoryGb) && a.memoryGb > 0 && a.memoryGb <= 1e6)) return `memory ${String(a.memoryGb)} GB is not possible: it must be above 0 and at most 1e6`;
  return checkValue('hardware.power_w', a.powerW ?? 1) ?? (a.price ? checkValue('hardware.price_per_hour', a.price.default) : undefined);
}

/** Options with impossible values dropped (the defaults apply instead), and a finding for each. */
export function checkOptions<O extends CheckedOptions>(options: O): { options: O; findings: Finding[] } {
  const findings: Finding[] = [];
  const out: O = { ...options };
  const drop = (field: FieldId, value: number, where: string): boolean => {
    const why = checkValue(field, value);
    if (why) findings.push({ code: 'invalid-value', severity: 'warning', field, related: [], message: `${where} ${field} = ${why}; it is ignored.` });
    return !why;
  };
  const pick = <T extends object>(o: T | undefined, where: string, fields: Array<[keyof T & string, FieldId]>): T | undefined => {
    if (!o) return o;
    const copy = { ...o };
    for (const [k, field] of fields) {
      const v = copy[k];
      if (typeof v === 'number' && !drop(field, v, where)) delete copy[k];
    }
    return copy;
  };
  out.defaults = pick(options.defaults, 'The default', [['count', 'hardware.count'], ['mfu', 'hardware.mfu'], ['pue', 'hardware.pue'], ['gridGco2PerKwh', 'hardware.grid_gco2_per_kwh']]);
  out.overrides = pick(options.overrides, 'The override', [['count', 'hardware.count'], ['mfu', 'hardware.mfu'], ['pricePerHour', 'hardware.price_per_hour']]);
  if (options.prices) out.prices = Object.fromEntries(Object.entries(options.prices).filter(([id, v]) => drop('hardware.price_per_hour', v, `The price for ${id}:`)));
  if (options.customAccelerators) {
    out.customAccelerators = options.customAccelerators.filter((a) => {
      const why = customAcceleratorProblem(a);
      if (why) findings.push({ code: 'invalid-value', severity: 'warning', field: 'hardware.accelerator', related: [], message: `Custom accelerator ${JSON.stringify(a.id)}: ${why}; it is ignored.` });
      return !why;
    });
  }
  return { options: out, findings };
}

/** A quick fix is offered only when every value it writes passes the same range check as the file. */
export function withValidFix(f: Finding): Finding {
  if (!f.fix || f.fix.values.every((v) => typeof v.value !== 'number' || checkValue(v.field, v.value) === undefined)) return f;
  const rest = { ...f };
  delete rest.fix;
  return rest;
}

/** Whether a number can be shown: finite and, unless zero, not denormal. */
export function showable(x: number): boolean {
  return Number.isFinite(x) && (x === 0 || Math.abs(x) >= 2.2250738585072014e-308);
}

const FIGURE_BLOCKS = ['model', 'data', 'training', 'compute', 'scaling', 'inferenceAware', 'hardware', 'cost', 'memory', 'budget'] as const;

/** Whether any number in an object or array, to the walk's depth, cannot be shown (a read-only pass, by key). */
function unshowableIn(o: object, depth: number): boolean {
  if (depth > 6) return false;
  if (Array.isArray(o)) {
    for (let i = 0; i < o.length; i++) {
      const v: unknown = o[i];
      if (typeof v === 'number') {
        if (!showable(v)) return true;
      } else if (v !== null && typeof v === 'object' && unshowableIn(v, depth + 1)) return true;
    }
    return false;
  }
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (typeof v === 'number') {
      if (!showable(v)) return true;
    } else if (v !== null && typeof v === 'object' && unshowableIn(v, depth + 1)) return true;
  }
  return false;
}

/** Whether any figure of the report's blocks cannot be shown; the walk that names them runs only then. */
function anyUnshowable(report: Record<string, unknown>): boolean {
  for (const b of FIGURE_BLOCKS) {
    const block = report[b];
    if (block !== null && typeof block === 'object' && unshowableIn(block, 0)) return true;
  }
  return false;
}

/**
 * Sets every figure of a report that would be infinite, NaN or denormal to null (unknown) and
 * returns one finding naming those figures and the inputs they come from. Mutates the report.
 */
export function unknownFigures(report: Record<string, unknown>): Finding | undefined {
  if (!anyUnshowable(report)) return undefined;
  const bad: string[] = [];
  // The keys down to the object being walked; a path is joined only for a figure found bad.
  const keys: string[] = [];
  const walk = (o: Record<string, unknown>, depth: number): void => {
    if (depth > 6) return;
    for (const k in o) {
      const v = o[k];
      if (typeof v === 'number') {
        if (showable(v)) continue;
        o[k] = null;
        bad.push(`${keys.join('.')}.${k}`);
      } else if (v && typeof v === 'object') {
        keys.push(k);
        walk(v as Record<string, unknown>, depth + 1);
        keys.pop();
      }
    }
  };
  for (const b of FIGURE_BLOCKS) {
    const block = report[b];
    if (!block || typeof block !== 'object') continue;
    keys.push(b);
    walk(block as Record<string, unknown>, 0);
    keys.pop();
  }
  if (!bad.length) return undefined;
  const h = (report.hardware ?? {}) as Record<string, unknown>;
  const inputs = [['hardware.mfu', h.mfu], ['hardware.peak_flops', h.peakFlops], ['hardware.price_per_hour', h.pricePerHour], ['hardware.power_w', h.powerW], ['hardware.pue', h.pue]]
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} = ${String(v)}`);
  const field = bad.some((p) => p.startsWith('cost.')) ? 'hardware.mfu' : figurePath(bad[0]);
  return {
    code: 'invalid-value',
    severity: 'warning',
    field,
    related: [],
    message: `${bad.join(', ')} would be infinite or too small to represent, so ${bad.length > 1 ? 'they are' : 'it is'} shown as unknown; check the values at the edge of their range (${inputs.join(', ') || 'the model and data sizes'}).`,
  };
}

/** The last step of every analysis: unknown instead of impossible figures, and only valid fixes. */
export function checkFigures<R extends { findings: Finding[] }>(report: R): R {
  const unknown = unknownFigures(report as unknown as Record<string, unknown>);
  if (unknown) report.findings.push(unknown);
  report.findings = report.findings.map(withValidFix);
  return report;
}
