// scaling-planner plan: what a budget buys on a fleet, spent compute-optimally.

import { findAccelerator, fmtCount, fmtDays, fmtFlops, fmtRange, fmtUsd, LAWS, layoutLabel, optimalFor, type Plan, planBudget, PlanError } from '../../engine';
import { num, parseFlags, type FlagValues } from '../args';
import { CliUsageError, emitJsonOrText, warningLines, type CliCommand } from '../command';
import { LAW_LIST, lawOf, refuseDegenerate, warningsFor } from '../laws';

const FLAGS = ['budget-usd', 'gpu-hours', 'flops', 'days', 'accelerator', 'count', 'mfu', 'price', 'law', 'unique-tokens', 'inference-tokens', 'json'];

/**
 * A dollar budget at a price of 0 buys unlimited compute: say that, rather than the engine's
 * "give a budget", when dollars are the only budget given.
 */
function refuseFreeDollars(flags: FlagValues, acc: string): void {
  if (num(flags, 'budget-usd') === undefined || ['gpu-hours', 'flops', 'days'].some((k) => num(flags, k) !== undefined)) return;
  const price = num(flags, 'price') ?? findAccelerator(acc)?.price?.default;
  if (price === 0) throw new CliUsageError(`--price 0: a dollar budget at $0 per device-hour buys unlimited compute; give a price above 0, or a budget in GPU-hours, FLOPs or days`);
}

/**
 * With too few unique tokens the data-constrained optimum runs off to models with more parameters
 * than training tokens, up to the edge of the engine's search (10^4 times the unconstrained size).
 * A run with fewer tokens than parameters is far from every run the laws were fitted on, and from
 * any plan worth recommending.
 */
function refuseUnboundedOptimum(p: Plan, unique: number | undefined): void {
  if (!p.dataConstrained) return;
  const ratio = p.params / optimalFor(LAWS[p.law], p.flops).params;
  if (p.tokensPerParam >= 1 && ratio < 5e3 && ratio > 2e-4) return;
  throw new CliUsageError(
    `--unique-tokens ${fmtCount(unique ?? 0)}: too few unique tokens for ${fmtFlops(p.flops)} FLOPs; the data-constrained law (Muennighoff et al. 2023) finds no model with at least one training token per parameter; give more unique tokens or a smaller budget`,
  );
}

function lines(p: Plan): string[] {
  const out = [
    `Plan (${LAWS[p.law].name}) on ${p.count} × ${p.accelerator} at ${(p.mfu * 100).toFixed(0)}% MFU (${p.mfuSource === 'prior' ? 'predicted for the planned model' : 'stated'})`,
    ...(p.layout ? [`  layout      ${layoutLabel(p.layout)} (chosen)`] : []),
    `  compute     ${fmtFlops(p.flops)} FLOPs${fmtRange(p.flopsRange, fmtFlops)}`,
    `  model       ${fmtCount(p.params)} params on ${fmtCount(p.tokens)} tokens (${p.tokensPerParam.toFixed(1)} tokens/param)${p.dataConstrained ? ', limited by unique tokens' : ''}`,
    `  loss        ${p.loss.toFixed(4)}`,
    `  time        ${fmtCount(p.gpuHours)}${fmtRange(p.ranges.gpuHoursRange, fmtCount)} GPU-hours, ${fmtDays(p.wallClockDays)}${fmtRange(p.ranges.wallClockDaysRange, fmtDays)} wall clock`,
    `  cost        ${p.usd === null ? '—' : `${fmtUsd(p.usd)}${fmtRange(p.ranges.usdRange, fmtUsd)}`}`,
  ];
  if (p.inferenceAware) out.push(`  inference   ${fmtCount(p.inferenceAware.params)} params on ${fmtCount(p.inferenceAware.tokens)} tokens saves ${(p.inferenceAware.savingFraction * 100).toFixed(0)}% of lifetime FLOPs`);
  return out;
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'the compute-optimal run a budget buys on a fleet',
  help: `scaling-planner plan (--budget-usd X | --gpu-hours H | --flops C | --days T) --accelerator ID [--count N] [--mfu X] [--price USD] [--law L] [--unique-tokens U] [--inference-tokens T] [--json]

The compute a budget buys on COUNT devices at MFU (without --mfu, predicted for the planned model
and the layout chosen for it, with the P10-P90 range) (the smallest when several budgets are given),
the law's optimal model and tokens for it, time and cost, and the optimum for 0.1x to 10x the
budget (--json "family"). --unique-tokens limits repeated data (Muennighoff et al. 2023);
--inference-tokens sizes for lifetime compute (Sardana et al. 2024).
laws: ${LAW_LIST}`,
  run(argv, io) {
    const { flags } = parseFlags(argv, FLAGS);
    if (flags.help) return io.out(planCommand.help + '\n'), 0;
    const acc = flags.accelerator;
    if (typeof acc !== 'string') throw new CliUsageError('--accelerator is required');
    refuseFreeDollars(flags, acc);
    let p: Plan;
    try {
      p = planBudget({
        usd: num(flags, 'budget-usd'), gpuHours: num(flags, 'gpu-hours'), flops: num(flags, 'flops'), days: num(flags, 'days'),
        accelerator: acc, count: num(flags, 'count'), mfu: num(flags, 'mfu'), pricePerHour: num(flags, 'price'), law: lawOf(flags),
        uniqueTokens: num(flags, 'unique-tokens'), inferenceTokens: num(flags, 'inference-tokens'),
      });
    } catch (e) {
      if (e instanceof PlanError) throw new CliUsageError(e.message);
      throw e;
    }
    refuseDegenerate('the budget', p.params, p.tokens, p.loss);
    refuseUnboundedOptimum(p, num(flags, 'unique-tokens'));
    const warnings = warningsFor(p.law, p.params, p.tokens, 'the plan is', p.dataConstrained);
    io.out(emitJsonOrText(flags.json === true, warnings.length ? { ...p, warnings } : p, lines(p).join('\n') + '\n' + warningLines(warnings)));
    return 0;
  },
};
