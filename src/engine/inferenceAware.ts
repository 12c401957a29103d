// Inference-aware sizing (Sardana, Portes, Doubov & Frankle 2024, arXiv:2401.00448, Sec. 2):
// for a target loss l and lifetime inference tokens D_inf, minimise 6 N D_tr + 2 N D_inf
// subject to L(N, D_tr) = l. Solved by a 1-D minimisation over log N.

import { FLOPS_PER_PARAM_TOKEN, type ParametricCoefficients } from './laws';
import { goldenMin } from './optimize';

/** Sardana et al.'s own coefficients (authors' README): Chinchilla constants with alpha 0.336, beta 0.283. */
export const SARDANA: ParametricCoefficients = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.336, beta: 0.283 };

/** Tokens that bring a model of N parameters to loss l (Infinity if it cannot). */
export function tokensForLoss(c: ParametricCoefficients, N: number, l: number): number {
  const rest = l - c.E - c.A / Math.pow(N, c.alpha);
  return rest > 0 ? Math.pow(c.B / rest, 1 / c.beta) : Infinity;
}

export interface InferenceAwarePlan {
  params: number;
  tokens: number;
  trainFlops: number;
  inferenceFlops: number;
  lifetimeFlops: number;
}

export function lifetimeFlops(N: number, D: number, inferenceTokens: number): number {
  return FLOPS_PER_PARAM_TOKEN * N * D + 2 * N * inferenceTokens;
}

/** The (N, D) reaching loss l with the least lifetime FLOPs. */
export function inferenceAwareOptimum(c: ParametricCoefficients, l: number, inferenceTokens: number): InferenceAwarePlan | undefined {
  if (!(l > c.E)) return undefined;
  // Smallest N that can reach l at all: A / N^alpha < l - E.
  const nFloor = Math.pow(c.A / (l - c.E), 1 / c.alpha);
  const cost = (logN: number): number => {
    const N = Math.exp(logN);
    const D = tokensForLoss(c, N, l);
    return Number.isFinite(D) ? lifetimeFlops(N, D, inferenceTokens) : Number.MAX_VALUE;
  };
  const logN = goldenMin(cost, Math.log(nFloor * (1 + 1e-9)), Math.log(nFloor) + Math.log(1e6), 1e-13);
  const N = Math.exp(logN);
  const D = tokensForLoss(c, N, l);
  return {
    params: N,
    tokens: D,
    trainFlops: FLOPS_PER_PARAM_TOKEN * N * D,
    inferenceFlops: 2 * N * inferenceTokens,
    lifetimeFlops: lifetimeFlops(N, D, inferenceTokens),
  };
}
