// Per-device training memory: model states (ZeRO, Rajbhandari et al. 2020, arXiv:1910.02054 §3.1)
// and activations (Korthikanti et al. 2022, arXiv:2205.05198, Table 2 / Transformer Math 101).

import type { Checkpointing, Optimizer, Precision } from './types';

/**
 * Memory figures are GiB (2^30 bytes). Vendors print HBM capacity as "GB" but mean binary
 * gigabytes (reference hardware-and-peers.md conventions; the TPU and Trainium pages write GiB):
 * "80 GB" is 80 GiB = 85.9e9 bytes. Per-device memory is computed in the same unit it is compared
 * with. The report keeps the field names `*Gb`; docs/report-schema.md says they are GiB.
 */
export const GIB = 2 ** 30;

export interface MemoryInputs {
  params: number;
  /** Trainable parameters: LoRA adapters added to `params` (frozen base); defaults to all of `params`. */
  trainable?: number;
  precision: Precision;
  optimizer: Optimizer;
  /** Bits per frozen base weight when fine-tuning with adapters (QLoRA: 4). */
  baseBits?: number;
  /**
   * Frozen weights stored at `baseBits`: the blocks' linear layers. bitsandbytes and torchtune keep
   * embeddings, the output head and norms in 16 bits. Defaults to all of `params`.
   */
  quantizedParams?: number;
  /** 4-bit NF4: double-quantized constants (default true), see nf4ConstantBits. */
  doubleQuant?: boolean;
  devices: number;
  zeroStage: 0 | 1 | 2 | 3;
  tensorParallel: number;
  pipelineParallel: number;
  /**
   * Parameters in routed experts (part of `params`) and the expert-parallel group they are split
   * over. Megatron-Core carves the expert-parallel group out of data parallel: each rank holds
   * 1/ep of the experts, and ZeRO shards expert states over the remaining dp / ep replicas of each
   * expert (the expert data-parallel group), dense states over all dp.
   */
  expertParams?: number;
  expertParallel?: number;
  /** Model chunks per device under the interleaved pipeline schedule (throughput.ts virtualStages); 1 or absent is plain 1F1B. */
  virtualStages?: number;
  /** Micro-batches per replica per step, when the global batch is stated: no more can be in flight. */
  microBatchesPerStep?: number;
  checkpointing: Checkpointing;
  flashAttention: boolean;
  /** Megatron sequence parallel with tensor parallel: the 10 sbh kept whole per rank is split too (Korthikanti et al. 2022 Table 2). */
  sequenceParallel?: boolean;
  activations?: {
    layers: number;
    dModel: number;
    heads: number;
    seqLen: number;
    microBatch: number;
  };
}

export interface MemoryBreakdown {
  weightsGb: number;
  gradientsGb: number;
  optimizerGb: number;
  activationsGb: number | null;
  totalGb: number;
  dataParallel: number;
}

/** Bytes per parameter for weights and gradients by precision, and optimizer state bytes K. */
export function stateBytes(precision: Precision, optimizer: Optimizer): { weights: number; grads: number; optimizer: number } {
  const pure = precision === 'bf16-pure';
  const full = precision === 'fp32' || precision === 'tf32';
  const weights = full ? 4 : 2;
  const grads = full ? 4 : 2;
  // Mixed precision keeps an fp32 master copy (4 bytes) besides the moments (ZeRO §3.1: K = 12 for Adam).
  const master = full || pure ? 0 : 4;
  const moments = pure ? MOMENTS_16 : MOMENTS_32;
  return { weights, grads, optimizer: master + moments[optimizer] };
}

/** Optimizer moment bytes per parameter with moments of `momentBytes` each (built once: the layout search asks often). */
function momentTable(momentBytes: number): Record<Optimizer, number> {
  return {
    adamw: 2 * momentBytes,
    adam: 2 * momentBytes,
    adam8bit: 2, // two 8-bit moments (Dettmers et al. 2022)
    sgd: momentBytes, // momentum buffer
    lion: momentBytes, // one moment (Chen et al. 2023)
    adafactor: 0.1 * momentBytes, // factored second moment, negligible per parameter
  };
}
/** Pure 16-bit training keeps 2-byte moments; everything else 4-byte ones. */
const MOMENTS_16 = momentTable(2);
const MOMENTS_32 = momentTable(4);

