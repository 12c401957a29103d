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
  const momentBytes = pure ? 2 : 4;
  const moments: Record<Optimizer, number> = {
    adamw: 2 * momentBytes,
    adam: 2 * momentBytes,
    adam8bit: 2, // two 8-bit moments (Dettmers et al. 2022)
    sgd: momentBytes, // momentum buffer
    lion: momentBytes, // one moment (Chen et al. 2023)
    adafactor: 0.1 * momentBytes, // factored second moment, negligible per parameter
  };
  return { weights, grads, optimizer: master + moments[optimizer] };
}

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

export function trainingMemory(m: MemoryInputs): MemoryBreakdown {
  const t = Math.max(1, m.tensorParallel);
  const p = Math.max(1, m.pipelineParallel);
  const dp = Math.max(1, Math.floor(m.devices / (t * p)));
  const shardParams = m.params / (t * p);
  const trainable = (m.trainable ?? m.params) / (t * p);
  const b = stateBytes(m.precision, m.optimizer);
  const frozen = m.trainable !== undefined && m.trainable < m.params;
  // Frozen base weights at their storage width; trainable weights carry gradients and optimizer states.
  // Quantized (4/8-bit) bases quantize the linear layers only; the rest stays at 16 bits.
  const quantizing = frozen && m.baseBits !== undefined && m.baseBits < 16;
  const quantized = quantizing ? Math.min(m.quantizedParams ?? m.params, m.params) / (t * p) : 0;
  const quantBytes = quantizing ? (m.baseBits! + (m.baseBits === 4 ? nf4ConstantBits(m.doubleQuant) : 0)) / 8 : 0;
  const restBytes = frozen && m.baseBits !== undefined ? 2 : b.weights;
  // Adapters (LoRA) come on top of the base model's parameters, which stay in the model whole.
  let weights = frozen ? quantized * quantBytes + (shardParams - quantized) * restBytes + trainable * b.weights : shardParams * b.weights;
  let grads = trainable * b.grads;
  let opt = trainable * b.optimizer;
  if (m.zeroStage >= 1) opt /= dp;
  if (m.zeroStage >= 2) grads /= dp;
  if (m.zeroStage >= 3) weights /= dp;

  let act: number | null = null;
  if (m.activations) {
    // With 1F1B the first pipeline stage holds p micro-batches of L/p layers: about L layers.
    act = activationBytesPerLayer(m.activations, t, m.checkpointing, m.flashAttention, m.sequenceParallel) * m.activations.layers;
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
