// Sidebar planner: a budget (dollars, GPU-hours, FLOPs or a deadline) on a fleet becomes the
// compute-optimal model for it, computed here with the engine as you type; "Create plan file"
// and "Open in panel" go to the host. Also shows the active config's headline numbers.

import {
  analyze,
  DEFAULT_ACCELERATOR,
  DEFAULT_LAW,
  findAccelerator,
  fmtCount,
  fmtDays,
  fmtFlops,
  fmtMoney,
  fmtPercent,
  fmtRange,
  isLawId,
  layoutLabel,
  planBudget,
  planLifecycle,
  PlanError,
  type Accelerator,
  type LifecyclePlan,
  type LifecycleWorkload,
  type Plan,
} from '../src/engine';
import { toPlanRequest, type ConfigPayload, type EngineSettings, type HostMessage, type PlanInputs } from '../src/shared/protocol';
import { parseQuantity, type QuantityKind } from '../src/shared/quantity';
import { readTeacher } from '../src/shared/teacher';
import { acceleratorHint, acceleratorIds, dash, lawOptions, moneyText, noticeArea, noticeOf, scheduler } from './common';
import { button, h, kv, replaceChildren, select, textField, type Button, type SingleSelect, type TextField } from './dom';
import { getState, onHostMessage, post, ready, reportRendered, setState, watchCsp } from './host';
import { lifecycleForm, lifecycleNumbers, type LifecycleFields } from './sidebarLifecycle';
import { memoryFit, planNumbers, planResult } from './sidebarPlan';

type BudgetKind = 'usd' | 'gpuHours' | 'flops' | 'days';

/** The form as typed (strings, so a half-typed value survives a reload); the lifecycle fields are sidebarLifecycle's. */
interface SidebarState extends LifecycleFields {
  kind: BudgetKind;
  amount: string;
  accelerator: string;
  count: string;
  mfu: string;
  law: string;
  unique: string;
  inference: string;
}

const KINDS: Array<[BudgetKind, string, QuantityKind, string]> = [
  ['usd', 'Dollars', 'usd', '$500k'],
  ['gpuHours', 'GPU-hours', 'count', '200k'],
  ['flops', 'FLOPs', 'count', '1e23'],
  ['days', 'Deadline (days)', 'days', '30d'],
];

const app = document.getElementById('app')!;
let settings: EngineSettings | null = null;
let active: ConfigPayload | null = null;
let activeReason = 'Open a training config to see its numbers here.';
let state: SidebarState = { kind: 'usd', amount: '$500k', accelerator: '', count: '', mfu: '', law: '', unique: '', inference: '', requests: '', prompt: '', reasoning: '', output: '', horizon: '', teacher: '', teacherTokens: '', ...getState<SidebarState>() };

let activeEl: HTMLElement | null = null;
let resultEl: HTMLElement | null = null;
let notices = noticeArea();
let createBtn: Button | null = null;
let openBtn: Button | null = null;
let lastInputs: PlanInputs | null = null;
const fields: Partial<Record<keyof SidebarState, { input: TextField | SingleSelect; hint: HTMLElement }>> = {};

const m$ = (usd: number): string => moneyText(usd, settings);

// ---------------------------------------------------------------- inputs

function defaults() {
  const d = settings?.options.defaults ?? {};
  return {
    accelerator: findAccelerator(d.accelerator ?? DEFAULT_ACCELERATOR, settings?.options.customAccelerators)?.id ?? DEFAULT_ACCELERATOR,
    count: d.count ?? 64,
    /** A configured MFU, else none: the planner predicts it for the planned model. */
    mfu: d.mfu,
    law: settings?.options.law ?? DEFAULT_LAW,
  };
}

