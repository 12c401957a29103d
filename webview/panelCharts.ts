// The panel's four charts, drawn from the engine's chart data (src/engine/charts.ts). Each draw
// returns the Chart so the panel can report what was drawn and export it.

import type { ChartOptions, Plugin } from 'chart.js';
import {
  fmtCount,
  fmtDays,
  fmtFlops,
  fmtMoney,
  isoFlopTokens,
  wallClockKnown,
  type AcceleratorBar,
  type FrontierData,
  type IsoFlopData,
  type MemoryData,
  type Money,
} from '../src/engine';
import { Chart, draw, logTick } from './chartkit';
import type { Palette } from './theme';

/** Fills the canvas with the theme background first, so an exported PNG is readable anywhere. */
export function background(p: Palette): Plugin {
  return {
    id: 'spBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = p.background;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

const decades = (lo: number, hi: number): number => Math.log10(hi / lo);
const shortFlops = (v: number): string => fmtFlops(v).replace(/\.00e/, 'e');

/** Grid lines on a log axis only where a tick is labelled (the minor lines in between are noise). */
function labelledGrid(p: Palette, label: (v: number) => string) {
  return { color: (c: { tick?: { value: number } }) => (c.tick && label(c.tick.value) ? p.grid : 'transparent') };
}

export function legend(p: Palette) {
  return { position: 'bottom' as const, labels: { color: p.fg, padding: 12 } };
}

export function axisTitle(text: string, p: Palette) {
  return { display: true, text, color: p.muted };
}

/** Options of a loss chart over a log x axis (compute or model size): scales, ticks, grid, legend, tooltip. */
function logScatterOptions(range: readonly [number, number], xTitle: string, fmt: (v: number) => string, p: Palette, tip: (label: string, q: { x: number; y: number }) => string): ChartOptions {
  const tick = logTick(fmt, decades(range[0], range[1]));
  return {
    parsing: false,
    normalized: true,
    interaction: { mode: 'nearest', intersect: false },
    scales: {
      x: { type: 'logarithmic', min: range[0], max: range[1], title: axisTitle(xTitle, p), ticks: { callback: tick, autoSkip: false, maxRotation: 0, color: p.muted }, grid: labelledGrid(p, tick) },
      y: { type: 'linear', title: axisTitle('Predicted loss (nats/token)', p), ticks: { color: p.muted }, grid: { color: p.grid } },
    },
    plugins: {
      legend: legend(p),
      tooltip: { callbacks: { label: (c) => tip(String(c.dataset.label), c.raw as { x: number; y: number }) } },
    },
  };
}

type PointStyle = 'triangle' | 'rectRot' | 'rect' | 'circle';

/** One outlined marker: the config, an optimum, a law's rule. */
function marker(label: string, at: { x: number; y: number }, color: string, style: PointStyle, radius: number, order: number, p: Palette, hover?: number) {
  return { type: 'scatter' as const, label, data: [{ x: at.x, y: at.y }], backgroundColor: color, borderColor: p.fg, borderWidth: 1, pointStyle: style, pointRadius: radius, ...(hover ? { pointHoverRadius: hover } : {}), order };
}

/** A loss curve drawn as a line without points. */
function curve(label: string, points: ReadonlyArray<{ x: number; y: number }>, color: string, width: number, order: number, dash?: number[]) {
  return { type: 'line' as const, label, data: points.map((q) => ({ x: q.x, y: q.y })), borderColor: color, backgroundColor: color, borderWidth: width, ...(dash ? { borderDash: dash } : {}), pointRadius: 0, pointHitRadius: 6, pointStyle: 'line' as const, tension: 0, order };
}

export function drawFrontier(canvas: HTMLCanvasElement, d: FrontierData, p: Palette): Chart {
  const datasets = [
    marker('This config', d.config, p.red, 'triangle', 8, 0, p, 9),
    marker('Optimum at this compute', d.optimum, p.green, 'rectRot', 7, 1, p, 8),
    {
      type: 'scatter' as const,
      label: 'Family (0.1×–10× compute)',
      data: d.family.map((f) => ({ x: f.x, y: f.y })),
      backgroundColor: p.alpha(p.blue, 0.35),
      borderColor: p.blue,
      borderWidth: 1.5,
      pointStyle: 'circle' as const,
      pointRadius: 4.5,
      order: 2,
    },
    curve(`Frontier L*(C), ${d.law}${d.uniqueTokens !== null ? `, ${fmtCount(d.uniqueTokens)} unique tokens` : ''}`, d.frontier, p.blue, 2, 4),
    ...(d.overlay ? [curve(`Frontier, ${d.overlay.law}`, d.overlay.points, p.orange, 1.5, 3, [6, 4])] : []),
  ];
  return draw(canvas, {
    type: 'scatter',
    data: { datasets },
    options: logScatterOptions(d.range, 'Training compute (FLOPs)', shortFlops, p, (label, q) => `${label}: ${fmtFlops(q.x)} FLOPs, loss ${q.y.toFixed(3)}`),
    plugins: [background(p)],
  }) as unknown as Chart;
}

export function drawIsoFlop(canvas: HTMLCanvasElement, d: IsoFlopData, p: Palette): Chart {
  const datasets = [
    marker('This config', d.config, p.red, 'triangle', 8, 0, p),
    marker('Minimum', d.minimum, p.green, 'rectRot', 7, 1, p),
    ...(d.lawOptimum ? [marker("Law's allocation rule", d.lawOptimum, p.yellow, 'rect', 5, 2, p)] : []),
    curve(`L(N) at ${fmtFlops(d.compute)} FLOPs${d.uniqueTokens !== null ? `, ${fmtCount(d.uniqueTokens)} unique tokens` : ''}`, d.curve, p.purple, 2, 3),
  ];
  return draw(canvas, {
    type: 'scatter',
    data: { datasets },
    options: logScatterOptions(d.range, `Model size (${d.params.label})`, fmtCount, p, (label, q) => `${label}: ${fmtCount(q.x)} ${d.params.short} on ${fmtCount(isoFlopTokens(d, q.x))} tokens, loss ${q.y.toFixed(3)}`),
    plugins: [background(p)],
  }) as unknown as Chart;
}

export type AcceleratorMetric = 'usd' | 'days';

export function acceleratorChartHeight(n: number): number {
  return Math.max(180, 96 + n * 22);
}

/**
 * Cost, or wall clock, per accelerator. Without a device count there is no wall clock (days are
 * null): the time view then shows GPU-hours, which do not depend on the count, and says why.
 */
export function drawAccelerators(canvas: HTMLCanvasElement, rows: AcceleratorBar[], metric: AcceleratorMetric, money: Money, p: Palette): Chart {
  const timed = wallClockKnown(rows);
  const time = (r: AcceleratorBar): number => (timed ? r.days! : r.gpuHours);
  const shown = metric === 'usd' ? rows.filter((r) => r.usd !== null) : [...rows].sort((a, b) => time(a) - time(b));
  const labels = shown.map((r) => (r.current ? `${r.id} (this config)` : r.id));
  const colors = shown.map((r) => (r.current ? p.blue : p.alpha(p.blue, 0.4)));
  const conv = (usd: number): number => usd * money.perUsd;
  const datasets =
    metric === 'usd'
      ? [
          {
            type: 'bar' as const,
            label: 'Price range (low–high)',
            data: shown.map((r) => (r.usdLow !== null && r.usdHigh !== null ? [conv(r.usdLow), conv(r.usdHigh)] : null)) as unknown as number[],
            backgroundColor: p.orange,
            borderColor: p.orange,
            borderWidth: 0,
            barPercentage: 0.22,
            categoryPercentage: 1,
            grouped: false,
            order: 0,
          },
          {
            type: 'bar' as const,
            label: 'Cost at the default price',
            data: shown.map((r) => conv(r.usd!)),
            backgroundColor: colors,
            borderColor: colors,
            barPercentage: 0.78,
            categoryPercentage: 1,
            grouped: false,
            order: 1,
          },
        ]
      : [
          {
            type: 'bar' as const,
            label: timed ? 'Wall-clock days on the same device count' : 'GPU-hours (wall clock needs the device count)',
            data: shown.map(time),
            backgroundColor: colors,
            borderColor: colors,
            barPercentage: 0.78,
            categoryPercentage: 1,
            order: 0,
          },
        ];
  const fmtValue = (v: number): string => (metric === 'usd' ? fmtMoney(v / money.perUsd, money) : timed ? fmtDays(v) : fmtCount(v));
  return draw(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      indexAxis: 'y',
      scales: {
        x: {
          type: 'linear',
          beginAtZero: true,
          title: axisTitle(metric === 'usd' ? `Cost (${money.currency})` : timed ? 'Wall clock (days)' : 'GPU-hours (device count not given: no wall clock)', p),
          ticks: { color: p.muted, callback: (v) => fmtValue(Number(v)) },
          grid: { color: p.grid },
        },
        y: { type: 'category', ticks: { color: p.fg, autoSkip: false }, grid: { display: false } },
      },
      plugins: {
        legend: { ...legend(p), reverse: true },
        tooltip: {
          callbacks: {
            label: (c) => {
              const raw = c.raw as number | [number, number];
              return Array.isArray(raw) ? `${c.dataset.label}: ${fmtValue(raw[0])}–${fmtValue(raw[1])}` : `${c.dataset.label}: ${fmtValue(raw)}`;
            },
          },
        },
      },
    },
    plugins: [background(p)],
  }) as unknown as Chart;
}

