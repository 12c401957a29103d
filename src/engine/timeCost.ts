// The time-and-cost stage of analyze(): the parallel layout (stated or chosen), the MFU (stated,
// a setting, or predicted by the throughput model), steady-state and expected time with goodput,
// cost, and P10-P90 ranges. Pure; analyze.ts calls runTimeCost once.

import { estimateCost } from './cost';
import { fabricOf } from './fabric';
import { goodput, type Goodput } from './goodput';
import { peakFlops, type Accelerator } from './hardware';
import { chooseLayout, type Layout, type LayoutChoice } from './layout';
import type { MemoryModel } from './memoryFit';
import { costRanges, NO_RANGES, type CostRanges } from './ranges';
import { layoutScore, predictMfu, type ThroughputBase, type ThroughputEstimate, type ThroughputInputs } from './throughput';
import type { ModelShape, Precision, RunDescription } from './types';

export type MfuSource = 'stated' | 'prior' | 'setting';

export interface TimeCostInputs {
  run: RunDescription;
  acc: Accelerator | undefined;
  precision: Precision;
  peak: number | null;
  count: number | null;
  flops: number | null;
  paramsActive: number | null;
  paramsTotal: number | null;
  memoryModel: MemoryModel | null;
  headroom: number;
  /** hardware.mfu from a CLI flag or the file (stated), or an explicit setting. */
  statedMfu?: number;
  settingMfu?: number;
  pricePerHour: number | null;
  powerW: number | null;
  pue: number;
  grid: number;
}

/** Steady-state and expected wall clock side by side (goodput.ts). */
export interface TimeExtras {
  steadyWallClockDays: number | null;
  expectedWallClockDays: number | null;
  goodput: number | null;
  interruptions: number | null;
}

export interface TimeCost {
  mfu: number;
  mfuSource: MfuSource;
  throughput: ThroughputEstimate | null;
  layout: Layout | null;
  layoutChoice: LayoutChoice | null;
  cost: { gpuHours: number | null; wallClockDays: number | null; usd: number | null; energyKwh: number | null; co2Kg: number | null } & TimeExtras;
  ranges: CostRanges;
}

/** The shape facts the throughput model uses; a partial shape (no vocabulary) still gives them. */
function shapeFacts(s: Partial<ModelShape> | undefined): { layers?: number; dModel?: number; attnWidth?: number; seqLen?: number; experts?: number; topK?: number } {
  if (!s) return {};
  const attnWidth = s.heads && s.headDim ? s.heads * s.headDim : s.dModel;
  return { layers: s.layers, dModel: s.dModel, attnWidth, seqLen: s.seqLen, experts: s.moe?.experts, topK: s.moe?.topK };
}

/** Everything the throughput model reads but the layout: the layout search scores many layouts of one run. */
function throughputBase(i: TimeCostInputs): ThroughputBase {
  const s = shapeFacts(i.run.model.shape);
  const bf16 = i.acc ? peakFlops(i.acc, 'bf16') : undefined;
  return {
    fabric: fabricOf(i.acc?.id),
    precision: i.precision,
    peakFlops: bf16 ?? 1e15,
    paramsActive: i.paramsActive ?? 1e9,
    paramsTotal: i.paramsTotal ?? i.paramsActive ?? 1e9,
    expertParams: expertParamsOf(i, s),
    layers: s.layers,
    dModel: s.dModel,
    attnWidth: s.attnWidth,
    seqLen: s.seqLen,
    count: i.count,
    globalBatchTokens: i.run.training.globalBatchTokens,
    moe: s.topK ? { topK: s.topK } : undefined,
  };
}

/** The base with a layout, as one literal (one object shape for every call of the throughput model). */
function atLayout(b: ThroughputBase, layout: Layout): ThroughputInputs {
  return {
    fabric: b.fabric, precision: b.precision, peakFlops: b.peakFlops, paramsActive: b.paramsActive, paramsTotal: b.paramsTotal, expertParams: b.expertParams, layers: b.layers, dModel: b.dModel,
    attnWidth: b.attnWidth, seqLen: b.seqLen, layout, count: b.count, globalBatchTokens: b.globalBatchTokens, moe: b.moe,
  };
}

function throughputInputs(i: TimeCostInputs, layout: Layout): ThroughputInputs {
  return atLayout(throughputBase(i), layout);
}

/**
 * Routed-expert parameters estimated from the counts when the shape does not give them: of E
 * experts, top_k are active, so total - active = (E - top_k)/E of the routed experts.
 */
function derivedExpertParams(i: TimeCostInputs, s: ReturnType<typeof shapeFacts>): number | undefined {
  const e = s.experts && s.topK && i.paramsTotal !== null && i.paramsActive !== null && s.experts > s.topK
    ? ((i.paramsTotal - i.paramsActive) * s.experts) / (s.experts - s.topK)
    : undefined;
  return e !== undefined && e < i.paramsTotal! ? e : undefined;
}

