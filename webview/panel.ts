// Planning panel: the active config on the compute-optimal frontier, its isoFLOP profile, cost on
// every accelerator, memory per device and the family along the frontier. What-if controls re-run
// the engine right here (it is bundled into this script); "Apply to file" asks the host to write
// the changed values into the config.

import { parseQuantity } from '../src/config/quantity';
import { analyze, type Report } from '../src/engine/analyze';
import {
  acceleratorCsv,
  familyCsv,
  frontierCsv,
  frontierSummary,
  isoFlopCsv,
  isoFlopSummary,
  isoFlopTokens,
  uniqueTokenLimit,
  memoryCsv,
  panelCharts,
  type FamilyRow,
  type PanelCharts,
} from '../src/engine/charts';
import { fmtCo2, fmtCount, fmtDays, fmtEnergy, fmtFlops, fmtMoney, fmtPercent, USD } from '../src/engine/format';
import { ACCELERATORS, DEFAULT_ACCELERATOR, findAccelerator } from '../src/engine/hardware';
import { LAWS, isLawId } from '../src/engine/laws';
import { headline } from '../src/engine/render';
import type { FixValue, LawId } from '../src/engine/types';
import { isShapeField, whatIfValues, withValues, type WhatIf } from '../src/engine/whatIf';
import type { ConfigPayload, EngineSettings, HostMessage, RenderedState } from '../src/shared/protocol';
import { applyDefaults, type Chart } from './chartkit';
import { button, h, replaceChildren, select, table, textField, type Button, type Cell, type SingleSelect, type TextField } from './dom';
import { getState, onHostMessage, post, ready, reportRendered, setState, watchCsp } from './host';
import { acceleratorChartHeight, drawAccelerators, drawFrontier, drawIsoFlop, drawMemory, type AcceleratorMetric } from './panelCharts';
import { readPalette, onThemeChange } from './theme';

interface UiState {
  uri: string;
  /** Raw text of the what-if controls the user changed. */
  raw: Partial<Record<keyof WhatIf, string>>;
  overlay: LawId | '';
  metric: AcceleratorMetric;
}

const app = document.getElementById('app')!;
let settings: EngineSettings | null = null;
let config: ConfigPayload | null = null;
let baseReport: Report | null = null;
let ui: UiState = { uri: '', raw: {}, overlay: '', metric: 'usd', ...getState<UiState>() };
let appliedSinceAnalysis = false;

// Elements that live across recomputes.
let controls: Partial<Record<keyof WhatIf, TextField | SingleSelect>> = {};
let hints: Partial<Record<keyof WhatIf, HTMLElement>> = {};
let applyButton: Button | null = null;
let changesLine: HTMLElement | null = null;
let noticeEl: HTMLElement | null = null;
const charts: Record<string, Chart | undefined> = {};

const money = () => settings?.money ?? USD;
const m$ = (usd: number): string => fmtMoney(usd, money());
const dash = '—';
const or = <T>(v: T | null | undefined, f: (x: T) => string): string => (v === null || v === undefined ? dash : f(v));

// ---------------------------------------------------------------- what-if

function currentWhatIf(): { w: WhatIf; invalid: Set<keyof WhatIf> } {
  const w: WhatIf = {};
  const invalid = new Set<keyof WhatIf>();
  const r = ui.raw;
  const num = (k: 'count' | 'tokens' | 'params' | 'mfu', kind: 'count' | 'fraction'): void => {
    const s = r[k];
    if (s === undefined) return;
    const p = parseQuantity(s, kind);
    if (!p.ok || !(p.value > 0) || (k === 'mfu' && p.value > 1)) invalid.add(k);
    else w[k] = p.value;
  };
  num('count', 'count');
  num('tokens', 'count');
  num('params', 'count');
  num('mfu', 'fraction');
  if (r.accelerator !== undefined) w.accelerator = r.accelerator;
  if (r.law !== undefined && isLawId(r.law)) w.law = r.law;
  return { w, invalid };
}

function currentValues(): FixValue[] {
  return config ? whatIfValues(config.run, currentWhatIf().w) : [];
}

function currentAccelerator(): string {
  const id = config?.run.hardware.accelerator ?? settings?.options.defaults?.accelerator ?? DEFAULT_ACCELERATOR;
  return findAccelerator(id, settings?.options.customAccelerators)?.id ?? id;
}

