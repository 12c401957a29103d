// Goodput: the share of wall-clock time a large run spends making progress. Interruptions grow
// with device count and duration; each costs a restart plus the work since the last checkpoint.
// Rate and cost per interruption are calibrated on Llama 3 405B (Dubey et al. 2024,
// arXiv:2407.21783 §3.3.4): 419 unexpected interruptions in 54 days on 16,384 H100s, with more
// than 90% effective training time. docs/calibration.md#goodput.

/** Unexpected interruptions per device-hour: 419 / (16,384 x 54 x 24). */
export const INTERRUPTIONS_PER_DEVICE_HOUR = 419 / (16384 * 54 * 24);
/**
 * Hours lost per interruption (detection, restart, reload, and half a checkpoint interval of
 * recomputed work), set so that Llama 3 405B's rate gives 90% goodput: 0.1 x 54 x 24 / 419.
 */
export const HOURS_LOST_PER_INTERRUPTION = (0.1 * 54 * 24) / 419 / 0.9;

export interface Goodput {
  /** Effective share of wall-clock time, 0-1. */
  fraction: number;
  /** Expected interruptions over the run. */
  interruptions: number;
  steadyDays: number;
  expectedDays: number;
}

/**
 * Expected wall clock for `steadyDays` of uninterrupted training on `devices`: interruptions arrive
 * at a rate proportional to the devices, and each costs HOURS_LOST_PER_INTERRUPTION, so
 * expected = steady x (1 + rate x devices x loss).
 */
export function goodput(devices: number, steadyDays: number): Goodput {
  const lostShare = INTERRUPTIONS_PER_DEVICE_HOUR * devices * HOURS_LOST_PER_INTERRUPTION;
  const expectedDays = steadyDays * (1 + lostShare);
  return {
    fraction: 1 / (1 + lostShare),
    interruptions: INTERRUPTIONS_PER_DEVICE_HOUR * devices * expectedDays * 24,
    steadyDays,
    expectedDays,
  };
}
