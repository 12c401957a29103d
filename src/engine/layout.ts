// The parallel layout a run uses: as stated, or the one a practitioner would choose when a file
// states none (Narayanan et al. 2021, arXiv:2104.04473 §3: tensor parallel within a node, pipeline
// parallel across nodes; Rajbhandari et al. 2020 §3: ZeRO shards model states over data parallel).
// Order tried: ZeRO-1, 2, 3 on pure data parallel and tensor parallel 2, 4, 8 (up to the devices
// per node); pipeline stages across nodes only when none of those fits; activation recompute only
// when no layout fits without it. Within the first tier where layouts fit `usable` GiB, the fastest
// by the throughput model wins (the least sharded on a tie); without a score, the first that fits.
// With the global batch stated, no more data-parallel replicas than the batch has micro-batches:
// each replica takes at least one whole micro-batch of sequences per step.

import { groupDigits } from './digits';
import { memoryReport, type MemoryModel, type MemoryReport } from './memoryFit';
import { virtualStages } from './throughput';
import type { Checkpointing } from './types';

export interface Layout {
  /** Replicas; null when the device count is unknown. */
  dataParallel: number | null;
  tensorParallel: number;
  pipelineParallel: number;
  expertParallel: number;
  zeroStage: 0 | 1 | 2 | 3;
  microBatch: number;
  activationCheckpointing: Checkpointing;
  /** True when chosen here (the file states none of ZeRO, TP, PP). */
  assumed: boolean;
}

const recompute = (l: Layout): string => (l.activationCheckpointing !== 'none' ? `, ${l.activationCheckpointing} recompute` : '');

/** Every degree, e.g. "DP 256 × TP 8 × PP 1, ZeRO 1" (the report, its assumption and hover). */
export function layoutShape(l: Layout): string {
  const ep = l.expertParallel > 1 ? ` × EP ${l.expertParallel}` : '';
  return `DP ${l.dataParallel ?? '?'} × TP ${l.tensorParallel} × PP ${l.pipelineParallel}${ep}, ZeRO ${l.zeroStage}${recompute(l)}`;
}

/** layoutShape, saying when the layout was chosen rather than stated. */
export function layoutText(l: Layout): string {
  return `${layoutShape(l)}${l.assumed ? ' (chosen to fit)' : ''}`;
}

/** Only the degrees above 1, e.g. "DP 256 × TP 8, ZeRO 1" (the planner and the sidebar). */
export function layoutLabel(l: Layout): string {
  const parts = [`DP ${l.dataParallel ?? '?'}`];
  if (l.tensorParallel > 1) parts.push(`TP ${l.tensorParallel}`);
  if (l.pipelineParallel > 1) parts.push(`PP ${l.pipelineParallel}`);
  if (l.expertParallel > 1) parts.push(`EP ${l.expertParallel}`);
  return `${parts.join(' × ')}, ZeRO ${l.zeroStage}${recompute(l)}`;
}

export interface LayoutChoice {
  layout: Layout;
  memory: MemoryReport;
  /** The memory model the layout was checked with. */
  model: MemoryModel;
  /**
   * Set when the stated global batch bounded the chosen data parallel: the whole sequences of one
   * step, and whether even the most model-parallel layout leaves more replicas than its micro-batches.
   */
  batchBound?: BatchBound;
}

export interface BatchBound {
  /** Whole sequences in one step: global batch tokens / seq_len. */
  sequences: number;
  /** The most replicas with a micro-batch each: sequences / micro-batch. */
  maxReplicas: number;
  /** True when no layout leaves that few replicas: the devices exceed what the batch can use. */
  exceeded: boolean;
}

export interface LayoutRequest {
  /** Memory model with the stated zero/tp/pp/checkpointing (defaults 0/1/1/none). */
  model: MemoryModel;
  count: number | null;
  capacityGb: number | null;
  headroom: number;
  devicesPerNode: number;
  /** Whether the file states zero_stage, tensor_parallel or pipeline_parallel. */
  stated: boolean;
  /** Whether the file states activation_checkpointing. */
  checkpointingStated: boolean;
  /** Routed experts (MoE); expert parallel spreads them over data-parallel ranks. */
  experts?: number;
  /** Parameters in routed experts when the memory model does not state them (memory.ts shards them over expert parallel). */
  expertParams?: number;
  /** The model's layers, when known (a partial shape may state them without the rest): no more pipeline stages than layers. */
  layers?: number;
  /** Tokens per step, when stated: the micro-batches a replica runs bound the activations a pipeline holds. */
  globalBatchTokens?: number;
  /** Throughput of a layout (higher is faster, throughput.ts); among layouts that fit, the fastest wins. */
  score?: (l: Layout) => number;
}