function lawOptions(): Array<[string, string]> {
  return Object.values(LAWS).map((l) => [l.id, l.id]);
}

// ---------------------------------------------------------------- layout

function baseName(): string {
  const n = (config?.fileName ?? 'config').replace(/\.(plan\.)?(ya?ml|json)$/i, '');
  return n.replace(/[^\w.-]+/g, '-').replace(/^[^\w]+/, '').slice(0, 60) || 'config';
}

function notice(level: 'info' | 'warning' | 'error', message: string): void {
  if (!noticeEl) return;
  replaceChildren(noticeEl, h('span', { class: `notice notice-${level}` }, message));
  window.setTimeout(() => {
    if (noticeEl?.textContent === message) replaceChildren(noticeEl);
  }, 8000);
}

interface CardParts {
  el: HTMLElement;
  canvas: HTMLCanvasElement;
  box: HTMLElement;
  twin: HTMLElement;
  summary: HTMLElement;
}

function chartCard(id: string, title: string, sub: string, tools: HTMLElement[], csv: () => string | null): CardParts {
  const canvas = h('canvas', { id: `${id}-canvas`, attrs: { role: 'img', 'aria-label': title } });
  const box = h('div', { class: 'chart-box' }, canvas);
  const twin = h('div', { class: 'twin-body' });
  const summary = h('p', { class: 'card-sub', id: `${id}-summary` }, sub);
  canvas.setAttribute('aria-describedby', `${id}-summary`);
  const exportCsv = button('CSV', () => {
    const text = csv();
    if (text) post({ type: 'saveCsv', fileName: `${baseName()}-${id}.csv`, csv: text });
  }, { secondary: true, title: `Save the ${title.toLowerCase()} data as CSV` });
  const exportPng = button('PNG', () => {
    if (charts[id]) post({ type: 'savePng', fileName: `${baseName()}-${id}.png`, dataUrl: canvas.toDataURL('image/png') });
  }, { secondary: true, title: `Save the ${title.toLowerCase()} chart as PNG` });
  const el = h(
    'section',
    { class: 'card', id: `card-${id}`, attrs: { 'aria-labelledby': `${id}-title` } },
    h('div', { class: 'card-head' }, h('h2', { id: `${id}-title` }, title), h('div', { class: 'card-tools' }, ...tools)),
    summary,
    box,
    h('div', { class: 'card-foot' }, h('details', { class: 'twin' }, h('summary', null, 'Data table', h('span', { class: 'visually-hidden' }, ` for ${title.toLowerCase()}`)), twin), h('div', { class: 'card-tools export' }, exportCsv, exportPng)),
  );
  return { el, canvas, box, twin, summary };
}

let cards: Record<'frontier' | 'isoflop' | 'accelerators' | 'memory', CardParts> | null = null;
let kpiEl: HTMLElement | null = null;
let findingsEl: HTMLElement | null = null;
let familyEl: HTMLElement | null = null;
let headEl: HTMLElement | null = null;
let lastCharts: PanelCharts | null = null;

function buildEmpty(reason: string): void {
  cards = null;
  for (const k of Object.keys(charts)) {
    charts[k]?.destroy();
    delete charts[k];
  }
  noticeEl = h('div', { class: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });
  replaceChildren(
    app,
    h(
      'div',
      { class: 'empty' },
      h('h1', null, 'Scaling Planner'),
      h('p', null, reason),
      h('p', { class: 'muted' }, 'Open a training config (a .plan.yaml file, or a GPT-NeoX, OLMo, llm-foundry, NeMo, torchtune, axolotl, LitGPT or Hugging Face config) and this panel follows it.'),
    ),
    noticeEl,
  );
  app.setAttribute('aria-busy', 'false');
  reportRendered({ view: 'panel', config: null, charts: {}, points: {}, numbers: {} });
}