function readInputs(): { inputs: PlanInputs | null; errors: Partial<Record<keyof SidebarState, string>> } {
  const errors: Partial<Record<keyof SidebarState, string>> = {};
  const d = defaults();
  const q = (key: keyof SidebarState, kind: QuantityKind, optional: boolean, fallback?: number): number | undefined => {
    const raw = state[key].trim();
    if (!raw) {
      if (!optional) errors[key] = 'required';
      return fallback;
    }
    const p = parseQuantity(raw, kind);
    if (!p.ok || !(p.value > 0)) {
      errors[key] = p.ok ? 'must be above zero' : p.error;
      return undefined;
    }
    return p.value;
  };
  const kind = KINDS.find((k) => k[0] === state.kind) ?? KINDS[0];
  const amount = q('amount', kind[2], false);
  const count = q('count', 'count', true, d.count);
  const mfu = q('mfu', 'fraction', true, d.mfu);
  if (mfu !== undefined && mfu > 1) errors.mfu = 'at most 100%';
  const unique = q('unique', 'count', true);
  const inference = q('inference', 'count', true);
  if (count !== undefined && !Number.isInteger(count)) errors.count = 'a whole number';
  const lifecycle = readLifecycle(q, errors);
  if (Object.keys(errors).length || amount === undefined) return { inputs: null, errors };
  const inputs: PlanInputs = {
    [state.kind]: amount,
    accelerator: state.accelerator || d.accelerator,
    count,
    mfu,
    law: isLawId(state.law) ? state.law : d.law,
    ...(unique !== undefined ? { uniqueTokens: unique } : {}),
    ...(inference !== undefined && !lifecycle ? { inferenceTokens: inference } : {}),
    ...(lifecycle ? { lifecycle } : {}),
  };
  return { inputs, errors };
}

type Reader = (key: keyof SidebarState, kind: QuantityKind, optional: boolean, fallback?: number) => number | undefined;

/** The serving workload when requests per day are given: the dollar budget then covers the lifecycle. */
function readLifecycle(q: Reader, errors: Partial<Record<keyof SidebarState, string>>): LifecycleWorkload | undefined {
  if (!state.requests.trim()) return undefined;
  if (state.kind !== 'usd') errors.requests = 'a lifecycle budget is in dollars';
  const requestsPerDay = q('requests', 'count', false);
  const tokens = (k: keyof SidebarState): number => {
    const raw = state[k].trim();
    if (!raw) return 0;
    const p = parseQuantity(raw, 'count');
    if (!p.ok || p.value < 0) errors[k] = p.ok ? 'at least zero' : p.error;
    return p.ok ? p.value : 0;
  };
  const promptTokens = tokens('prompt');
  const reasoningTokens = tokens('reasoning');
  const outputTokens = tokens('output');
  const horizonDays = q('horizon', 'days', true, 365);
  const t = readTeacher(state.teacher, q('teacherTokens', 'count', true));
  if (t.error) errors.teacher = t.error;
  if (requestsPerDay === undefined || horizonDays === undefined) return undefined;
  return { requestsPerDay, promptTokens, reasoningTokens, outputTokens, horizonDays, ...(t.teacher ? { teacher: t.teacher } : {}) };
}