/** Device count from which a practitioner weighs pipeline stages against full sharding (a thousand GPUs: Narayanan et al. 2021 Table 1 uses PP from 1,024 GPUs up). */
const PIPELINE_SCALE = 1024;

const pow2Upto = (n: number): number[] => {
  const out: number[] = [];
  for (let x = 2; x <= n; x *= 2) out.push(x);
  return out;
};

/**
 * Expert parallel: the stated group, else (in stated and chosen layouts alike; the calibration in
 * mfuPrior.ts was fitted so) all experts spread over the ranks of one node, or fewer when there are
 * fewer experts or replicas.
 */
function expertDegree(r: LayoutRequest, dp: number | null): number {
  if (!r.experts || r.experts < 2) return 1;
  if (r.model.expertParallel !== undefined) return Math.max(1, r.model.expertParallel);
  let ep = 1;
  while (ep * 2 <= Math.min(r.experts, r.devicesPerNode, dp ?? r.devicesPerNode)) ep *= 2;
  return ep;
}

/**
 * The memory model of a candidate layout, at expert parallel `ep` (memory.ts splits the routed
 * experts' states over it). One literal with every field, so that every candidate has the same
 * object shape: copying the request's model with a spread per candidate cost more than the
 * memory arithmetic itself.
 */
function candidateModel(m: MemoryModel, r: LayoutRequest, zeroStage: 0 | 1 | 2 | 3, tensorParallel: number, pipelineParallel: number, checkpointing: Checkpointing, sequenceParallel: boolean | undefined, ep: number, virtualStages: number | undefined, microBatchesPerStep: number | undefined): MemoryModel {
  const experts = m.expertParams ?? r.expertParams;
  const split = ep > 1 && !!experts;
  return {
    params: m.params, trainable: m.trainable, precision: m.precision, optimizer: m.optimizer, baseBits: m.baseBits, quantizedParams: m.quantizedParams,
    doubleQuant: m.doubleQuant, zeroStage, tensorParallel, pipelineParallel, expertParams: split ? experts : m.expertParams,
    expertParallel: split ? ep : m.expertParallel, checkpointing, flashAttention: m.flashAttention, sequenceParallel, activations: m.activations, virtualStages, microBatchesPerStep,
  };
}

/** A candidate layout (no memory yet): the data-parallel replicas the devices leave, and the expert-parallel degree. */
function layoutAt(r: LayoutRequest, zero: 0 | 1 | 2 | 3, tp: number, pp: number, ckpt: Checkpointing, assumed: boolean): Layout {
  const dp = r.count === null ? null : Math.max(1, Math.floor(r.count / (tp * pp)));
  const ep = expertDegree(r, dp);
  const microBatch = r.model.activations?.microBatch ?? 1;
  return { dataParallel: dp, tensorParallel: tp, pipelineParallel: pp, expertParallel: ep, zeroStage: zero, microBatch, activationCheckpointing: ckpt, assumed };
}

/** A layout with its memory; `full: false` (while searching) leaves memory.minDevices out, see complete(). */
function withMemory(r: LayoutRequest, layout: Layout, full = true): LayoutChoice {
  const { tensorParallel: tp, pipelineParallel: pp, dataParallel: dp, microBatch, assumed } = layout;
  // A chosen tensor-parallel layout uses sequence parallel too, as Megatron-LM does by default with TP.
  const sp = assumed && tp > 1 ? true : r.model.sequenceParallel;
  // A chosen pipeline runs the interleaved schedule (throughput.ts), which keeps more activations in flight.
  const a = r.model.activations;
  // Only a pipelined candidate has schedule facts to compute (keeps the search cheap).
  const vs = pp > 1 ? virtualStages(a?.layers, pp, assumed) : 1;
  const perStep = pp > 1 && r.globalBatchTokens && a?.seqLen && dp ? r.globalBatchTokens / (a.seqLen * microBatch * dp) : undefined;
  const model = candidateModel(r.model, r, layout.zeroStage, tp, pp, layout.activationCheckpointing, sp, layout.expertParallel, vs > 1 ? vs : r.model.virtualStages, perStep ?? r.model.microBatchesPerStep);
  const memory = memoryReport(model, r.count, r.capacityGb, r.headroom, full);
  return { layout, memory, model };
}