function buildControls(): HTMLElement {
  const run = config!.run;
  const base = baseReport!;
  controls = {};
  hints = {};
  const accIds = [...(settings?.options.customAccelerators ?? []), ...ACCELERATORS].map((a) => a.id);
  const cur = currentAccelerator();
  if (!accIds.includes(cur)) accIds.unshift(cur);
  const acc = select('Accelerator', accIds.map((id) => [id, id]), ui.raw.accelerator ?? cur);
  const count = textField('Devices', { value: ui.raw.count ?? (base.hardware.count !== null ? String(base.hardware.count) : ''), placeholder: '1' });
  const mfu = textField('MFU', { value: ui.raw.mfu ?? fmtPercent(base.hardware.mfu), placeholder: '40%' });
  const law = select('Scaling law', lawOptions(), ui.raw.law ?? base.scaling.law);
  const tokens = textField('Training tokens', { value: ui.raw.tokens ?? or(run.data.tokens, fmtCount), placeholder: '2T' });
  const params = textField('Model size (parameters)', { value: ui.raw.params ?? or(base.model.paramsTotal, fmtCount), placeholder: '7B' });
  const entries: Array<[keyof WhatIf, { wrap: HTMLElement; input: TextField | SingleSelect; hint: HTMLElement }]> = [
    ['accelerator', acc],
    ['count', count],
    ['mfu', mfu],
    ['law', law],
    ['tokens', tokens],
    ['params', params],
  ];
  for (const [k, c] of entries) {
    controls[k] = c.input;
    hints[k] = c.hint;
    c.input.dataset.whatif = k;
    const onChange = (): void => {
      let v = c.input.value;
      if (k === 'accelerator' && v === cur) v = '';
      if (k === 'law' && v === (config!.run.law ?? base.scaling.law)) v = '';
      if (v === '' && (k === 'accelerator' || k === 'law')) delete ui.raw[k];
      else ui.raw[k] = v;
      schedule();
    };
    c.input.addEventListener(c.input.tagName.toLowerCase() === 'vscode-single-select' ? 'change' : 'input', onChange);
  }
  applyButton = button('Apply to file…', () => {
    const values = currentValues();
    if (!config || !values.length) return;
    // The values are dropped only once the host says they are in the file (not on Cancel).
    post({ type: 'applyValues', uri: config.uri, values });
  }, { id: 'apply', title: 'Write the changed values into the config (asks first; Undo reverts)' });
  const reset = button('Reset', () => {
    ui.raw = {};
    rebuild();
  }, { secondary: true, id: 'reset', title: 'Back to the values in the file' });
  changesLine = h('p', { class: 'changes muted', attrs: { 'aria-live': 'polite' } });
  return h(
    'section',
    { class: 'card whatif', attrs: { 'aria-labelledby': 'whatif-title' } },
    h('div', { class: 'card-head' }, h('h2', { id: 'whatif-title' }, 'What if'), h('div', { class: 'card-tools' }, reset, applyButton)),
    h('div', { class: 'controls' }, ...entries.map(([, c]) => c.wrap)),
    changesLine,
  );
}

function rebuild(): void {
  if (!config || !settings) return;
  baseReport = analyze(config.run, settings.options);
  const name = baseReport.name ?? config.fileName;
  noticeEl = h('div', { class: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });
  const copy = button('Copy as Markdown', () => {
    post({ type: 'copyMarkdown', uri: config!.uri, values: currentValues() });
  }, { secondary: true, id: 'copy-md', title: 'Copy the report (with the what-if values) as Markdown' });
  headEl = h('p', { class: 'headline', id: 'headline' });
  const header = h(
    'header',
    { class: 'top' },
    h(
      'div',
      { class: 'title' },
      h('h1', { id: 'config-name' }, name),
      h('p', { class: 'muted sub' }, config.fileName, config.dialect ? ` · ${config.dialect}` : '', config.editable ? '' : ' · preview, not saved'),
      headEl,
    ),
    h('div', { class: 'top-tools' }, copy),
  );
  const overlay = select('Compare with', [['', 'No second law'], ...lawOptions()], ui.overlay, { id: 'overlay' });
  overlay.wrap.classList.add('compact');
  overlay.input.addEventListener('change', () => {
    ui.overlay = isLawId(overlay.input.value) ? overlay.input.value : '';
    schedule();
  });
  const metric = select('Show', [['usd', 'Cost'], ['days', 'Wall clock']], ui.metric, { id: 'metric' });
  metric.wrap.classList.add('compact');
  metric.input.addEventListener('change', () => {
    ui.metric = metric.input.value === 'days' ? 'days' : 'usd';
    schedule();
  });
  cards = {
    frontier: chartCard('frontier', 'Compute-optimal frontier', '', [overlay.wrap], () => (lastCharts?.frontier ? frontierCsv(lastCharts.frontier) : null)),
    isoflop: chartCard('isoflop', 'IsoFLOP profile', '', [], () => (lastCharts?.isoFlop ? isoFlopCsv(lastCharts.isoFlop) : null)),
    accelerators: chartCard('accelerators', 'Accelerators', '', [metric.wrap], () => (lastCharts ? acceleratorCsv(lastCharts.accelerators) : null)),
    memory: chartCard('memory', 'Memory per device', '', [], () => (lastCharts?.memory ? memoryCsv(lastCharts.memory) : null)),
  };
  cards.memory.box.classList.add('short');
  kpiEl = h('section', { class: 'kpis', attrs: { 'aria-label': 'Headline numbers' } });
  findingsEl = h('section', { class: 'findings', attrs: { 'aria-label': 'Findings' } });
  familyEl = h('div', { class: 'family-body' });
  const familyCard = h(
    'section',
    { class: 'card family', attrs: { 'aria-labelledby': 'family-title' } },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: 'family-title' }, 'Family along the frontier'),
      h(
        'div',
        { class: 'card-tools' },
        button('CSV', () => {
          if (lastCharts) post({ type: 'saveCsv', fileName: `${baseName()}-family.csv`, csv: familyCsv(lastCharts.family) });
        }, { secondary: true, title: 'Save the family table as CSV' }),
      ),
    ),
    h('p', { class: 'card-sub' }, 'Compute-optimal model size, tokens, loss and cost for 0.1× to 10× this config’s compute, on its hardware.'),
    familyEl,
  );
  const results = h('div', { class: 'results' }, kpiEl, findingsEl, h('div', { class: 'grid' }, cards.frontier.el, cards.isoflop.el, cards.accelerators.el, cards.memory.el), familyCard);
  replaceChildren(app, header, noticeEl, buildControls(), results);
  app.setAttribute('aria-busy', 'false');
  recompute();
}

