// RunDescription -> Report: parameters, compute, scaling-law position, hardware, cost, memory
// and findings. Pure; every surface (CLI, diagnostics, hovers, hints, panel) reads this.
// Each stage is a function of its own file under stages/; findings and assumptions are collected
// in the order the stages run (docs/architecture.md, "The engine's stages").

import { assembleReport } from './stages/assemble';
import { budgetFindings } from './stages/budget';
import { computeStage } from './stages/compute';
import { stageContext } from './stages/context';
import { countStage } from './stages/count';
import { hardwareStage } from './stages/hardware';
import { inferenceStage } from './stages/inference';
import { lifecycleStage } from './stages/lifecycle';
import { deviceCountFinding, memoryStage } from './stages/memory';
import { positionFindings } from './stages/positionFindings';
import { scalingStage } from './stages/scaling';
import { timeStage } from './stages/time';
import type { EngineOptions, Report } from './report';
import type { RunDescription, Severity } from './types';

export { DEFAULT_THRESHOLDS, type Assumption, type EngineOptions, type Provenance, type Report, type Thresholds } from './report';

export function analyze(input: RunDescription, rawOptions: EngineOptions = {}): Report {
  const ctx = stageContext(input, rawOptions);
  const counts = countStage(ctx);
  const compute = computeStage(ctx, counts);
  const position = scalingStage(ctx, counts, compute);
  positionFindings(ctx, counts, compute, position);
  const inferenceAware = inferenceStage(ctx, compute, position);
  const hardware = hardwareStage(ctx);
  const time = timeStage(ctx, counts, compute, hardware);
  budgetFindings(ctx, compute, position, hardware, time);
  const memory = memoryStage(ctx, counts, hardware, time);
  deviceCountFinding(ctx, hardware, time, memory);
  const report = assembleReport(ctx, { counts, compute, position, inferenceAware, hardware, time, memory });
  return lifecycleStage(ctx, report, counts.shape);
}

export type { Severity };
