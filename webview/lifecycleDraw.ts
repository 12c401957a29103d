// The panel's lifecycle charts, drawn from the engine's chart data (src/engine/lifecycleCharts.ts):
// lifetime cost by stage, serving throughput vs batch, KV-cache memory vs context, dense vs MoE.

import { type DenseVsMoeData, fmtCount, fmtMoney, type KvMemoryData, type LifecycleCostData, type Money, type ServingThroughputData } from '../src/engine';
import { Chart, draw, logTick } from './chartkit';
import { axisTitle, background, legend } from './panelCharts';
import type { Palette } from './theme';

const decades = (lo: number, hi: number): number => Math.log10(hi / Math.max(lo, 1e-30));

function logAxis(lo: number, hi: number, title: string, fmt: (v: number) => string, p: Palette) {
  const tick = logTick(fmt, decades(lo, hi));
  return { type: 'logarithmic' as const, min: lo, max: hi, title: axisTitle(title, p), ticks: { callback: tick, autoSkip: false, maxRotation: 0, color: p.muted }, grid: { color: (c: { tick?: { value: number } }) => (c.tick && tick(c.tick.value) ? p.grid : 'transparent') } };
}

export function drawLifecycleCost(canvas: HTMLCanvasElement, d: LifecycleCostData, money: Money, p: Palette): Chart {
  const colors = { training: p.blue, distillation: p.purple, postTraining: p.orange, serving: p.green };
  const value = (x: LifecycleCostData['rows'][number]): number => (d.metric === 'usd' ? (x.usd ?? 0) * money.perUsd : x.gpuHours ?? 0);
  const fmt = (v: number): string => (d.metric === 'usd' ? fmtMoney(v / money.perUsd, money) : `${fmtCount(v)} GPU-h`);
  return draw(canvas, {
    type: 'bar',
    data: {
      labels: d.rows.map((x) => x.label),
      datasets: [{ type: 'bar' as const, label: d.metric === 'usd' ? `Cost (${money.currency})` : 'GPU-hours', data: d.rows.map(value), backgroundColor: d.rows.map((x) => colors[x.id]), barPercentage: 0.78, categoryPercentage: 1 }],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { type: 'linear', beginAtZero: true, title: axisTitle(d.metric === 'usd' ? `Cost over ${d.horizonDays ?? '—'} days (${money.currency})` : 'GPU-hours', p), ticks: { color: p.muted, callback: (v) => fmt(Number(v)) }, grid: { color: p.grid } },
        y: { type: 'category', ticks: { color: p.fg }, grid: { display: false } },
      },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => fmt(Number(c.raw)) } } },
    },
    plugins: [background(p)],
  }) as unknown as Chart;
}

const line = (label: string, data: Array<{ x: number; y: number }>, color: string, dash?: number[]) => ({
  type: 'line' as const, label, data, borderColor: color, backgroundColor: color, borderWidth: 2, ...(dash ? { borderDash: dash } : {}), pointRadius: 0, pointHitRadius: 6, pointStyle: 'line' as const, tension: 0,
});

export function drawThroughput(canvas: HTMLCanvasElement, d: ServingThroughputData, p: Palette): Chart {
  const xs = d.points.map((q) => q.batch);
  const ys = d.points.map((q) => q.ideal);
  const datasets = [
    { type: 'scatter' as const, label: `Served batch ${d.chosen.batch}`, data: [{ x: d.chosen.batch, y: d.chosen.realistic }], backgroundColor: p.red, borderColor: p.fg, borderWidth: 1, pointStyle: 'triangle' as const, pointRadius: 8 },
    line('Ideal roofline', d.points.map((q) => ({ x: q.batch, y: q.ideal })), p.blue, [6, 4]),
    line(`Realistic (${Math.round(d.achieved.bandwidth * 100)}% of bandwidth, ${Math.round(d.achieved.flops * 100)}% of FLOP/s)`, d.points.map((q) => ({ x: q.batch, y: q.realistic })), p.green),
  ];
  return draw(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      parsing: false,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: logAxis(Math.min(...xs), Math.max(...xs) * 1.2, 'Decode batch per replica', fmtCount, p),
        y: logAxis(Math.min(...d.points.map((q) => q.realistic)) * 0.8, Math.max(...ys) * 1.25, 'Decode tokens/s per replica', fmtCount, p),
      },
      plugins: { legend: legend(p), tooltip: { callbacks: { label: (c) => `${c.dataset.label}: batch ${(c.raw as { x: number }).x}, ${fmtCount((c.raw as { y: number }).y)} tokens/s` } } },
    },
    plugins: [background(p)],
  }) as unknown as Chart;
}

export function drawKvMemory(canvas: HTMLCanvasElement, d: KvMemoryData, p: Palette): Chart {
  const xs = d.points.map((q) => q.context);
  const lo = Math.min(...d.points.map((q) => q.perSequenceGb));
  const hi = Math.max(d.capacityGb, ...d.points.map((q) => q.batchGb));
  const flat = (label: string, y: number, color: string) => line(label, [{ x: xs[0], y }, { x: xs[xs.length - 1], y }], color, [3, 3]);
  return draw(canvas, {
    type: 'scatter',
    data: {
      datasets: [
        line('KV cache, one sequence', d.points.map((q) => ({ x: q.context, y: q.perSequenceGb })), p.purple),
        line(`KV cache, batch ${d.batch}`, d.points.map((q) => ({ x: q.context, y: q.batchGb })), p.orange),
        flat('Replica memory', d.capacityGb, p.red),
        flat('Free after weights', Math.max(d.capacityGb - d.weightsGb, lo), p.muted),
      ],
    },
    options: {
      parsing: false,
      interaction: { mode: 'nearest', intersect: false },
      scales: { x: logAxis(xs[0], xs[xs.length - 1], 'Context (tokens)', fmtCount, p), y: logAxis(lo * 0.8, hi * 1.3, `GiB (${d.kvPrecision} KV)`, (v) => (v >= 1 ? v.toFixed(0) : v.toPrecision(1)), p) },
      plugins: { legend: legend(p), tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${(c.raw as { y: number }).y.toFixed(2)} GiB at ${fmtCount((c.raw as { x: number }).x)} tokens` } } },
    },
    plugins: [background(p)],
  }) as unknown as Chart;
}

export function drawDenseVsMoe(canvas: HTMLCanvasElement, d: DenseVsMoeData, p: Palette): Chart {
  const [dense, moe] = d.rows;
  const labels = ['Active params', 'Total params', 'Tokens'];
  const vals = (r: typeof dense): number[] => [r.activeParams, r.totalParams, r.tokens];
  const all = [...vals(dense), ...vals(moe)];
  return draw(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'bar' as const, label: `${dense.label} (loss ${dense.loss.toFixed(3)})`, data: vals(dense), backgroundColor: p.blue },
        { type: 'bar' as const, label: `${moe.label} (loss ${moe.loss.toFixed(3)})`, data: vals(moe), backgroundColor: p.orange },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: logAxis(Math.min(...all) / 3, Math.max(...all) * 3, 'Count (log)', fmtCount, p), y: { type: 'category', ticks: { color: p.fg }, grid: { display: false } } },
      plugins: { legend: legend(p), tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmtCount(Number(c.raw))}` } } },
    },
    plugins: [background(p)],
  }) as unknown as Chart;
}
