// Chart.js with only the pieces the webviews draw, no animation, and theme-aware defaults.

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import type { Palette } from './theme';

Chart.register(LineController, ScatterController, BarController, LinearScale, LogarithmicScale, CategoryScale, PointElement, LineElement, BarElement, Tooltip, Legend);

export { Chart };

export function applyDefaults(p: Palette): void {
  Chart.defaults.animation = false;
  Chart.defaults.color = p.fg;
  Chart.defaults.borderColor = p.grid;
  Chart.defaults.font.family = p.fontFamily;
  Chart.defaults.font.size = Math.max(11, p.fontSize - 1);
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.labels.usePointStyle = true;
  Chart.defaults.plugins.legend.labels.boxWidth = 8;
  Chart.defaults.plugins.legend.labels.boxHeight = 8;
  Chart.defaults.plugins.legend.labels.color = p.fg;
  Chart.defaults.plugins.tooltip.backgroundColor = p.background;
  Chart.defaults.plugins.tooltip.titleColor = p.fg;
  Chart.defaults.plugins.tooltip.bodyColor = p.fg;
  Chart.defaults.plugins.tooltip.borderColor = p.border;
  Chart.defaults.plugins.tooltip.borderWidth = 1;
}

/** Replace the chart on a canvas (charts are rebuilt on every data or theme change; they are small). */
export function draw<T extends ChartType>(canvas: HTMLCanvasElement, config: ChartConfiguration<T>): Chart<T> {
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, config);
}

/** Tick labels on a log axis: only powers of ten (and 3x between them when the span is short). */
export function logTick(format: (v: number) => string, spanDecades: number): (v: number | string) => string {
  return (v) => {
    const n = Number(v);
    if (!(n > 0)) return '';
    const e = Math.log10(n);
    const m = n / Math.pow(10, Math.floor(e + 1e-9));
    if (Math.abs(m - 1) < 1e-6) return format(n);
    if (spanDecades <= 3 && Math.abs(m - 3) < 1e-6) return format(n);
    return '';
  };
}
