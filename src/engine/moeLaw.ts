// Joint MoE scaling law (Ludziejewski et al. 2025, "Joint MoE Scaling Laws: Mixture of Experts Can Be
// Memory Efficient", arXiv:2502.05172): loss from active parameters, tokens and the number of
// experts; the compute-optimal active size and tokens for E experts; dense (E = 1) against MoE.

import { parametricOptimal, parametricTokensForParams, type ParametricCoefficients } from './parametric';

/** Table 3 of the paper: L = a·Ê^δ·N^(α + γ ln Ê) + b·Ê^ω·D^(β + ζ ln Ê) + c (Eq. 6). */
export interface JointMoeCoefficients {
  a: number;
  alpha: number;
  delta: number;
  gamma: number;
  b: number;
  beta: number;
  omega: number;
  zeta: number;
  eStart: number;
  eMax: number;
  c: number;
}

export const MOE_CITATION = 'Ludziejewski et al. 2025, arXiv:2502.05172, Eq. 4, 6, 7 and Table 3 (App. B)';

/** Ludziejewski et al. 2025, Table 3 (App. B). N and D include embedding and unembedding (App. A.1). */
export const LUDZIEJEWSKI: JointMoeCoefficients = {
  a: 35.91, alpha: -0.1889, delta: -0.2285, gamma: 0.0098,
  b: 35.98, beta: -0.1775, omega: 0.5529, zeta: -0.0259,
  eStart: 2.0732, eMax: 290.4521, c: 1.3637,
};

/**
 * The runs the law was fitted on (App. E): 79M–2.7B active parameters, 500M–80B tokens, 1–32
 * experts; Fig. 6's caption calls a ratio of about 414 tokens per active parameter "surpassing the
 * range covered by our dataset", so 400 is the warning threshold.
 */
export const MOE_FITTED = {
  activeParams: [79e6, 2.7e9] as const,
  tokens: [500e6, 80e9] as const,
  experts: [1, 32] as const,
  maxTokensPerParam: 400,
  citation: 'Ludziejewski et al. 2025 (arXiv:2502.05172) App. E runs (79M–2.7B active, 500M–80B tokens, E 1–32) and Fig. 6 (≈400 tokens/param)',
};

/** Eq. 4: 1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)^−1) + 1/E_max (E = 1 gives Ê = E_start). */
export function expertTransform(E: number, c: JointMoeCoefficients = LUDZIEJEWSKI): number {
  const inv = 1 / (E - 1 + 1 / (1 / c.eStart - 1 / c.eMax)) + 1 / c.eMax;
  return 1 / inv;
}

/** The law for fixed E in Chinchilla form L = m·N^μ + n·D^ν + c (Eq. 5; Table 4 lists these). */
export interface ReducedMoeLaw {
  m: number;
  mu: number;
  n: number;
  nu: number;
  c: number;
}

export function reducedLaw(E: number, c: JointMoeCoefficients = LUDZIEJEWSKI): ReducedMoeLaw {
  const e = expertTransform(E, c);
  const l = Math.log(e);
  return { m: c.a * Math.pow(e, c.delta), mu: c.alpha + c.gamma * l, n: c.b * Math.pow(e, c.omega), nu: c.beta + c.zeta * l, c: c.c };
}

/** Eq. 6: loss at N_act active parameters (embeddings included), D tokens, E experts. */
export function moeLoss(N: number, D: number, E: number, c: JointMoeCoefficients = LUDZIEJEWSKI): number {
  const r = reducedLaw(E, c);
  return r.m * Math.pow(N, r.mu) + r.n * Math.pow(D, r.nu) + r.c;
}

export interface MoeOptimum {
  experts: number;
  activeParams: number;
  tokens: number;
  loss: number;
}

/** Eq. 5 written as L = c + m/N^α_c + n/D^β_c with the positive exponents α_c = −μ, β_c = −ν. */
function chinchillaForm(r: ReducedMoeLaw): ParametricCoefficients {
  return { E: r.c, A: r.m, B: r.n, alpha: -r.mu, beta: -r.nu };
}

/**
 * Eq. 7 with 6·N_act·D = F. The stored text prints G's exponent as 1/(μ+ν) with μ, ν < 0, which
 * flips the sign; Chinchilla's form needs the positive exponents α_c = −μ, β_c = −ν.
 */
export function moeOptimal(F: number, E: number, c: JointMoeCoefficients = LUDZIEJEWSKI): MoeOptimum {
  return optimumOn(reducedLaw(E, c), E, F);
}

/** moeOptimal on a law already reduced for E experts. */
function optimumOn(r: ReducedMoeLaw, E: number, F: number): MoeOptimum {
  const o = parametricOptimal(chinchillaForm(r), F);
  // moeLoss(N, D, E, c) on the same reduced law.
  return { experts: E, activeParams: o.N, tokens: o.D, loss: r.m * Math.pow(o.N, r.mu) + r.n * Math.pow(o.D, r.nu) + r.c };
}

/** Tokens at which N active parameters sit on E experts' compute-optimal frontier (inverse of Eq. 7). */
export function moeOptimalTokensForParams(N: number, E: number, c: JointMoeCoefficients = LUDZIEJEWSKI): number {
  return parametricTokensForParams(chinchillaForm(reducedLaw(E, c)), N);
}