function tryLayout(r: LayoutRequest, zero: 0 | 1 | 2 | 3, tp: number, pp: number, ckpt: Checkpointing, assumed: boolean): LayoutChoice {
  return withMemory(r, layoutAt(r, zero, tp, pp, ckpt, assumed));
}

/** Where the search stands: the fastest fitting layout of the current tier, and the least memory seen. */
interface Search {
  best: LayoutChoice | undefined;
  bestScore: number;
  least: LayoutChoice | undefined;
  /** The first layout that fits, when there is no score. */
  first: LayoutChoice | undefined;
  /** The most data-parallel replicas a candidate may have (Infinity without a stated batch). */
  maxDp: number;
  /** Whether maxDp ruled a candidate out. */
  bound: boolean;
}

/** Ties keep the earlier (less sharded) layout; 0.5% counts as a tie. */
const TIE = 1.005;

/** Weighs one candidate; true when the search is over (no score: the first that fits wins). */
function visit(r: LayoutRequest, st: Search, zero: 0 | 1 | 2 | 3, tp: number, pp: number, ckpt: Checkpointing): boolean {
  const layout = layoutAt(r, zero, tp, pp, ckpt, true);
  if ((layout.dataParallel ?? 0) > st.maxDp) {
    st.bound = true;
    return false;
  }
  // Once a layout of the tier fits, one that does not score above it cannot win, fit or not (and
  // the tier's best is returned, so the least-memory fallback is not needed): skip its memory.
  let s: number | undefined;
  if (st.best && r.score) {
    s = r.score(layout);
    if (!(s > st.bestScore * TIE)) return false;
  }
  const c = withMemory(r, layout, false);
  if (c.memory.fits === false) {
    if (!st.least || (c.memory.totalGb ?? Infinity) <= (st.least.memory.totalGb ?? Infinity)) st.least = c;
    return false;
  }
  if (!r.score) {
    st.first = c;
    return true;
  }
  s ??= r.score(layout);
  if (!st.best || s > st.bestScore * TIE) {
    st.best = c;
    st.bestScore = s;
  }
  return false;
}

/** Tiers per recompute level: [flat, piped] as one tier from PIPELINE_SCALE devices, else flat first, then piped. */
const MERGED: ReadonlyArray<readonly [boolean, boolean]> = [[true, true]];
const SEPARATE: ReadonlyArray<readonly [boolean, boolean]> = [[true, false], [false, true]];

/**
 * The stated layout, or the fastest that fits in the first tier where one fits. Candidates come in
 * the order a practitioner tries them, in tiers, each tried only when no layout of the tiers before
 * fits: per recompute level (the stated one, then selective, then full), data parallel with ZeRO
 * and tensor parallel within a node first, pipeline stages across nodes only when those do not
 * fit. Beyond PIPELINE_SCALE devices, pipeline stages compete with ZeRO-3 on speed in the same
 * tier (Llama 3 405B: TP 8 × PP 16 on 16,384 GPUs; Megatron-Turing NLG: TP 8 × PP 35). When
 * nothing fits, the candidate with the least memory (so the finding reports the least any layout
 * reaches). An unknown device count or capacity leaves the stated (or default) layout: fit cannot
 * be decided.
 */
