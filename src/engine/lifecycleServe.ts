// The `serve:` block of a run: this model on replicas of the serving accelerator, over a horizon.

import { findAccelerator, peakFlops, type Accelerator } from './hardware';
import { kvCacheBytesPerToken } from './kvCache';
import { GIB } from './memory';
import type { CompleteShape } from './params';
import { PRECISION_BYTES, type ServeDevice, type ServeModel } from './serve';
import { planServing, ServeInputError, type ServePlan } from './serveWorkload';
import type { FieldId, ServePrecisionId, ServeSpec } from './types';

/** What the stage knows of the trained model and the training fleet. */
export interface LifecycleModel {
  paramsTotal: number | null;
  paramsActive: number | null;
  paramsNonEmbedding: number | null;
  shape: CompleteShape | undefined;
}

export interface LifecycleHardware {
  accelerator: string | null;
  count: number | null;
  mfu: number;
  peakFlops: number | null;
  pricePerHour: number | null;
  powerW: number | null;
  pue: number;
  gridGco2PerKwh: number;
}

/** One year, when a serve block states no horizon. */
export const DEFAULT_HORIZON_DAYS = 365;

export interface ServeReport extends ServePlan {
  accelerator: string;
  devicesPerReplica: number;
  weightPrecision: string;
  kvPrecision: string;
  horizonDays: number;
}

export class LifecycleInputError extends Error {
  constructor(
    message: string,
    readonly field: FieldId,
  ) {
    super(message);
  }
}

/** Serving device from the catalog (bf16 math for int8/int4 weights, as the scaling book assumes). */
export function serveDevice(acc: Accelerator, count: number, precision: string, price?: number | null, powerW?: number | null): ServeDevice {
  const peak = peakFlops(acc, precision === 'fp8' ? 'fp8' : 'bf16');
  if (peak === undefined) throw new LifecycleInputError(`${acc.name} has no published bf16 peak`, 'serve.accelerator');
  return { peakFlops: peak, bandwidth: acc.bandwidthTBs * 1e12, memoryBytes: acc.memoryGb * GIB, count, pricePerHour: price ?? acc.price?.default, powerW: powerW ?? acc.powerW };
}

export function serveModel(m: LifecycleModel, kvBytes: number): ServeModel {
  if (m.paramsTotal === null) throw new LifecycleInputError('serving needs the parameter count (model.params or a shape)', 'model.params');
  if (!m.shape) throw new LifecycleInputError('serving needs the model shape (layers, kv_heads, head_dim) for the KV cache', 'model.layers');
  const s = m.shape;
  return {
    params: m.paramsTotal,
    activeParams: m.paramsActive ?? m.paramsTotal,
    kvBytesPerToken: kvCacheBytesPerToken(s, kvBytes, s.seqLen),
    attentionFlopsPerContextToken: 2 * s.layers * s.heads * (s.headDim ?? s.dModel / s.heads),
  };
}

/** What a `serve:` block runs on: the model, one replica of the serving accelerator and the achieved fractions. */
export interface ServeSetupOf {
  accelerator: Accelerator;
  precision: ServePrecisionId;
  kvPrecision: ServePrecisionId;
  model: ServeModel;
  devicesPerReplica: number;
  replica: ServeDevice;
  achieved: { flops: number; bandwidth: number } | undefined;
}

export function serveSetupOf(spec: ServeSpec, m: LifecycleModel, hw: LifecycleHardware, extra: readonly Accelerator[] = []): ServeSetupOf {
  const id = spec.accelerator ?? hw.accelerator;
  const acc = id ? findAccelerator(id, extra) : undefined;
  if (!acc) throw new LifecycleInputError(`unknown serving accelerator "${id ?? ''}"`, 'serve.accelerator');
  const precision = spec.precision ?? 'bf16';
  const kvPrecision = spec.kvPrecision ?? precision;
  const model = serveModel(m, PRECISION_BYTES[kvPrecision]);
  const weights = model.params * PRECISION_BYTES[precision];
  // Fewest devices whose memory holds the weights with room for KV cache, unless stated.
  const perReplica = spec.devicesPerReplica ?? Math.max(1, Math.ceil((weights * 1.1) / (acc.memoryGb * GIB)));
  const sameAsTraining = acc.id === hw.accelerator;
  const replica = serveDevice(acc, perReplica, precision, spec.pricePerHour ?? (sameAsTraining ? hw.pricePerHour : undefined), sameAsTraining ? hw.powerW : undefined);
  const achieved = spec.achievedFlops !== undefined || spec.achievedBandwidth !== undefined ? { flops: spec.achievedFlops ?? 0.5, bandwidth: spec.achievedBandwidth ?? 0.5 } : undefined;
  return { accelerator: acc, precision, kvPrecision, model, devicesPerReplica: perReplica, replica, achieved };
}

export function lifecycleServe(spec: ServeSpec, m: LifecycleModel, hw: LifecycleHardware, extra: readonly Accelerator[] = []): ServeReport {
  const { accelerator: acc, precision, kvPrecision, model, devicesPerReplica: perReplica, replica, achieved } = serveSetupOf(spec, m, hw, extra);
  if (spec.requestsPerDay === undefined) throw new LifecycleInputError('serving needs serve.requests_per_day', 'serve.requests_per_day');
  try {
    const plan = planServing({
      model, replica, weightPrecision: precision, replicas: spec.replicas, pue: hw.pue, gridGco2PerKwh: hw.gridGco2PerKwh, achieved,
      attentionWidthTimesLayers: m.shape!.layers * m.shape!.heads * (m.shape!.headDim ?? m.shape!.dModel / m.shape!.heads),
      workload: {
        requestsPerDay: spec.requestsPerDay, promptTokens: spec.promptTokens ?? 0, reasoningTokens: spec.reasoningTokens ?? 0,
        outputTokens: spec.outputTokens ?? 0, samples: spec.samples ?? 1, context: spec.context, batch: spec.batch, latencyMsPerToken: spec.latencyMsPerToken,
      },
    });
    // Added to the plan it owns: V8 copies a spread followed by new keys slowly.
    return Object.assign(plan, { accelerator: acc.id, devicesPerReplica: perReplica, weightPrecision: precision, kvPrecision, horizonDays: spec.horizonDays ?? DEFAULT_HORIZON_DAYS });
  } catch (e) {
    if (e instanceof ServeInputError) throw new LifecycleInputError(e.message, spec.latencyMsPerToken !== undefined ? 'serve.latency_ms_per_token' : 'serve.devices_per_replica');
    throw e;
  }
}
