// A day of serving: requests with prompt, reasoning and answer tokens, repeated samples, on a fleet
// of replicas sized by the roofline (serve.ts), priced, powered and counted in CO2 (cost.ts).

import { co2KgFor, energyKwhFor } from './cost';
import { fmtCount } from './format';
import { batchForLatency, maxBatchThatFits, PRECISION_BYTES, serveSnapshot, type ServeDevice, type ServeModel, type ServePrecision, type ServeSnapshot } from './serve';
import { kineticsCost, type KineticsCost } from './testTime';

export interface ServeWorkload {
  requestsPerDay: number;
  promptTokens: number;
  reasoningTokens: number;
  outputTokens: number;
  /** Samples per request (best-of-n, repeated sampling); each generates reasoning + output tokens. */
  samples: number;
  /** Mean KV length a decode step attends to (servingContext); default prompt + half the generated tokens. */
  context?: number;
  /** Fixed decode batch per replica, or a per-token latency target that picks the largest batch meeting it. */
  batch?: number;
  latencyMsPerToken?: number;
}

export interface ServePlanInput {
  model: ServeModel;
  /** One replica: the devices holding one copy of the weights. */
  replica: ServeDevice;
  weightPrecision: ServePrecision;
  workload: ServeWorkload;
  /** Replicas available; without it the fleet is sized to the workload. */
  replicas?: number;
  pue: number;
  gridGco2PerKwh: number;
  achieved?: { flops: number; bandwidth: number };
  /** Attention width × layers for the Kinetics term; 0 when unknown. */
  attentionWidthTimesLayers?: number;
}

/**
 * The serving context: the mean number of KV-cache tokens a decode step of one sequence attends to
 * over its answer, prompt + (reasoning + output) / 2. It is the length the roofline's KV read and
 * attention FLOPs use, so throughput, latency and the fleet are at this mean. Kinetics
 * (Sadhukhan et al. 2025, cost_model/utils.py) charges (L_in + L_out/2) · L_out KV reads per sample,
 * i.e. this mean per generated token; DeepSeek report the same quantity for their fleet ("mean KV
 * length 4,989 per output token", open-infra-index day 6, 2025-02-28). A stated `context` wins.
 */
export function servingContext(w: Pick<ServeWorkload, 'promptTokens' | 'reasoningTokens' | 'outputTokens' | 'context'>): number {
  return w.context ?? w.promptTokens + (w.reasoningTokens + w.outputTokens) / 2;
}

/**
 * The peak serving context: the KV-cache tokens one sequence holds at its last token, prompt +
 * reasoning + output (never below the mean). Memory that must fit uses it: a decode batch fits when
 * every sequence can run to its end, the rule behind vLLM's "Maximum concurrency for N tokens per
 * request" (KV-cache tokens / max_model_len, vllm/v1/core/kv_cache_utils.py).
 */
export function peakServingContext(w: Pick<ServeWorkload, 'promptTokens' | 'reasoningTokens' | 'outputTokens' | 'context'>): number {
  return Math.max(servingContext(w), w.promptTokens + w.reasoningTokens + w.outputTokens);
}

/** The words every surface uses for the mean context (servingContext): "1.65k tokens of context on average". */
export const meanContextWords = (tokens: number): string => `${fmtCount(tokens)} tokens of context on average`;
/** The words every surface uses for the peak context (peakServingContext): "at most 2.8k tokens of context". */
export const peakContextWords = (tokens: number): string => `at most ${fmtCount(tokens)} tokens of context`;

export interface ServePlan {
  /** Mean KV tokens a decode step attends to (servingContext): throughput and latency use it. */
  context: number;
  /** KV tokens a sequence holds at its last token (peakServingContext): the memory fit uses it. */
  peakContext: number;
  tokensPerDay: { prompt: number; generated: number; output: number };
  batch: number;
  snapshot: ServeSnapshot;
  /** Replica-seconds a day spent in prefill and in decode. */
  replicaSecondsPerDay: { prefill: number; decode: number };
  replicasNeeded: number;
  devicesNeeded: number;
  /** With a stated replica count: share of a day's capacity the workload uses (above 1 it does not keep up). */
  utilisation: number | null;
  devices: number;
  usdPerDay: number | null;
  gpuHoursPerDay: number;
  energyKwhPerDay: number | null;
  co2KgPerDay: number | null;
  kinetics: KineticsCost;
  warnings: string[];
}

