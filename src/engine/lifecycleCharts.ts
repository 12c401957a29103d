// Chart data for the panel's lifecycle cards, shaped from a Report and its run: the lifetime cost
// by stage, serving throughput against decode batch (ideal roofline and realistic line), KV-cache
// memory against context, and the best dense model beside the best MoE at the same compute. Pure
// (no DOM); null when the report lacks the block a chart needs.

import type { EngineOptions, Report } from './analyze';
import { toCsv } from './charts';
import { fmtCount } from './format';
import { kvCacheBytesPerToken } from './kvCache';
import { logSpace } from './laws';
import { serveSetupOf, type LifecycleHardware } from './lifecycleServe';
import type { LifetimePartName } from './lifetime';
import { GIB } from './memory';
import { missingShapeFields, type CompleteShape } from './params';
import { decodeStep, DEFAULT_ACHIEVED, PRECISION_BYTES } from './serve';
import { meanContextWords, peakContextWords } from './serveWorkload';
import type { RunDescription } from './types';

export const PART_LABELS: Record<LifetimePartName, string> = { training: 'Pre-training', distillation: 'Distillation', postTraining: 'RL post-training', serving: 'Serving' };

export interface LifecycleCostRow {
  id: LifetimePartName;
  label: string;
  usd: number | null;
  gpuHours: number | null;
  co2Kg: number | null;
  share: number | null;
}

export interface LifecycleCostData {
  /** Dollars when every part is priced, else GPU-hours. */
  metric: 'usd' | 'gpuHours';
  horizonDays: number | null;
  rows: LifecycleCostRow[];
  total: { usd: number | null; gpuHours: number | null; co2Kg: number | null };
}

/** Cost of each lifecycle stage present in the report; null without a lifetime budget. */
export function lifecycleCostData(r: Report): LifecycleCostData | null {
  const l = r.lifetime;
  if (!l) return null;
  const rows: LifecycleCostRow[] = [];
  for (const id of Object.keys(PART_LABELS) as LifetimePartName[]) {
    const p = l.parts[id];
    if (p) rows.push({ id, label: PART_LABELS[id], usd: p.usd, gpuHours: p.gpuHours, co2Kg: p.co2Kg, share: l.shares[id] ?? null });
  }
  if (!rows.length) return null;
  return { metric: l.total.usd !== null && l.total.usd > 0 ? 'usd' : 'gpuHours', horizonDays: l.horizonDays, rows, total: { usd: l.total.usd, gpuHours: l.total.gpuHours, co2Kg: l.total.co2Kg } };
}

/** The shape as analyze() completes it; undefined when a field is missing. */
function shapeOf(run: RunDescription): CompleteShape | undefined {
  const s = run.model.shape;
  if (!s || missingShapeFields(s).length) return undefined;
  return { architecture: 'llama', ...s } as CompleteShape;
}

function setupOf(run: RunDescription, r: Report, options: EngineOptions) {
  if (!run.serve || !r.serve) return null;
  const shape = shapeOf(run);
  const hw: LifecycleHardware = { ...r.hardware };
  const m = { paramsTotal: r.model.paramsTotal, paramsActive: r.model.paramsActive, paramsNonEmbedding: r.model.paramsNonEmbedding, shape };
  try {
    return { setup: serveSetupOf(run.serve, m, hw, options.customAccelerators ?? []), shape: shape! };
  } catch {
    return null;
  }
}

export interface ThroughputPoint {
  batch: number;
  ideal: number;
  realistic: number;
  stepMs: number;
}

export interface ServingThroughputData {
  accelerator: string;
  devicesPerReplica: number;
  /** Mean context the decode step attends to (the report's serve.context). */
  context: number;
  /** Context a sequence reaches at its last token, which the largest batch that fits holds (serve.peakContext). */
  peakContext: number;
  /** Decode tokens/s per replica at each batch, roofline and at the achieved fractions. */
  points: ThroughputPoint[];
  chosen: ThroughputPoint;
  criticalBatch: number;
  maxBatch: number;
  achieved: { flops: number; bandwidth: number };
}

/** The context the serving plan decodes at, as the report states it (serveWorkload.ts servingContext). */
const servedContext = (r: Report): number => r.serve!.context;

/** Decode throughput of one replica from batch 1 to the largest batch that fits (or 4x the critical batch). */
export function servingThroughputData(run: RunDescription, r: Report, options: EngineOptions = {}, points = 41): ServingThroughputData | null {
  const s = setupOf(run, r, options);
  if (!s) return null;
  const { model, replica, precision } = s.setup;
  const wb = PRECISION_BYTES[precision];
  const ach = { flops: s.setup.achieved?.flops ?? DEFAULT_ACHIEVED.flops, bandwidth: s.setup.achieved?.bandwidth ?? DEFAULT_ACHIEVED.bandwidth };
  const context = Math.max(1, servedContext(r));
  const snap = r.serve!.snapshot;
  const top = Math.max(2, snap.maxBatch > 0 ? snap.maxBatch : 4 * snap.criticalBatch, r.serve!.batch);
  const at = (b: number): ThroughputPoint => {
    const real = decodeStep(model, replica, wb, b, context, ach);
    return { batch: b, ideal: decodeStep(model, replica, wb, b, context).tokensPerSecond, realistic: real.tokensPerSecond, stepMs: real.stepMs };
  };
  const batches = [...new Set(logSpace(1, top, points).map((b) => Math.max(1, Math.round(b))))];
  return {
    accelerator: r.serve!.accelerator, devicesPerReplica: r.serve!.devicesPerReplica, context, peakContext: r.serve!.peakContext, points: batches.map(at), chosen: at(Math.max(1, r.serve!.batch)),
    criticalBatch: snap.criticalBatch, maxBatch: snap.maxBatch, achieved: ach,
  };
}

