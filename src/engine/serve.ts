// Serving cost from a roofline: decode is bound by memory bandwidth below the critical batch and
// prefill by compute ("How to Scale Your Model", Austin et al. 2025, jax-ml/scaling-book,
// inference.md and applied-inference.md). Step time at batch B:
//   step = B · KV bytes per sequence / BW + max(2 · B · N_active / peak, weight bytes / BW)
// with BW and peak summed over the devices serving one model replica.

import { GIB } from './memory';

export type ServePrecision = 'bf16' | 'fp8' | 'int8' | 'int4';

/** Bytes per stored weight or KV value. */
export const PRECISION_BYTES: Record<ServePrecision, number> = { bf16: 2, fp8: 1, int8: 1, int4: 0.5 };

/**
 * Achieved fractions of peak FLOP/s and of memory bandwidth for the realistic figure beside the
 * ideal roofline. The scaling book's serving chapter says its roofline QPS per chip "is rather
 * optimistic ... The real numbers are likely maybe 1/2 of this" (applied-inference.md), so both
 * default to 0.5; a plan can state measured values.
 */
export const DEFAULT_ACHIEVED = { flops: 0.5, bandwidth: 0.5, source: 'scaling-book applied-inference.md: real throughput "likely maybe 1/2" of the roofline' };

export interface ServeModel {
  /** Total parameters (all stored weights). */
  params: number;
  /** Parameters used per token (MoE); defaults to params. */
  activeParams?: number;
  /** KV-cache bytes per token of context at the KV precision (kvCache.ts). */
  kvBytesPerToken: number;
  /** 2 · layers · d_attn: attention FLOPs per token per token of context (Kaplan et al. 2020 Eq. 2.2); 0 when unknown. */
  attentionFlopsPerContextToken?: number;
}

export interface ServeDevice {
  /** Peak FLOP/s of one device at the compute precision. */
  peakFlops: number;
  /** HBM bytes/s of one device. */
  bandwidth: number;
  /** Memory bytes of one device. */
  memoryBytes: number;
  count: number;
  pricePerHour?: number;
  powerW?: number;
}

export interface DecodeStep {
  batch: number;
  kvMs: number;
  weightsMs: number;
  computeMs: number;
  stepMs: number;
  tokensPerSecond: number;
  dominant: 'kv-cache reads' | 'weight reads' | 'compute';
}

/** One decode step for `batch` sequences each holding `context` tokens of KV cache. */
export function decodeStep(m: ServeModel, d: ServeDevice, weightBytesPerParam: number, batch: number, context: number, achieved = { flops: 1, bandwidth: 1 }): DecodeStep {
  const bw = d.bandwidth * d.count * achieved.bandwidth;
  const peak = d.peakFlops * d.count * achieved.flops;
  const active = m.activeParams ?? m.params;
  const kvS = (batch * m.kvBytesPerToken * context) / bw;
  const wS = (m.params * weightBytesPerParam) / bw;
  const flopsPerToken = 2 * active + (m.attentionFlopsPerContextToken ?? 0) * context;
  const cS = (batch * flopsPerToken) / peak;
  const stepS = kvS + Math.max(cS, wS);
  const dominant = kvS >= Math.max(cS, wS) ? 'kv-cache reads' : cS > wS ? 'compute' : 'weight reads';
  return { batch, kvMs: kvS * 1e3, weightsMs: wS * 1e3, computeMs: cS * 1e3, stepMs: stepS * 1e3, tokensPerSecond: batch / stepS, dominant };
}

/** Batch above which the weight-load term gives way to compute: (peak/BW)·(weight bytes / 2). */
export function criticalBatch(d: ServeDevice, weightBytesPerParam: number): number {
  return (d.peakFlops / d.bandwidth) * (weightBytesPerParam / 2);
}

/** Prefill is compute-bound: tokens/s = peak / FLOPs per token, causal attention over half the prompt on average. */
export function prefillTokensPerSecond(m: ServeModel, d: ServeDevice, promptTokens: number, flopsFraction = 1): number {
  const perToken = 2 * (m.activeParams ?? m.params) + (m.attentionFlopsPerContextToken ?? 0) * (promptTokens / 2);
  return (d.peakFlops * d.count * flopsFraction) / perToken;
}

/** Largest batch whose KV cache fits beside the weights on the replica's devices (0 when the weights alone do not fit). */
export function maxBatchThatFits(m: ServeModel, d: ServeDevice, weightBytesPerParam: number, context: number): number {
  const free = d.memoryBytes * d.count - m.params * weightBytesPerParam;
  return free <= 0 ? 0 : Math.floor(free / (m.kvBytesPerToken * context));
}

