// Text for the command-palette surfaces (accelerator comparison, budget plans, the accelerator
// picker), so the editor adapters only show what the engine says.

import type { Report } from './analyze';
import { compareAccelerators } from './compare';
import { comparisonMfu } from './plannedThroughput';
import { fmtCo2, fmtCount, fmtDays, fmtFlops, fmtMoney, fmtPercent, fmtRange, USD, type Money } from './format';
import type { Accelerator } from './hardware';
import type { Plan } from './plan';

export interface PickRow {
  label: string;
  description: string;
  detail?: string;
  /** Accelerator id, for rows that stand for one. */
  id?: string;
}

export interface Comparison {
  title: string;
  rows: PickRow[];
}

/** The report's FLOPs on every catalog accelerator (at the report's MFU, precision and fleet size). */
export function acceleratorComparison(
  r: Report,
  opts: { prices?: Record<string, number>; custom?: Accelerator[]; money?: Money } = {},
): Comparison | null {
  if (r.compute.flops === null) return null;
  const money = opts.money ?? USD;
  // Without a device count the comparison is per device; the title says so.
  const count = r.hardware.count ?? 1;
  const fleet = r.hardware.count === null ? '1 device (count not given)' : `${count}`;
  const rows = compareAccelerators({
    flops: r.compute.flops,
    count,
    mfu: comparisonMfu(r, opts.custom),
    predicted: r.hardware.mfuSource === 'prior' ? { countKnown: r.hardware.count !== null } : undefined,
    precision: r.hardware.precision,
    pue: r.hardware.pue,
    gridGco2PerKwh: r.hardware.gridGco2PerKwh,
    prices: opts.prices,
    custom: opts.custom,
  });
  return {
    title: `${fmtFlops(r.compute.flops)} FLOPs at ${r.hardware.mfuSource === 'prior' ? "each device's predicted" : fmtPercent(r.hardware.mfu)} MFU on ${fleet} of each accelerator`,
    rows: rows.map((x) => ({
      id: x.id,
      label: x.id + (x.id === r.hardware.accelerator ? ' $(check)' : ''),
      description: `${fmtDays(x.wallClockDays)}${fmtRange(x.wallClockDaysRange, fmtDays)} on ${fleet} · ${x.usd === null ? 'no price' : fmtMoney(x.usd, money)}${x.co2Kg !== null ? ` · ${fmtCo2(x.co2Kg)}` : ''}${r.hardware.mfuSource === 'prior' ? ` · ${fmtPercent(x.mfu)} MFU` : ''}`,
      detail: `${x.name}: ${fmtCount(x.peakFlops / 1e12)} TFLOP/s ${r.hardware.precision}, ${x.memoryGb} GiB, ${fmtCount(x.gpuHours)} GPU-hours${
        x.usdLow !== null && x.usdHigh !== null ? `, ${fmtMoney(x.usdLow, money)}–${fmtMoney(x.usdHigh, money)}` : ''
      }`,
    })),
  };
}

/** One accelerator as a picker row, with the price that will be used (a setting wins over the catalog). */
export function acceleratorPickRow(a: Accelerator, prices: Record<string, number> = {}, money: Money = USD): PickRow {
  const own = prices[a.id];
  const price =
    own !== undefined ? `${fmtMoney(own, money)}/h (your setting)` : a.price ? `${fmtMoney(a.price.default, money)}/h (catalog, ${a.price.checked})` : 'no default price';
  return { id: a.id, label: a.id, description: a.name, detail: `${a.memoryGb} GiB · ${price}` };
}

export function planSummary(p: Plan, money: Money = USD): string {
  const cost = p.usd === null ? '' : ` · ${fmtMoney(p.usd, money)}`;
  return `${fmtCount(p.params)} params on ${fmtCount(p.tokens)} tokens (loss ${p.loss.toFixed(3)}) · ${fmtDays(p.wallClockDays)} on ${p.count}×${p.accelerator}${cost}`;
}

export function planMarkdown(p: Plan, money: Money = USD): string {
  const rows = p.family.map(
    (f) => `| ${fmtFlops(f.flops)} | ${fmtCount(f.params)} | ${fmtCount(f.tokens)} | ${f.loss.toFixed(3)} | ${f.usd === null ? '—' : fmtMoney(f.usd, money)} |`,
  );
  return `**Plan**: ${planSummary(p, money)}\n\n| compute | params | tokens | loss | cost |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;
}

/** The file name a plan is offered under: `plan-26.4B`. */
export function planFileStem(p: Plan): string {
  return `plan-${fmtCount(p.params)}`;
}
