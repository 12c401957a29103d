// Scaling laws as typed tables, and the closed forms built on them.
// Sources are listed per constant here and in docs/sources.md.

import type { LawId } from './types';
import { LUDZIEJEWSKI, MOE_CITATION, moeLoss, moeOptimal, moeOptimalTokensForParams, type JointMoeCoefficients } from './moeLaw';
import {
  FLOPS_PER_PARAM_TOKEN,
  parametricComputeForLoss,
  parametricFrontierLoss,
  parametricLoss,
  parametricOptimal,
  parametricTokensForParams,
  type ParametricCoefficients,
} from './parametric';

// The closed forms of L = E + A/N^α + B/D^β live in parametric.ts (the MoE law uses them too).
export {
  FLOPS_PER_PARAM_TOKEN,
  parametricComputeForLoss,
  parametricFrontierLoss,
  parametricG,
  parametricLoss,
  parametricOptimal,
  parametricTokensForParams,
  type ParametricCoefficients,
} from './parametric';


interface LawBase {
  id: LawId;
  name: string;
  citation: string;
  /** Which parameter count the law was fitted with. */
  params: 'total' | 'non-embedding';
}

export interface ParametricLaw extends LawBase {
  kind: 'parametric';
  coefficients: ParametricCoefficients;
}

/** Chinchilla Approach 1: tokens = coef * N^exp for the optimum; loss from another parametric law. */
export interface TokensRuleLaw extends LawBase {
  kind: 'tokens-rule';
  coef: number;
  exp: number;
  lossLaw: ParametricLaw;
}

/** Kaplan et al. 2020 Eq. 1.5 with Table 2 constants; allocation from Table 6. */
export interface KaplanLaw extends LawBase {
  kind: 'kaplan';
  Nc: number;
  Dc: number;
  alphaN: number;
  alphaD: number;
  /** N_opt = optCoef * C_min^optExp, C_min in PF-days (Sec. 6, Table 6). */
  optCoef: number;
  optExp: number;
  /**
   * Training compute per unit of Kaplan's C_min: C_min = C / (1 + B/B_crit) (Kaplan Sec. 5.1), so
   * C = 2·C_min when training at the critical batch, as Sec. 6.3 does. Chinchilla App. D.4 quotes
   * Kaplan's optimum at 1e21 FLOPs as 4.68B, which only this factor reproduces (reference §1.8).
   */
  computePerCmin: number;
}

/**
 * The joint MoE law (moeLaw.ts): the functions below take the expert count as an optional last
 * argument; without it the law is evaluated at E = 1, its dense member.
 */
export interface MoeLaw extends LawBase {
  kind: 'moe';
  coefficients: JointMoeCoefficients;
}

export type Law = ParametricLaw | TokensRuleLaw | KaplanLaw | MoeLaw;

/** The loss law's own L = E + A/N^α + B/D^β coefficients (none for Kaplan): data-constrained and inference-aware terms use them. */
export function coefficientsOf(law: Law): ParametricCoefficients | undefined {
  if (law.kind === 'parametric') return law.coefficients;
  if (law.kind === 'tokens-rule') return law.lossLaw.coefficients;
  return undefined;
}

/** N in the law's own convention: Kaplan et al. (2020) count non-embedding parameters, the others all active ones. */
export function lawParamCount(law: Law, active: number | null, nonEmbedding: number | null): number | null {
  return law.params === 'non-embedding' ? nonEmbedding ?? active : active;
}

/** 1 PF-day = 1e15 FLOP/s x 86,400 s (Kaplan et al. 2020, Sec. 1.3). */
export const PF_DAY = 8.64e19;

export const EPOCH: ParametricLaw = {
  id: 'epoch',
  kind: 'parametric',
  name: 'Epoch AI refit of Chinchilla (Besiroglu et al. 2024)',
  citation: 'Besiroglu, Erdil, Barnett & You 2024, arXiv:2404.10102, refit of Hoffmann Eq. 2',
  params: 'total',
  coefficients: { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
};

export const CHINCHILLA: ParametricLaw = {
  id: 'chinchilla',
  kind: 'parametric',
  name: 'Chinchilla Approach 3, published constants',
  citation: 'Hoffmann et al. 2022, arXiv:2203.15556, App. D.2 Eq. 10',
  params: 'total',
  coefficients: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 },
};

