// Planning panel: the active config on the compute-optimal frontier, its isoFLOP profile, cost on
// every accelerator, memory per device and the family along the frontier. What-if controls re-run
// the engine right here (it is bundled into this script); "Apply to file" asks the host to write
// the changed values into the config. State is in ./panel/state, each card in its own module.

import {
  acceleratorCsv,
  analyze,
  frontierCsv,
  headline,
  isLawId,
  isoFlopCsv,
  memoryCsv,
  panelCharts,
  pointCounts,
  whatIfValues,
  withValues,
  type Report,
} from '../src/engine';
import { whatIfFindings } from '../src/shared/findings';
import type { ConfigPayload, HostMessage, RenderedState } from '../src/shared/protocol';
import { applyDefaults } from './chartkit';
import { lawOptions, moneyOf, noticeArea, noticeOf, scheduler } from './common';
import { button, h, replaceChildren, select } from './dom';
import { onHostMessage, post, ready, reportRendered, setState, watchCsp } from './host';
import { renderAccelerators } from './panel/acceleratorCard';
import { chartCard } from './panel/card';
import { familyCard, renderFamily } from './panel/familyCard';
import { renderFindings } from './panel/findings';
import { renderFrontier } from './panel/frontierCard';
import { renderIsoFlop } from './panel/isoflopCard';
import { lifecycleSection, renderLifecycle } from './panel/lifecycleCards';
import { numbers, renderKpis } from './panel/kpis';
import { renderMemory } from './panel/memoryCard';
import { destroyCharts, panel, type UiState } from './panel/state';
import { buildControls, currentValues, currentWhatIf, showWhatIf } from './panel/whatIf';
import { onThemeChange, readPalette } from './theme';

const app = document.getElementById('app')!;
let notices = noticeArea();
let kpiEl: HTMLElement | null = null;
let findingsEl: HTMLElement | null = null;
let familyEl: HTMLElement | null = null;
let headEl: HTMLElement | null = null;

const schedule = scheduler(() => recompute());

function buildEmpty(reason: string): void {
  panel.cards = null;
  destroyCharts();
  notices = noticeArea();
  const dialects = 'a .plan.yaml file, or a GPT-NeoX, OLMo, llm-foundry, NeMo, torchtune, axolotl, LitGPT or Hugging Face config';
  replaceChildren(
    app,
    h('div', { class: 'empty' }, h('h1', null, 'Scaling Planner'), h('p', null, reason), h('p', { class: 'muted' }, `Open a training config (${dialects}) and this panel follows it.`)),
    notices.el,
  );
  app.setAttribute('aria-busy', 'false');
  reportRendered({ view: 'panel', config: null, charts: {}, points: {}, numbers: {} });
}

function buildHeader(config: ConfigPayload, name: string): HTMLElement {
  const copy = button('Copy as Markdown', () => {
    post({ type: 'copyMarkdown', uri: config.uri, values: currentValues() });
  }, { secondary: true, id: 'copy-md', title: 'Copy the report (with the what-if values) as Markdown' });
  headEl = h('p', { class: 'headline', id: 'headline' });
  const sub = h('p', { class: 'muted sub' }, config.fileName, config.dialect ? ` · ${config.dialect}` : '', config.editable ? '' : ' · preview, not saved');
  return h('header', { class: 'top' }, h('div', { class: 'title' }, h('h1', { id: 'config-name' }, name), sub, headEl), h('div', { class: 'top-tools' }, copy));
}

function compactSelect(label: string, options: Array<[string, string]>, value: string, id: string, onChange: (v: string) => void): HTMLElement {
  const s = select(label, options, value, { id });
  s.wrap.classList.add('compact');
  s.input.addEventListener('change', () => {
    onChange(s.input.value);
    schedule();
  });
  return s.wrap;
}

function rebuild(): void {
  const { config, settings } = panel;
  if (!config || !settings) return;
  panel.baseReport = analyze(config.run, settings.options);
  notices = noticeArea();
  const header = buildHeader(config, panel.baseReport.name ?? config.fileName);
  const overlay = compactSelect('Compare with', [['', 'No second law'], ...lawOptions()], panel.ui.overlay, 'overlay', (v) => (panel.ui.overlay = isLawId(v) ? v : ''));
  const metric = compactSelect('Show', [['usd', 'Cost'], ['days', 'Wall clock']], panel.ui.metric, 'metric', (v) => (panel.ui.metric = v === 'days' ? 'days' : 'usd'));
  const last = () => panel.lastCharts;
  const cards = {
    frontier: chartCard('frontier', 'Compute-optimal frontier', [overlay], () => (last()?.frontier ? frontierCsv(last()!.frontier!) : null)),
    isoflop: chartCard('isoflop', 'IsoFLOP profile', [], () => (last()?.isoFlop ? isoFlopCsv(last()!.isoFlop!) : null)),
    accelerators: chartCard('accelerators', 'Accelerators', [metric], () => (last() ? acceleratorCsv(last()!.accelerators) : null)),
    memory: chartCard('memory', 'Memory per device', [], () => (last()?.memory ? memoryCsv(last()!.memory!) : null)),
  };
  panel.cards = cards;
  cards.memory.box.classList.add('short');
  kpiEl = h('section', { class: 'kpis', attrs: { 'aria-label': 'Headline numbers' } });
  findingsEl = h('section', { class: 'findings', attrs: { 'aria-label': 'Findings' } });
  const family = familyCard();
  familyEl = family.body;
  const grid = h('div', { class: 'grid' }, cards.frontier.el, cards.isoflop.el, cards.accelerators.el, cards.memory.el);
  replaceChildren(app, header, notices.el, buildControls(schedule, rebuild), h('div', { class: 'results' }, kpiEl, findingsEl, grid, lifecycleSection(), family.el));
  app.setAttribute('aria-busy', 'false');
  recompute();
}