// ---------------------------------------------------------------- rendering

let scheduled = false;
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    recompute();
  });
}

function kpi(label: string, value: string, sub: string, key: string, cls = '', was?: string): HTMLElement {
  const changed = was !== undefined && was !== value;
  return h(
    'div',
    { class: `kpi ${cls} ${changed ? 'changed' : ''}`.trim(), attrs: { 'data-key': key } },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value', attrs: { 'data-value': key } }, value),
    h('div', { class: 'kpi-sub' }, sub),
    was !== undefined && was !== value ? h('div', { class: 'kpi-was' }, `in the file: ${was}`) : null,
  );
}

function numbers(r: Report): Record<string, string> {
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
    energy: or(r.cost.energyKwh, fmtEnergy),
    co2: or(r.cost.co2Kg, fmtCo2),
    // With activations unknown, the model states are still a lower bound worth showing.
    memory: r.memory.perDeviceGb !== null ? `${r.memory.perDeviceGb.toFixed(1)} GiB` : r.memory.statesGb !== null ? `≥ ${r.memory.statesGb.toFixed(1)} GiB` : dash,
    accelerator: r.hardware.accelerator ?? dash,
    law: r.scaling.law,
  };
}

/** What the training FLOPs wait for, in the user's terms. */
function missingForFlops(r: Report): string {
  if (r.model.paramsTotal === null) return 'the parameter count (or the model shape)';
  if (r.training.finetune && r.model.paramsTrainable === null) return 'the trainable parameters (LoRA rank and target modules, or the model shape)';
  if (r.data.tokens === null) return 'the training tokens';
  return 'the parameters and tokens';
}

function missingForMemory(r: Report): string {
  if (r.model.paramsTotal === null) return 'Needs the parameter count.';
  if (r.training.finetune && r.model.paramsTrainable === null) return 'Needs the trainable parameters (LoRA rank and target modules, or the model shape).';
  if (r.hardware.count === null) return 'Needs the device count: ZeRO shards the model states over it.';
  return 'Needs the model shape and sequence length.';
}

