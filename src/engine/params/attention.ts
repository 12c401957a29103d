// Attention parameters per layer, as transformers builds each projection: GQA/MQA/MHA with an
// explicit head_dim, biases, QK-norm and sinks, or multi-head latent attention (DeepSeek-V2/V3).

import type { ModelShape } from '../types';

export interface Block {
  /** All parameters of the block. */
  params: number;
  /** Weights of its linear layers (what QLoRA quantizes). */
  linear: number;
}

export function headDimOf(s: ModelShape & { dModel: number; heads: number }): number {
  return s.headDim ?? s.dModel / s.heads;
}

/** Parameters of one norm over n features: LayerNorm has weight and bias, RMSNorm a weight. */
export function normSize(s: ModelShape, n: number): number {
  const norm = s.norm ?? (s.architecture === 'gpt' ? 'layernorm' : 'rmsnorm');
  return norm === 'layernorm' ? 2 * n : norm === 'rmsnorm' ? n : 0;
}

/** Whether the projections carry biases: all (gpt, biases), q/k/v only (qkvBias), and o alone (oBias). */
function biasFlags(s: ModelShape): { qkv: boolean; o: boolean } {
  const all = s.biases ?? s.architecture === 'gpt';
  return { qkv: all || !!s.qkvBias, o: all || !!s.attention?.oBias };
}

export function attentionBlock(s: ModelShape & { dModel: number; heads: number }): Block {
  const h = s.dModel;
  const nh = s.heads;
  const a = s.attention ?? {};
  const b = biasFlags(s);
  const mla = a.mla;
  let params: number;
  let linear: number;
  if (mla) {
    // modeling_deepseek_v3.py: q_a_proj, q_a_layernorm, q_b_proj (or q_proj), kv_a_proj_with_mqa,
    // kv_a_layernorm, kv_b_proj, o_proj.
    const qk = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    const qLinear = mla.qLoraRank ? h * mla.qLoraRank + mla.qLoraRank * nh * qk : h * nh * qk;
    const kvA = h * (mla.kvLoraRank + mla.qkRopeHeadDim);
    const kvB = mla.kvLoraRank * nh * (mla.qkNopeHeadDim + mla.vHeadDim);
    const o = nh * mla.vHeadDim * h;
    linear = qLinear + kvA + kvB + o;
    const norms = (mla.qLoraRank ? normSize(s, mla.qLoraRank) : 0) + normSize(s, mla.kvLoraRank);
    const biases = (b.qkv ? (mla.qLoraRank ?? nh * qk) + mla.kvLoraRank + mla.qkRopeHeadDim : 0) + (b.o ? h : 0);
    params = linear + norms + biases;
  } else {
    const nkv = s.kvHeads ?? nh;
    const d = headDimOf(s);
    linear = h * nh * d + 2 * h * nkv * d + nh * d * h;
    const biases = (b.qkv ? nh * d + 2 * nkv * d : 0) + (b.o ? h : 0);
    const qkNorm = a.qkNorm === 'head' ? 2 * normSize(s, d) : a.qkNorm === 'full' ? normSize(s, nh * d) + normSize(s, nkv * d) : 0;
    params = linear + biases + qkNorm;
  }
  if (a.sinks) params += nh;
  return { params, linear };
}
