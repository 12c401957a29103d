// KV-cache card: cache memory of one sequence and of the served batch against context.

import { fmtCount, kvSummary, type KvMemoryData } from '../../src/engine';
import { replaceChildren, table, type Cell } from '../dom';
import { drawKvMemory } from '../lifecycleDraw';
import type { Palette } from '../theme';
import { panel, type CardParts } from './state';

export function renderKv(card: CardParts, d: KvMemoryData, p: Palette): void {
  panel.charts.kvcache = drawKvMemory(card.canvas, d, p);
  card.summary.textContent = kvSummary(d);
  card.canvas.setAttribute('aria-label', 'KV-cache memory against context, one sequence and the served batch, with the replica memory');
  const num = (text: string): Cell => ({ text, class: 'num' });
  replaceChildren(
    card.twin,
    table('KV-cache memory', ['Context', 'GiB per sequence', `GiB at batch ${d.batch}`], d.points.map((q): Cell[] => [num(fmtCount(q.context)), num(q.perSequenceGb.toFixed(3)), num(q.batchGb.toFixed(2))])),
  );
}
