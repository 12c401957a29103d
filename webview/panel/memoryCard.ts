// The memory card: weights, gradients, optimizer states and activations per device against capacity.

import type { PanelCharts, Report } from '../../src/engine';
import { or } from '../common';
import { replaceChildren, table, type Cell } from '../dom';
import { drawMemory } from '../panelCharts';
import type { Palette } from '../theme';
import { unavailable } from './card';
import { panel, type CardParts } from './state';

function missingForMemory(r: Report): string {
  if (r.model.paramsTotal === null) return 'Needs the parameter count.';
  if (r.training.finetune && r.model.paramsTrainable === null) return 'Needs the trainable parameters (LoRA rank and target modules, or the model shape).';
  if (r.hardware.count === null) return 'Needs the device count: ZeRO shards the model states over it.';
  return 'Needs the model shape and sequence length.';
}

export function renderMemory(card: CardParts, c: PanelCharts, r: Report, p: Palette): void {
  const m = c.memory;
  if (!m) return unavailable(card, missingForMemory(r));
  panel.charts.memory = drawMemory(card.canvas, m, p);
  const capacity = m.capacityGb !== null ? ` of ${m.capacityGb} GiB (${m.usableGb!.toFixed(0)} GiB usable)` : '';
  const fit = m.fits === null ? (m.capacityGb === null ? 'capacity unknown' : 'fit unknown') : m.fits ? 'fits' : 'does not fit';
  const activations = m.activationsKnown ? 'activations from the shape' : 'activations unknown (needs the shape and seq_len)';
  card.summary.textContent = `${m.totalGb.toFixed(1)} GiB per device${capacity}: ${fit}. ${r.hardware.precision}, ${activations}.`;
  card.canvas.setAttribute('aria-label', 'Memory per device: weights, gradients, optimizer states and activations against capacity');
  replaceChildren(
    card.twin,
    table('Memory per device', ['Part', 'GiB'], [
      ...m.segments.map((s): Cell[] => [s.label, { text: s.id === 'activations' && !m.activationsKnown ? 'unknown' : s.gb.toFixed(2), class: 'num' }]),
      ['Total', { text: m.totalGb.toFixed(2), class: 'num' }],
      ['Capacity', { text: or(m.capacityGb, (v) => v.toFixed(0)), class: 'num' }],
      ['Usable', { text: or(m.usableGb, (v) => v.toFixed(1)), class: 'num' }],
    ]),
  );
}
