// Serving card: decode throughput per replica against batch, ideal roofline beside the realistic line.

import { fmtCount, servingSummary, type ServingThroughputData } from '../../src/engine';
import { replaceChildren, table, type Cell } from '../dom';
import { drawThroughput } from '../lifecycleDraw';
import type { Palette } from '../theme';
import { panel, type CardParts } from './state';

export function renderServing(card: CardParts, d: ServingThroughputData, p: Palette): void {
  panel.charts.serving = drawThroughput(card.canvas, d, p);
  card.summary.textContent = servingSummary(d);
  card.canvas.setAttribute('aria-label', 'Serving throughput against decode batch: ideal roofline and realistic line');
  const num = (text: string): Cell => ({ text, class: 'num' });
  replaceChildren(
    card.twin,
    table('Decode throughput per replica', ['Batch', 'Ideal tokens/s', 'Realistic tokens/s', 'ms per token'], d.points.map((q): Cell[] => [num(String(q.batch)), num(fmtCount(q.ideal)), num(fmtCount(q.realistic)), num(q.stepMs.toFixed(1))])),
  );
}
