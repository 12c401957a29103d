// Lifecycle cost card: pre-training, distillation, RL post-training and serving over the horizon.

import { fmtCo2, fmtCount, fmtMoney, fmtPercent, type LifecycleCostData, type Money } from '../../src/engine';
import { or } from '../common';
import { replaceChildren, table, type Cell } from '../dom';
import { drawLifecycleCost } from '../lifecycleDraw';
import type { Palette } from '../theme';
import { panel, type CardParts } from './state';

export function renderLifecycleCost(card: CardParts, d: LifecycleCostData, money: Money, p: Palette): void {
  panel.charts.lifecycle = drawLifecycleCost(card.canvas, d, money, p);
  const $ = (v: number | null): string => or(v, (x) => fmtMoney(x, money));
  const top = [...d.rows].sort((a, b) => (b.share ?? 0) - (a.share ?? 0))[0];
  const horizon = d.horizonDays !== null ? ` over ${d.horizonDays} days` : '';
  card.summary.textContent = `Lifetime ${d.metric === 'usd' ? $(d.total.usd) : `${or(d.total.gpuHours, fmtCount)} GPU-hours`}${horizon}; ${top.label.toLowerCase()} is ${or(top.share, fmtPercent)} of it.`;
  card.canvas.setAttribute('aria-label', 'Lifetime cost by stage: pre-training, distillation, post-training and serving');
  const num = (text: string): Cell => ({ text, class: 'num' });
  replaceChildren(
    card.twin,
    table('Lifetime cost by stage', ['Stage', `Cost (${money.currency})`, 'GPU-hours', 'CO₂', 'Share'], [
      ...d.rows.map((x): Cell[] => [x.label, num($(x.usd)), num(or(x.gpuHours, fmtCount)), num(or(x.co2Kg, fmtCo2)), num(or(x.share, fmtPercent))]),
      ['Total', num($(d.total.usd)), num(or(d.total.gpuHours, fmtCount)), num(or(d.total.co2Kg, fmtCo2)), num('100%')],
    ]),
  );
}