export const CHINCHILLA_TEX: ParametricLaw = {
  id: 'chinchilla-tex',
  kind: 'parametric',
  name: 'Chinchilla Approach 3, TeX-source precision',
  citation: 'Hoffmann et al. 2022 Eq. 10 at TeX precision, as reported by Besiroglu et al. 2024 (arXiv:2404.10102)',
  params: 'total',
  coefficients: { E: 1.6934, A: 406.4, B: 410.7, alpha: 0.3392, beta: 0.2849 },
};

export const CHINCHILLA_A1: TokensRuleLaw = {
  id: 'chinchilla-a1',
  kind: 'tokens-rule',
  name: 'Chinchilla Approach 1 ("20 tokens per parameter")',
  citation:
    'Hoffmann et al. 2022, Table 3 (Approach 1 projections); log-log fit tokens = 17.41 N^1.0075 over its nine rows; loss from the Epoch refit',
  params: 'total',
  coef: 17.41,
  exp: 1.0075,
  lossLaw: EPOCH,
};

export const KAPLAN: KaplanLaw = {
  id: 'kaplan',
  kind: 'kaplan',
  name: 'Kaplan et al. 2020 L(N, D)',
  citation: 'Kaplan et al. 2020, arXiv:2001.08361, Eq. 1.5 with Table 2 fit; N_opt = 1.3e9 C_min^0.73 (Table 6), C_min = C/2 (Sec. 6.3)',
  params: 'non-embedding',
  Nc: 6.4e13,
  Dc: 1.8e13,
  alphaN: 0.076,
  alphaD: 0.103,
  optCoef: 1.3e9,
  optExp: 0.73,
  computePerCmin: 2,
};

export const MOE: MoeLaw = {
  id: 'moe',
  kind: 'moe',
  name: 'Ludziejewski et al. 2025 joint MoE law',
  citation: MOE_CITATION,
  // Active parameters including embedding and unembedding (App. A.1).
  params: 'total',
  coefficients: LUDZIEJEWSKI,
};

export const LAWS: Record<LawId, Law> = {
  epoch: EPOCH,
  chinchilla: CHINCHILLA,
  'chinchilla-tex': CHINCHILLA_TEX,
  'chinchilla-a1': CHINCHILLA_A1,
  kaplan: KAPLAN,
  moe: MOE,
};

export const DEFAULT_LAW: LawId = 'epoch';

export function isLawId(x: unknown): x is LawId {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(LAWS, x);
}

// ---------------------------------------------------------------- Kaplan

/** L(N, D) = [(Nc/N)^(aN/aD) + Dc/D]^aD, N non-embedding (Kaplan Eq. 1.5, Table 2). */
export function kaplanLoss(k: KaplanLaw, N: number, D: number): number {
  return Math.pow(Math.pow(k.Nc / N, k.alphaN / k.alphaD) + k.Dc / D, k.alphaD);
}

/** L(N) = (Nc/N)^aN with Table 5's Nc = 8.8e13, aN = 0.076 (Kaplan Eq. 1.1). */
export function kaplanLossN(N: number, Nc = 8.8e13, alphaN = 0.076): number {
  return Math.pow(Nc / N, alphaN);
}

/** Overfitting rule D >= 5e3 N^0.74 (Kaplan Eq. 4.4). */
export function kaplanMinTokens(N: number): number {
  return 5e3 * Math.pow(N, 0.74);
}

/**
 * Llama 3's fitted compute-optimal token count D*(C) = A C^alpha with the Figure 3 constants
 * alpha = 0.537, A = 0.299 (Llama Team 2024, arXiv:2407.21783, Sec. 3.2.1). The text's rounded
 * (0.53, 0.29) gives 10.5T instead of 16.3T at 3.8e25 FLOPs, so the figure precision is kept.
 */
export function llama3OptimalTokens(C: number): number {
  return 0.299 * Math.pow(C, 0.537);
}

/** N_opt = 1.3e9 · C_min^0.73 with C_min = C/2 in PF-days (Table 6; Sec. 6.3; Chinchilla App. D.4). */
function kaplanOptimalParams(k: KaplanLaw, C: number): number {
  return k.optCoef * Math.pow(C / k.computePerCmin / PF_DAY, k.optExp);
}

// ---------------------------------------------------------------- any law