/** The paper's model family (App. A.1, A.3): n_blocks = n_heads = d_model/64, vocabulary 50,257. */
export const MOE_VOCAB = 50257;

/**
 * d_model for N_act = 2·d·V + 13·(d/64)·d² (Eq. 10), within [1, 1e6]. The cubic d³ + p·d − q = 0
 * (p, q > 0) has one real root, d = 2√(p/3)·sinh(asinh((3q/2p)·√(3/p))/3) (the hyperbolic form of
 * Cardano's, free of cancellation); one Newton step takes it to the last bit.
 */
function dModelForActive(N: number, vocab: number): number {
  const f = (d: number): number => 2 * d * vocab + (13 / 64) * d * d * d;
  if (!(N > f(1))) return 1;
  if (!(N < f(1e6))) return 1e6;
  const p = (2 * vocab * 64) / 13;
  const q = (N * 64) / 13;
  const d = 2 * Math.sqrt(p / 3) * Math.sinh(Math.asinh(((3 * q) / (2 * p)) * Math.sqrt(3 / p)) / 3);
  return d - (f(d) - N) / (2 * vocab + (39 / 64) * d * d);
}

/** Total parameters (memory) for N_act active with E experts: Eq. 9 minus Eq. 10 adds 9(E−1)·n_blocks·d². */
export function moeTotalParams(N: number, E: number, vocab = MOE_VOCAB): number {
  const d = dModelForActive(N, vocab);
  return N + 9 * (E - 1) * (d / 64) * d * d;
}

const fmtSize = (x: number): string => (x >= 1e12 ? `${+(x / 1e12).toPrecision(3)}T` : x >= 1e9 ? `${+(x / 1e9).toPrecision(3)}B` : `${+(x / 1e6).toPrecision(3)}M`);
/** The fitted ranges as the caveats print them, written once. */
const FITTED_TEXT = { params: MOE_FITTED.activeParams.map(fmtSize).join('–'), tokens: MOE_FITTED.tokens.map(fmtSize).join('–') };

/** Caveats when a point lies outside the runs the law was fitted on; empty inside them. */
export function moeRangeWarnings(N: number, D: number, E: number): string[] {
  const w: string[] = [];
  const [nLo, nHi] = MOE_FITTED.activeParams;
  const [dLo, dHi] = MOE_FITTED.tokens;
  if (!(N >= nLo && N <= nHi)) w.push(`${fmtSize(N)} active params is outside the fitted ${FITTED_TEXT.params}`);
  if (!(D >= dLo && D <= dHi)) w.push(`${fmtSize(D)} tokens is outside the fitted ${FITTED_TEXT.tokens}`);
  if (!(E >= MOE_FITTED.experts[0] && E <= MOE_FITTED.experts[1])) w.push(`${E} experts is outside the fitted 1–32`);
  if (D / N > MOE_FITTED.maxTokensPerParam) w.push(`${(D / N).toFixed(0)} tokens per active parameter is above the ≈${MOE_FITTED.maxTokensPerParam} the data covers`);
  return w.length ? [`${w.join('; ')} (${MOE_FITTED.citation}); the figures are an extrapolation.`] : [];
}

export interface DenseVsMoeSide extends MoeOptimum {
  totalParams: number;
}

export interface DenseVsMoe {
  flops: number;
  dense: DenseVsMoeSide;
  moe: DenseVsMoeSide;
  /** Compute the dense model would need to match the MoE's loss, as a multiple of F (Fig. 2b's saving). */
  denseComputeToMatch: number;
  warnings: string[];
  citation: string;
}

/** The paper's law at E = 1 (dense) and its frontier exponent γ = α_c·β_c/(α_c + β_c), reduced once. */
const DENSE = ((): { law: ReducedMoeLaw; gamma: number } => {
  const law = reducedLaw(1, LUDZIEJEWSKI);
  const f = chinchillaForm(law);
  return { law, gamma: (f.alpha * f.beta) / (f.alpha + f.beta) };
})();

/** The best dense and the best E-expert model at the same training compute, total beside active. */
export function denseVsMoe(F: number, E: number): DenseVsMoe {
  const side = (r: ReducedMoeLaw, e: number): DenseVsMoeSide => {
    const o = optimumOn(r, e, F);
    return Object.assign(o, { totalParams: moeTotalParams(o.activeParams, e) });
  };
  const dense = side(DENSE.law, 1);
  const moe = side(reducedLaw(E), E);
  // The dense frontier is L*(F) = c + K·(F/6)^−γ (parametric.ts), so L*(kF) = L_moe solves in
  // closed form: k = ((L_moe − c)/(L*_dense(F) − c))^(−1/γ), within the compared range 1–1000.
  const k = Math.min(1e3, Math.max(1, Math.pow((moe.loss - DENSE.law.c) / (dense.loss - DENSE.law.c), -1 / DENSE.gamma)));
  const warnings = moeRangeWarnings(dense.activeParams, dense.tokens, 1).concat(moeRangeWarnings(moe.activeParams, moe.tokens, E));
  return { flops: F, dense, moe, denseComputeToMatch: k, warnings: warnings.filter((x, i) => warnings.indexOf(x) === i), citation: MOE_CITATION };
}
