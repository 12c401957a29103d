// A chart card: title, tools, summary, the canvas, a data-table twin, CSV and PNG export.

import { button, h, replaceChildren } from '../dom';
import { post } from '../host';
import { baseName, panel, type CardParts } from './state';

export function chartCard(id: string, title: string, tools: HTMLElement[], csv: () => string | null): CardParts {
  const canvas = h('canvas', { id: `${id}-canvas`, attrs: { role: 'img', 'aria-label': title } });
  const box = h('div', { class: 'chart-box' }, canvas);
  const twin = h('div', { class: 'twin-body' });
  const summary = h('p', { class: 'card-sub', id: `${id}-summary` }, '');
  canvas.setAttribute('aria-describedby', `${id}-summary`);
  const exportCsv = button('CSV', () => {
    const text = csv();
    if (text) post({ type: 'saveCsv', fileName: `${baseName()}-${id}.csv`, csv: text });
  }, { secondary: true, title: `Save the ${title.toLowerCase()} data as CSV` });
  const exportPng = button('PNG', () => {
    if (panel.charts[id]) post({ type: 'savePng', fileName: `${baseName()}-${id}.png`, dataUrl: canvas.toDataURL('image/png') });
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

/** The card says why it has no chart, in the summary and in the table twin. */
export function unavailable(card: CardParts, why: string): void {
  card.box.classList.add('unavailable');
  card.summary.textContent = why;
  replaceChildren(card.twin, h('p', { class: 'muted' }, why));
}
