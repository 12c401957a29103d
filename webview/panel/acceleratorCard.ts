// The accelerator card: the same training FLOPs on every accelerator, by cost or wall clock.

import { acceleratorSummary, fmtCo2, fmtCount, fmtDays, fmtPercent, fmtRange, type PanelCharts, type Report } from '../../src/engine';
import { dash, moneyOf, or } from '../common';
import { replaceChildren, table } from '../dom';
import { acceleratorChartHeight, drawAccelerators } from '../panelCharts';
import type { Palette } from '../theme';
import { unavailable } from './card';
import { m$, panel, type CardParts } from './state';

/** What the training FLOPs wait for, in the user's terms. */
function missingForFlops(r: Report): string {
  if (r.model.paramsTotal === null) return 'the parameter count (or the model shape)';
  if (r.training.finetune && r.model.paramsTrainable === null) return 'the trainable parameters (LoRA rank and target modules, or the model shape)';
  if (r.data.tokens === null) return 'the training tokens';
  return 'the parameters and tokens';
}

export function renderAccelerators(card: CardParts, c: PanelCharts, r: Report, p: Palette): void {
  const rows = c.accelerators;
  if (!rows.length) return unavailable(card, `Needs the training FLOPs: ${missingForFlops(r)}.`);
  const metric = panel.ui.metric;
  const shown = metric === 'usd' ? rows.filter((a) => a.usd !== null).length : rows.length;
  card.box.style.height = `${acceleratorChartHeight(shown)}px`;
  panel.charts.accelerators = drawAccelerators(card.canvas, rows, metric, moneyOf(panel.settings), p);
  card.summary.textContent = acceleratorSummary(rows, r, { metric, money: moneyOf(panel.settings) });
  card.canvas.setAttribute('aria-label', `Accelerator comparison: ${metric === 'usd' ? 'cost' : 'wall-clock time'} per accelerator`);
  replaceChildren(
    card.twin,
    table(
      'Accelerators',
      ['Accelerator', 'MFU', 'Wall clock (P10–P90)', 'GPU-hours (P10–P90)', 'Cost (P10–P90)', 'Price range', 'CO2'],
      rows.map((a) => [
        a.current ? `${a.id} (this config)` : a.id,
        { text: `${fmtPercent(a.mfu)}${r.hardware.mfuSource === 'prior' ? ' (predicted)' : ''}`, class: 'num' },
        { text: or(a.days, (v) => `${fmtDays(v)}${fmtRange(a.daysRange, fmtDays)}`), class: 'num' },
        { text: `${fmtCount(a.gpuHours)}${fmtRange(a.gpuHoursRange, fmtCount)}`, class: 'num' },
        { text: or(a.usd, (v) => `${m$(v)}${fmtRange(a.usdRange, m$)}`), class: 'num' },
        { text: a.usdLow !== null && a.usdHigh !== null ? `${m$(a.usdLow)}–${m$(a.usdHigh)}` : dash, class: 'num' },
        { text: or(a.co2Kg, fmtCo2), class: 'num' },
      ]),
      { rowClass: (i) => (rows[i].current ? 'current' : undefined) },
    ),
  );
}