function renderKpis(r: Report, n: Record<string, string>, was: Record<string, string>): void {
  const h_ = r.hardware;
  const range = h_.priceRange && r.cost.gpuHours !== null ? `range ${m$(r.cost.gpuHours * h_.priceRange.low)}–${m$(r.cost.gpuHours * h_.priceRange.high)}` : h_.pricePerHour !== null ? `at ${m$(h_.pricePerHour)}/h` : 'no price for this device';
  const mem = r.memory;
  const fitText = mem.fits === null ? (mem.minDevices !== null && r.hardware.count === null ? `fits on ≥ ${mem.minDevices} devices` : 'fit unknown') : mem.fits ? 'fits' : 'does not fit';
  const memSub = mem.perDeviceGb === null && mem.fits === null && r.model.paramsTotal === null ? 'needs the parameter count' : mem.capacityGb === null ? 'capacity unknown' : `of ${mem.capacityGb} GiB · ${fitText}`;
  replaceChildren(
    kpiEl!,
    kpi('Predicted loss', n.loss, r.scaling.optimalLoss !== null ? `optimum ${n.optimalLoss} at this compute${uniqueTokenLimit(r) !== null ? ' with unlimited fresh data' : ''}` : 'not on a pretraining frontier', 'loss', '', was.loss),
    kpi('Compute efficiency', n.efficiency, r.scaling.tokensPerParam !== null ? `${r.scaling.tokensPerParam.toFixed(1)} tokens/param (optimum ≈ ${or(r.scaling.optimalTokensPerParamForSize, (v) => v.toFixed(1))})` : dash, 'efficiency', '', was.efficiency),
    kpi('Parameters', n.params, r.model.paramsTrainable !== null && r.model.paramsTotal !== null && r.model.paramsTrainable < r.model.paramsTotal ? `${fmtCount(r.model.paramsTrainable)} trainable · ${n.tokens} tokens` : `${n.tokens} tokens`, 'params', '', was.params),
    kpi('Training compute', n.flops, r.compute.pfDays !== null ? `${r.compute.pfDays.toFixed(1)} PF-days` : dash, 'flops', '', was.flops),
    kpi('Cost', n.cost, range, 'cost', '', was.cost),
    kpi('Wall clock', n.days, h_.accelerator ? `on ${h_.count ?? '?'} × ${h_.accelerator} at ${fmtPercent(h_.mfu)} MFU` : 'accelerator unknown', 'days', '', was.days),
    kpi('GPU-hours', n.gpuHours, r.cost.energyKwh !== null ? `${n.energy} · ${n.co2}` : 'energy needs the board power', 'gpuHours', '', was.gpuHours),
    kpi('Memory per device', n.memory, memSub, 'memory', mem?.fits === false ? 'bad' : mem?.fits ? 'good' : '', was.memory),
  );
}

function renderFindings(r: Report): void {
  const items = r.findings.filter((f) => f.code !== 'missing-facts' || r.findings.length < 6);
  if (!items.length) {
    replaceChildren(findingsEl!);
    findingsEl!.hidden = true;
    return;
  }
  findingsEl!.hidden = false;
  replaceChildren(
    findingsEl!,
    h('h2', { class: 'visually-hidden' }, 'Findings'),
    h('ul', { class: 'finding-list' }, ...items.map((f) => h('li', { class: `finding sev-${f.severity}` }, h('span', { class: 'sev' }, f.severity), h('code', null, f.code), ' ', f.message))),
  );
}

function familyRows(rows: FamilyRow[]): Cell[][] {
  return rows.map((f) => [
    { text: `${f.multiple}×`, class: 'num' },
    { text: fmtFlops(f.flops), class: 'num' },
    { text: fmtCount(f.params), class: 'num' },
    { text: fmtCount(f.tokens), class: 'num' },
    { text: (f.tokens / f.params).toFixed(1), class: 'num' },
    { text: f.loss.toFixed(3), class: 'num' },
    { text: or(f.usd, m$), class: 'num' },
    { text: or(f.days, fmtDays), class: 'num' },
  ]);
}

const FAMILY_HEAD = ['Compute', 'FLOPs', 'Params', 'Tokens', 'Tok/param', 'Loss', 'Cost', 'Time'];

function unavailable(card: CardParts, why: string): void {
  card.box.classList.add('unavailable');
  card.summary.textContent = why;
  replaceChildren(card.twin, h('p', { class: 'muted' }, why));
}

