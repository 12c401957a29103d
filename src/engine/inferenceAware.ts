// Inference-aware sizing (Sardana, Portes, Doubov & Frankle 2024, arXiv:2401.00448, Sec. 2):
// for a target loss l and lifetime inference tokens D_inf, minimise 6 N D_tr + 2 N D_inf
// subject to L(N, D_tr) = l, where the cost's derivative along the curve vanishes.

import { FLOPS_PER_PARAM_TOKEN, type ParametricCoefficients } from './laws';

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

/**
 * The (N, D) reaching loss l with the least lifetime FLOPs. On the curve L(N, D) = l, write
 * r = B/D^β for the data term, so A/N^α = R − r with R = l − E. The cost 6ND + 2N·D_inf is
 * stationary where 3·(B/r)^(1/β)·(k(R − r)/r − 1) = D_inf with k = α/β; the left side falls
 * strictly in r on (0, kR/(k+1)], so the root is unique and found to the last bits by Newton steps
 * on its logarithm (stationarySplit). N is searched from just above the smallest size that can
 * reach l up to a million times it.
 */
export function inferenceAwareOptimum(c: ParametricCoefficients, l: number, inferenceTokens: number): InferenceAwarePlan | undefined {
  if (!(l > c.E)) return undefined;
  const R = l - c.E;
  // N from (1 + 1e-9)·N_floor to 1e6·N_floor, with N_floor = (A/R)^(1/α), as data terms r.
  const rLo = R * (1 - Math.pow(1 + 1e-9, -c.alpha));
  const rHi = R * (1 - Math.pow(1e6, -c.alpha));
  const r = Math.min(rHi, Math.max(rLo, stationarySplit(c, R, inferenceTokens)));
  const N = Math.pow(c.A / (R - r), 1 / c.alpha);
  const D = tokensForLoss(c, N, l);
  return {
    params: N,
    tokens: D,
    trainFlops: FLOPS_PER_PARAM_TOKEN * N * D,
    inferenceFlops: 2 * N * inferenceTokens,
    lifetimeFlops: lifetimeFlops(N, D, inferenceTokens),
  };
}

/**
 * The data term r in (0, kR/(k+1)] where φ(ln r) = ln 3 + ln(B/r)/β + ln(k(R − r)/r − 1) − ln D_inf
 * is zero (inferenceAwareOptimum): φ falls from +∞ to −∞ and is convex in ln r, so Newton steps
 * from the left converge monotonically; a bisection step guards each one. With no inference
 * tokens it is Chinchilla's split, r = kR/(k+1).
 */
function stationarySplit(c: ParametricCoefficients, R: number, inferenceTokens: number): number {
  const k = c.alpha / c.beta;
  const top = (k * R) / (k + 1);
  if (!(inferenceTokens > 0)) return top;
  const phi = (s: number): number => Math.log(3) + (Math.log(c.B) - s) / c.beta + Math.log((k * (R - Math.exp(s))) / Math.exp(s) - 1) - Math.log(inferenceTokens);
  let lo = Math.log(top) - 800;
  let hi = Math.log(top);
  let s = Math.log(top) - 1;
  for (let i = 0; i < 200; i++) {
    const f = phi(s);
    if (f > 0) lo = s;
    else hi = s;
    const q = (k * R) / Math.exp(s);
    const slope = -1 / c.beta - q / (q - k - 1);
    let next = s - f / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - s) <= 1e-15 * Math.max(1, Math.abs(s))) return Math.exp(next);
    s = next;
  }
  return Math.exp(s);
}
