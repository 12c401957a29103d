// The same training FLOPs on every accelerator in the catalog: time and cost side by side. With a
// predicted MFU each device gets its own (plannedThroughput.ts), with the report's goodput and the
// P10-P90 range; a stated MFU is used on every device as stated.

import { estimateCost } from './cost';
import { goodput } from './goodput';
import { ACCELERATORS, peakFlops, type Accelerator } from './hardware';
import { costRanges, type Range } from './ranges';
import type { Precision } from './types';

export interface AcceleratorRow {
  id: string;
  name: string;
  peakFlops: number;
  memoryGb: number;
  /** The MFU used on this device (against the precision's peak). */
  mfu: number;
  gpuHours: number;
  wallClockDays: number;
  pricePerHour: number | null;
  usd: number | null;
  usdLow: number | null;
  usdHigh: number | null;
  energyKwh: number | null;
  co2Kg: number | null;
  /** P10-P90 with a predicted MFU (ranges.ts); null with a stated one. */
  gpuHoursRange: Range | null;
  wallClockDaysRange: Range | null;
  usdRange: Range | null;
}

export function compareAccelerators(a: {
  flops: number;
  count: number;
  /** One MFU for every device (stated), or each device's own (predicted; null skips the device). */
  mfu: number | ((acc: Accelerator) => number | null);
  /** Whether the MFU is predicted: adds goodput (when the count is known) and the P10-P90 range. */
  predicted?: { countKnown: boolean };
  precision: Precision;
  pue: number;
  gridGco2PerKwh: number;
  prices?: Record<string, number>;
  custom?: Accelerator[];
}): AcceleratorRow[] {
  const rows: AcceleratorRow[] = [];
  for (const acc of [...(a.custom ?? []), ...ACCELERATORS]) {
    const peak = peakFlops(acc, a.precision);
    if (!peak) continue;
    const mfu = typeof a.mfu === 'number' ? a.mfu : a.mfu(acc);
    if (mfu === null || !(mfu > 0)) continue;
    const price = a.prices?.[acc.id] ?? acc.price?.default;
    const c = estimateCost({ flops: a.flops, peakFlops: peak, mfu, count: a.count, pricePerHour: price, powerW: acc.powerW, pue: a.pue, gridGco2PerKwh: a.gridGco2PerKwh });
    // As the report does: a predicted (steady-state) MFU bills the time lost to interruptions too.
    const k = a.predicted?.countKnown ? 1 / goodput(a.count, c.wallClockDays).fraction : 1;
    const gpuHours = c.gpuHours * k;
    const usd = c.usd === null ? null : c.usd * k;
    const ranges = a.predicted ? costRanges({ gpuHours, wallClockDays: c.wallClockDays * k, usd, energyKwh: null, co2Kg: null }) : null;
    rows.push({
      id: acc.id,
      name: acc.name,
      peakFlops: peak,
      memoryGb: acc.memoryGb,
      mfu,
      gpuHours,
      wallClockDays: c.wallClockDays * k,
      pricePerHour: price ?? null,
      usd,
      usdLow: acc.price ? gpuHours * acc.price.low : null,
      usdHigh: acc.price ? gpuHours * acc.price.high : null,
      energyKwh: c.energyKwh === null ? null : c.energyKwh * k,
      co2Kg: c.co2Kg === null ? null : c.co2Kg * k,
      gpuHoursRange: ranges?.gpuHoursRange ?? null,
      wallClockDaysRange: ranges?.wallClockDaysRange ?? null,
      usdRange: ranges?.usdRange ?? null,
    });
  }
  return rows.sort((x, y) => (x.usd ?? Infinity) - (y.usd ?? Infinity) || x.wallClockDays - y.wallClockDays);
}
