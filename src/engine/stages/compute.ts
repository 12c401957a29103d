// Stage 2, compute: training FLOPs from the active (and adapter) parameters and the tokens, and
// with causal attention when the sequence length is known.

import { attentionForwardFlopsPerToken, finetuneFlopsPerToken, trainingFlops } from '../flops';
import { loraParams } from '../params';
import type { StageContext } from './context';
import { adaptersUnknown, type Counts } from './count';

export interface Compute {
  tokens: number | null;
  unique: number | null;
  flops: number | null;
  flopsAttn: number | null;
}

export function computeStage(ctx: StageContext, c: Counts): Compute {
  const { run } = ctx;
  const tokens = run.data.tokens ?? null;
  const unique = run.data.uniqueTokens ?? null;
  if (tokens === null) {
    ctx.add({ code: 'missing-facts', severity: 'information', field: 'data.tokens', message: 'Cannot estimate compute, time or cost: the number of training tokens is not known (set data.tokens).' });
  }
  if (c.active === null || tokens === null || adaptersUnknown(c)) return { tokens, unique, flops: null, flopsAttn: null };
  // Adapter weights are used in the forward and backward passes too: 4 (N + T) + 2 T per token,
  // T the adapters a token passes through (MoE: those of its top-k experts).
  const tActive = c.isAdapter ? loraParams(c.shape!, run.training.lora!, true) : 0;
  const flops = c.isAdapter ? finetuneFlopsPerToken(c.active + tActive, tActive) * tokens : trainingFlops(c.active, tokens);
  let flopsAttn: number | null = null;
  if (c.shape?.seqLen) {
    // Causal attention from the shape (MLA's head dims, sliding windows): forward plus backward.
    const attnPerToken = 3 * attentionForwardFlopsPerToken(c.shape, c.shape.seqLen);
    flopsAttn = flops + attnPerToken * tokens;
  }
  return { tokens, unique, flops, flopsAttn };
}
