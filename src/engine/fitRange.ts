// The model sizes and token counts each law was fitted on, so an answer far outside them can say
// it is an extrapolation (the number is still given: the laws are routinely extrapolated, but a
// reader should know when).

import type { LawId } from './types';
import { MOE_FITTED } from './moeLaw';

export interface FittedRange {
  /** Parameters of the fitted runs, in the law's own convention (Kaplan: non-embedding). */
  params: readonly [number, number];
  tokens: readonly [number, number];
  citation: string;
}

/** Chinchilla's runs: "over 400 language models ranging from 70 million to over 16 billion parameters on 5 to 500 billion tokens". */
const CHINCHILLA_RUNS: FittedRange = {
  params: [70e6, 16e9],
  tokens: [5e9, 500e9],
  citation: 'Hoffmann et al. 2022 (arXiv:2203.15556), abstract: 400+ models of 70M to 16B parameters on 5B to 500B tokens',
};

export const FITTED_RANGES: Record<LawId, FittedRange> = {
  // Besiroglu et al. refit points reconstructed from the same runs (Chinchilla Fig. 4).
  epoch: { ...CHINCHILLA_RUNS, citation: `${CHINCHILLA_RUNS.citation}; the Epoch refit (arXiv:2404.10102) uses the same runs` },
  chinchilla: CHINCHILLA_RUNS,
  'chinchilla-tex': CHINCHILLA_RUNS,
  'chinchilla-a1': CHINCHILLA_RUNS,
  kaplan: {
    params: [768, 1.5e9],
    tokens: [22e6, 23e9],
    citation: 'Kaplan et al. 2020 (arXiv:2001.08361) Sec. 3: models of 768 to 1.5B non-embedding parameters on 22M to 23B tokens',
  },
  // Active parameters; moeLaw.ts moeRangeWarnings adds the expert count and tokens-per-parameter checks.
  moe: {
    params: [MOE_FITTED.activeParams[0], MOE_FITTED.activeParams[1]],
    tokens: [MOE_FITTED.tokens[0], MOE_FITTED.tokens[1]],
    citation: MOE_FITTED.citation,
  },
};

const fmt = (x: number): string => {
  for (const [s, v] of [['T', 1e12], ['B', 1e9], ['M', 1e6], ['k', 1e3]] as const) if (x >= v) return `${+(x / v).toPrecision(3)}${s}`;
  return String(+x.toPrecision(3));
};

/** A warning when params or tokens fall outside the law's fitted range; null inside it. */
export function extrapolationWarning(law: LawId, params: number, tokens: number): string | null {
  const r = FITTED_RANGES[law];
  const outside: string[] = [];
  const check = (x: number, [lo, hi]: readonly [number, number], label: string): void => {
    if (!(x >= lo && x <= hi)) outside.push(`${fmt(x)} ${label} (fitted: ${fmt(lo)}–${fmt(hi)})`);
  };
  check(params, r.params, law === 'kaplan' ? 'non-embedding params' : 'params');
  check(tokens, r.tokens, 'tokens');
  if (!outside.length) return null;
  return `outside the range the law was fitted on: ${outside.join(', ')}; ${r.citation}. The figures are an extrapolation.`;
}
