// Owned-cluster cost per device-hour, the way Epoch AI's cost model does it
// (epoch-research/training-cost-trends @263c40a, cost_analysis_standalone.py; reference
// frontier.md §7): amortised hardware + cluster interconnect + energy.
//   amortised = purchase price × rate / 8,766 h, rate = 0.14·ln 10 = 0.3224 per year (the optimal
//     replacement rate for 0.14 orders of magnitude a year of price-performance progress), or
//     1 / amortisation years when the plan states them;
//   interconnect = amortised × 0.19 / 0.81;
//   energy = TDP × server/chip power ratio × average draw × PUE × $/kWh.
// Check [D]: H100 at $33,810, PUE 1.25 → $1.2435 + $0.2917 + $0.0987 = $1.634 per GPU-hour.

export const HOURS_PER_YEAR = 8766;
export const EPOCH_DEPRECIATION_PER_YEAR = 0.14 * Math.LN10;
export const INTERCONNECT_SHARE = 0.19 / 0.81;
/** H100 server power per GPU over GPU TDP, (10.2 kW / 8) / 0.7 kW (Epoch); used for every device. */
export const SERVER_POWER_RATIO = 10.2 / 8 / 0.7;
/** Average draw as a share of peak server power for GPUs (Epoch: 0.75; TPUs 0.43). */
export const AVERAGE_DRAW = 0.75;
/** US industrial electricity 2025, USD per kWh (Epoch, from EIA). */
export const DEFAULT_USD_PER_KWH = 0.0826;

/** Purchase prices per device (USD), dated and cited. */
export const PURCHASE_PRICES: Readonly<Record<string, { usd: number; date: string; source: string }>> = {
  'H100-SXM': { usd: 33810, date: '2024-02-21', source: 'Epoch AI Hardware prices.csv: 8 × H100 HGX server $270,480 (per GPU share)' },
};

export interface OwnedCost {
  capex: number;
  interconnect: number;
  energy: number;
  total: number;
}

export function ownedHourlyCost(i: { purchasePrice: number; amortizationYears?: number; powerW?: number; pue: number; usdPerKwh?: number }): OwnedCost {
  const rate = i.amortizationYears !== undefined && i.amortizationYears > 0 ? 1 / i.amortizationYears : EPOCH_DEPRECIATION_PER_YEAR;
  const capex = (i.purchasePrice * rate) / HOURS_PER_YEAR;
  const interconnect = capex * INTERCONNECT_SHARE;
  const energy = i.powerW === undefined ? 0 : (i.powerW / 1000) * SERVER_POWER_RATIO * AVERAGE_DRAW * i.pue * (i.usdPerKwh ?? DEFAULT_USD_PER_KWH);
  return { capex, interconnect, energy, total: capex + interconnect + energy };
}
