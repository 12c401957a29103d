// Predicted MFU for a run with no stated hardware.mfu: a prior by accelerator class, fitted to
// published runs (docs/calibration.md, mfuPrior.ts), times analytic terms for what the layout
// costs: the pipeline bubble (p-1)/m (Narayanan et al. 2021, arXiv:2104.04473 §2.2), tensor-
// parallel all-reduces over the node's links (Megatron: 4 per layer per micro-batch, fwd + bwd),
// the data-parallel gradient all-reduce not hidden behind the backward pass, the MoE all-to-all
// (dispatch and combine, fwd and bwd), and the attention FLOPs that MFU does not count (PaLM App. B),
// at the attention kernels' speed relative to the matrix multiplies (ATTENTION_KERNEL_SPEED).
// FP8 runs use a measured end-to-end speed-up over BF16, never the ratio of peaks.

import type { Fabric, PriorClass } from './fabric';
import { priorClassOf } from './fabric';
import type { Layout } from './layout';
import { expertSplit } from './memory';
import { MFU_PRIOR } from './mfuPrior';
import type { Precision } from './types';

export interface ThroughputInputs {
  fabric: Fabric;
  precision: Precision;
  /** Peak FLOP/s per device at BF16 (the prior's reference; FP16 where there is no BF16). */
  peakFlops: number;
  paramsActive: number;
  paramsTotal: number;
  /** Parameters in routed experts (part of paramsTotal): their gradients are all-reduced over the expert data-parallel group only. */
  expertParams?: number;
  layers?: number;
  dModel?: number;
  /** heads x head_dim (the attention width), defaults to dModel. */
  attnWidth?: number;
  seqLen?: number;
  layout: Layout;
  count: number | null;
  globalBatchTokens?: number;
  moe?: { topK: number };
}

export interface ThroughputTerms {
  /** 6N / (6N + attention FLOPs / their kernels' relative speed): MFU counts 6N, the devices also run attention, on Hopper at about half the matrix units' rate. */
  attention: number;
  fp8: number;
  pipelineBubble: number;
  tensorParallel: number;
  dataParallel: number;
  moeAllToAll: number;
  /** Full activation recompute runs the forward pass twice: 6 of 8 N FLOPs per token are counted (Narayanan et al. 2021 §5.1). */
  recompute: number;
}

export interface ThroughputEstimate {
  mfu: number;
  priorClass: PriorClass;
  /** Utilisation of all FLOPs (attention included) before the layout terms: the fitted prior. */
  prior: number;
  terms: ThroughputTerms;
  notes: string[];
}

/** Compute time per step and per token is measured at this utilisation, so the terms do not depend on the fit. */
const REFERENCE_UTILISATION = 0.5;
/** Micro-batches per pipeline when the global batch is not stated: Megatron's guidance m >= 4p gives a bubble below 25%; 8p is typical. */
const DEFAULT_MICROBATCHES_PER_STAGE = 8;
/**
 * Share of compute that can hide data-parallel traffic: all of it. Gradient reduce-scatter runs
 * under the backward pass by buckets (PyTorch DDP), and ZeRO-3/FSDP prefetch parameter
 * all-gathers under the forward pass (Rajbhandari et al. 2020 §7; Zhao et al. 2023, FSDP).
 */
const OVERLAP_SHARE = 1;

/**
 * FP8 end-to-end speed-up over BF16 by model size: measured gains grow with size, as GEMMs take a
 * larger share of step time: about 1.2x at 8B to about 1.45x at 405B on H100 (NVIDIA, "Faster
 * Training Throughput in FP8 Precision with NVIDIA NeMo", 2025; TorchAO MXFP8 MoE training: +30%
 * on Llama 4 Scout). Floor 1.05 for small models, cap 1.45.
 */
export function fp8Speedup(params: number): number {
  const x = 1.2 + (0.25 * Math.log10(params / 8e9)) / Math.log10(405 / 8);
  return Math.min(1.45, Math.max(1.05, x));
}

/** Pipeline-bubble efficiency 1 / (1 + (p-1)/(v·m)); v = 1 is plain 1F1B, v > 1 the interleaved schedule (Narayanan et al. 2021 §2.2.2). */
export function bubbleEfficiency(p: number, microBatches: number, virtualStages = 1): number {
  return p <= 1 ? 1 : 1 / (1 + (p - 1) / (Math.max(1, virtualStages) * Math.max(1, microBatches)));
}

