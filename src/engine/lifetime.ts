// The lifetime budget: pre-training + distillation + RL post-training + serving over a horizon, in
// dollars, GPU-hours, energy and CO2; each total is the sum of its parts (null when a part's figure is unknown).

export interface CostPart {
  gpuHours: number | null;
  usd: number | null;
  energyKwh: number | null;
  co2Kg: number | null;
}

export type LifetimePartName = 'training' | 'distillation' | 'postTraining' | 'serving';

export interface LifetimeBudget {
  horizonDays: number | null;
  parts: Record<LifetimePartName, CostPart | null>;
  total: CostPart;
  /** Share of the total dollars (or GPU-hours when no price is known) per part. */
  shares: Partial<Record<LifetimePartName, number>>;
}

const KEYS = ['gpuHours', 'usd', 'energyKwh', 'co2Kg'] as const;

/** Sum of the present parts, per figure; a figure unknown in any present part is unknown in the total. */
export function sumParts(parts: Array<CostPart | null>): CostPart {
  const present = parts.filter((p): p is CostPart => p !== null);
  const out = {} as CostPart;
  for (const k of KEYS) out[k] = present.some((p) => p[k] === null) ? null : present.reduce((s, p) => s + (p[k] as number), 0);
  return out;
}

/** A daily cost over a horizon of days. */
export function overHorizon(daily: CostPart, days: number): CostPart {
  const m = (x: number | null): number | null => (x === null ? null : x * days);
  return { gpuHours: m(daily.gpuHours), usd: m(daily.usd), energyKwh: m(daily.energyKwh), co2Kg: m(daily.co2Kg) };
}

export function lifetimeBudget(parts: Record<LifetimePartName, CostPart | null>, horizonDays: number | null): LifetimeBudget {
  const total = sumParts(Object.values(parts));
  const key = total.usd !== null && total.usd > 0 ? 'usd' : 'gpuHours';
  const shares: LifetimeBudget['shares'] = {};
  const t = total[key];
  if (t !== null && t > 0) for (const [k, p] of Object.entries(parts) as Array<[LifetimePartName, CostPart | null]>) if (p && p[key] !== null) shares[k] = (p[key] as number) / t;
  return { horizonDays, parts, total, shares };
}