export function drawMemory(canvas: HTMLCanvasElement, m: MemoryData, p: Palette): Chart {
  const colors: Record<string, string> = { weights: p.blue, gradients: p.purple, optimizer: p.orange, activations: p.green };
  const segs = m.segments.map((s) => ({
    type: 'bar' as const,
    label: s.id === 'activations' && !m.activationsKnown ? 'Activations (unknown)' : s.label,
    data: [s.gb, null] as Array<number | null>,
    backgroundColor: colors[s.id],
    stack: 'm',
  }));
  const capacity =
    m.capacityGb !== null && m.usableGb !== null
      ? [
          { type: 'bar' as const, label: 'Usable capacity', data: [null, m.usableGb], backgroundColor: p.alpha(p.fg, 0.22), stack: 'm' },
          { type: 'bar' as const, label: 'Reserved headroom', data: [null, m.capacityGb - m.usableGb], backgroundColor: p.alpha(p.fg, 0.08), stack: 'm' },
        ]
      : [];
  return draw(canvas, {
    type: 'bar',
    data: { labels: ['Per device', 'Device memory'], datasets: [...segs, ...capacity] },
    options: {
      indexAxis: 'y',
      scales: {
        x: { type: 'linear', stacked: true, beginAtZero: true, title: axisTitle('GiB per device', p), ticks: { color: p.muted }, grid: { color: p.grid } },
        y: { type: 'category', stacked: true, ticks: { color: p.fg }, grid: { display: false } },
      },
      plugins: {
        legend: legend(p),
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${Number(c.raw).toFixed(1)} GiB` } },
      },
    },
    plugins: [background(p)],
  }) as unknown as Chart;
}