export interface Optimum {
  params: number;
  tokens: number;
  loss: number;
}

/** Predicted loss at (N, D); N in the law's own convention (see Law.params); experts for the MoE law. */
export function lossAt(law: Law, N: number, D: number, experts = 1): number {
  switch (law.kind) {
    case 'moe':
      return moeLoss(N, D, experts, law.coefficients);
    case 'parametric':
      return parametricLoss(law.coefficients, N, D);
    case 'tokens-rule':
      return parametricLoss(law.lossLaw.coefficients, N, D);
    case 'kaplan':
      return kaplanLoss(law, N, D);
  }
}

/** Compute-optimal N*, D* (with 6 N* D* = C) and the loss there. */
export function optimalFor(law: Law, C: number, experts = 1): Optimum {
  let N: number;
  switch (law.kind) {
    case 'moe': {
      const o = moeOptimal(C, experts, law.coefficients);
      return { params: o.activeParams, tokens: o.tokens, loss: o.loss };
    }
    case 'parametric': {
      const o = parametricOptimal(law.coefficients, C);
      return { params: o.N, tokens: o.D, loss: parametricLoss(law.coefficients, o.N, o.D) };
    }
    case 'tokens-rule':
      // 6 N (coef N^exp) = C  =>  N = (C / (6 coef))^(1/(1+exp))
      N = Math.pow(C / (FLOPS_PER_PARAM_TOKEN * law.coef), 1 / (1 + law.exp));
      break;
    case 'kaplan':
      N = kaplanOptimalParams(law, C);
      break;
  }
  const D = C / (FLOPS_PER_PARAM_TOKEN * N);
  return { params: N, tokens: D, loss: lossAt(law, N, D) };
}

/** Tokens the law considers compute-optimal for a model of N parameters. */
export function optimalTokensForParams(law: Law, N: number, experts = 1): number {
  switch (law.kind) {
    case 'moe':
      return moeOptimalTokensForParams(N, experts, law.coefficients);
    case 'parametric':
      return parametricTokensForParams(law.coefficients, N);
    case 'tokens-rule':
      return law.coef * Math.pow(N, law.exp);
    case 'kaplan': {
      const C = law.computePerCmin * PF_DAY * Math.pow(N / law.optCoef, 1 / law.optExp);
      return C / (FLOPS_PER_PARAM_TOKEN * N);
    }
  }
}

export function frontierLoss(law: Law, C: number): number {
  if (law.kind === 'parametric') return parametricFrontierLoss(law.coefficients, C);
  return optimalFor(law, C).loss;
}

/**
 * The least compute at which the law's optimum reaches loss L. Closed form for the
 * parametric laws; bisection in log C elsewhere (the frontier falls monotonically).
 */
export function computeForLoss(law: Law, L: number): number {
  if (law.kind === 'parametric') return parametricComputeForLoss(law.coefficients, L);
  let lo = Math.log(1e10);
  let hi = Math.log(1e40);
  if (frontierLoss(law, Math.exp(hi)) > L) return Infinity;
  if (frontierLoss(law, Math.exp(lo)) <= L) return Math.exp(lo);
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (frontierLoss(law, Math.exp(mid)) > L) lo = mid;
    else hi = mid;
  }
  return Math.exp(hi);
}

// ---------------------------------------------------------------- curves for the panel

export interface CurvePoint {
  x: number;
  y: number;
}

/** Log-spaced values from lo to hi inclusive. */
export function logSpace(lo: number, hi: number, n: number): number[] {
  if (n < 2) return [lo];
  const a = Math.log(lo);
  const b = Math.log(hi);
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
}

/** L*(C) over a compute range: diminishing returns are the flattening of this curve. */
export function frontierCurve(law: Law, cMin: number, cMax: number, n = 60): CurvePoint[] {
  return logSpace(cMin, cMax, n).map((C) => ({ x: C, y: frontierLoss(law, C) }));
}

/** L(N | C) with D = C/(6N): the isoFLOP profile, minimal at N*(C). */
export function isoFlopCurve(law: Law, C: number, nMin: number, nMax: number, n = 60): CurvePoint[] {
  return logSpace(nMin, nMax, n).map((N) => ({ x: N, y: lossAt(law, N, C / (FLOPS_PER_PARAM_TOKEN * N)) }));
}
