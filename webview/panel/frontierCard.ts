// The frontier card: loss against compute under the law (and a second law), the config, the
// optimum at its compute and the family along the frontier.

import { fmtFlops, frontierSummary, type PanelCharts, type Report } from '../../src/engine';
import type { RenderedState } from '../../src/shared/protocol';
import { replaceChildren, table, type Cell } from '../dom';
import { drawFrontier } from '../panelCharts';
import type { Palette } from '../theme';
import { unavailable } from './card';
import { noFrontier, panel, type CardParts } from './state';

export function renderFrontier(card: CardParts, c: PanelCharts, r: Report, p: Palette, points: RenderedState['points']): void {
  const f = c.frontier;
  if (!f) return unavailable(card, noFrontier(r, 'A fine-tune is not on a pretraining frontier.'));
  const chart = drawFrontier(card.canvas, f, p);
  panel.charts.frontier = chart;
  const configEl = chart.getDatasetMeta(0).data[0];
  points['frontier.config'] = { x: f.config.x, y: f.config.y };
  points['frontier.optimum'] = { x: f.optimum.x, y: f.optimum.y };
  if (configEl) points['frontier.configPx'] = { x: configEl.x, y: configEl.y };
  points['frontier.configScalePx'] = { x: chart.scales.x.getPixelForValue(f.config.x), y: chart.scales.y.getPixelForValue(f.config.y) };
  card.summary.textContent = frontierSummary(f);
  card.canvas.setAttribute('aria-label', `Frontier chart: loss against compute from ${fmtFlops(f.range[0])} to ${fmtFlops(f.range[1])} FLOPs`);
  const overlayHead = f.overlay ? [`Loss (${f.overlay.law})`] : [];
  replaceChildren(
    card.twin,
    table('Points on the chart', ['Series', 'Compute (FLOPs)', 'Loss'], [
      ['This config', fmtFlops(f.config.x), f.config.y.toFixed(4)],
      ['Optimum at this compute', fmtFlops(f.optimum.x), f.optimum.y.toFixed(4)],
      ...c.family.map((x): Cell[] => [`Family ${x.multiple}×`, fmtFlops(x.flops), x.loss.toFixed(4)]),
    ]),
    table(
      `Frontier L*(C), ${f.law}${f.overlay ? ` and ${f.overlay.law}` : ''}`,
      ['Compute (FLOPs)', `Loss (${f.law})`, ...overlayHead],
      f.frontier.map((q, i) => [fmtFlops(q.x), q.y.toFixed(4), ...(f.overlay ? [f.overlay.points[i].y.toFixed(4)] : [])]),
    ),
  );
}