/** Activation bytes per layer per micro-batch (Korthikanti et al. 2022 Table 2, 16-bit). */
export function activationBytesPerLayer(
  a: { dModel: number; heads: number; seqLen: number; microBatch: number },
  t: number,
  checkpointing: Checkpointing,
  flashAttention: boolean,
  sequenceParallel = false,
): number {
  const sbh = a.seqLen * a.microBatch * a.dModel;
  if (checkpointing === 'full') return 2 * sbh;
  const scores = (5 * a.heads * a.seqLen) / (a.dModel * t);
  // Selective recompute and FlashAttention both drop the stored s x s attention terms.
  const attn = checkpointing === 'selective' || flashAttention ? 0 : scores;
  return sbh * ((sequenceParallel && t > 1 ? 34 / t : 10 + 24 / t) + attn);
}

/**
 * Extra bits per 4-bit NF4 weight for its quantization constants (Dettmers et al. 2023, QLoRA,
 * arXiv:2305.14314 §3 "Double Quantization"): one fp32 absmax per block of 64 weights is 32/64 =
 * 0.5 bit; double quantization stores 8-bit constants with one fp32 per 256 of them,
 * 8/64 + 32/(64·256) ≈ 0.127 bit.
 */
export function nf4ConstantBits(doubleQuant = true): number {
  return doubleQuant ? 8 / 64 + 32 / (64 * 256) : 32 / 64;
}

interface StateBytes {
  weights: number;
  grads: number;
  opt: number;
}

/** Weights, gradients and optimizer bytes of one group of parameters on one model-parallel rank, before ZeRO. */
function groupStates(m: Omit<MemoryInputs, 'devices'>, params: number, trainable: number, quantized: number): StateBytes {
  const b = stateBytes(m.precision, m.optimizer);
  const frozen = m.trainable !== undefined && m.trainable < m.params;
  // Frozen base weights at their storage width; trainable weights carry gradients and optimizer states.
  // Quantized (4/8-bit) bases quantize the linear layers only; the rest stays at 16 bits.
  const quantizing = frozen && m.baseBits !== undefined && m.baseBits < 16;
  const q = quantizing ? quantized : 0;
  const quantBytes = quantizing ? (m.baseBits! + (m.baseBits === 4 ? nf4ConstantBits(m.doubleQuant) : 0)) / 8 : 0;
  const restBytes = frozen && m.baseBits !== undefined ? 2 : b.weights;
  // Adapters (LoRA) come on top of the base model's parameters, which stay in the model whole.
  const weights = frozen ? q * quantBytes + (params - q) * restBytes + trainable * b.weights : params * b.weights;
  return { weights, grads: trainable * b.grads, opt: trainable * b.optimizer };
}

/** ZeRO: optimizer states from stage 1, gradients from 2, weights from 3, split over `dp` replicas. */
function zeroShard(x: StateBytes, stage: number, dp: number): StateBytes {
  return { weights: stage >= 3 ? x.weights / dp : x.weights, grads: stage >= 2 ? x.grads / dp : x.grads, opt: stage >= 1 ? x.opt / dp : x.opt };
}

/** The expert-parallel degree that applies: 1 without routed-expert parameters. */
export function expertDegreeOf(m: Pick<MemoryInputs, 'expertParams' | 'expertParallel'>): number {
  return m.expertParams && m.expertParams > 0 ? Math.max(1, m.expertParallel ?? 1) : 1;
}

/** Parameters of one model-parallel rank, dense and routed-expert, and the data-parallel group each is reduced and sharded over. */
export interface ExpertSplit {
  /** The expert-parallel degree (1 without routed-expert parameters). */
  ep: number;
  /** All routed-expert parameters of the model that expert parallel splits (0 without expert parallel). */
  expertTotal: number;
  /** Dense (and shared-expert) parameters per model-parallel rank. */
  dense: number;
  /** Routed-expert parameters per rank: 1/ep of the experts of its model-parallel shard. */
  expert: number;
  /** Ranks the dense states are sharded and their gradients all-reduced over: all data parallel. */
  denseGroup: number;
  /** Ranks holding the same experts, the expert data-parallel group: dp / ep (Megatron-Core; DeepSeek-V3 §3.2). */
  expertGroup: number;
}

