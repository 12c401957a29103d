// Per-device training memory against a device's capacity, saying "unknown" rather than guessing.
// ZeRO shards model states over the data-parallel degree, so with ZeRO >= 1 and no device count
// the sharded figures are unknown; activations need the shape and seq_len. Fit is decided from
// bounds: per-device memory only falls as devices are added (Rajbhandari et al. 2020 §3.1).

import { expertDegreeOf, trainingMemory, trainingMemoryAt, type MemoryBreakdown, type MemoryInputs } from './memory';
import type { FixValue, SuggestedFix } from './types';

/** Report.memory: GiB per device (field names keep "Gb"; see GIB in memory.ts). */
export interface MemoryReport {
  weightsGb: number | null;
  gradientsGb: number | null;
  optimizerGb: number | null;
  activationsGb: number | null;
  /** Weights + gradients + optimizer states per device; null when they depend on an unknown device count. */
  statesGb: number | null;
  /** Model states plus activations per device; null when either is unknown. `totalGb` is the same. */
  totalGb: number | null;
  perDeviceGb: number | null;
  dataParallel: number | null;
  capacityGb: number | null;
  /** Whether it fits in `headroom` × capacity; null when unknown (count or activations missing and the bounds do not decide). */
  fits: boolean | null;
  /** Fewest devices at which model states (plus activations, when known) fit at this ZeRO stage, TP and PP. */
  minDevices: number | null;
}

export type MemoryModel = Omit<MemoryInputs, 'devices'>;

/** Devices per model replica (tensor × pipeline parallel). */
function modelParallel(m: MemoryModel): number {
  return Math.max(1, m.tensorParallel) * Math.max(1, m.pipelineParallel);
}

/** hardware.count's upper bound (validate.ts): no fix suggests more devices than that. */
const MAX_DEVICES = 1e7;

interface Split {
  /** Per-device GiB that no number of replicas shrinks: unsharded states, plus activations when known. */
  fixed: number;
  /** GiB divided by the data-parallel degree at this stage (for dp a multiple of the expert-parallel group). */
  sharded: number;
  /** The smallest layout: one replica, or one expert-parallel group of replicas (dp = ep). */
  one: MemoryBreakdown;
}

/**
 * Per-device memory is fixed + sharded / dp: dense states shard over dp, routed-expert states
 * over dp / ep, so at dp = ep the sharded part is sharded / ep.
 */
function split(m: MemoryModel, zeroStage: 0 | 1 | 2 | 3): Split {
  const ep = expertDegreeOf(m);
  const one = trainingMemoryAt(m, modelParallel(m) * ep, zeroStage);
  const atEp = (zeroStage >= 1 ? one.optimizerGb : 0) + (zeroStage >= 2 ? one.gradientsGb : 0) + (zeroStage >= 3 ? one.weightsGb : 0);
  const states = one.weightsGb + one.gradientsGb + one.optimizerGb;
  return { fixed: states - atEp + (one.activationsGb ?? 0), sharded: atEp * ep, one };
}

/** The fewest devices (a multiple of TP × PP × EP) whose per-device memory is at most `usableGb`; null when none. */
function minDevicesAt(m: MemoryModel, zeroStage: 0 | 1 | 2 | 3, usableGb: number): number | null {
  const s = split(m, zeroStage);
  const mp = modelParallel(m);
  const ep = expertDegreeOf(m);
  if (s.fixed + s.sharded / ep <= usableGb) return mp * ep;
  if (s.sharded === 0 || s.fixed >= usableGb) return null;
  let dp = ep * Math.max(1, Math.ceil(s.sharded / (usableGb - s.fixed) / ep));
  while (s.fixed + s.sharded / dp > usableGb) dp += ep; // floating-point edge
  return dp * mp <= MAX_DEVICES ? dp * mp : null;
}

/**
 * Memory per device for a known or unknown device count, with fit decided where the bounds allow.
 * `withMinDevices: false` leaves minDevices null (the layout search weighs many candidates and
 * needs it only for the one it returns).
 */
export function memoryReport(m: MemoryModel, count: number | null, capacityGb: number | null, headroom: number, withMinDevices = true): MemoryReport {
  const usable = capacityGb === null ? null : capacityGb * headroom;
  const actKnown = m.activations !== undefined;
  const minDevices = usable === null || !withMinDevices ? null : minDevicesAt(m, m.zeroStage, usable);
  // Sharding over replicas needs the count; ZeRO 0 replicates everything, so the count does not matter.
  if (count !== null || m.zeroStage === 0) {
    const b = trainingMemoryAt(m, count ?? modelParallel(m) * expertDegreeOf(m), m.zeroStage);
    const states = b.weightsGb + b.gradientsGb + b.optimizerGb;
    const total = actKnown ? b.totalGb : null;
    const fits = usable === null ? null : states + (b.activationsGb ?? 0) > usable ? false : total === null ? null : true;
    return {
      weightsGb: b.weightsGb,
      gradientsGb: b.gradientsGb,
      optimizerGb: b.optimizerGb,
      activationsGb: b.activationsGb,
      statesGb: states,
      totalGb: total,
      perDeviceGb: total,
      dataParallel: count === null ? null : b.dataParallel,
      capacityGb,
      fits,
      minDevices,
    };
  }
  // ZeRO >= 1 on an unknown number of replicas: between one replica (upper bound) and infinitely many.
  const s = split(m, m.zeroStage);
  const upper = actKnown ? s.fixed + s.sharded / expertDegreeOf(m) : Infinity;
  const fits = usable === null ? null : s.fixed > usable ? false : upper <= usable ? true : null;
  const z = m.zeroStage;
  return {
    weightsGb: z >= 3 ? null : s.one.weightsGb,
    gradientsGb: z >= 2 ? null : s.one.gradientsGb,
    optimizerGb: null,
    activationsGb: s.one.activationsGb,
    statesGb: null,
    totalGb: null,
    perDeviceGb: null,
    dataParallel: null,
    capacityGb,
    fits,
    minDevices,
  };
}

/**
 * The smallest change that fits when memory is exceeded: a higher ZeRO stage on the same devices
 * (when the count is known), else ZeRO stage 3 on the fewest devices that fit. Undefined when no
 * count fits (activations alone too large).
 */
export function memoryFix(m: MemoryModel, count: number | null, usableGb: number): SuggestedFix | undefined {
  const zero = m.zeroStage;
  if (count !== null) {
    for (const s of ([1, 2, 3] as const).filter((x) => x > zero)) {
      const b = trainingMemory({ ...m, zeroStage: s, devices: count });
      if (b.totalGb <= usableGb) return { title: `Raise ZeRO stage to ${s}`, values: [{ field: 'training.zero_stage', value: s }] };
    }
  }
  // Stage 3 shards the most, so it needs the fewest devices.
  const n = minDevicesAt(m, 3, usableGb);
  if (n === null || (count !== null && n <= count)) return undefined;
  const values: FixValue[] = [{ field: 'hardware.count', value: n }];
  if (zero !== 3) values.push({ field: 'training.zero_stage', value: 3 });
  return { title: `Use ${n} devices${zero !== 3 ? ' with ZeRO stage 3' : ''}`, values };
}