export function chooseLayout(r: LayoutRequest): LayoutChoice {
  const m = r.model;
  if (r.stated || r.count === null || r.capacityGb === null) {
    return tryLayout(r, m.zeroStage, Math.max(1, m.tensorParallel), Math.max(1, m.pipelineParallel), m.checkpointing, false);
  }
  const n = r.count;
  const ckpts = [...new Set<Checkpointing>(r.checkpointingStated ? [m.checkpointing] : [m.checkpointing, 'selective', 'full'])];
  const zeros: Array<0 | 1 | 2 | 3> = n === 1 ? [0] : [1, 2, 3];
  const tps = [1, ...pow2Upto(Math.min(r.devicesPerNode, n))];
  const tpMax = tps[tps.length - 1];
  // A pipeline stage holds at least one layer (Narayanan et al. 2021 §2.2: stages are contiguous groups of layers).
  const pps = pow2Upto(Math.min(Math.floor(n / tpMax), r.layers ?? m.activations?.layers ?? Infinity));
  const limit = batchLimit(r, n, tpMax * (pps[pps.length - 1] ?? 1));
  const st: Search = { best: undefined, bestScore: 0, least: undefined, first: undefined, maxDp: limit?.maxDp ?? Infinity, bound: false };
  const done = (c: LayoutChoice): LayoutChoice => {
    const out = complete(r, c);
    if (limit && (st.bound || limit.bound.exceeded)) out.batchBound = limit.bound;
    return out;
  };
  for (const ck of ckpts) {
    for (const [flat, piped] of n >= PIPELINE_SCALE ? MERGED : SEPARATE) {
      st.best = undefined;
      if (flat) for (const tp of tps) for (const z of zeros) if (visit(r, st, z, tp, 1, ck)) return done(st.first!);
      if (piped) for (const pp of pps) for (const z of zeros) if (visit(r, st, z, tpMax, pp, ck)) return done(st.first!);
      if (st.best) return done(st.best);
    }
  }
  return st.least ? done(st.least) : tryLayout(r, m.zeroStage, 1, 1, m.checkpointing, true);
}

/**
 * The most data-parallel replicas the stated global batch allows: each replica takes at least one
 * whole micro-batch of sequences per step (the global batch is data parallel × micro-batch ×
 * micro-batches per step, Narayanan et al. 2021 §2.2 and §3.2). When even the most model-parallel
 * layout (`maxModelParallel` devices per replica) leaves more replicas, the bound is those fewest
 * replicas, and `exceeded` says the devices exceed what the batch can use.
 */
function batchLimit(r: LayoutRequest, n: number, maxModelParallel: number): { maxDp: number; bound: BatchBound } | undefined {
  const seqLen = r.model.activations?.seqLen;
  if (!r.globalBatchTokens || !seqLen) return undefined;
  const sequences = Math.max(1, Math.floor(r.globalBatchTokens / seqLen));
  const maxReplicas = Math.max(1, Math.floor(sequences / Math.max(1, r.model.activations?.microBatch ?? 1)));
  const fewest = Math.max(1, Math.floor(n / maxModelParallel));
  return { maxDp: Math.max(maxReplicas, fewest), bound: { sequences, maxReplicas, exceeded: fewest > maxReplicas } };
}

/** The assumption note's words for a batch-bounded layout choice. */
export function batchBoundText(b: BatchBound, l: Layout): string {
  const seqs = `the global batch has ${groupDigits(b.sequences)} sequence${b.sequences === 1 ? '' : 's'}`;
  const perReplica = l.microBatch > 1 ? ` of ${l.microBatch} per micro-batch` : '';
  return b.exceeded
    ? `${seqs}, room for ${groupDigits(b.maxReplicas)} data-parallel replica${b.maxReplicas === 1 ? '' : 's'}${perReplica}, but even the most model-parallel layout leaves ${l.dataParallel ?? '?'}: the devices exceed what the batch can use`
    : `${seqs}: at most ${groupDigits(b.maxReplicas)} data-parallel replica${b.maxReplicas === 1 ? '' : 's'}${perReplica}, each with a whole micro-batch per step`;
}

/** The chosen candidate's memory with the fewest devices that fit it (left out while searching). */
function complete(r: LayoutRequest, c: LayoutChoice): LayoutChoice {
  return { ...c, memory: memoryReport(c.model, r.count, r.capacityGb, r.headroom) };
}

/** What would have to change when no layout fits, for the memory-exceeded finding. */
export function noFitAdvice(c: LayoutChoice, count: number, devicesPerNode: number): string {
  const l = c.layout;
  return `No layout fits on ${count} devices: tried ZeRO 1-3, tensor parallel up to ${Math.min(devicesPerNode, count)} and pipeline stages across nodes, with activation recompute; the most sharded (ZeRO ${l.zeroStage}, TP ${l.tensorParallel}, PP ${l.pipelineParallel}) still needs more memory. More devices, a larger-memory accelerator, a shorter sequence or a smaller micro-batch would.`;
}
