// The same training FLOPs on every accelerator in the catalog: time and cost side by side.

import { estimateCost } from './cost';
import { ACCELERATORS, peakFlops, type Accelerator } from './hardware';
import type { Precision } from './types';

export interface AcceleratorRow {
  id: string;
  name: string;
  peakFlops: number;
  memoryGb: number;
  gpuHours: number;
  wallClockDays: number;
  pricePerHour: number | null;
  usd: number | null;
  usdLow: number | null;
  usdHigh: number | null;
  energyKwh: number | null;
  co2Kg: number | null;
}

export function compareAccelerators(a: {
  flops: number;
  count: number;
  mfu: number;
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
    const price = a.prices?.[acc.id] ?? acc.price?.default;
    const c = estimateCost({ flops: a.flops, peakFlops: peak, mfu: a.mfu, count: a.count, pricePerHour: price, powerW: acc.powerW, pue: a.pue, gridGco2PerKwh: a.gridGco2PerKwh });
    rows.push({
      id: acc.id,
      name: acc.name,
      peakFlops: peak,
      memoryGb: acc.memoryGb,
      gpuHours: c.gpuHours,
      wallClockDays: c.wallClockDays,
      pricePerHour: price ?? null,
      usd: c.usd,
      usdLow: acc.price ? c.gpuHours * acc.price.low : null,
      usdHigh: acc.price ? c.gpuHours * acc.price.high : null,
      energyKwh: c.energyKwh,
      co2Kg: c.co2Kg,
    });
  }
  return rows.sort((x, y) => (x.usd ?? Infinity) - (y.usd ?? Infinity) || x.wallClockDays - y.wallClockDays);
}
