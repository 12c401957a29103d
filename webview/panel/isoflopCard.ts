// The isoFLOP card: loss against model size at the config's compute, the minimum and the law's
// allocation rule.

import { fmtCount, fmtFlops, isoFlopSummary, isoFlopTokens, type PanelCharts, type Report } from '../../src/engine';
import type { RenderedState } from '../../src/shared/protocol';
import { replaceChildren, table, type Cell } from '../dom';
import { drawIsoFlop } from '../panelCharts';
import type { Palette } from '../theme';
import { unavailable } from './card';
import { noFrontier, panel, type CardParts } from './state';

export function renderIsoFlop(card: CardParts, c: PanelCharts, r: Report, p: Palette, points: RenderedState['points']): void {
  const d = c.isoFlop;
  if (!d) return unavailable(card, noFrontier(r, 'A fine-tune is not a point on a pretraining frontier.'));
  const chart = drawIsoFlop(card.canvas, d, p);
  panel.charts.isoflop = chart;
  points['iso.config'] = { x: d.config.x, y: d.config.y };
  points['iso.minimum'] = { x: d.minimum.x, y: d.minimum.y };
  const el = chart.getDatasetMeta(0).data[0];
  if (el) points['iso.configPx'] = { x: el.x, y: el.y };
  card.summary.textContent = isoFlopSummary(d);
  card.canvas.setAttribute('aria-label', `IsoFLOP chart: loss against model size at ${fmtFlops(d.compute)} FLOPs`);
  replaceChildren(
    card.twin,
    table('Points on the chart', ['Series', 'Params', 'Tokens', 'Loss'], [
      ['This config', fmtCount(d.config.x), fmtCount(d.config.tokens), d.config.y.toFixed(4)],
      ['Minimum', fmtCount(d.minimum.x), fmtCount(d.minimum.tokens), d.minimum.y.toFixed(4)],
      ...(d.lawOptimum ? [["Law's allocation rule", fmtCount(d.lawOptimum.x), fmtCount(d.lawOptimum.tokens), d.lawOptimum.y.toFixed(4)] as Cell[]] : []),
    ]),
    table('IsoFLOP curve', ['Params', 'Tokens', 'Loss'], d.curve.map((q) => [fmtCount(q.x), fmtCount(isoFlopTokens(d, q.x)), q.y.toFixed(4)])),
  );
}
