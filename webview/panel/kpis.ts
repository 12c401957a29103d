// The headline numbers: loss, compute efficiency, size, compute, cost, time, GPU-hours, memory;
// with what-if values, each changed number also says what the file gives.

import { fmtCo2, fmtCount, fmtDays, fmtEnergy, fmtFlops, fmtPercent, fmtRange, layoutLabel, type Report, uniqueTokenLimit } from '../../src/engine';
import { dash, or } from '../common';
import { h, replaceChildren } from '../dom';
import { m$ } from './state';

function kpi(label: string, value: string, sub: string, key: string, cls = '', was?: string, range = ''): HTMLElement {
  const changed = was !== undefined && was !== value + range;
  return h(
    'div',
    { class: `kpi ${cls} ${changed ? 'changed' : ''}`.trim(), attrs: { 'data-key': key } },
    h('div', { class: 'kpi-label' }, label),
    // The P10-P90 range in smaller type after the central value, so both fit the card.
    h('div', { class: range ? 'kpi-value ranged' : 'kpi-value', attrs: { 'data-value': key } }, value, range ? ' ' : null, range ? h('span', { class: 'kpi-range' }, range.trim()) : null),
    h('div', { class: 'kpi-sub' }, sub),
    changed ? h('div', { class: 'kpi-was' }, `in the file: ${was}`) : null,
  );
}

/** The headline numbers as displayed, by key (also what the panel reports to tests). */
export function numbers(r: Report): Record<string, string> {
  return {
    loss: or(r.scaling.loss, (v) => v.toFixed(3)),
    optimalLoss: or(r.scaling.optimalLoss, (v) => v.toFixed(3)),
    efficiency: or(r.scaling.computeEfficiency, fmtPercent),
    params: or(r.model.paramsTotal, fmtCount),
    tokens: or(r.data.tokens, fmtCount),
    flops: or(r.compute.flops, fmtFlops),
    cost: or(r.cost.usd, m$),
    days: or(r.cost.wallClockDays, fmtDays),
    gpuHours: or(r.cost.gpuHours, fmtCount),
    // P10-P90 of a predicted MFU as a compact suffix, " (12–19)"; empty with a stated MFU.
    costRange: fmtRange(r.cost.usdRange, m$),
    daysRange: fmtRange(r.cost.wallClockDaysRange, fmtDays),
    gpuHoursRange: fmtRange(r.cost.gpuHoursRange, fmtCount),
    energy: or(r.cost.energyKwh, fmtEnergy),
    co2: or(r.cost.co2Kg, fmtCo2),
    // With activations unknown, the model states are still a lower bound worth showing.
    memory: r.memory.perDeviceGb !== null ? `${r.memory.perDeviceGb.toFixed(1)} GiB` : r.memory.statesGb !== null ? `≥ ${r.memory.statesGb.toFixed(1)} GiB` : dash,
    accelerator: r.hardware.accelerator ?? dash,
    mfuSource: r.hardware.mfuSource,
    layout: r.training.layout ? `${layoutLabel(r.training.layout)} (${r.training.layout.assumed ? 'chosen' : 'stated'})` : dash,
    law: r.scaling.law,
  };
}

/** A central value with its range, "≈ 15 d (12–19)", or the value alone. */
function ranged(n: Record<string, string>, key: 'cost' | 'days' | 'gpuHours'): string | undefined {
  if (n[key] === undefined) return undefined;
  const range = n[`${key}Range`];
  return range ? `≈\u00a0${n[key]}${range}` : n[key];
}

/** The KPI arguments for a ranged value: "≈ 15 d", its range " (12–19)" and what the file gives. */
function rangedKpi(n: Record<string, string>, was: Record<string, string>, key: 'cost' | 'days' | 'gpuHours'): { value: string; range: string; was?: string } {
  const range = n[`${key}Range`] ?? '';
  return { value: range ? `≈\u00a0${n[key]}` : n[key], range, was: ranged(was, key) };
}

const MFU_SOURCE: Record<string, string> = { prior: 'predicted', stated: 'stated', setting: 'from the setting' };

function memorySub(r: Report): string {
  const mem = r.memory;
  const fitText = mem.fits === null ? (mem.minDevices !== null && r.hardware.count === null ? `fits on ≥ ${mem.minDevices} devices` : 'fit unknown') : mem.fits ? 'fits' : 'does not fit';
  if (mem.perDeviceGb === null && mem.fits === null && r.model.paramsTotal === null) return 'needs the parameter count';
  const layout = r.training.layout ? ` · ${layoutLabel(r.training.layout)}${r.training.layout.assumed ? ' (chosen)' : ''}` : '';
  return (mem.capacityGb === null ? 'capacity unknown' : `of ${mem.capacityGb} GiB · ${fitText}`) + layout;
}

export function renderKpis(el: HTMLElement, r: Report, n: Record<string, string>, was: Record<string, string>): void {
  const hw = r.hardware;
  const range = hw.priceRange && r.cost.gpuHours !== null ? `prices ${m$(r.cost.gpuHours * hw.priceRange.low)}–${m$(r.cost.gpuHours * hw.priceRange.high)}` : hw.pricePerHour !== null ? `at ${m$(hw.pricePerHour)}/h` : 'no price for this device';
  const lossSub = r.scaling.optimalLoss !== null ? `optimum ${n.optimalLoss} at this compute${uniqueTokenLimit(r) !== null ? ' with unlimited fresh data' : ''}` : 'not on a pretraining frontier';
  const effSub = r.scaling.tokensPerParam !== null ? `${r.scaling.tokensPerParam.toFixed(1)} tokens/param (optimum ≈ ${or(r.scaling.optimalTokensPerParamForSize, (v) => v.toFixed(1))})` : dash;
  const trainable = r.model.paramsTrainable !== null && r.model.paramsTotal !== null && r.model.paramsTrainable < r.model.paramsTotal;
  const memCls = r.memory.fits === false ? 'bad' : r.memory.fits ? 'good' : '';
  const [cost, days, hours] = (['cost', 'days', 'gpuHours'] as const).map((k) => rangedKpi(n, was, k));
  replaceChildren(
    el,
    kpi('Predicted loss', n.loss, lossSub, 'loss', '', was.loss),
    kpi('Compute efficiency', n.efficiency, effSub, 'efficiency', '', was.efficiency),
    kpi('Parameters', n.params, trainable ? `${fmtCount(r.model.paramsTrainable!)} trainable · ${n.tokens} tokens` : `${n.tokens} tokens`, 'params', '', was.params),
    kpi('Training compute', n.flops, r.compute.pfDays !== null ? `${r.compute.pfDays.toFixed(1)} PF-days` : dash, 'flops', '', was.flops),
    kpi('Cost', cost.value, range, 'cost', '', cost.was, cost.range),
    kpi('Wall clock', days.value, hw.accelerator ? `on ${hw.count ?? '?'} × ${hw.accelerator} at ${fmtPercent(hw.mfu)} MFU (${MFU_SOURCE[hw.mfuSource]})` : 'accelerator unknown', 'days', '', days.was, days.range),
    kpi('GPU-hours', hours.value, r.cost.energyKwh !== null ? `${n.energy} · ${n.co2}` : 'energy needs the board power', 'gpuHours', '', hours.was, hours.range),
    kpi('Memory per device', n.memory, memorySub(r), 'memory', memCls, was.memory),
  );
}