/**
 * The expert-parallel split of `params` on `mp` = TP x PP model-parallel ranks and `dp`
 * replicas: expert parallel is carved out of data parallel, each rank holding 1/ep of the routed
 * experts, replicated over the remaining dp / ep ranks. trainingMemory and the data-parallel term
 * of the throughput model both use it.
 */
export function expertSplit(params: number, m: Pick<MemoryInputs, 'expertParams' | 'expertParallel'>, mp: number, dp: number): ExpertSplit {
  const ep = expertDegreeOf(m);
  const expertTotal = ep > 1 ? Math.min(m.expertParams!, params) : 0;
  return { ep, expertTotal, dense: (params - expertTotal) / mp, expert: expertTotal / (mp * ep), denseGroup: dp, expertGroup: Math.max(1, Math.floor(dp / ep)) };
}

/**
 * Activation memory of the first stage under the interleaved schedule with v chunks, relative to
 * 1F1B: 1 + (p-1)/(p·v), as more micro-batches are in flight (Korthikanti et al. 2022 §4.2.3;
 * Megatron-LM megatron/training/theoretical_memory_usage.py, interleaved_schedule_memory_penalty).
 */
export function interleavedPenalty(p: number, v = 1): number {
  return p > 1 && v > 1 ? 1 + (p - 1) / (p * v) : 1;
}

/**
 * Layers of activations the first pipeline stage holds, as a multiple of the model's layers: p
 * micro-batches of L/p layers under 1F1B, times the interleaved penalty, but never more
 * micro-batches than a replica runs per step (Megatron-LM theoretical_memory_usage.py caps its
 * in-flight micro-batches the same way).
 */
export function inFlightShare(p: number, v = 1, microBatches?: number): number {
  if (p <= 1) return 1;
  const inFlight = p * interleavedPenalty(p, v);
  const cap = microBatches !== undefined && microBatches > 0 ? Math.max(1, Math.ceil(microBatches - 1e-9)) : Infinity;
  return Math.min(inFlight, cap) / p;
}

export function trainingMemory(m: MemoryInputs): MemoryBreakdown {
  return trainingMemoryAt(m, m.devices, m.zeroStage);
}

/** trainingMemory of `m` on `devices` at `zeroStage` (whatever m says), without copying m: the layout search asks many times. */
export function trainingMemoryAt(m: Omit<MemoryInputs, 'devices'>, devices: number, zeroStage: 0 | 1 | 2 | 3): MemoryBreakdown {
  const t = Math.max(1, m.tensorParallel);
  const p = Math.max(1, m.pipelineParallel);
  const dp = Math.max(1, Math.floor(devices / (t * p)));
  const mp = t * p;
  const frozen = m.trainable !== undefined && m.trainable < m.params;
  const s = expertSplit(m.params, m, mp, dp);
  const expert = s.expertTotal;
  const quantized = Math.min(m.quantizedParams ?? m.params, m.params);
  // Routed experts are linear layers: a quantized base quantizes them first.
  const expertQuant = Math.min(expert, quantized);
  const dense = groupStates(m, s.dense, (m.trainable ?? m.params) / mp - (frozen ? 0 : expert / mp), (quantized - expertQuant) / mp);
  const experts = groupStates(m, s.expert, frozen ? 0 : s.expert, expertQuant / (mp * s.ep));
  const d = zeroShard(dense, zeroStage, s.denseGroup);
  const e = zeroShard(experts, zeroStage, s.expertGroup);
  const weights = d.weights + e.weights;
  const grads = d.grads + e.grads;
  const opt = d.opt + e.opt;

  let act: number | null = null;
  if (m.activations) {
    // With 1F1B the first pipeline stage holds p micro-batches of L/p layers: about L layers.
    act = activationBytesPerLayer(m.activations, t, m.checkpointing, m.flashAttention, m.sequenceParallel) * m.activations.layers * inFlightShare(p, m.virtualStages, m.microBatchesPerStep);
  }
  const total = weights + grads + opt + (act ?? 0);
  return {
    weightsGb: weights / GIB,
    gradientsGb: grads / GIB,
    optimizerGb: opt / GIB,
    activationsGb: act === null ? null : act / GIB,
    totalGb: total / GIB,
    dataParallel: dp,
  };
}
