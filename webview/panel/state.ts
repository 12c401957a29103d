// The planning panel's state: what the host sent, what the user changed, and the elements and
// charts that live across recomputes. One object, so every card module reads the same values.

import type { LawId, PanelCharts, Report, WhatIf } from '../../src/engine';
import type { ConfigPayload, EngineSettings } from '../../src/shared/protocol';
import type { Chart } from '../chartkit';
import { moneyText } from '../common';
import { getState } from '../host';
import type { AcceleratorMetric } from '../panelCharts';

/** What the panel keeps with setState (the host's serializer hands `uri` back after a reload). */
export interface UiState {
  uri: string;
  /** Raw text of the what-if controls the user changed. */
  raw: Partial<Record<keyof WhatIf, string>>;
  overlay: LawId | '';
  metric: AcceleratorMetric;
}

/** One chart card's parts: the canvas, its box, the data-table twin and the summary line. */
export interface CardParts {
  el: HTMLElement;
  canvas: HTMLCanvasElement;
  box: HTMLElement;
  twin: HTMLElement;
  summary: HTMLElement;
}

export type ChartCardId = 'frontier' | 'isoflop' | 'accelerators' | 'memory';

export const panel = {
  settings: null as EngineSettings | null,
  config: null as ConfigPayload | null,
  /** The report of the file's own values (the "in the file" numbers of a what-if). */
  baseReport: null as Report | null,
  ui: { uri: '', raw: {}, overlay: '', metric: 'usd', ...getState<UiState>() } as UiState,
  /** The host applied the what-if values: drop them when the next analysis arrives. */
  appliedSinceAnalysis: false,
  cards: null as Record<ChartCardId, CardParts> | null,
  lastCharts: null as PanelCharts | null,
  charts: {} as Record<string, Chart | undefined>,
};

/** Dollars in the display currency of the current settings. */
export const m$ = (usd: number): string => moneyText(usd, panel.settings);

/** The config's file name without its extension, for export file names. */
export function baseName(): string {
  const n = (panel.config?.fileName ?? 'config').replace(/\.(plan\.)?(ya?ml|json)$/i, '');
  return n.replace(/[^\w.-]+/g, '-').replace(/^[^\w]+/, '').slice(0, 60) || 'config';
}

export function destroyCharts(): void {
  for (const k of Object.keys(panel.charts)) {
    panel.charts[k]?.destroy();
    delete panel.charts[k];
  }
}

/** Why a pretraining chart is empty. */
export const noFrontier = (r: Report, finetune: string): string => (r.training.finetune ? finetune : 'Needs the parameter count and training tokens.');