/**
 * Model chunks per device under the interleaved schedule, for a chosen layout with pipeline
 * stages: as many chunks of at least MIN_LAYERS_PER_CHUNK layers as the stage holds, at most
 * MAX_VIRTUAL_STAGES (each chunk adds a point-to-point exchange per micro-batch, §2.2.2).
 * A stated layout runs plain 1F1B (the file states no interleaving).
 */
export function virtualStages(layers: number | undefined, p: number, assumed: boolean): number {
  if (!assumed || p <= 1 || !layers) return 1;
  return Math.max(1, Math.min(MAX_VIRTUAL_STAGES, Math.floor(layers / (p * MIN_LAYERS_PER_CHUNK))));
}
/** Layers per interleaved chunk, at least: Megatron-LM's examples use 2 to 4 (num_layers_per_virtual_pipeline_stage). */
const MIN_LAYERS_PER_CHUNK = 2;
/** Chunks per device, at most (Narayanan et al. 2021 Fig. 12 and §5.5 evaluate up to 4 and use 2 to 4 model chunks). */
const MAX_VIRTUAL_STAGES = 4;

/** Ring all-reduce time for `bytes` over `t` ranks at `gbs` GB/s: 2(t-1)/t x bytes / bandwidth. */
export function allReduceSeconds(bytes: number, ranks: number, gbs: number): number {
  return ranks <= 1 ? 0 : ((2 * (ranks - 1)) / ranks) * bytes / (gbs * 1e9);
}

/** Tensor-parallel efficiency: compute per token-layer over compute plus 4 all-reduces of d_model x 2 bytes. */
export function tensorParallelEfficiency(i: { tp: number; dModel: number; flopsPerTokenLayer: number; peakFlops: number; fabric: Fabric }): number {
  return tpEfficiency(i.tp, i.dModel, i.flopsPerTokenLayer, i.peakFlops, i.fabric);
}

/** tensorParallelEfficiency with positional arguments (no object per call: the layout search scores many layouts). */
function tpEfficiency(tp: number, dModel: number, flopsPerTokenLayer: number, peakFlops: number, fabric: Fabric): number {
  if (tp <= 1) return 1;
  const bw = tp <= fabric.devicesPerNode ? fabric.scaleUpGBs : fabric.scaleOutGBs;
  const comm = 4 * allReduceSeconds(2 * dModel, tp, bw);
  const compute = flopsPerTokenLayer / tp / (peakFlops * REFERENCE_UTILISATION);
  return compute / (compute + comm);
}

/**
 * Speed of the attention kernels relative to the matrix multiplies, by prior class. On A100,
 * FlashAttention-2 reaches 50-73% of peak, "close to the efficiency of GEMM operations" (Dao 2023,
 * arXiv:2307.08691, abstract): 1. On Hopper it reaches only 35% while the matrix units reach 75%
 * (FlashAttention-3, Shah et al. 2024, arXiv:2407.08608, abstract): 0.35 / 0.75. The Hopper runs in
 * the fit predate FlashAttention-3 (July 2024) or use their own kernels; docs/calibration.md.
 * TPU and pooled classes: no published ratio, 1.
 */
export const ATTENTION_KERNEL_SPEED: Readonly<Record<PriorClass, number>> = { ampere: 1, hopper: 0.35 / 0.75, tpu: 1, pooled: 1 };

/** 6N over 6N plus the attention FLOPs weighted by their kernels' relative slowness (PaLM App. B counts 12·L·d_attn·seq per token). */
function attentionShare(i: ThroughputInputs, cls: PriorClass): number {
  if (!i.layers || !i.seqLen || !(i.attnWidth ?? i.dModel)) return 1;
  const six = 6 * i.paramsActive;
  return six / (six + (12 * i.layers * (i.attnWidth ?? i.dModel!) * i.seqLen) / ATTENTION_KERNEL_SPEED[cls]);
}

/** Everything the throughput model reads but the layout (the layout search scores many layouts of one run). */
export type ThroughputBase = Omit<ThroughputInputs, 'layout'>;