function buildForm(): HTMLElement {
  const d = defaults();
  const accIds = acceleratorIds(settings?.options);
  const kind = select('Budget in', KINDS.map(([k, l]) => [k, l]), state.kind, { id: 'budget-kind' });
  const cur = KINDS.find((k) => k[0] === state.kind) ?? KINDS[0];
  const amount = textField('Budget', { value: state.amount, placeholder: cur[3], id: 'budget-amount' });
  const acc = select('Accelerator', accIds.map((id) => [id, id]), state.accelerator || d.accelerator, { id: 'plan-accelerator' });
  const count = textField('Devices', { value: state.count, placeholder: String(d.count), id: 'plan-count' });
  const mfu = textField('MFU', { value: state.mfu, placeholder: d.mfu !== undefined ? fmtPercent(d.mfu) : 'predicted', id: 'plan-mfu' });
  const law = select('Scaling law', lawOptions(), isLawId(state.law) ? state.law : d.law, { id: 'plan-law' });
  const unique = textField('Unique tokens', { value: state.unique, placeholder: 'optional', id: 'plan-unique' });
  const inference = textField('Inference tokens', { value: state.inference, placeholder: 'optional', id: 'plan-inference' });
  const all: Array<[keyof SidebarState, { wrap: HTMLElement; input: TextField | SingleSelect; hint: HTMLElement }]> = [
    ['kind', kind],
    ['amount', amount],
    ['accelerator', acc],
    ['count', count],
    ['mfu', mfu],
    ['law', law],
    ['unique', unique],
    ['inference', inference],
  ];
  const life = lifecycleForm(state);
  all.push(...life.all);
  for (const [k, f] of all) {
    fields[k] = f;
    const isSelect = f.input.tagName.toLowerCase() === 'vscode-single-select';
    f.input.addEventListener(isSelect ? 'change' : 'input', () => {
      (state as unknown as Record<string, string>)[k] = f.input.value;
      if (k === 'kind') {
        const kk = KINDS.find((x) => x[0] === f.input.value);
        if (kk) (fields.amount!.input as TextField).placeholder = kk[3];
      }
      setState<SidebarState>(state);
      schedule();
    });
  }
  createBtn = button('Create plan file', () => {
    if (lastInputs) post({ type: 'createPlanFile', inputs: lastInputs });
  }, { id: 'create-plan', title: 'Write this plan as a new .plan.yaml file and open it' });
  openBtn = button('Open in panel', () => {
    if (lastInputs) post({ type: 'openInPanel', inputs: lastInputs });
  }, { secondary: true, id: 'open-plan', title: 'Show this plan on the frontier in the planning panel' });
  return h(
    'section',
    { class: 'side-section', attrs: { 'aria-labelledby': 'plan-title' } },
    h('h2', { id: 'plan-title' }, 'Plan a budget'),
    h('div', { class: 'row2' }, kind.wrap, amount.wrap),
    h('div', { class: 'row2' }, acc.wrap, count.wrap),
    h('div', { class: 'row2' }, mfu.wrap, law.wrap),
    h('div', { class: 'row2' }, unique.wrap, inference.wrap),
    life.el,
  );
}

// ---------------------------------------------------------------- output

const schedule = scheduler(() => renderPlan());

function renderPlan(): void {
  if (!resultEl || !settings) return;
  const { inputs, errors } = readInputs();
  for (const [k, f] of Object.entries(fields)) {
    if ('invalid' in f!.input) (f!.input as TextField).invalid = !!errors[k as keyof SidebarState];
    f!.hint.textContent = errors[k as keyof SidebarState] ?? '';
  }
  const accHint = fields.accelerator?.hint;
  const acc = findAccelerator(inputs?.accelerator ?? (state.accelerator || defaults().accelerator), settings.options.customAccelerators);
  if (accHint && acc) accHint.textContent = acceleratorHint(acc, settings, ' · no price');
  lastInputs = null;
  if (!inputs) {
    replaceChildren(resultEl, h('p', { class: 'muted' }, 'Enter a budget to see the compute-optimal model for it.'));
    setButtons(false);
    reportRendered({ view: 'sidebar', config: active?.fileName ?? null, charts: {}, points: {}, numbers: {} });
    return;
  }
  let plan: Plan;
  let life: LifecyclePlan | null = null;
  try {
    life = inputs.lifecycle ? planLifecycle(toPlanRequest(inputs, settings.options), inputs.lifecycle) : null;
    plan = life?.training ?? planBudget(toPlanRequest(inputs, settings.options));
  } catch (e) {
    replaceChildren(resultEl, h('p', { class: 'error-text' }, e instanceof PlanError ? `Cannot plan: ${e.message}.` : String(e)));
    setButtons(false);
    reportRendered({ view: 'sidebar', config: active?.fileName ?? null, charts: {}, points: {}, numbers: {} });
    return;
  }
  lastInputs = inputs;
  showPlan(resultEl, plan, inputs, acc, life);
}

function showPlan(el: HTMLElement, plan: Plan, inputs: PlanInputs, acc: Accelerator | undefined, life: LifecyclePlan | null): void {
  const { memory: mem, setup } = memoryFit(plan, inputs, settings?.options ?? {});
  const n = { ...planNumbers(plan, mem, m$), ...(life ? lifecycleNumbers(life, m$) : {}) };
  replaceChildren(el, ...planResult({ plan, n, mem, setup, acc, life, money: m$, actions: h('div', { class: 'actions' }, createBtn, openBtn) }));
  setButtons(true);
  reportRendered({ view: 'sidebar', config: active?.fileName ?? null, charts: { family: plan.family.length }, points: {}, numbers: n });
}

