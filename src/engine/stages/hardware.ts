// Stage 4a, hardware: the accelerator, precision and peak, device count, power, PUE, grid intensity
// and the price per device-hour (stated, an owned cluster's amortised cost, a setting or the catalog).

import {
  ACCELERATORS,
  DEFAULT_ACCELERATOR,
  DEFAULT_GRID_GCO2_PER_KWH,
  DEFAULT_PUE,
  findAccelerator,
  peakFlops,
  type Accelerator,
} from '../hardware';
import { ownedHourlyCost, PURCHASE_PRICES, type OwnedCost } from '../ownership';
import type { Precision } from '../types';
import type { StageContext } from './context';

export interface Hardware {
  accId: string;
  acc: Accelerator | undefined;
  precision: Precision;
  count: number | null;
  peak: number | null;
  pue: number;
  powerW: number | null;
  owned: OwnedCost | null;
  price: number | null;
  grid: number;
}

export function hardwareStage(ctx: StageContext): Hardware {
  const { run, options, assumptions } = ctx;
  const accId = options.overrides?.accelerator ?? run.hardware.accelerator ?? options.defaults?.accelerator ?? DEFAULT_ACCELERATOR;
  if (!options.overrides?.accelerator && !run.hardware.accelerator) {
    assumptions.push({ field: 'hardware.accelerator', value: accId, source: options.defaults?.accelerator ? 'setting' : 'default' });
  }
  const acc = findAccelerator(accId, options.customAccelerators);
  if (!acc) {
    const known = [...(options.customAccelerators ?? []), ...ACCELERATORS].map((a) => a.id).join(', ');
    ctx.add({
      code: 'unknown-accelerator',
      severity: 'warning',
      field: 'hardware.accelerator',
      message: `Unknown accelerator "${accId}": time, cost and memory fit need its peak FLOP/s and memory. Known: ${known}; or add it to scalingPlanner.customAccelerators.`,
    });
  }
  const precision: Precision = run.training.precision ?? 'bf16';
  const count = options.overrides?.count ?? run.hardware.count ?? options.defaults?.count ?? null;
  if (count !== null && options.overrides?.count === undefined && run.hardware.count === undefined) {
    assumptions.push({ field: 'hardware.count', value: count, source: 'setting' });
  }
  const peak = acc ? peakFlops(acc, precision) ?? null : null;
  if (acc && peak === null) {
    ctx.add({ code: 'missing-facts', severity: 'information', field: 'training.precision', related: ['hardware.accelerator'], message: `${acc.name} has no published ${precision} peak; choose another precision or accelerator.` });
  }
  const pue = run.hardware.pue ?? options.defaults?.pue ?? DEFAULT_PUE;
  const powerW = run.hardware.powerW ?? acc?.powerW ?? null;
  const owned = run.hardware.ownership === 'owned' ? ownedCost(ctx, acc, powerW, pue) : null;
  const price = priceOf(ctx, acc, owned);
  const grid = run.hardware.gridGco2PerKwh ?? options.defaults?.gridGco2PerKwh ?? DEFAULT_GRID_GCO2_PER_KWH;
  return { accId, acc, precision, count, peak, pue, powerW, owned, price, grid };
}

/** USD per device-hour: a CLI override, the file, an owned cluster's cost, a setting, the catalog; null when none. */
function priceOf(ctx: StageContext, acc: Accelerator | undefined, owned: OwnedCost | null): number | null {
  const { run, options, assumptions } = ctx;
  const settingPrice = acc ? options.prices?.[acc.id] : undefined;
  const price = options.overrides?.pricePerHour ?? run.hardware.pricePerHour ?? owned?.total ?? settingPrice ?? acc?.price?.default ?? null;
  if (owned && price === owned.total) {
    assumptions.push({ field: 'hardware.price_per_hour', value: owned.total, source: 'derived', note: `owned: amortised hardware $${owned.capex.toFixed(3)} + interconnect $${owned.interconnect.toFixed(3)} + energy $${owned.energy.toFixed(3)} per device-hour (Epoch AI cost model)` });
  } else if (price !== null && options.overrides?.pricePerHour === undefined && run.hardware.pricePerHour === undefined) {
    assumptions.push({ field: 'hardware.price_per_hour', value: price, source: settingPrice !== undefined ? 'setting' : 'catalog', note: acc?.price ? `checked ${acc.price.checked}` : undefined });
  }
  return price;
}

/** An owned cluster's cost per device-hour, or null (with a finding) when no purchase price is known. */
function ownedCost(ctx: StageContext, acc: Accelerator | undefined, powerW: number | null, pue: number): OwnedCost | null {
  const h = ctx.run.hardware;
  const purchase = h.purchasePrice ?? (acc ? PURCHASE_PRICES[acc.id]?.usd : undefined);
  if (purchase === undefined) {
    ctx.add({ code: 'missing-facts', severity: 'information', field: 'hardware.purchase_price', related: ['hardware.ownership'], message: `An owned cluster is costed from its purchase price: set hardware.purchase_price (USD per device${acc ? ` of ${acc.id}` : ''}); the catalog has one for H100-SXM only.` });
    return null;
  }
  return ownedHourlyCost({ purchasePrice: purchase, amortizationYears: h.amortizationYears, powerW: powerW ?? undefined, pue, usdPerKwh: h.electricityUsdPerKwh });
}
