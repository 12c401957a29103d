// The family card: compute-optimal models for 0.1× to 10× the config's compute, on its hardware.

import { familyCsv, fmtCount, fmtDays, fmtFlops, type FamilyRow, type PanelCharts, type Report } from '../../src/engine';
import { or } from '../common';
import { button, h, replaceChildren, table, type Cell } from '../dom';
import { post } from '../host';
import { baseName, m$, noFrontier, panel } from './state';

const FAMILY_HEAD = ['Compute', 'FLOPs', 'Params', 'Tokens', 'Tok/param', 'Loss', 'Cost', 'Time'];

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

/** The card and the element its table goes into. */
export function familyCard(): { el: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'family-body' });
  const csv = button('CSV', () => {
    if (panel.lastCharts) post({ type: 'saveCsv', fileName: `${baseName()}-family.csv`, csv: familyCsv(panel.lastCharts.family) });
  }, { secondary: true, title: 'Save the family table as CSV' });
  const el = h(
    'section',
    { class: 'card family', attrs: { 'aria-labelledby': 'family-title' } },
    h('div', { class: 'card-head' }, h('h2', { id: 'family-title' }, 'Family along the frontier'), h('div', { class: 'card-tools' }, csv)),
    h('p', { class: 'card-sub' }, 'Compute-optimal model size, tokens, loss and cost for 0.1× to 10× this config’s compute, on its hardware.'),
    body,
  );
  return { el, body };
}

export function renderFamily(body: HTMLElement, c: PanelCharts, r: Report): void {
  if (!c.family.length) return replaceChildren(body, h('p', { class: 'muted' }, noFrontier(r, 'A fine-tune is not a point on a pretraining frontier.')));
  replaceChildren(body, table('Compute-optimal family', FAMILY_HEAD, familyRows(c.family), { class: 'family-table', rowClass: (i) => (c.family[i].multiple === 1 ? 'current' : undefined) }));
}
