// The sidebar planner's recommendation: the plan's numbers as displayed, the notes on what moved
// the optimum or does not fit, the family along the frontier, and the result section built from them.

import {
  analyze,
  FAMILY_MULTIPLES,
  fmtCo2,
  fmtCount,
  fmtDays,
  fmtEnergy,
  fmtFlops,
  fmtPercent,
  fmtRange,
  layoutLabel,
  planToRun,
  type Accelerator,
  type EngineOptions,
  type LifecyclePlan,
  type Plan,
  type Report,
} from '../src/engine';
import type { PlanInputs } from '../src/shared/protocol';
import { dash } from './common';
import { h, kv, table } from './dom';
import { lifecycleResult } from './sidebarLifecycle';

type Memory = Report['memory'];
type Money = (usd: number) => string;

/** Memory per device for the run the plan file will describe (its ZeRO stage and recomputation). */
export function memoryFit(plan: Plan, inputs: PlanInputs, options: EngineOptions): { memory: Memory; setup: string } {
  const run = planToRun(plan, { uniqueTokens: inputs.uniqueTokens, inferenceTokens: inputs.inferenceTokens });
  const t = run.training;
  return { memory: analyze(run, options).memory, setup: `ZeRO-${t.zeroStage ?? 0} · ${t.activationCheckpointing ?? 'no'} recompute` };
}


/** The plan's numbers as displayed, by key (also what the sidebar reports to tests). */
export function planNumbers(plan: Plan, mem: Memory, m$: Money): Record<string, string> {
  return {
    params: fmtCount(plan.params),
    tokens: fmtCount(plan.tokens),
    tokensPerParam: plan.tokensPerParam.toFixed(1),
    loss: plan.loss.toFixed(3),
    flops: fmtFlops(plan.flops),
    days: fmtDays(plan.wallClockDays),
    gpuHours: fmtCount(plan.gpuHours),
    cost: plan.usd === null ? dash : m$(plan.usd),
    // P10-P90 suffixes (" (12–19)") with a predicted MFU: on the FLOPs a spend buys, or on the time and cost of a FLOPs budget.
    flopsRange: fmtRange(plan.flopsRange, fmtFlops),
    daysRange: fmtRange(plan.ranges.wallClockDaysRange, fmtDays),
    gpuHoursRange: fmtRange(plan.ranges.gpuHoursRange, fmtCount),
    costRange: fmtRange(plan.ranges.usdRange, m$),
    mfu: `${fmtPercent(plan.mfu)} (${plan.mfuSource === 'prior' ? 'predicted for this model' : 'stated'})`,
    layout: plan.layout ? `${layoutLabel(plan.layout)} (chosen)` : dash,
    energy: plan.energyKwh === null ? dash : fmtEnergy(plan.energyKwh),
    co2: plan.co2Kg === null ? dash : fmtCo2(plan.co2Kg),
    memory: mem && mem.perDeviceGb !== null ? `${mem.perDeviceGb.toFixed(1)} GiB` : dash,
    fleet: `${plan.count}×${plan.accelerator}`,
  };
}

/** What moved the optimum or does not fit, as notes under the numbers. */
function planNotes(plan: Plan, n: Record<string, string>, mem: Memory, acc: Accelerator | undefined): HTMLElement[] {
  const notes: HTMLElement[] = [];
  if (plan.dataConstrained) notes.push(h('li', null, `The unique-token limit moved the optimum (repeated data is worth less; Muennighoff et al. 2023).`));
  if (plan.inferenceAware && plan.inferenceAware.savingFraction > 0.01) {
    notes.push(h('li', null, `For the expected inference volume, ${fmtCount(plan.inferenceAware.params)} params on ${fmtCount(plan.inferenceAware.tokens)} tokens reach the same loss with ${fmtPercent(plan.inferenceAware.savingFraction)} fewer lifetime FLOPs (Sardana et al. 2024).`));
  }
  if (mem?.fits === false) notes.push(h('li', null, `${n.memory} per device does not fit ${acc?.memoryGb ?? '?'} GiB even with ZeRO-3 and full recomputation: add devices or use tensor parallelism.`));
  return notes;
}

function familyTable(plan: Plan, m$: Money): HTMLElement {
  return table(
    'Compute-optimal models for 0.1× to 10× this budget',
    ['Budget', 'Params', 'Tokens', 'Loss', 'Cost'],
    plan.family.map((f, i) => [
      { text: `${FAMILY_MULTIPLES[i]}×`, class: 'num' },
      { text: fmtCount(f.params), class: 'num' },
      { text: fmtCount(f.tokens), class: 'num' },
      { text: f.loss.toFixed(3), class: 'num' },
      { text: f.usd === null ? dash : m$(f.usd), class: 'num' },
    ]),
    { class: 'compact-table', rowClass: (i) => (FAMILY_MULTIPLES[i] === 1 ? 'current' : undefined) },
  );
}

/** The result section: headline, figures with their ranges, notes, lifecycle, actions, family. */
export function planResult(r: { plan: Plan; n: Record<string, string>; mem: Memory; setup: string; acc: Accelerator | undefined; life: LifecyclePlan | null; money: Money; actions: HTMLElement }): Array<HTMLElement | null> {
  const { plan, n, mem, setup, acc, life, actions } = r;
  const m$ = r.money;
  const notes = planNotes(plan, n, mem, acc);
  const fit = mem?.fits === null || !mem ? 'unknown' : mem.fits ? 'yes' : 'no';
  return [
    h('h2', { id: 'result-title' }, 'Recommendation'),
    h(
      'div',
      { class: 'big', attrs: { 'aria-labelledby': 'result-title' } },
      h('div', { class: 'big-item' }, h('div', { class: 'big-value', attrs: { 'data-value': 'params' } }, n.params), h('div', { class: 'big-label' }, 'parameters')),
      h('div', { class: 'big-item' }, h('div', { class: 'big-value', attrs: { 'data-value': 'tokens' } }, n.tokens), h('div', { class: 'big-label' }, 'tokens')),
      h('div', { class: 'big-item' }, h('div', { class: 'big-value', attrs: { 'data-value': 'loss' } }, n.loss), h('div', { class: 'big-label' }, 'loss')),
    ),
    kv([
      ['Tokens/param', n.tokensPerParam],
      ['Compute', `${n.flopsRange ? '≈ ' : ''}${n.flops} FLOPs${n.flopsRange}`],
      ['Wall clock', `${n.daysRange ? '≈ ' : ''}${n.days}${n.daysRange} on ${n.fleet}`],
      ['GPU-hours', `${n.gpuHours}${n.gpuHoursRange}`],
      ['Cost', `${n.cost}${n.costRange}${plan.pricePerHour !== null ? ` at ${m$(plan.pricePerHour)}/h` : ''}`],
      ['MFU', n.mfu],
      ['Layout', n.layout],
      ['Energy', n.energy],
      ['CO2', n.co2],
      ['Memory/device', mem && mem.perDeviceGb !== null ? `${n.memory} of ${mem.capacityGb ?? '?'} GiB` : dash],
      ['Fits', fit, mem?.fits === false ? 'bad' : mem?.fits ? 'good' : undefined],
      ['Setup', setup],
    ]),
    notes.length ? h('ul', { class: 'notes' }, ...notes) : null,
    life ? lifecycleResult(life, n) : null,
    actions,
    h('h3', null, 'Family along the frontier'),
    familyTable(plan, m$),
  ];
}
