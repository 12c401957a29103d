// Stage 3, scaling position: the predicted loss (data-constrained when the unique tokens are known),
// the compute-optimal point at the same FLOPs and the compute efficiency. Pretraining only: a
// fine-tune is not on a pretraining frontier.

import { dataConstrainedTerms, muennighoffCaveat, R_D_STAR, R_N_STAR } from '../dataConstrained';
import {
  coefficientsOf,
  computeForLoss,
  FLOPS_PER_PARAM_TOKEN,
  lawParamCount,
  lossAt,
  optimalFor,
  optimalTokensForParams,
  parametricLoss,
  type ParametricCoefficients,
} from '../laws';
import type { Compute } from './compute';
import type { StageContext } from './context';
import type { Counts } from './count';

export interface Position {
  /** N in the law's convention (non-embedding for Kaplan). */
  N: number | null;
  coeffs: ParametricCoefficients | undefined;
  loss: number | null;
  effTokens: number | null;
  epochs: number | null;
  opt: ReturnType<typeof optimalFor> | null;
  optTokensForN: number | null;
  efficiency: number | null;
  /** 6 N D with the law's N. */
  lawFlops: number | null;
  tpp: number | null;
}

export function scalingStage(ctx: StageContext, c: Counts, d: Compute): Position {
  const { law } = ctx;
  const { tokens, unique } = d;
  const N = lawParamCount(law, c.active, c.nonEmb);
  if (law.params === 'non-embedding' && c.nonEmb === null && c.active !== null) {
    ctx.assumptions.push({ field: 'law', value: law.id, source: 'derived', note: 'Kaplan counts non-embedding parameters; total parameters used because the shape is not known.' });
  }
  const coeffs = coefficientsOf(law);
  const lawFlops = N !== null && tokens !== null ? FLOPS_PER_PARAM_TOKEN * N * tokens : null;
  const tpp = N !== null && tokens !== null && N > 0 ? tokens / N : null;
  const p: Position = { N, coeffs, loss: null, effTokens: null, epochs: null, opt: null, optTokensForN: null, efficiency: null, lawFlops, tpp };
  if (N !== null && tokens !== null && tokens > 0 && N > 0 && !c.ft) {
    if (unique !== null && unique > 0 && coeffs) {
      const t = dataConstrainedTerms(coeffs, N, tokens, unique);
      ctx.assumptions.push({ field: 'data.unique_tokens', value: `R_D* = ${R_D_STAR}, R_N* = ${R_N_STAR}`, source: 'derived', note: muennighoffCaveat(law.name) });
      p.effTokens = t.effectiveTokens;
      p.epochs = t.epochs;
      p.loss = parametricLoss(coeffs, t.effectiveParams, t.effectiveTokens);
    } else {
      p.loss = lossAt(law, N, tokens);
      if (unique !== null && unique > 0) p.epochs = tokens / unique;
    }
    p.opt = optimalFor(law, lawFlops!);
    p.optTokensForN = optimalTokensForParams(law, N);
    p.efficiency = Math.min(computeForLoss(law, p.loss) / lawFlops!, 1);
  } else if (unique !== null && tokens !== null && unique > 0) {
    p.epochs = tokens / unique;
  }
  return p;
}