function renderCharts(report: Report, run: ConfigPayload['run']): RenderedState['points'] {
  const p = readPalette();
  applyDefaults(p);
  const points: RenderedState['points'] = {};
  const cards = panel.cards!;
  const c = panel.lastCharts!;
  destroyCharts();
  for (const card of Object.values(cards)) card.box.classList.remove('unavailable');
  renderFrontier(cards.frontier, c, report, p, points);
  renderIsoFlop(cards.isoflop, c, report, p, points);
  renderAccelerators(cards.accelerators, c, report, p);
  renderMemory(cards.memory, c, report, p);
  renderFamily(familyEl!, c, report);
  renderLifecycle(run, report, panel.settings!.options, moneyOf(panel.settings), p);
  return points;
}

/** What was drawn: the engine's count of each chart's points, and the points Chart.js holds. */
function drawnCounts(valueCount: number): Record<string, number> {
  const c = panel.lastCharts!;
  const counts: Record<string, number> = {};
  for (const [k, ch] of Object.entries(panel.charts)) if (ch) counts[k] = ch.data.datasets.reduce((s, d) => s + d.data.length, 0);
  const engine = pointCounts(c);
  counts.frontierCurve = panel.charts.frontier ? engine.frontier : 0;
  counts.isoflopCurve = panel.charts.isoflop ? engine.isoFlop : 0;
  counts.familyPoints = panel.charts.frontier ? engine.family : 0;
  counts.familyRows = c.family.length;
  counts.acceleratorBars = panel.charts.accelerators ? panel.charts.accelerators.data.labels?.length ?? 0 : 0;
  counts.whatIfValues = valueCount;
  counts.findings = findingsEl?.querySelectorAll('li').length ?? 0;
  return counts;
}

function recompute(): void {
  const { config, settings, baseReport } = panel;
  if (!config || !settings || !panel.cards || !baseReport) return;
  const { w, invalid } = currentWhatIf();
  const values = whatIfValues(config.run, w);
  const run = withValues(config.run, values);
  const report = analyze(run, settings.options);
  panel.lastCharts = panelCharts(report, settings.options, panel.ui.overlay || null);
  const n = numbers(report);
  headEl!.textContent = headline(report, moneyOf(settings));
  renderKpis(kpiEl!, report, n, values.length ? numbers(baseReport) : {});
  renderFindings(findingsEl!, whatIfFindings(config.findings, values.length ? report.findings : null, config.policy));
  const points = renderCharts(report, run);
  showWhatIf(values, invalid, report);
  setState<UiState>({ ...panel.ui, uri: config.uri });
  reportRendered({ view: 'panel', config: config.fileName, charts: drawnCounts(values.length), points, numbers: { ...n, source: config.editable ? 'file' : 'preview' } });
}

// ---------------------------------------------------------------- messages

function onAnalysis(next: ConfigPayload | null, reason?: string): void {
  if (!next) {
    panel.config = null;
    buildEmpty(reason ?? 'Open a training config to see it on the frontier.');
    return;
  }
  const sameFile = panel.config?.uri === next.uri || panel.ui.uri === next.uri;
  if (!sameFile || panel.appliedSinceAnalysis) panel.ui.raw = {};
  panel.appliedSinceAnalysis = false;
  panel.config = next;
  panel.settings = next.settings;
  panel.ui.uri = next.uri;
  rebuild();
}

function onMessage(m: HostMessage): void {
  const notice = noticeOf(m);
  if (m.type === 'notice' && m.applied) panel.appliedSinceAnalysis = true;
  if (notice) return notices.show(notice.level, notice.message);
  if (m.type === 'init') panel.settings = m.settings;
  else if (m.type === 'analysis') onAnalysis(m.config, m.reason);
  else if (m.type === 'theme') schedule();
}

watchCsp();
onThemeChange(() => {
  if (panel.cards) recompute();
});
onHostMessage(onMessage);
ready('panel');
