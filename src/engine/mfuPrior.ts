// The fitted MFU prior: log utilisation of all FLOPs (attention included, at its kernels' speed,
// throughput.ts) by accelerator class, and the held-out scatter that sets the P10-P90 ranges.
// Fitted to test/fixtures/published-runs by scripts/calibration.ts (least absolute deviations in
// log space = the median per class; leave-one-out for the scatter); docs/calibration.md has the
// table. A unit test refits and compares.

import type { PriorClass } from './fabric';

export interface MfuPrior {
  logUtilisation: Record<PriorClass, number>;
  /** Runs per class in the fit. */
  runs: Record<PriorClass, number>;
  /** Held-out (leave-one-out) log residuals: their 10th and 90th percentiles, as multipliers of device-hours. */
  heldOutP10: number;
  heldOutP90: number;
  fitted: string;
}

export const MFU_PRIOR: MfuPrior = {
  logUtilisation: { ampere: -0.792267, hopper: -0.760246, tpu: -1.111711, pooled: -0.790323 },
  runs: { ampere: 13, hopper: 7, tpu: 2, pooled: 22 },
  heldOutP10: 0.766252,
  heldOutP90: 1.444926,
  fitted: '22 published runs (test/fixtures/published-runs/index.json)',
};
