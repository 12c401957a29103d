// Dense vs MoE card: the best dense and the best MoE model at the run's training compute.

import { type DenseVsMoeData, fmtCount, fmtFlops } from '../../src/engine';
import { replaceChildren, table, type Cell } from '../dom';
import { drawDenseVsMoe } from '../lifecycleDraw';
import type { Palette } from '../theme';
import { panel, type CardParts } from './state';

export function renderMoe(card: CardParts, d: DenseVsMoeData, p: Palette): void {
  panel.charts.moe = drawDenseVsMoe(card.canvas, d, p);
  const [dense, moe] = d.rows;
  card.summary.textContent = `At ${fmtFlops(d.flops)} FLOPs the ${d.experts}-expert MoE reaches loss ${moe.loss.toFixed(3)} against ${dense.loss.toFixed(3)} dense; a dense model needs ${d.denseComputeToMatch.toFixed(2)}× the compute to match. ${d.citation}.`;
  card.canvas.setAttribute('aria-label', 'Dense vs MoE at the same compute: active and total parameters and tokens');
  const num = (text: string): Cell => ({ text, class: 'num' });
  replaceChildren(
    card.twin,
    table('Dense vs MoE at equal compute', ['Model', 'Active params', 'Total params', 'Tokens', 'Loss'], d.rows.map((x): Cell[] => [x.label, num(fmtCount(x.activeParams)), num(fmtCount(x.totalParams)), num(fmtCount(x.tokens)), num(x.loss.toFixed(3))])),
  );
}