export interface KvPoint {
  context: number;
  /** KV cache of one sequence, GiB. */
  perSequenceGb: number;
  /** KV cache of the served batch, GiB. */
  batchGb: number;
}

export interface KvMemoryData {
  batch: number;
  kvPrecision: string;
  points: KvPoint[];
  weightsGb: number;
  capacityGb: number;
  /** Context a sequence reaches at its last token (the report's serve.peakContext): the memory that must fit. */
  peakContext: number;
  /** KV memory at exactly that context. */
  atPeak: KvPoint;
}

/** KV-cache memory of one sequence and of the served batch from 512 tokens to 4x the model's seq_len. */
export function kvMemoryData(run: RunDescription, r: Report, options: EngineOptions = {}, points = 41): KvMemoryData | null {
  const s = setupOf(run, r, options);
  if (!s) return null;
  const kvb = PRECISION_BYTES[s.setup.kvPrecision];
  const batch = Math.max(1, r.serve!.batch);
  const hi = Math.max(4 * (s.shape.seqLen ?? 0), 8192);
  const contexts = [...new Set(logSpace(512, hi, points).map((c) => Math.round(c)))];
  const per = (c: number): number => (kvCacheBytesPerToken(s.shape, kvb, c) * c) / GIB;
  const peak = r.serve!.peakContext;
  return {
    batch, kvPrecision: s.setup.kvPrecision,
    points: contexts.map((c) => ({ context: c, perSequenceGb: per(c), batchGb: per(c) * batch })),
    weightsGb: r.serve!.snapshot.memory.weightsGb, capacityGb: r.serve!.snapshot.memory.availableGb,
    peakContext: peak, atPeak: { context: peak, perSequenceGb: per(peak), batchGb: per(peak) * batch },
  };
}

/** The serving card's sentence: one replica's decode at the plan's batch and mean context; the fit at the peak context. */
export function servingSummary(d: ServingThroughputData): string {
  const c = d.chosen;
  return (
    `${d.devicesPerReplica} × ${d.accelerator} per replica at ${meanContextWords(d.context)}: batch ${c.batch} decodes ${fmtCount(c.realistic)} tokens/s ` +
    `(${c.stepMs.toFixed(1)} ms per token; roofline ${fmtCount(c.ideal)}). Critical batch ${Math.round(d.criticalBatch)}, largest that fits ${d.maxBatch} with ${peakContextWords(d.peakContext)} per sequence.`
  );
}

/** The KV-cache card's sentence: the memory that must fit, every sequence of the batch at the peak context. */
export function kvSummary(d: KvMemoryData): string {
  const a = d.atPeak;
  return `${a.perSequenceGb.toFixed(2)} GiB of ${d.kvPrecision} KV cache per sequence with ${peakContextWords(a.context)}; batch ${d.batch} holds up to ${a.batchGb.toFixed(1)} GiB beside ${d.weightsGb.toFixed(1)} GiB of weights in ${d.capacityGb.toFixed(0)} GiB.`;
}

export interface DenseVsMoeRow {
  label: string;
  activeParams: number;
  totalParams: number;
  tokens: number;
  loss: number;
}

export interface DenseVsMoeData {
  flops: number;
  experts: number;
  rows: [DenseVsMoeRow, DenseVsMoeRow];
  denseComputeToMatch: number;
  citation: string;
  warnings: string[];
}

export function denseVsMoeData(r: Report, run: RunDescription): DenseVsMoeData | null {
  const c = r.denseVsMoe;
  if (!c) return null;
  const E = run.model.shape?.moe?.experts ?? 1;
  const row = (label: string, s: typeof c.dense): DenseVsMoeRow => ({ label, activeParams: s.activeParams, totalParams: s.totalParams, tokens: s.tokens, loss: s.loss });
  return { flops: c.flops, experts: E, rows: [row('Dense', c.dense), row(`MoE, ${E} experts`, c.moe)], denseComputeToMatch: c.denseComputeToMatch, citation: c.citation, warnings: c.warnings };
}

export interface LifecycleCharts {
  cost: LifecycleCostData | null;
  throughput: ServingThroughputData | null;
  kv: KvMemoryData | null;
  moe: DenseVsMoeData | null;
}

export function lifecycleCharts(run: RunDescription, r: Report, options: EngineOptions = {}): LifecycleCharts {
  return { cost: lifecycleCostData(r), throughput: servingThroughputData(run, r, options), kv: kvMemoryData(run, r, options), moe: denseVsMoeData(r, run) };
}

// ---------------------------------------------------------------- CSV

export function lifecycleCostCsv(d: LifecycleCostData): string {
  return toCsv(['stage', 'usd', 'gpu_hours', 'co2_kg', 'share'], [...d.rows.map((x) => [x.label, x.usd, x.gpuHours, x.co2Kg, x.share]), ['Total', d.total.usd, d.total.gpuHours, d.total.co2Kg, 1]]);
}

export function throughputCsv(d: ServingThroughputData): string {
  return toCsv(['batch', 'ideal_tokens_per_s', 'realistic_tokens_per_s', 'step_ms'], d.points.map((p) => [p.batch, p.ideal, p.realistic, p.stepMs]));
}

export function kvMemoryCsv(d: KvMemoryData): string {
  return toCsv(['context', 'kv_gb_per_sequence', `kv_gb_batch_${d.batch}`], d.points.map((p) => [p.context, p.perSequenceGb, p.batchGb]));
}

export function denseVsMoeCsv(d: DenseVsMoeData): string {
  return toCsv(['model', 'active_params', 'total_params', 'tokens', 'loss'], d.rows.map((x) => [x.label, x.activeParams, x.totalParams, x.tokens, x.loss]));
}
