// P10-P90 ranges for time and cost: the central estimate times the 10th and 90th percentiles of
// the prior's held-out (leave-one-out) scatter on published runs (mfuPrior.ts). Device-hours,
// days, dollars, energy and CO2 all scale with the same device-hours, so they share the factors.
// A stated or configured MFU is the user's own figure: no range is drawn around it.

import { MFU_PRIOR } from './mfuPrior';

export type Range = [number, number];

export interface CostRanges {
  gpuHoursRange: Range | null;
  wallClockDaysRange: Range | null;
  usdRange: Range | null;
  energyKwhRange: Range | null;
  co2KgRange: Range | null;
}

export const NO_RANGES: CostRanges = { gpuHoursRange: null, wallClockDaysRange: null, usdRange: null, energyKwhRange: null, co2KgRange: null };

const around = (x: number | null, lo: number, hi: number): Range | null => (x === null || !Number.isFinite(x) ? null : [x * lo, x * hi]);

export function costRanges(c: { gpuHours: number | null; wallClockDays: number | null; usd: number | null; energyKwh: number | null; co2Kg: number | null }, lo = MFU_PRIOR.heldOutP10, hi = MFU_PRIOR.heldOutP90): CostRanges {
  return {
    gpuHoursRange: around(c.gpuHours, lo, hi),
    wallClockDaysRange: around(c.wallClockDays, lo, hi),
    usdRange: around(c.usd, lo, hi),
    energyKwhRange: around(c.energyKwh, lo, hi),
    co2KgRange: around(c.co2Kg, lo, hi),
  };
}