/** The routed-expert parameters memory fit splits over expert parallel (the memory model's, else derived), for the throughput model too. */
function expertParamsOf(i: TimeCostInputs, s: ReturnType<typeof shapeFacts>): number | undefined {
  return i.memoryModel?.expertParams ?? derivedExpertParams(i, s);
}

function layoutFor(i: TimeCostInputs): LayoutChoice | null {
  if (!i.memoryModel) return null;
  const t = i.run.training;
  const s = shapeFacts(i.run.model.shape);
  let base: ThroughputBase | undefined;
  return chooseLayout({
    model: i.memoryModel,
    count: i.count,
    capacityGb: i.acc ? i.acc.memoryGb : null,
    headroom: i.headroom,
    devicesPerNode: fabricOf(i.acc?.id).devicesPerNode,
    stated: t.zeroStage !== undefined || t.tensorParallel !== undefined || t.pipelineParallel !== undefined || t.finetune !== undefined,
    checkpointingStated: t.activationCheckpointing !== undefined,
    experts: s.experts,
    layers: s.layers,
    expertParams: derivedExpertParams(i, s),
    globalBatchTokens: t.globalBatchTokens,
    score: (l) => layoutScore((base ??= throughputBase(i)), l),
  });
}

export function runTimeCost(i: TimeCostInputs): TimeCost {
  const choice = layoutFor(i);
  const layout = choice?.layout ?? null;
  let throughput: ThroughputEstimate | null = null;
  let mfu: number;
  let mfuSource: MfuSource;
  if (i.statedMfu !== undefined) {
    mfu = i.statedMfu;
    mfuSource = 'stated';
  } else if (i.settingMfu !== undefined) {
    mfu = i.settingMfu;
    mfuSource = 'setting';
  } else {
    const bf16 = i.acc ? peakFlops(i.acc, 'bf16') : undefined;
    const l: Layout = layout ?? { dataParallel: i.count, tensorParallel: 1, pipelineParallel: 1, expertParallel: 1, zeroStage: 0, microBatch: 1, activationCheckpointing: 'none', assumed: true };
    throughput = predictMfu(throughputInputs(i, l));
    // The model predicts utilisation of the BF16 peak, FP8's measured speed-up included; the report's
    // MFU is against the precision's own peak. A precision slower than BF16 (FP32, TF32) is bound by
    // its own peak: the runs of the fit give no FP32 utilisation, so theirs is taken for it.
    const slower = !!bf16 && !!i.peak && i.peak < bf16;
    mfu = bf16 && i.peak && i.peak > bf16 ? Math.min(1, (throughput.mfu * bf16) / i.peak) : throughput.mfu;
    if (slower) throughput.notes.push(`${i.precision.toUpperCase()} matrix math at the utilisation the BF16 runs of the fit reach, of the ${i.precision.toUpperCase()} peak`);
    mfuSource = 'prior';
  }
  const empty = { gpuHours: null, wallClockDays: null, usd: null, energyKwh: null, co2Kg: null, steadyWallClockDays: null, expectedWallClockDays: null, goodput: null, interruptions: null };
  if (i.flops === null || i.peak === null) return { mfu, mfuSource, throughput, layout, layoutChoice: choice, cost: empty, ranges: NO_RANGES };
  const steady = estimateCost({ flops: i.flops, peakFlops: i.peak, mfu, count: i.count ?? 1, pricePerHour: i.pricePerHour ?? undefined, powerW: i.powerW ?? undefined, pue: i.pue, gridGco2PerKwh: i.grid });
  // Interruptions need the device count. A predicted MFU is a steady-state figure, so the billed
  // device-hours add the time lost to interruptions; a stated MFU is taken as the run's average.
  const g: Goodput | null = i.count !== null ? goodput(i.count, steady.wallClockDays) : null;
  const k = g && mfuSource === 'prior' ? 1 / g.fraction : 1;
  const scale = (x: number | null): number | null => (x === null ? null : x * k);
  const cost = {
    gpuHours: steady.gpuHours * k,
    wallClockDays: i.count !== null ? steady.wallClockDays * k : null,
    usd: scale(steady.usd),
    energyKwh: scale(steady.energyKwh),
    co2Kg: scale(steady.co2Kg),
    steadyWallClockDays: i.count !== null ? steady.wallClockDays : null,
    expectedWallClockDays: g ? g.expectedDays : null,
    goodput: g ? g.fraction : null,
    interruptions: g ? g.interruptions : null,
  };
  return { mfu, mfuSource, throughput, layout, layoutChoice: choice, cost, ranges: mfuSource === 'prior' ? costRanges(cost) : NO_RANGES };
}
