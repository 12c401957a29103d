// The family of compute-optimal models along the frontier, 0.1x to 10x the config's compute,
// costed on its hardware; and its CSV.

import type { EngineOptions, Report } from '../analyze';
import { FAMILY_MULTIPLES, optimumAt, planBudget, PlanError, type PlanPoint } from '../plan';
import { toCsv } from './csv';
import { lawCompute } from './params';

export { FAMILY_MULTIPLES };

/** A plan's family point, with its compute multiple; without hardware its cost figures are null. */
export interface FamilyRow extends Omit<PlanPoint, 'gpuHours'> {
  /** Compute as a multiple of the config's (1 = this config's compute). */
  multiple: number;
  gpuHours: number | null;
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
      return p.family.map((f, i) => ({ multiple: FAMILY_MULTIPLES[i], ...f, days: r.hardware.count === null ? null : f.days }));
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
    }
  }
  return FAMILY_MULTIPLES.map((k) => {
    const o = optimumAt(law, C * k, unique);
    return { multiple: k, flops: C * k, params: o.params, tokens: o.tokens, loss: o.loss, usd: null, days: null, gpuHours: null };
  });
}

export function familyCsv(rows: readonly FamilyRow[]): string {
  return toCsv(
    ['compute_multiple', 'compute_flops', 'params', 'tokens', 'loss', 'usd', 'wall_clock_days', 'gpu_hours'],
    rows.map((f) => [f.multiple, f.flops, f.params, f.tokens, f.loss, f.usd, f.days, f.gpuHours]),
  );
}
