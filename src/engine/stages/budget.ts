// Findings on the budget and the deadline: over budget (with what the budget buys instead) and a
// missed deadline (with the device count that would meet it).

import { floor3, fmtCount, fmtDays, fmtUsd } from '../format';
import { optimalFor } from '../laws';
import { checkValue } from '../validate';
import type { Compute } from './compute';
import type { StageContext } from './context';
import type { Hardware } from './hardware';
import type { Position } from './scaling';
import type { Time } from './time';

export function budgetFindings(ctx: StageContext, d: Compute, p: Position, hw: Hardware, t: Time): void {
  const { run } = ctx;
  const { cost } = t;
  const budget = run.budget.usd;
  if (budget !== undefined && cost.usd !== null && cost.usd > budget) {
    const budgetShare = cost.usd > 0 ? budget / cost.usd : null;
    // Cost is linear in tokens at a fixed model, so the budget's share of the cost is its share of the tokens.
    const budgetTokens = budgetShare !== null && d.tokens !== null && budgetShare < 1 ? floor3(d.tokens * budgetShare) : null;
    const bought = budgetShare !== null ? budgetOptimum(ctx, p, budgetShare) : null;
    ctx.add({
      code: 'over-budget',
      severity: 'warning',
      field: 'budget.usd',
      related: ['data.tokens', 'hardware.accelerator', 'hardware.count'],
      message: `Over budget: ≈ ${fmtUsd(cost.usd)} (${fmtCount(cost.gpuHours!)} GPU-hours at $${hw.price!.toFixed(2)}/h) vs a budget of ${fmtUsd(budget)}.${bought ? ` The budget buys ${bought}.` : ''}`,
      fix: budgetTokens !== null ? { title: `Cut tokens to ${fmtCount(budgetTokens)} to fit the ${fmtUsd(budget)} budget`, values: [{ field: 'data.tokens', value: budgetTokens }] } : undefined,
    });
  }
  const days = run.budget.days;
  if (days !== undefined && cost.wallClockDays !== null && cost.wallClockDays > days && hw.count !== null) {
    const needed = Math.ceil(hw.count * (cost.wallClockDays / days));
    ctx.add({
      code: 'misses-deadline',
      severity: 'warning',
      field: 'budget.days',
      related: ['hardware.count'],
      message: `Misses the deadline: ≈ ${fmtDays(cost.wallClockDays)} on ${hw.count} × ${hw.acc?.id ?? hw.accId} vs ${fmtDays(days)}; ${checkValue('hardware.count', needed) ? 'more devices than a run can have (1e7) would be needed' : `about ${needed} devices would finish in time`}.`,
      fix: { title: `Raise the device count to ${needed}`, values: [{ field: 'hardware.count', value: needed }] },
    });
  }
}

/** The compute-optimal model the budget's share of the FLOPs buys, as text; null when none is sensible. */
function budgetOptimum(ctx: StageContext, p: Position, share: number): string | null {
  const o = share < 1 && p.lawFlops !== null && p.opt ? optimalFor(ctx.law, p.lawFlops * share) : null;
  return o && o.params >= 1 && o.tokens >= 1 && Number.isFinite(o.loss) ? `≈ ${fmtCount(o.params)} params on ${fmtCount(o.tokens)} tokens at the compute-optimum (loss ${o.loss.toFixed(3)})` : null;
}
