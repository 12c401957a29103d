// Chart data for the planning panel, shaped from a Report, one module per card: the
// compute-optimal frontier with the config on it (frontier.ts), the isoFLOP profile at the
// config's compute (isoFlop.ts), accelerators side by side (accelerators.ts), memory per device
// (memory.ts) and the family along the frontier (family.ts), each with its summary text and CSV.
// Pure (no DOM); the webviews draw these and tests check them.

import type { EngineOptions, Report } from '../analyze';
import type { LawId } from '../types';
import { acceleratorData, type AcceleratorBar } from './accelerators';
import { familyData, type FamilyRow } from './family';
import { frontierData, type FrontierData } from './frontier';
import { isoFlopData, type IsoFlopData } from './isoFlop';
import { memoryData, type MemoryData } from './memory';

export { acceleratorCsv, acceleratorData, acceleratorSummary, wallClockKnown, type AcceleratorBar } from './accelerators';
export { toCsv } from './csv';
export { FAMILY_MULTIPLES, familyCsv, familyData, type FamilyRow } from './family';
export { frontierCsv, frontierData, frontierSummary, type FrontierData } from './frontier';
export { isoFlopCsv, isoFlopData, isoFlopSummary, isoFlopTokens, type IsoFlopData } from './isoFlop';
export { memoryCsv, memoryData, type MemoryData } from './memory';
export { CURVE_POINTS, FRONTIER_SPAN, lawCompute, lawParams, lawParamsKind, uniqueTokenLimit, type ParamsKind, type XY } from './params';

export interface PanelCharts {
  frontier: FrontierData | null;
  isoFlop: IsoFlopData | null;
  accelerators: AcceleratorBar[];
  memory: MemoryData | null;
  family: FamilyRow[];
}

/** Every chart of the panel for one report. */
export function panelCharts(r: Report, options: EngineOptions = {}, overlay: LawId | null = null): PanelCharts {
  const family = familyData(r, options);
  return {
    frontier: frontierData(r, { overlay, family }),
    isoFlop: isoFlopData(r),
    accelerators: acceleratorData(r, options),
    memory: memoryData(r, options),
    family,
  };
}

/** Number of drawn points per chart (what the webview reports back and the tests check). */
export function pointCounts(c: PanelCharts): Record<string, number> {
  const f = c.frontier;
  const i = c.isoFlop;
  return {
    frontier: f ? f.frontier.length : 0,
    overlay: f?.overlay ? f.overlay.points.length : 0,
    family: f ? f.family.length : 0,
    isoFlop: i ? i.curve.length : 0,
    accelerators: c.accelerators.length,
    memory: c.memory ? c.memory.segments.length : 0,
  };
}
