// The panel's four charts, drawn from the engine's chart data (src/engine/charts.ts). Each draw
// returns the Chart so the panel can report what was drawn and export it.

import type { Plugin } from 'chart.js';
import { isoFlopTokens, wallClockKnown, type AcceleratorBar, type FrontierData, type IsoFlopData, type MemoryData } from '../src/engine/charts';
import { fmtCount, fmtDays, fmtFlops, fmtMoney, type Money } from '../src/engine/format';
import { Chart, draw, logTick } from './chartkit';
import type { Palette } from './theme';

/** Fills the canvas with the theme background first, so an exported PNG is readable anywhere. */
function background(p: Palette): Plugin {
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

function legend(p: Palette) {
  return { position: 'bottom' as const, labels: { color: p.fg, padding: 12 } };
}

function axisTitle(text: string, p: Palette) {
  return { display: true, text, color: p.muted };
}

export function drawFrontier(canvas: HTMLCanvasElement, d: FrontierData, p: Palette): Chart {
  const datasets = [
    {
      type: 'scatter' as const,
      label: 'This config',
      data: [{ x: d.config.x, y: d.config.y }],
      backgroundColor: p.red,
      borderColor: p.fg,
      borderWidth: 1,
      pointStyle: 'triangle' as const,
      pointRadius: 8,
      pointHoverRadius: 9,
      order: 0,
    },
    {
      type: 'scatter' as const,
      label: 'Optimum at this compute',
      data: [{ x: d.optimum.x, y: d.optimum.y }],
      backgroundColor: p.green,
      borderColor: p.fg,
      borderWidth: 1,
      pointStyle: 'rectRot' as const,
      pointRadius: 7,
      pointHoverRadius: 8,
      order: 1,
    },
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
    {
      type: 'line' as const,
      label: `Frontier L*(C), ${d.law}${d.uniqueTokens !== null ? `, ${fmtCount(d.uniqueTokens)} unique tokens` : ''}`,
      data: d.frontier.map((q) => ({ x: q.x, y: q.y })),
      borderColor: p.blue,
      backgroundColor: p.blue,
      borderWidth: 2,
      pointRadius: 0,
      pointHitRadius: 6,
      pointStyle: 'line' as const,
      tension: 0,
      order: 4,
    },
    ...(d.overlay
      ? [
          {
            type: 'line' as const,
            label: `Frontier, ${d.overlay.law}`,
            data: d.overlay.points.map((q) => ({ x: q.x, y: q.y })),
            borderColor: p.orange,
            backgroundColor: p.orange,
            borderWidth: 1.5,
            borderDash: [6, 4],
            pointRadius: 0,
            pointStyle: 'line' as const,
            pointHitRadius: 6,
            tension: 0,
            order: 3,
          },
        ]
      : []),
  ];
  return draw(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: {
          type: 'logarithmic',
          min: d.range[0],
          max: d.range[1],
          title: axisTitle('Training compute (FLOPs)', p),
          ticks: { callback: logTick(shortFlops, decades(d.range[0], d.range[1])), autoSkip: false, maxRotation: 0, color: p.muted },
          grid: labelledGrid(p, logTick(shortFlops, decades(d.range[0], d.range[1]))),
        },
        y: { type: 'linear', title: axisTitle('Predicted loss (nats/token)', p), ticks: { color: p.muted }, grid: { color: p.grid } },
      },
      plugins: {
        legend: legend(p),
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmtFlops((c.raw as { x: number }).x)} FLOPs, loss ${(c.raw as { y: number }).y.toFixed(3)}` } },
      },
    },
    plugins: [background(p)],
  }) as unknown as Chart;
}

export function drawIsoFlop(canvas: HTMLCanvasElement, d: IsoFlopData, p: Palette): Chart {
  const datasets = [
    {
      type: 'scatter' as const,
      label: 'This config',
      data: [{ x: d.config.x, y: d.config.y }],
      backgroundColor: p.red,
      borderColor: p.fg,
      borderWidth: 1,
      pointStyle: 'triangle' as const,
      pointRadius: 8,
      order: 0,
    },
    {
      type: 'scatter' as const,
      label: 'Minimum',
      data: [{ x: d.minimum.x, y: d.minimum.y }],
      backgroundColor: p.green,
      borderColor: p.fg,
      borderWidth: 1,
      pointStyle: 'rectRot' as const,
      pointRadius: 7,
      order: 1,
    },
    ...(d.lawOptimum
      ? [
          {
            type: 'scatter' as const,
            label: "Law's allocation rule",
            data: [{ x: d.lawOptimum.x, y: d.lawOptimum.y }],
            backgroundColor: p.yellow,
            borderColor: p.fg,
            borderWidth: 1,
            pointStyle: 'rect' as const,
            pointRadius: 5,
            order: 2,
          },
        ]
      : []),
    {
      type: 'line' as const,
      label: `L(N) at ${fmtFlops(d.compute)} FLOPs${d.uniqueTokens !== null ? `, ${fmtCount(d.uniqueTokens)} unique tokens` : ''}`,
      data: d.curve.map((q) => ({ x: q.x, y: q.y })),
      borderColor: p.purple,
      backgroundColor: p.purple,
      borderWidth: 2,
      pointRadius: 0,
      pointStyle: 'line' as const,
      pointHitRadius: 6,
      tension: 0,
      order: 3,
    },
  ];
  return draw(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: {
          type: 'logarithmic',
          min: d.range[0],
          max: d.range[1],
          title: axisTitle(`Model size (${d.params.label})`, p),
          ticks: { callback: logTick(fmtCount, decades(d.range[0], d.range[1])), autoSkip: false, maxRotation: 0, color: p.muted },
          grid: labelledGrid(p, logTick(fmtCount, decades(d.range[0], d.range[1]))),
        },
        y: { type: 'linear', title: axisTitle('Predicted loss (nats/token)', p), ticks: { color: p.muted }, grid: { color: p.grid } },
      },
      plugins: {
        legend: legend(p),
        tooltip: {
          callbacks: {
            label: (c) => {
              const r = c.raw as { x: number; y: number };
              return `${c.dataset.label}: ${fmtCount(r.x)} ${d.params.short} on ${fmtCount(isoFlopTokens(d, r.x))} tokens, loss ${r.y.toFixed(3)}`;
            },
          },
        },
      },
    },
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
