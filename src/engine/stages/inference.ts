// The inference-aware alternative (Sardana et al. 2024): the size and tokens that reach the same
// loss for fewer lifetime FLOPs once the lifetime inference tokens are counted.

import { fmtCount } from '../format';
import { inferenceAwareOptimum, lifetimeFlops } from '../inferenceAware';
import type { Report } from '../report';
import type { Compute } from './compute';
import type { StageContext } from './context';
import type { Position } from './scaling';

export function inferenceStage(ctx: StageContext, d: Compute, p: Position): Report['inferenceAware'] {
  const infTokens = ctx.run.inference.tokens;
  const { coeffs, loss, N } = p;
  const tokens = d.tokens;
  if (!infTokens || infTokens <= 0 || !coeffs || loss === null || N === null || tokens === null) return null;
  const ia = inferenceAwareOptimum(coeffs, loss, infTokens);
  if (!ia) return null;
  const configLifetime = lifetimeFlops(N, tokens, infTokens);
  const saving = 1 - ia.lifetimeFlops / configLifetime;
  if (saving > ctx.th.inferenceShare) {
    ctx.add({
      code: 'inference-heavy',
      severity: 'information',
      field: 'model.params',
      related: ['inference.tokens', 'data.tokens'],
      message: `With ${fmtCount(infTokens)} lifetime inference tokens, ${fmtCount(ia.params)} params on ${fmtCount(ia.tokens)} tokens reach the same loss for ${(saving * 100).toFixed(0)}% fewer lifetime FLOPs (Sardana et al. 2024).`,
      fix: {
        title: `Resize for inference: ${fmtCount(ia.params)} params on ${fmtCount(ia.tokens)} tokens`,
        values: [
          { field: 'model.params', value: Math.round(ia.params) },
          { field: 'data.tokens', value: Math.round(ia.tokens) },
        ],
      },
    });
  }
  return { inferenceTokens: infTokens, params: ia.params, tokens: ia.tokens, lifetimeFlops: ia.lifetimeFlops, configLifetimeFlops: configLifetime, savingFraction: saving };
}
