// Feed-forward blocks: one MLP (GELU 2 matrices, SwiGLU/GeGLU 3, squared-ReLU 2) or a mixture
// of experts with routed and shared experts, router, router bias, score-correction bias and
// shared-expert gate, as the reference implementations build them.

import type { ModelShape } from '../types';
import type { Block } from './attention';

/** FFN width: 4h for GELU MLPs; Llama's rule 2/3 * 4h rounded up to a multiple of 256 for SwiGLU. */
export function defaultFfnHidden(s: Pick<ModelShape, 'architecture' | 'dModel'>): number {
  if (s.architecture === 'gpt') return 4 * s.dModel;
  const raw = Math.floor((2 * 4 * s.dModel) / 3);
  return 256 * Math.ceil(raw / 256);
}

export function mlpBlock(s: ModelShape & { dModel: number }, w: number): Block {
  const h = s.dModel;
  const gpt = s.architecture === 'gpt';
  const biases = s.biases ?? gpt;
  const mats = gpt || s.ungatedMlp ? 2 : 3;
  const linear = mats * h * w;
  return { params: linear + (biases ? (mats - 1) * w + h : 0), linear };
}

export interface MoeBlock extends Block {
  /** Parameters a token uses: top-k routed experts, shared experts, router; null without top-k. */
  active: number | null;
  /** Parameters of the routed experts (what expert parallel splits): experts x one expert. */
  routed: number;
}

export function moeBlock(s: ModelShape & { dModel: number }): MoeBlock {
  const m = s.moe!;
  const h = s.dModel;
  const ew = m.expertFfnHidden ?? s.ffnHidden ?? defaultFfnHidden(s);
  const expert = mlpBlock(s, ew);
  const shared = m.sharedFfnHidden ? mlpBlock(s, m.sharedFfnHidden) : { params: (m.sharedExperts ?? 0) * expert.params, linear: (m.sharedExperts ?? 0) * expert.linear };
  const routerLinear = h * m.experts + (m.sharedExpertGate ? h : 0);
  const router = routerLinear + (m.routerBias ? m.experts : 0) + (m.scoreCorrectionBias ? m.experts : 0);
  const always = shared.params + router;
  return {
    params: m.experts * expert.params + always,
    linear: m.experts * expert.linear + shared.linear + routerLinear,
    active: m.topK === undefined ? null : Math.min(m.topK, m.experts) * expert.params + always,
    routed: m.experts * expert.params,
  };
}