function renderCharts(c: PanelCharts, r: Report): RenderedState['points'] {
  const p = readPalette();
  applyDefaults(p);
  const points: RenderedState['points'] = {};
  const cs = cards!;
  for (const k of Object.keys(charts)) {
    charts[k]?.destroy();
    delete charts[k];
  }
  for (const card of Object.values(cs)) card.box.classList.remove('unavailable');

  if (c.frontier) {
    const f = c.frontier;
    const chart = drawFrontier(cs.frontier.canvas, f, p);
    charts.frontier = chart;
    const configEl = chart.getDatasetMeta(0).data[0];
    points['frontier.config'] = { x: f.config.x, y: f.config.y };
    points['frontier.optimum'] = { x: f.optimum.x, y: f.optimum.y };
    if (configEl) points['frontier.configPx'] = { x: configEl.x, y: configEl.y };
    points['frontier.configScalePx'] = { x: chart.scales.x.getPixelForValue(f.config.x), y: chart.scales.y.getPixelForValue(f.config.y) };
    cs.frontier.summary.textContent = frontierSummary(f);
    cs.frontier.canvas.setAttribute('aria-label', `Frontier chart: loss against compute from ${fmtFlops(f.range[0])} to ${fmtFlops(f.range[1])} FLOPs`);
    replaceChildren(
      cs.frontier.twin,
      table('Points on the chart', ['Series', 'Compute (FLOPs)', 'Loss'], [
        ['This config', fmtFlops(f.config.x), f.config.y.toFixed(4)],
        ['Optimum at this compute', fmtFlops(f.optimum.x), f.optimum.y.toFixed(4)],
        ...c.family.map((x): Cell[] => [`Family ${x.multiple}×`, fmtFlops(x.flops), x.loss.toFixed(4)]),
      ]),
      table(`Frontier L*(C), ${f.law}${f.overlay ? ` and ${f.overlay.law}` : ''}`, ['Compute (FLOPs)', `Loss (${f.law})`, ...(f.overlay ? [`Loss (${f.overlay.law})`] : [])], f.frontier.map((q, i) => [fmtFlops(q.x), q.y.toFixed(4), ...(f.overlay ? [f.overlay.points[i].y.toFixed(4)] : [])])),
    );
  } else unavailable(cs.frontier, r.training.finetune ? 'A fine-tune is not on a pretraining frontier.' : 'Needs the parameter count and training tokens.');

  if (c.isoFlop) {
    const d = c.isoFlop;
    const chart = drawIsoFlop(cs.isoflop.canvas, d, p);
    charts.isoflop = chart;
    points['iso.config'] = { x: d.config.x, y: d.config.y };
    points['iso.minimum'] = { x: d.minimum.x, y: d.minimum.y };
    const el = chart.getDatasetMeta(0).data[0];
    if (el) points['iso.configPx'] = { x: el.x, y: el.y };
    cs.isoflop.summary.textContent = isoFlopSummary(d);
    cs.isoflop.canvas.setAttribute('aria-label', `IsoFLOP chart: loss against model size at ${fmtFlops(d.compute)} FLOPs`);
    replaceChildren(
      cs.isoflop.twin,
      table('Points on the chart', ['Series', 'Params', 'Tokens', 'Loss'], [
        ['This config', fmtCount(d.config.x), fmtCount(d.config.tokens), d.config.y.toFixed(4)],
        ['Minimum', fmtCount(d.minimum.x), fmtCount(d.minimum.tokens), d.minimum.y.toFixed(4)],
        ...(d.lawOptimum ? [["Law's allocation rule", fmtCount(d.lawOptimum.x), fmtCount(d.lawOptimum.tokens), d.lawOptimum.y.toFixed(4)] as Cell[]] : []),
      ]),
      table('IsoFLOP curve', ['Params', 'Tokens', 'Loss'], d.curve.map((q) => [fmtCount(q.x), fmtCount(isoFlopTokens(d, q.x)), q.y.toFixed(4)])),
    );
  } else unavailable(cs.isoflop, r.training.finetune ? 'A fine-tune is not a point on a pretraining frontier.' : 'Needs the parameter count and training tokens.');

  if (c.accelerators.length) {
    const shown = ui.metric === 'usd' ? c.accelerators.filter((a) => a.usd !== null).length : c.accelerators.length;
    cs.accelerators.box.style.height = `${acceleratorChartHeight(shown)}px`;
    charts.accelerators = drawAccelerators(cs.accelerators.canvas, c.accelerators, ui.metric, money(), p);
    const cheapest = c.accelerators.find((a) => a.usd !== null);
    const timed = c.accelerators.filter((a): a is typeof a & { days: number } => a.days !== null);
    const fastest = [...timed].sort((a, b) => a.days - b.days)[0];
    const fleet = r.hardware.count === null ? 'each accelerator (the device count is not given, so GPU-hours and cost, not wall-clock time)' : `${r.hardware.count} devices`;
    cs.accelerators.summary.textContent = `The same ${or(r.compute.flops, fmtFlops)} FLOPs on ${fleet} at ${fmtPercent(r.hardware.mfu)} MFU. Cheapest: ${cheapest ? `${cheapest.id} (${m$(cheapest.usd!)})` : dash}${fastest ? `; fastest: ${fastest.id} (${fmtDays(fastest.days)})` : ''}.${ui.metric === 'usd' ? ' Devices without a catalog price are left out of the cost view.' : ''}`;
    cs.accelerators.canvas.setAttribute('aria-label', `Accelerator comparison: ${ui.metric === 'usd' ? 'cost' : 'wall-clock time'} per accelerator`);
    replaceChildren(
      cs.accelerators.twin,
      table(
        'Accelerators',
        ['Accelerator', 'Wall clock', 'GPU-hours', 'Cost', 'Price range', 'CO2'],
        c.accelerators.map((a) => [
          a.current ? `${a.id} (this config)` : a.id,
          { text: or(a.days, fmtDays), class: 'num' },
          { text: fmtCount(a.gpuHours), class: 'num' },
          { text: or(a.usd, m$), class: 'num' },
          { text: a.usdLow !== null && a.usdHigh !== null ? `${m$(a.usdLow)}–${m$(a.usdHigh)}` : dash, class: 'num' },
          { text: or(a.co2Kg, fmtCo2), class: 'num' },
        ]),
        { rowClass: (i) => (c.accelerators[i].current ? 'current' : undefined) },
      ),
    );
  } else unavailable(cs.accelerators, `Needs the training FLOPs: ${missingForFlops(r)}.`);

  if (c.memory) {
    const m = c.memory;
    charts.memory = drawMemory(cs.memory.canvas, m, p);
    const precision = r.hardware.precision;
    cs.memory.summary.textContent = `${m.totalGb.toFixed(1)} GiB per device${m.capacityGb !== null ? ` of ${m.capacityGb} GiB (${m.usableGb!.toFixed(0)} GiB usable)` : ''}: ${m.fits === null ? (m.capacityGb === null ? 'capacity unknown' : 'fit unknown') : m.fits ? 'fits' : 'does not fit'}. ${precision}, ${m.activationsKnown ? 'activations from the shape' : 'activations unknown (needs the shape and seq_len)'}.`;
    cs.memory.canvas.setAttribute('aria-label', 'Memory per device: weights, gradients, optimizer states and activations against capacity');
    replaceChildren(
      cs.memory.twin,
      table('Memory per device', ['Part', 'GiB'], [
        ...m.segments.map((s): Cell[] => [s.label, { text: s.id === 'activations' && !m.activationsKnown ? 'unknown' : s.gb.toFixed(2), class: 'num' }]),
        ['Total', { text: m.totalGb.toFixed(2), class: 'num' }],
        ['Capacity', { text: or(m.capacityGb, (v) => v.toFixed(0)), class: 'num' }],
        ['Usable', { text: or(m.usableGb, (v) => v.toFixed(1)), class: 'num' }],
      ]),
    );
  } else unavailable(cs.memory, missingForMemory(r));

  if (c.family.length) {
    replaceChildren(familyEl!, table('Compute-optimal family', FAMILY_HEAD, familyRows(c.family), { class: 'family-table', rowClass: (i) => (c.family[i].multiple === 1 ? 'current' : undefined) }));
  } else replaceChildren(familyEl!, h('p', { class: 'muted' }, r.training.finetune ? 'A fine-tune is not a point on a pretraining frontier.' : 'Needs the parameter count and training tokens.'));
  return points;
}

