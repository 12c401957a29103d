// Fitting the MFU prior to published runs and measuring it (docs/calibration.md). Each run gives
// b, the log utilisation its published device-hours imply under the throughput model's terms:
// predicted hours are proportional to exp(-b_prior), so b = b_prior + ln(predicted / published).
// The fit is the median b per accelerator class (least absolute deviations in log space); held-out
// figures refit without the run they predict (leave-one-out).

import type { PriorClass } from './fabric';

export interface CalibrationSample {
  id: string;
  priorClass: PriorClass;
  /** ln utilisation implied by the published device-hours. */
  b: number;
  published: number;
}

export interface CalibrationRow {
  id: string;
  priorClass: PriorClass;
  published: number;
  /** Prediction with the prior fitted on all runs, and with the prior fitted without this run. */
  inSample: number;
  heldOut: number;
  inSampleError: number;
  heldOutError: number;
  /** P10-P90 range of the held-out prediction (scatter of the other runs). */
  range: [number, number];
  covered: boolean;
}

export interface CalibrationResult {
  logUtilisation: Record<PriorClass, number>;
  runs: Record<PriorClass, number>;
  /** Multipliers of predicted device-hours at the 10th and 90th percentile of the held-out scatter (rangeMultipliers). */
  p10: number;
  p90: number;
  rows: CalibrationRow[];
  heldOutMedianAbsError: number;
  inSampleMedianAbsError: number;
  worstHeldOutError: number;
  coverage: number;
}

const CLASSES: PriorClass[] = ['ampere', 'hopper', 'tpu', 'pooled'];
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Linear-interpolated quantile, q in [0, 1]. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * ln utilisation per class: the class median (least absolute deviations in log space), or the
 * median of all runs for a class without runs. The median, not the mean: a published total can
 * include work its source does not describe (stages, restarts, ablations), so residuals have long
 * one-sided tails, and the median is the fit that minimises the absolute log errors the targets
 * are stated in (docs/calibration.md).
 */
export function fitPrior(samples: CalibrationSample[]): { logUtilisation: Record<PriorClass, number>; runs: Record<PriorClass, number> } {
  const all = median(samples.map((s) => s.b));
  const logUtilisation = {} as Record<PriorClass, number>;
  const runs = {} as Record<PriorClass, number>;
  for (const c of CLASSES) {
    const bs = samples.filter((s) => s.priorClass === c).map((s) => s.b);
    logUtilisation[c] = c !== 'pooled' && bs.length ? median(bs) : all;
    runs[c] = c === 'pooled' ? samples.length : bs.length;
  }
  return { logUtilisation, runs };
}

/** z of the 90th percentile of a normal distribution. */
const Z90 = 1.2815515655446004;

/**
 * P10 and P90 multipliers from log ratios: a normal prediction interval in log space,
 * exp(mean ± z90 · sd · sqrt(1 + 1/n)), so a few runs do not set the ends on their own.
 */
export function rangeMultipliers(ratios: number[]): [number, number] {
  const logs = ratios.map(Math.log);
  const m = mean(logs);
  const sd = Math.sqrt(logs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, logs.length - 1));
  const w = Z90 * sd * Math.sqrt(1 + 1 / logs.length);
  return [Math.exp(m - w), Math.exp(m + w)];
}

/** Published / predicted for each run when the prior is fitted without it. */
function heldOutRatios(samples: CalibrationSample[]): number[] {
  return samples.map((s, i) => {
    const fit = fitPrior(samples.filter((_, j) => j !== i));
    return Math.exp(fit.logUtilisation[s.priorClass] - s.b);
  });
}

export function calibrate(samples: CalibrationSample[]): CalibrationResult {
  const fit = fitPrior(samples);
  // published = predicted x ratio: the ratios' quantiles are the range multipliers.
  const ratios = heldOutRatios(samples);
  const rows = samples.map((s, i): CalibrationRow => {
    const inRatio = Math.exp(fit.logUtilisation[s.priorClass] - s.b);
    const [lo, hi] = rangeMultipliers(ratios.filter((_, j) => j !== i));
    const heldOut = s.published / ratios[i];
    const range: [number, number] = [heldOut * lo, heldOut * hi];
    return {
      id: s.id,
      priorClass: s.priorClass,
      published: s.published,
      inSample: s.published / inRatio,
      heldOut,
      inSampleError: 1 / inRatio - 1,
      heldOutError: 1 / ratios[i] - 1,
      range,
      covered: s.published >= range[0] && s.published <= range[1],
    };
  });
  const [p10, p90] = rangeMultipliers(ratios);
  return {
    ...fit,
    p10,
    p90,
    rows,
    heldOutMedianAbsError: median(rows.map((r) => Math.abs(r.heldOutError))),
    inSampleMedianAbsError: median(rows.map((r) => Math.abs(r.inSampleError))),
    worstHeldOutError: rows.reduce((w, r) => (Math.abs(r.heldOutError) > Math.abs(w) ? r.heldOutError : w), 0),
    coverage: rows.filter((r) => r.covered).length / rows.length,
  };
}
