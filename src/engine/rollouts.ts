// RL rollouts at the serving throughput of the whole training fleet: the fleet is cut into serving
// replicas (the serve: block's devices per replica on the same accelerator, else the fewest devices
// that hold the policy's weights with 10% to spare, as a serve: block sizes them), each decoding at the batch its memory allows, capped by the step's sequences shared
// among the replicas. Throughput is the replicas' sum (roofline of serve.ts at the achieved fractions).

import { maxBatchThatFits, PRECISION_BYTES, serveSnapshot, type ServeDevice, type ServeModel, type ServePrecision } from './serve';
import { ServeInputError } from './serveWorkload';

export interface RolloutFleet {
  replicas: number;
  devicesPerReplica: number;
  /** Sequences decoded together per replica. */
  batch: number;
  /** KV tokens a decode step attends to: prompt + half the response (serveWorkload.ts servingContext). */
  context: number;
  stepMs: number;
  /** Whole-fleet decode and prefill tokens/s at the achieved fractions. */
  decodeTokensPerSecond: number;
  prefillTokensPerSecond: number;
}

/** `fleet.count` devices generating `sequences` responses per step of `promptTokens` + `responseTokens`. */
export function rolloutFleet(
  model: ServeModel,
  fleet: ServeDevice,
  weightPrecision: ServePrecision,
  r: { sequences: number; promptTokens: number; responseTokens: number },
  achieved?: { flops: number; bandwidth: number },
  devicesPerReplica?: number,
): RolloutFleet {
  const wb = PRECISION_BYTES[weightPrecision];
  const perReplica = devicesPerReplica ?? Math.max(1, Math.ceil((model.params * wb * 1.1) / fleet.memoryBytes));
  const replicas = Math.floor(fleet.count / perReplica);
  if (replicas < 1) throw new ServeInputError(`the policy's weights need ${perReplica} devices; the fleet has ${fleet.count}`);
  const device = { ...fleet, count: perReplica };
  const context = r.promptTokens + r.responseTokens / 2;
  // The step's rollouts decode together to their last token, so the batch that fits holds the full
  // prompt + response of each (serveWorkload.ts peakServingContext).
  const peakContext = r.promptTokens + r.responseTokens;
  const fit = maxBatchThatFits(model, device, wb, peakContext);
  if (fit < 1) throw new ServeInputError('the policy and one rollout of KV cache do not fit on a replica');
  const batch = Math.max(1, Math.min(fit, Math.ceil(r.sequences / replicas)));
  const snap = serveSnapshot({ model, device, weightPrecision, batch, context, peakContext, promptTokens: r.promptTokens, achieved });
  return {
    replicas, devicesPerReplica: perReplica, batch, context, stepMs: snap.decode.stepMs,
    decodeTokensPerSecond: snap.decode.tokensPerSecond * replicas, prefillTokensPerSecond: snap.prefill.tokensPerSecond * replicas,
  };
}