function dataParallelEfficiency(i: ThroughputBase, l: Layout, notes: string[] | null): number {
  const dp = l.dataParallel ?? 1;
  if (dp <= 1) return 1;
  if (!i.globalBatchTokens || i.count === null) {
    notes?.push('data-parallel all-reduce assumed hidden (no global batch stated)');
    return 1;
  }
  const bw = i.count <= i.fabric.devicesPerNode ? i.fabric.scaleUpGBs : i.fabric.scaleOutGBs;
  // bf16 gradients of one model-parallel shard; ZeRO-3 adds a parameter all-gather (3 Psi vs 2 Psi, ZeRO §7).
  // Dense gradients are reduced over all dp ranks, a rank's 1/EP of the routed experts only over
  // the dp / EP ranks holding the same experts (the split memory.ts shards their states by).
  const s = expertSplit(i.paramsTotal, { expertParams: i.expertParams, expertParallel: l.expertParallel }, l.tensorParallel * l.pipelineParallel, dp);
  const z = l.zeroStage >= 3 ? 1.5 : 1;
  const comm = allReduceSeconds(2 * s.dense * z, s.denseGroup, bw) + allReduceSeconds(2 * s.expert * z, s.expertGroup, bw);
  const compute = (6 * i.paramsActive * i.globalBatchTokens) / i.count / (i.peakFlops * REFERENCE_UTILISATION);
  const exposed = Math.max(0, comm - OVERLAP_SHARE * compute);
  return compute / (compute + exposed);
}

function moeEfficiency(i: ThroughputBase, l: Layout): number {
  const ep = l.expertParallel;
  if (!i.moe || ep <= 1 || !i.layers || !i.dModel) return 1;
  const bw = ep <= i.fabric.devicesPerNode ? i.fabric.scaleUpGBs : i.fabric.scaleOutGBs;
  // Dispatch and combine, forward and backward: 4 transfers of top_k x d_model x 2 bytes per token and layer, not overlapped.
  const comm = (4 * i.moe.topK * i.dModel * 2 * ((ep - 1) / ep)) / (bw * 1e9);
  const compute = (6 * i.paramsActive) / i.layers / (i.peakFlops * REFERENCE_UTILISATION);
  return compute / (compute + comm);
}

/** The product of the terms a layout changes (the layout chooser's score). */
export function layoutEfficiency(t: ThroughputTerms): number {
  return t.pipelineBubble * t.tensorParallel * t.dataParallel * t.moeAllToAll * t.recompute;
}

function pipelineTerm(i: ThroughputBase, l: Layout): number {
  const micro = i.globalBatchTokens && i.seqLen && l.dataParallel
    ? i.globalBatchTokens / (i.seqLen * l.microBatch * l.dataParallel)
    : DEFAULT_MICROBATCHES_PER_STAGE * l.pipelineParallel;
  return bubbleEfficiency(l.pipelineParallel, micro, virtualStages(i.layers, l.pipelineParallel, l.assumed));
}

function tensorTerm(i: ThroughputBase, l: Layout): number {
  const flopsPerTokenLayer = i.layers ? (6 * i.paramsActive) / i.layers : 0;
  return i.dModel && flopsPerTokenLayer ? tpEfficiency(l.tensorParallel, i.dModel, flopsPerTokenLayer, i.peakFlops, i.fabric) : 1;
}

const recomputeTerm = (l: Layout): number => (l.activationCheckpointing === 'full' ? 0.75 : 1);

/**
 * layoutEfficiency(predictMfu({ ...base, layout }).terms), the same arithmetic in the same order,
 * without the terms the layout does not change and without an object per layout.
 */
export function layoutScore(base: ThroughputBase, l: Layout): number {
  return pipelineTerm(base, l) * tensorTerm(base, l) * dataParallelEfficiency(base, l, null) * moeEfficiency(base, l) * recomputeTerm(l);
}

/** Predicted MFU against the BF16 peak (on 6·N·D FLOPs) and the terms behind it. */
export function predictMfu(i: ThroughputInputs): ThroughputEstimate {
  const cls = priorClassOf(i.fabric.generation);
  const prior = Math.exp(MFU_PRIOR.logUtilisation[cls]);
  const notes: string[] = [];
  const l = i.layout;
  const terms: ThroughputTerms = {
    attention: attentionShare(i, cls),
    fp8: i.precision === 'fp8' ? fp8Speedup(i.paramsActive) : 1,
    pipelineBubble: pipelineTerm(i, l),
    tensorParallel: tensorTerm(i, l),
    dataParallel: dataParallelEfficiency(i, l, notes),
    moeAllToAll: moeEfficiency(i, l),
    recompute: recomputeTerm(l),
  };
  const mfu = prior * layoutEfficiency(terms) * terms.attention * terms.fp8;
  return { mfu: Math.min(0.95, mfu), priorClass: cls, prior, terms, notes };
}
