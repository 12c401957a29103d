// Data-constrained scaling (Muennighoff et al. 2023, arXiv:2305.16264, Sec. 3.1 and App. A).

import { parametricG, parametricLoss, type ParametricCoefficients } from './laws';

/** Fitted decay constants (App. A): repeated tokens lose value with R_D*, excess parameters with R_N*. */
export const R_D_STAR = 15.387756;
export const R_N_STAR = 5.309743;

/** Muennighoff et al.'s own C4 base fit (authors' README, log form a, b, e, alpha = beta). */
export const MUENNIGHOFF_C4: ParametricCoefficients = {
  A: Math.exp(6.255414),
  B: Math.exp(7.3049974),
  E: Math.exp(0.6254804),
  alpha: 0.3526596,
  beta: 0.3526596,
};

/**
 * The decay constants were fitted with the authors' C4 base law; the reference's recommended
 * defaults (scaling-laws.md §11, "effective-data decay") say to flag their use with another base
 * law, which every law of the engine is.
 */
export function muennighoffCaveat(baseLaw: string): string {
  return `repeated data uses Muennighoff et al. 2023's R_D* = ${R_D_STAR} and R_N* = ${R_N_STAR}, fitted with their own C4 base law; combined with ${baseLaw} they are only approximately transferable.`;
}

/** D' = U + U R* (1 - exp(-R_D / R*)), R_D = repetitions beyond the first epoch. */
export function effectiveData(unique: number, repetitions: number, rStar = R_D_STAR): number {
  return unique + unique * rStar * (1 - Math.exp(-repetitions / rStar));
}

export interface DataConstrainedTerms {
  epochs: number;
  repetitions: number;
  effectiveTokens: number;
  effectiveParams: number;
  /** D' / D: the value of the tokens seen relative to fresh data. */
  valueFraction: number;
}

export function dataConstrainedTerms(c: ParametricCoefficients, N: number, D: number, unique: number): DataConstrainedTerms {
  const G = parametricG(c);
  const repetitions = Math.max(D / unique - 1, 0);
  const U = Math.min(D, unique);
  const effectiveTokens = effectiveData(U, repetitions, R_D_STAR);
  // U_N: the compute-optimal size for U tokens; parameters beyond it decay with R_N*.
  const uN = Math.min(N, Math.pow(U * G, c.beta / c.alpha) * G);
  const rN = Math.max(N / uN - 1, 0);
  const effectiveParams = uN + uN * R_N_STAR * (1 - Math.exp(-rN / R_N_STAR));
  return { epochs: D / unique, repetitions, effectiveTokens, effectiveParams, valueFraction: effectiveTokens / D };
}

/** L = E + A / N'^alpha + B / D'^beta (App. A). */
export function dataConstrainedLoss(c: ParametricCoefficients, N: number, D: number, unique: number): number {
  const t = dataConstrainedTerms(c, N, D, unique);
  return parametricLoss(c, t.effectiveParams, t.effectiveTokens);
}
