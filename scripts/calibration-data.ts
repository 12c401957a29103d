// Published runs (test/fixtures/published-runs) analysed with no MFU typed in, as calibration
// samples. Shared by scripts/calibration.ts and test/unit/calibration.test.ts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../src/document/analyzeDocument';
import type { Report } from '../src/engine/analyze';
import type { CalibrationSample } from '../src/engine/calibration';
import { MFU_PRIOR } from '../src/engine/mfuPrior';

export const RUNS_DIR = join(__dirname, '../../test/fixtures/published-runs');

export interface PublishedRun {
  id: string;
  file: string;
  deviceHours: number;
  source: string;
}

export interface AnalysedRun extends PublishedRun {
  report: Report;
  sample: CalibrationSample;
}

export function publishedRuns(): PublishedRun[] {
  return (JSON.parse(readFileSync(join(RUNS_DIR, 'index.json'), 'utf8')) as { runs: PublishedRun[] }).runs;
}

export function analysedRuns(): AnalysedRun[] {
  return publishedRuns().map((r) => {
    const a = analyzeText(readFileSync(join(RUNS_DIR, r.file), 'utf8'), r.file);
    const report = a.report;
    if (!report || report.cost.gpuHours === null || report.hardware.mfuSource !== 'prior') throw new Error(`${r.id}: no predicted device-hours`);
    const cls = report.hardware.throughput?.priorClass ?? 'pooled';
    const b = MFU_PRIOR.logUtilisation[cls] + Math.log(report.cost.gpuHours / r.deviceHours);
    return { ...r, report, sample: { id: r.id, priorClass: cls, b, published: r.deviceHours } };
  });
}
