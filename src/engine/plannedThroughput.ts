// Predicted MFU for a model that exists only as a parameter count: the budget planner's
// compute-optimal model and the accelerator comparison's other devices. The shape is a dense
// decoder of about N parameters (width 128 x depth, head dim 128, as Llama 2 7B/13B: 4096/32,
// 5120/40), the layout the one chooseLayout picks for it, and the MFU the throughput model
// predicts for that layout, as analyze() does for a file that states no MFU.

import { fabricOf } from './fabric';
import type { Report } from './analyze';
import { findAccelerator, peakFlops, type Accelerator } from './hardware';
import { chooseLayout, type Layout } from './layout';
import { PLAN_SEQ_LEN } from './planRun';
import { DEFAULT_THRESHOLDS } from './report';
import type { MemoryModel } from './memoryFit';
import { layoutEfficiency, predictMfu, type ThroughputInputs } from './throughput';
import type { Precision } from './types';

/** Width over depth of the planned shape (Llama 2 7B and 13B: 128). */
const ASPECT = 128;

export interface PlannedThroughput {
  /** Against the precision's own peak (what the cost uses). */
  mfu: number;
  layout: Layout | null;
}

export interface PlannedModel {
  acc: Accelerator;
  precision: Precision;
  params: number;
  /** Active parameters per token (a mixture of experts); defaults to params. */
  paramsActive?: number;
  count: number;
  seqLen?: number;
  globalBatchTokens?: number;
}

/** Layers and width of a dense decoder of about N parameters: N ≈ 12·L·d² with d = 128·L. */
export function plannedShape(params: number): { layers: number; dModel: number; heads: number } {
  const layers = Math.max(2, Math.round(Math.cbrt(params / (12 * ASPECT * ASPECT))));
  const heads = Math.max(1, Math.round((ASPECT * layers) / 128));
  return { layers, dModel: heads * 128, heads };
}

/** The layout and predicted MFU for a model of `params` on `count` of `acc`. */
export function plannedThroughput(p: PlannedModel): PlannedThroughput | null {
  const bf16 = peakFlops(p.acc, 'bf16');
  const peak = peakFlops(p.acc, p.precision);
  if (!bf16 || !peak || !(p.params > 0) || !(p.count >= 1)) return null;
  const s = plannedShape(p.params);
  const seqLen = p.seqLen ?? PLAN_SEQ_LEN;
  const fabric = fabricOf(p.acc.id);
  const model: MemoryModel = {
    params: p.params,
    precision: p.precision,
    optimizer: 'adamw',
    zeroStage: 0,
    tensorParallel: 1,
    pipelineParallel: 1,
    checkpointing: 'none',
    flashAttention: true,
    activations: { layers: s.layers, dModel: s.dModel, heads: s.heads, seqLen, microBatch: 1 },
  };
  const inputs = (layout: Layout): ThroughputInputs => ({
    fabric,
    precision: p.precision,
    peakFlops: bf16,
    paramsActive: p.paramsActive ?? p.params,
    paramsTotal: p.params,
    layers: s.layers,
    dModel: s.dModel,
    seqLen,
    layout,
    count: p.count,
    globalBatchTokens: p.globalBatchTokens,
  });
  const choice = chooseLayout({
    model,
    count: p.count,
    capacityGb: p.acc.memoryGb,
    headroom: DEFAULT_THRESHOLDS.memoryHeadroom,
    devicesPerNode: fabric.devicesPerNode,
    stated: false,
    checkpointingStated: false,
    globalBatchTokens: p.globalBatchTokens,
    score: (l) => layoutEfficiency(predictMfu(inputs(l)).terms),
  });
  const est = predictMfu(inputs(choice.layout));
  // Predicted against the BF16 peak; the cost divides by the precision's own peak.
  return { mfu: Math.min(1, (est.mfu * bf16) / peak), layout: choice.memory.fits === false ? null : choice.layout };
}

/**
 * The MFU of each device in the accelerator comparison. A stated or configured MFU applies to
 * every device. A predicted one is each device's own: the planned model's prediction on that
 * device, scaled so the report's device keeps the report's MFU (its real shape and layout).
 */
export function comparisonMfu(r: Pick<Report, 'model' | 'hardware'>, custom: Accelerator[] = []): number | ((acc: Accelerator) => number | null) {
  const h = r.hardware;
  const params = r.model.paramsTotal ?? r.model.paramsActive;
  if (h.mfuSource !== 'prior' || params === null) return h.mfu;
  const base = { precision: h.precision, params, paramsActive: r.model.paramsActive ?? undefined, count: h.count ?? 1 };
  const own = h.accelerator ? findAccelerator(h.accelerator, custom) : undefined;
  const ref = own ? plannedThroughput({ ...base, acc: own }) : null;
  const scale = ref && ref.mfu > 0 ? h.mfu / ref.mfu : 1;
  return (acc) => {
    if (acc.id === h.accelerator) return h.mfu;
    const t = plannedThroughput({ ...base, acc });
    return t ? Math.min(1, t.mfu * scale) : null;
  };
}
