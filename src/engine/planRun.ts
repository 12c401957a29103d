// A budget plan as the run a plan file for it describes (the same choices planToYaml writes:
// a Llama-style shape near the planned size, bf16, AdamW, the smallest ZeRO stage and recomputation
// that fit in memory, tokens that keep the shape within the planned compute), so the planner can
// show memory fit and the panel can preview a plan before it is a file.

import { analyze } from './analyze';
import type { Plan } from './plan';
import { countParams, suggestShape, type CompleteShape } from './params';
import type { RunDescription } from './types';

export const PLAN_BASE_SHAPE: CompleteShape = { architecture: 'llama', layers: 32, dModel: 4096, heads: 32, kvHeads: 8, vocabSize: 128256 };
export const PLAN_SEQ_LEN = 4096;

/** Largest value with 3 significant digits not above n (a plan file writes it exactly, e.g. 800B). */
function floor3(n: number): number {
  if (!(n > 0)) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 2);
  return Math.floor(n / unit + 1e-9) * unit;
}

export function planToRun(p: Plan, opts: { uniqueTokens?: number; inferenceTokens?: number; usd?: number; days?: number } = {}): RunDescription {
  const s = suggestShape(p.params, PLAN_BASE_SHAPE);
  const shape = { architecture: 'llama' as const, layers: s.layers, dModel: s.dModel, heads: s.heads, kvHeads: s.kvHeads, ffnHidden: s.ffnHidden, vocabSize: PLAN_BASE_SHAPE.vocabSize, seqLen: PLAN_SEQ_LEN };
  // The shape is near, not at, the planned size: rounding tokens down keeps 6·N·D within the
  // planned compute, so a plan for a $500k budget is not over it once written down.
  const n = countParams({ ...shape, headDim: undefined }).total;
  const tokens = Math.min(floor3(p.tokens), floor3(p.flops / (6 * n)));
  const run: RunDescription = {
    model: { shape },
    data: { tokens, uniqueTokens: opts.uniqueTokens },
    training: { precision: 'bf16', optimizer: 'adamw', zeroStage: 1, activationCheckpointing: 'selective' },
    hardware: { accelerator: p.accelerator, count: p.count, mfu: p.mfu, pricePerHour: p.pricePerHour ?? undefined },
    budget: { usd: opts.usd, days: opts.days },
    inference: { tokens: opts.inferenceTokens },
    law: p.law,
  };
  // The smallest ZeRO stage, then full recomputation, whose memory fits on the planned devices
  // (when nothing fits, the plan file says so and its quick fix offers more devices).
  for (const checkpointing of ['selective', 'full'] as const) {
    for (const zeroStage of [1, 2, 3] as const) {
      run.training = { ...run.training, zeroStage, activationCheckpointing: checkpointing };
      if (analyze(run).memory?.fits !== false) return run;
    }
  }
  return run;
}
