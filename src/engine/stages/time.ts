// Stage 4b, time and cost: the memory model the layout is chosen against, then the layout,
// throughput (MFU), GPU-hours, wall clock, dollars, energy and CO2 (timeCost.ts).

import { batchBoundText, layoutShape } from '../layout';
import type { MemoryModel } from '../memoryFit';
import type { Report } from '../report';
import { runTimeCost, type TimeCost } from '../timeCost';
import { linearWeights, routedExpertParams } from '../params';
import type { Compute } from './compute';
import type { StageContext } from './context';
import { adaptersUnknown, type Counts } from './count';
import type { Hardware } from './hardware';

export interface Time {
  /** The memory model before a layout is chosen; null when the parameters are unknown. */
  mm: MemoryModel | null;
  tc: TimeCost;
  cost: Report['cost'];
}

/** What the memory of a training run depends on; null when the parameters (or an adapter run's adapters) are unknown. */
export function memoryModelOf(ctx: StageContext, c: Counts, precision: MemoryModel['precision']): MemoryModel | null {
  const memParams = adaptersUnknown(c) ? null : c.total;
  if (memParams === null) return null;
  const t = ctx.run.training;
  const { shape, isAdapter, trainable } = c;
  return {
    params: memParams,
    trainable: isAdapter && trainable !== null ? trainable : undefined,
    precision,
    optimizer: t.optimizer ?? 'adamw',
    baseBits: c.ft === 'qlora' ? t.lora?.baseBits ?? 4 : t.lora?.baseBits,
    quantizedParams: isAdapter && shape ? linearWeights(shape) : undefined,
    doubleQuant: t.lora?.doubleQuant,
    zeroStage: t.zeroStage ?? 0,
    tensorParallel: t.tensorParallel ?? 1,
    pipelineParallel: t.pipelineParallel ?? 1,
    expertParams: shape && shape.moe ? routedExpertParams(shape) || undefined : undefined,
    expertParallel: t.expertParallel,
    checkpointing: t.activationCheckpointing ?? 'none',
    flashAttention: t.flashAttention ?? true,
    activations: shape && shape.seqLen ? { layers: shape.layers, dModel: shape.dModel, heads: shape.heads, seqLen: shape.seqLen, microBatch: t.microBatchSize ?? 1 } : undefined,
  };
}

export function timeStage(ctx: StageContext, c: Counts, d: Compute, hw: Hardware): Time {
  const { run, options, th } = ctx;
  const mm = memoryModelOf(ctx, c, hw.precision);
  const tc = runTimeCost({
    run, acc: hw.acc, precision: hw.precision, peak: hw.peak, count: hw.count, flops: d.flops, paramsActive: c.active, paramsTotal: c.total, memoryModel: mm, headroom: th.memoryHeadroom,
    statedMfu: options.overrides?.mfu ?? run.hardware.mfu, settingMfu: options.defaults?.mfu, pricePerHour: hw.price, powerW: hw.powerW, pue: hw.pue, grid: hw.grid,
  });
  timeAssumptions(ctx, tc);
  const cost = reportCost(tc);
  const acc = hw.acc;
  if (cost.gpuHours !== null && acc) {
    if (hw.price === null) ctx.add({ code: 'missing-facts', severity: 'information', field: 'hardware.price_per_hour', related: ['hardware.accelerator'], message: `No default price for ${acc.name}; set hardware.price_per_hour for a dollar estimate.` });
    if (hw.powerW === null) ctx.add({ code: 'missing-facts', severity: 'information', field: 'hardware.accelerator', message: `${acc.name} power is not published; set hardware.power_w for energy and CO2.` });
  }
  return { mm, tc, cost };
}

/** Report.cost: the figures and their ranges in one literal (spreading the two objects cost more than the rest of the stage for a dense model). */
function reportCost({ cost: c, ranges: r }: TimeCost): Report['cost'] {
  return {
    gpuHours: c.gpuHours, wallClockDays: c.wallClockDays, usd: c.usd, energyKwh: c.energyKwh, co2Kg: c.co2Kg,
    steadyWallClockDays: c.steadyWallClockDays, expectedWallClockDays: c.expectedWallClockDays, goodput: c.goodput, interruptions: c.interruptions,
    gpuHoursRange: r.gpuHoursRange, wallClockDaysRange: r.wallClockDaysRange, usdRange: r.usdRange, energyKwhRange: r.energyKwhRange, co2KgRange: r.co2KgRange,
  };
}

function timeAssumptions(ctx: StageContext, tc: TimeCost): void {
  if (tc.mfuSource !== 'stated') {
    const t = tc.throughput;
    ctx.assumptions.push({
      field: 'hardware.mfu',
      value: tc.mfu,
      source: tc.mfuSource === 'setting' ? 'setting' : 'derived',
      note: t ? `predicted for ${t.priorClass} accelerators from published runs (docs/calibration.md)${t.notes.length ? `; ${t.notes.join('; ')}` : ''}` : undefined,
    });
  }
  if (tc.layout?.assumed) {
    const l = tc.layout;
    const bound = tc.layoutChoice?.batchBound;
    const note = `chosen to fit memory: the file states no ZeRO, tensor or pipeline parallel${bound ? `; ${batchBoundText(bound, l)}` : ''}`;
    ctx.assumptions.push({ field: 'training.layout', value: layoutShape(l), source: 'derived', note });
  }
}