export class ServeInputError extends Error {}

export function planServing(p: ServePlanInput): ServePlan {
  const w = p.workload;
  const generatedPerSample = w.reasoningTokens + w.outputTokens;
  const context = servingContext(w);
  const peakContext = peakServingContext(w);
  const wb = PRECISION_BYTES[p.weightPrecision];
  const fitBatch = maxBatchThatFits(p.model, p.replica, wb, peakContext);
  if (fitBatch < 1) throw new ServeInputError('the weights and one sequence of KV cache do not fit on one replica; add devices per replica or lower the precision');
  const warnings: string[] = [];
  let batch = w.batch ?? fitBatch;
  if (w.latencyMsPerToken !== undefined) {
    batch = batchForLatency({ model: p.model, device: p.replica, weightPrecision: p.weightPrecision, context, achieved: p.achieved }, w.latencyMsPerToken, fitBatch);
    if (batch < 1) throw new ServeInputError(`no batch meets ${w.latencyMsPerToken} ms per token on this replica: the weight reads alone take longer; add devices per replica`);
  }
  if (batch > fitBatch) warnings.push(`batch ${batch} does not fit beside the weights with ${peakContextWords(peakContext)} per sequence; at most ${fitBatch} fits`);
  const snap = serveSnapshot({ model: p.model, device: p.replica, weightPrecision: p.weightPrecision, batch, context, peakContext, promptTokens: w.promptTokens, achieved: p.achieved });
  const prompt = w.requestsPerDay * w.promptTokens;
  const generated = w.requestsPerDay * w.samples * generatedPerSample;
  const output = w.requestsPerDay * w.samples * w.outputTokens;
  const prefillS = prompt / snap.prefill.tokensPerSecond;
  const decodeS = generated / snap.decode.tokensPerSecond;
  const replicasNeeded = (prefillS + decodeS) / 86400;
  const replicas = p.replicas ?? Math.max(1, Math.ceil(replicasNeeded));
  const devices = replicas * p.replica.count;
  if (p.replicas !== undefined && replicasNeeded > p.replicas) warnings.push(`${p.replicas} replicas carry ${((p.replicas / replicasNeeded) * 100).toFixed(0)}% of the workload; ${Math.ceil(replicasNeeded)} are needed`);
  const gpuHoursPerDay = devices * 24;
  const energy = p.replica.powerW === undefined ? null : energyKwhFor(gpuHoursPerDay, p.replica.powerW, p.pue);
  const kin = kineticsCost(
    { activeParams: p.model.activeParams ?? p.model.params, kvBytesPerToken: p.model.kvBytesPerToken, attentionWidthTimesLayers: p.attentionWidthTimesLayers ?? 0 },
    { promptTokens: w.promptTokens, generatedTokens: generatedPerSample, samples: w.samples },
    p.replica.peakFlops / p.replica.bandwidth,
  );
  return {
    context,
    peakContext,
    tokensPerDay: { prompt, generated, output },
    batch,
    snapshot: snap,
    replicaSecondsPerDay: { prefill: prefillS, decode: decodeS },
    replicasNeeded,
    devicesNeeded: replicasNeeded * p.replica.count,
    utilisation: p.replicas === undefined ? null : replicasNeeded / p.replicas,
    devices,
    usdPerDay: p.replica.pricePerHour === undefined ? null : gpuHoursPerDay * p.replica.pricePerHour,
    gpuHoursPerDay,
    energyKwhPerDay: energy,
    co2KgPerDay: energy === null ? null : co2KgFor(energy, p.gridGco2PerKwh),
    kinetics: kin,
    warnings,
  };
}
