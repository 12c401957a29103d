// The accelerator card: the config's training FLOPs on every accelerator of the catalog, with
// GPU-hours, wall clock, cost and CO2; its summary text and CSV.

import type { EngineOptions, Report } from '../analyze';
import { compareAccelerators } from '../compare';
import { fmtCount, fmtDays, fmtMoney, fmtPercent, fmtFlops, fmtRange, USD, type Money } from '../format';
import { DEFAULT_GRID_GCO2_PER_KWH, DEFAULT_PUE } from '../hardware';
import { comparisonMfu } from '../plannedThroughput';
import type { Range } from '../ranges';
import { toCsv } from './csv';

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

export function acceleratorCsv(rows: readonly AcceleratorBar[]): string {
  return toCsv(
    ['accelerator', 'name', 'current', 'gpu_hours', 'wall_clock_days', 'usd', 'usd_low', 'usd_high', 'co2_kg'],
    rows.map((a) => [a.id, a.name, a.current, a.gpuHours, a.days, a.usd, a.usdLow, a.usdHigh, a.co2Kg]),
  );
}
