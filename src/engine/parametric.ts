// The closed forms of a Chinchilla-form law L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022,
// Eq. 2 and 4): the compute-optimal split, the tokens that put N on the frontier, the frontier
// L*(C) and its inverse. The parametric laws (laws.ts) and the MoE law at a fixed expert count
// (moeLaw.ts, Eq. 5) both use them.

/** Training FLOPs per parameter per token: forward 2, backward 4 (Kaplan Sec. 2.1; Chinchilla Sec. 3). */
export const FLOPS_PER_PARAM_TOKEN = 6;

/** L(N, D) = E + A / N^alpha + B / D^beta (Hoffmann et al. 2022, Eq. 2). */
export interface ParametricCoefficients {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

export function parametricLoss(c: ParametricCoefficients, N: number, D: number): number {
  return c.E + c.A / Math.pow(N, c.alpha) + c.B / Math.pow(D, c.beta);
}

/** G = (alpha A / (beta B))^(1/(alpha+beta)) (Hoffmann et al. 2022, Eq. 4). */
export function parametricG(c: ParametricCoefficients): number {
  return Math.pow((c.alpha * c.A) / (c.beta * c.B), 1 / (c.alpha + c.beta));
}

/** N_opt = G (C/6)^a, D_opt = G^-1 (C/6)^b with a = beta/(alpha+beta), b = alpha/(alpha+beta) (Eq. 4). */
export function parametricOptimal(c: ParametricCoefficients, C: number): { N: number; D: number } {
  const G = parametricG(c);
  const s = c.alpha + c.beta;
  const x = C / FLOPS_PER_PARAM_TOKEN;
  return { N: G * Math.pow(x, c.beta / s), D: Math.pow(x, c.alpha / s) / G };
}

/** Tokens that put N on the frontier: invert N_opt(C) (Table A3 method). */
export function parametricTokensForParams(c: ParametricCoefficients, N: number): number {
  const G = parametricG(c);
  const a = c.beta / (c.alpha + c.beta);
  const x = Math.pow(N / G, 1 / a); // C/6
  return x / N;
}

/** The frontier L*(C) = E + K (C/6)^(-gamma): K = A G^-alpha + B G^beta, gamma = alpha beta/(alpha+beta). */
function frontierTerms(c: ParametricCoefficients): { K: number; gamma: number } {
  const G = parametricG(c);
  return { K: c.A * Math.pow(G, -c.alpha) + c.B * Math.pow(G, c.beta), gamma: (c.alpha * c.beta) / (c.alpha + c.beta) };
}

/** L*(C) = E + (A G^-alpha + B G^beta) (C/6)^(-alpha beta/(alpha+beta)). */
export function parametricFrontierLoss(c: ParametricCoefficients, C: number): number {
  const { K, gamma } = frontierTerms(c);
  return c.E + K * Math.pow(C / FLOPS_PER_PARAM_TOKEN, -gamma);
}

/** Inverse of the frontier: the least compute that reaches loss L (Infinity when L <= E). */
export function parametricComputeForLoss(c: ParametricCoefficients, L: number): number {
  if (!(L > c.E)) return Infinity;
  const { K, gamma } = frontierTerms(c);
  return FLOPS_PER_PARAM_TOKEN * Math.pow((L - c.E) / K, -1 / gamma);
}
