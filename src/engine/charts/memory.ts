// The memory card: weights, gradients, optimizer states and activations per device against its
// capacity; and its CSV.

import { DEFAULT_THRESHOLDS, type EngineOptions, type Report } from '../analyze';
import { toCsv } from './csv';

export interface MemoryData {
  /** GiB per device (vendors' "80 GB" is 80 GiB). */
  segments: Array<{ id: 'weights' | 'gradients' | 'optimizer' | 'activations'; label: string; gb: number }>;
  /** Model states plus activations (activations count 0 when unknown: see activationsKnown). */
  totalGb: number;
  capacityGb: number | null;
  usableGb: number | null;
  fits: boolean | null;
  activationsKnown: boolean;
}

/** Weights, gradients, optimizer states and activations per device against its capacity. */
export function memoryData(r: Report, options: EngineOptions = {}): MemoryData | null {
  const m = r.memory;
  // Nothing to draw when the model states per device are unknown (no parameter count, or ZeRO
  // sharding over an unknown device count); unknown activations are drawn as 0 and flagged.
  if (m.statesGb === null || m.weightsGb === null || m.gradientsGb === null || m.optimizerGb === null) return null;
  const headroom = options.thresholds?.memoryHeadroom ?? DEFAULT_THRESHOLDS.memoryHeadroom;
  return {
    segments: [
      { id: 'weights', label: 'Weights', gb: m.weightsGb },
      { id: 'gradients', label: 'Gradients', gb: m.gradientsGb },
      { id: 'optimizer', label: 'Optimizer states', gb: m.optimizerGb },
      { id: 'activations', label: 'Activations', gb: m.activationsGb ?? 0 },
    ],
    totalGb: m.perDeviceGb ?? m.statesGb,
    capacityGb: m.capacityGb,
    usableGb: m.capacityGb === null ? null : m.capacityGb * headroom,
    fits: m.fits,
    activationsKnown: m.activationsGb !== null,
  };
}

export function memoryCsv(d: MemoryData): string {
  return toCsv(['part', 'gb_per_device'], [
    ...d.segments.map((s) => [s.label, d.activationsKnown || s.id !== 'activations' ? s.gb : null]),
    ['total', d.totalGb],
    ['capacity', d.capacityGb],
    ['usable', d.usableGb],
  ]);
}