function setButtons(on: boolean): void {
  if (createBtn) createBtn.disabled = !on;
  if (openBtn) openBtn.disabled = !on;
}

function renderActive(): void {
  if (!activeEl) return;
  if (!active || !settings) {
    replaceChildren(activeEl, h('h2', null, 'Active config'), h('p', { class: 'muted' }, activeReason));
    return;
  }
  const r = analyze(active.run, active.settings.options);
  const mm = (usd: number) => fmtMoney(usd, active!.settings.money);
  replaceChildren(
    activeEl,
    h('h2', null, 'Active config'),
    h('p', { class: 'active-name', id: 'active-name' }, r.name ?? active.fileName),
    h('p', { class: 'muted small' }, active.fileName, active.dialect ? ` · ${active.dialect}` : ''),
    kv(
      [
        ['Parameters', r.model.paramsTotal === null ? dash : fmtCount(r.model.paramsTotal)],
        ['Tokens', r.data.tokens === null ? dash : `${fmtCount(r.data.tokens)}${r.scaling.tokensPerParam !== null ? ` (${r.scaling.tokensPerParam.toFixed(1)}/param)` : ''}`],
        ['Loss', r.scaling.loss === null ? dash : `${r.scaling.loss.toFixed(3)} (optimum ${r.scaling.optimalLoss!.toFixed(3)})`],
        ['Compute', r.compute.flops === null ? dash : `${fmtFlops(r.compute.flops)} FLOPs`],
        ['Wall clock', r.cost.wallClockDays === null ? dash : `${r.cost.wallClockDaysRange ? '≈ ' : ''}${fmtDays(r.cost.wallClockDays)}${fmtRange(r.cost.wallClockDaysRange, fmtDays)} on ${r.hardware.count}×${r.hardware.accelerator}`],
        ['Cost', r.cost.usd === null ? dash : `${mm(r.cost.usd)}${fmtRange(r.cost.usdRange, mm)}`],
        ['MFU', `${fmtPercent(r.hardware.mfu)} (${r.hardware.mfuSource === 'prior' ? 'predicted' : r.hardware.mfuSource === 'setting' ? 'setting' : 'stated'})`],
        ['Layout', r.training.layout ? `${layoutLabel(r.training.layout)}${r.training.layout.assumed ? ' (chosen)' : ''}` : dash],
        ['Memory', r.memory.perDeviceGb !== null ? `${r.memory.perDeviceGb.toFixed(1)} GiB/device${r.memory.fits === false ? ' · does not fit' : ''}` : r.memory.statesGb !== null ? `≥ ${r.memory.statesGb.toFixed(1)} GiB/device + activations` : dash, r.memory.fits === false ? 'bad' : undefined],
      ],
      'kv compact',
    ),
    h('div', { class: 'actions' }, button('Open in panel', () => post({ type: 'openInPanel' }), { secondary: true, id: 'open-active', title: 'Open the planning panel for this config' })),
  );
}

function build(): void {
  notices = noticeArea();
  activeEl = h('section', { class: 'side-section active', id: 'active', attrs: { 'aria-label': 'Active config' } });
  resultEl = h('section', { class: 'side-section result', id: 'result', attrs: { 'aria-live': 'polite' } });
  replaceChildren(app, activeEl, buildForm(), notices.el, resultEl);
  app.setAttribute('aria-busy', 'false');
  renderActive();
  renderPlan();
}

function onMessage(m: HostMessage): void {
  switch (m.type) {
    case 'init':
      settings = m.settings;
      build();
      return;
    case 'analysis':
      active = m.config;
      if (m.reason) activeReason = m.reason;
      renderActive();
      schedule();
      return;
    case 'planResult':
    case 'notice': {
      const n = noticeOf(m)!;
      notices.show(n.level, n.message);
      return;
    }
    case 'theme':
      return;
  }
}

watchCsp();
onHostMessage(onMessage);
ready('sidebar');