export interface ServeSnapshot {
  kvCacheBytesPerToken: number;
  criticalBatch: number;
  maxBatch: number;
  decode: { stepMsIdeal: number; tokensPerSecondIdeal: number; stepMs: number; tokensPerSecond: number; tokensPerSecondPerDevice: number; dominant: DecodeStep['dominant']; breakdownMs: { kv: number; weights: number; compute: number } };
  prefill: { tokensPerSecondIdeal: number; tokensPerSecond: number };
  memory: { weightsGb: number; kvCacheGb: number; totalGb: number; availableGb: number; fits: boolean };
  /** Fleet $ per hour / decode tokens per hour × 1e6 at the realistic throughput; null without a price. */
  usdPerMillionOutputTokens: number | null;
  achieved: { flops: number; bandwidth: number; source: string };
}

export interface ServeSetup {
  model: ServeModel;
  device: ServeDevice;
  weightPrecision: ServePrecision;
  batch: number;
  /** Mean KV length a decode step attends to: the KV read and attention FLOPs of the roofline. */
  context: number;
  /**
   * KV length a sequence holds at its last token; the memory check and the largest batch that fits
   * use it (default `context`). A batch fits when every sequence can reach its end, as vLLM's
   * "Maximum concurrency for N tokens per request" is KV-cache tokens / max_model_len
   * (vllm/v1/core/kv_cache_utils.py).
   */
  peakContext?: number;
  promptTokens?: number;
  achieved?: { flops: number; bandwidth: number };
}

/** Roofline figures for one replica at one batch and context. */
export function serveSnapshot(s: ServeSetup): ServeSnapshot {
  const wb = PRECISION_BYTES[s.weightPrecision];
  const ach = { ...DEFAULT_ACHIEVED, ...(s.achieved ?? {}) };
  const ideal = decodeStep(s.model, s.device, wb, s.batch, s.context);
  const real = decodeStep(s.model, s.device, wb, s.batch, s.context, ach);
  const prompt = s.promptTokens ?? s.context;
  const weights = s.model.params * wb;
  const peak = s.peakContext ?? s.context;
  const kv = s.batch * peak * s.model.kvBytesPerToken;
  const available = s.device.memoryBytes * s.device.count;
  const fleetPerHour = s.device.pricePerHour === undefined ? null : s.device.pricePerHour * s.device.count;
  return {
    kvCacheBytesPerToken: s.model.kvBytesPerToken,
    criticalBatch: criticalBatch(s.device, wb),
    maxBatch: maxBatchThatFits(s.model, s.device, wb, peak),
    decode: {
      stepMsIdeal: ideal.stepMs, tokensPerSecondIdeal: ideal.tokensPerSecond, stepMs: real.stepMs, tokensPerSecond: real.tokensPerSecond,
      tokensPerSecondPerDevice: real.tokensPerSecond / s.device.count, dominant: real.dominant, breakdownMs: { kv: real.kvMs, weights: real.weightsMs, compute: real.computeMs },
    },
    prefill: { tokensPerSecondIdeal: prefillTokensPerSecond(s.model, s.device, prompt), tokensPerSecond: prefillTokensPerSecond(s.model, s.device, prompt, ach.flops) },
    memory: { weightsGb: weights / GIB, kvCacheGb: kv / GIB, totalGb: (weights + kv) / GIB, availableGb: available / GIB, fits: weights + kv <= available },
    usdPerMillionOutputTokens: fleetPerHour === null ? null : (fleetPerHour / (real.tokensPerSecond * 3600)) * 1e6,
    achieved: ach,
  };
}

/** The largest batch (up to `maxBatch`) whose realistic decode step meets a per-token latency target; 0 if none does. */
export function batchForLatency(s: Omit<ServeSetup, 'batch'>, latencyMs: number, maxBatch: number): number {
  const wb = PRECISION_BYTES[s.weightPrecision];
  const ach = { ...DEFAULT_ACHIEVED, ...(s.achieved ?? {}) };
  const ok = (b: number): boolean => decodeStep(s.model, s.device, wb, b, s.context, ach).stepMs <= latencyMs;
  if (maxBatch < 1 || !ok(1)) return 0;
  let lo = 1;
  let hi = maxBatch;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Devices (or nodes) needed to carry a daily token volume at a sustained per-unit throughput. */
export function unitsForThroughput(tokensPerDay: number, tokensPerSecondPerUnit: number): number {
  return tokensPerDay / (tokensPerSecondPerUnit * 86400);
}