function recompute(): void {
  if (!config || !settings || !cards || !baseReport) return;
  const { w, invalid } = currentWhatIf();
  for (const [k, el] of Object.entries(controls)) {
    if ('invalid' in el!) (el as TextField).invalid = invalid.has(k as keyof WhatIf);
  }
  const values = whatIfValues(config.run, w);
  const run = withValues(config.run, values);
  const report = analyze(run, settings.options);
  const c = panelCharts(report, settings.options, ui.overlay || null);
  lastCharts = c;
  const n = numbers(report);
  const was = values.length ? numbers(baseReport) : {};
  headEl!.textContent = headline(report, money());
  renderKpis(report, n, was);
  renderFindings(report);
  const points = renderCharts(c, report);

  // What-if bookkeeping.
  if (hints.params) {
    const shapeValues = values.filter((v) => isShapeField(v.field));
    hints.params.textContent = shapeValues.length && report.model.paramsTotal !== null
      ? `Nearest shape: ${shapeValues.map((v) => `${v.field.slice(6)} ${v.value}`).join(', ')} (${fmtCount(report.model.paramsTotal)})`
      : invalid.has('params') ? 'e.g. 7B or 1.3e9' : '';
  }
  if (hints.tokens) hints.tokens.textContent = invalid.has('tokens') ? 'e.g. 2T, 300B or 3e11' : report.scaling.optimalTokensForParams !== null ? `optimum for this size ≈ ${fmtCount(report.scaling.optimalTokensForParams)}` : '';
  if (hints.mfu) hints.mfu.textContent = invalid.has('mfu') ? 'a fraction or percentage, e.g. 0.4 or 40%' : '';
  if (hints.count) hints.count.textContent = invalid.has('count') ? 'a whole number of devices' : '';
  if (hints.accelerator) {
    const a = findAccelerator(report.hardware.accelerator ?? '', settings.options.customAccelerators);
    hints.accelerator.textContent = a ? `${a.memoryGb} GiB${a.price ? ` · ${m$(settings?.options.prices?.[a.id] ?? a.price.default)}/h` : ''}` : '';
  }
  if (hints.law) hints.law.textContent = LAWS[report.scaling.law].name;
  if (changesLine) {
    changesLine.textContent = values.length
      ? `Changed from the file: ${values.map((v) => `${v.field} → ${typeof v.value === 'number' ? (v.field === 'hardware.mfu' ? fmtPercent(v.value) : fmtCount(v.value)) : v.value}`).join(', ')}`
      : 'Change a value to see the effect at once; the file is not touched until you apply.';
  }
  if (applyButton) applyButton.disabled = !values.length || !config.editable;
  setState<UiState>({ ...ui, uri: config.uri });

  const counts: Record<string, number> = {};
  for (const [k, ch] of Object.entries(charts)) if (ch) counts[k] = ch.data.datasets.reduce((s, d) => s + d.data.length, 0);
  counts.frontierCurve = charts.frontier ? charts.frontier.data.datasets.find((d) => String(d.label).startsWith('Frontier L*'))?.data.length ?? 0 : 0;
  counts.isoflopCurve = charts.isoflop ? charts.isoflop.data.datasets.find((d) => String(d.label).startsWith('L(N)'))?.data.length ?? 0 : 0;
  counts.familyPoints = charts.frontier ? charts.frontier.data.datasets.find((d) => String(d.label).startsWith('Family'))?.data.length ?? 0 : 0;
  counts.familyRows = c.family.length;
  counts.acceleratorBars = charts.accelerators ? charts.accelerators.data.labels?.length ?? 0 : 0;
  counts.whatIfValues = values.length;
  reportRendered({ view: 'panel', config: config.fileName, charts: counts, points, numbers: { ...n, source: config.editable ? 'file' : 'preview' } });
}

// ---------------------------------------------------------------- messages

function onAnalysis(next: ConfigPayload | null, reason?: string): void {
  if (!next) {
    config = null;
    buildEmpty(reason ?? 'Open a training config to see it on the frontier.');
    return;
  }
  const sameFile = config?.uri === next.uri || ui.uri === next.uri;
  if (!sameFile || appliedSinceAnalysis) ui.raw = {};
  if (!sameFile) ui.overlay = ui.overlay ?? '';
  appliedSinceAnalysis = false;
  config = next;
  settings = next.settings;
  ui.uri = next.uri;
  rebuild();
}

function onMessage(m: HostMessage): void {
  switch (m.type) {
    case 'init':
      settings = m.settings;
      return;
    case 'analysis':
      onAnalysis(m.config, m.reason);
      return;
    case 'notice':
      if (m.applied) appliedSinceAnalysis = true;
      notice(m.level, m.message);
      return;
    case 'planResult':
      notice(m.ok ? 'info' : 'error', m.message);
      return;
    case 'theme':
      schedule();
      return;
  }
}

watchCsp();
onThemeChange(() => {
  if (cards) recompute();
});
onHostMessage(onMessage);
ready('panel');
