// Stage 5, memory: the per-device memory of the chosen layout (GiB; never on a guessed device
// count), a finding when it does not fit, and one saying what an unknown device count is needed for.

import { fabricOf } from '../fabric';
import { fmtCount } from '../format';
import { noFitAdvice } from '../layout';
import { memoryFix, type MemoryModel } from '../memoryFit';
import type { Report } from '../report';
import type { StageContext } from './context';
import type { Counts } from './count';
import type { Hardware } from './hardware';
import type { Time } from './time';

export interface Memory {
  memory: Report['memory'];
  /** The memory model of the chosen layout (the stage-4 model when none was chosen). */
  mm: MemoryModel | null;
  zero: number;
}

export function memoryStage(ctx: StageContext, c: Counts, hw: Hardware, t: Time): Memory {
  const { run, th } = ctx;
  const { tc } = t;
  const capacity = hw.acc ? hw.acc.memoryGb : null;
  const zero = tc.layout?.zeroStage ?? run.training.zeroStage ?? 0;
  let mm = t.mm;
  let memory: Report['memory'] = { weightsGb: null, gradientsGb: null, optimizerGb: null, activationsGb: null, statesGb: null, totalGb: null, perDeviceGb: null, dataParallel: null, capacityGb: capacity, fits: null, minDevices: null };
  // An adapter run with unknown adapters has no memory estimate (a full fine-tune's would mislead).
  if (mm !== null && tc.layoutChoice) {
    mm = tc.layoutChoice.model;
    memory = tc.layoutChoice.memory;
    if (c.shape && c.shape.seqLen && run.training.microBatchSize === undefined) {
      ctx.assumptions.push({ field: 'training.micro_batch_size', value: 1, source: 'default' });
    }
    if (memory.fits === false && hw.acc && capacity !== null) notFit(ctx, hw, t, { memory, mm, zero }, capacity * th.memoryHeadroom);
  }
  return { memory, mm, zero };
}

function notFit(ctx: StageContext, hw: Hardware, t: Time, m: Memory, usable: number): void {
  const { run, th } = ctx;
  const acc = hw.acc!;
  const r = m.memory;
  const g = (x: number | null): string => (x === null ? 'sharded' : x.toFixed(1));
  const act = r.activationsGb === null ? 'unknown' : r.activationsGb.toFixed(1);
  const perDevice =
    r.statesGb !== null
      ? `: ≈ ${(r.statesGb + (r.activationsGb ?? 0)).toFixed(1)} GiB per device${r.activationsGb === null ? ' in model states alone' : ''}`
      : ` at ZeRO stage ${m.zero} on any number of devices: the unsharded part alone is ≈ ${((r.weightsGb ?? 0) + (r.gradientsGb ?? 0) + (r.activationsGb ?? 0)).toFixed(1)} GiB per device`;
  const advice = t.tc.layout?.assumed && hw.count !== null ? ` ${noFitAdvice(t.tc.layoutChoice!, hw.count, fabricOf(acc.id).devicesPerNode)}` : '';
  ctx.add({
    code: 'memory-exceeded',
    severity: 'error',
    field: run.training.zeroStage !== undefined ? 'training.zero_stage' : 'hardware.count',
    related: ['hardware.accelerator', 'model.params'],
    message: `Does not fit${perDevice} (weights ${g(r.weightsGb)}, gradients ${g(r.gradientsGb)}, optimizer ${g(r.optimizerGb)}, activations ${act}) vs ${acc.memoryGb} GiB on ${acc.id} (${Math.round(th.memoryHeadroom * 100)}% usable).${advice}`,
    fix: memoryFix(m.mm!, hw.count, usable),
  });
}

/** The device count, when unknown: say what it is needed for instead of assuming one device. */
export function deviceCountFinding(ctx: StageContext, hw: Hardware, t: Time, m: Memory): void {
  if (hw.count !== null) return;
  const { cost, tc } = t;
  const needs: string[] = [];
  if (cost.gpuHours !== null) needs.push(`wall-clock days (${fmtCount(cost.gpuHours)} GPU-hours at ${(tc.mfu * 100).toFixed(0)}% MFU are known without it)`);
  const countDecidesFit = m.mm !== null && m.zero >= 1 && m.memory.fits === null && hw.acc !== undefined;
  if (countDecidesFit) {
    const holds = m.mm!.activations ? 'the model states and activations' : 'the model states (activations unknown)';
    needs.push(`memory fit, since ZeRO stage ${m.zero} shards over the devices${m.memory.minDevices !== null ? `: at least ${m.memory.minDevices} × ${hw.acc!.id} hold ${holds}` : ''}`);
  }
  if (!needs.length) return;
  const n = countDecidesFit ? m.memory.minDevices : null;
  ctx.add({
    code: 'missing-facts',
    severity: 'information',
    field: 'hardware.count',
    related: countDecidesFit ? ['training.zero_stage', 'hardware.accelerator'] : [],
    message: `The device count is not known (set hardware.count); it is needed for ${needs.join(', and for ')}.`,
    fix: n !== null ? { title: `Set the device count to ${n}, the fewest that fit in memory`, values: [{ field: 'hardware.count', value: n }] } : undefined,
  });
}
