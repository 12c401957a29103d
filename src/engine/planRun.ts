// A budget plan as the run a plan file for it describes (the same choices planToYaml writes:
// a Llama-style shape near the planned size, bf16, AdamW, the smallest ZeRO stage and recomputation
// that fit in memory, tokens that keep the shape within the planned compute), so the planner can
// show memory fit and the panel can preview a plan before it is a file.

import { floor3 } from './format';
import { analyze } from './analyze';
import type { Plan } from './plan';
import { countParams, suggestShape, type CompleteShape } from './params';
import type { RunDescription } from './types';

/**
 * The family a planned size is drawn from: Llama 3 8B's shape (32 layers, d_model 4096, 32 heads,
 * 8 KV heads: Llama Team 2024, arXiv:2407.21783 Table 3; vocabulary 128,256 rows as in the released
 * checkpoint, whose exact count 8,030,261,248 is a published-count test, reference §2.4).
 * suggestShape keeps its GQA group and vocabulary and picks layers and width near the planned
 * size: a current open recipe is a fair default for a plan that states no shape of its own.
 */
export const PLAN_BASE_SHAPE: CompleteShape = { architecture: 'llama', layers: 32, dModel: 4096, heads: 32, kvHeads: 8, vocabSize: 128256 };
/**
 * Training context of a planned run: 4,096, Llama 2's pretraining context (Touvron et al. 2023,
 * arXiv:2307.09288 Table 1). It only affects activation memory (linear in it) and the
 * attention-inclusive FLOPs; the plan's 6·N·D compute does not depend on it.
 */
export const PLAN_SEQ_LEN = 4096;


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
