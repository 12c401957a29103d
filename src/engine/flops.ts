// Training and inference FLOP accounting.

import { FLOPS_PER_PARAM_TOKEN, PF_DAY } from './laws';
import { countParams, headDim, type CompleteShape } from './params';
import { groupedLayers } from './params/layers';

/** C = 6 N_active D: the convention the scaling laws were fitted with (Kaplan Sec. 2.1; Hoffmann Sec. 3). */
export function trainingFlops(activeParams: number, tokens: number): number {
  return FLOPS_PER_PARAM_TOKEN * activeParams * tokens;
}

/**
 * Attention-inclusive training FLOPs per token: 6N + 12 n_layer d_attn seq
 * (PaLM App. B; DeepSeek LLM Eq. 2 counts the full context the same way).
 */
export function flopsPerTokenWithAttention(activeParams: number, layers: number, dAttn: number, seqLen: number): number {
  return FLOPS_PER_PARAM_TOKEN * activeParams + 12 * layers * dAttn * seqLen;
}

export function pfDays(flops: number): number {
  return flops / PF_DAY;
}

/** Kaplan Eq. 2.2: forward FLOPs per token = 2N + 2 n_layer n_ctx d_attn. */
export function kaplanForwardFlopsPerToken(nonEmbedding: number, layers: number, nCtx: number, dAttn: number): number {
  return 2 * nonEmbedding + 2 * layers * nCtx * dAttn;
}

/** DeepSeek LLM (arXiv:2401.02954) Eq. 2: M = 72 n_layer d^2 + 12 n_layer d l_seq (non-embedding FLOPs/token). */
export function deepseekFlopsPerToken(layers: number, dModel: number, seqLen: number): number {
  return 72 * layers * dModel * dModel + 12 * layers * dModel * seqLen;
}

/** DeepSeek LLM Eq. 1: eta_opt = 0.3118 C^-0.125, B_opt = 0.2920 C^0.3271 tokens. */
export function deepseekHyperparams(C: number): { learningRate: number; batchTokens: number } {
  return { learningRate: 0.3118 * Math.pow(C, -0.125), batchTokens: 0.292 * Math.pow(C, 0.3271) };
}

/**
 * LoRA and other frozen-base fine-tunes: the forward pass and activation gradients still
 * cost 2N + 2N per token, but weight gradients (2 per trainable parameter) are only
 * computed for trainable weights: 4 N + 2 N_trainable per token.
 */
export function finetuneFlopsPerToken(totalActive: number, trainable: number): number {
  return 4 * totalActive + 2 * trainable;
}

/** Forward FLOPs per generated or prefilled token: 2N (Kaplan Eq. 2.2; Sardana et al. 2024 Sec. 2). */
export function inferenceFlops(activeParams: number, tokens: number): number {
  return 2 * activeParams * tokens;
}

/**
 * Snell et al. 2024 (arXiv:2408.03314) Sec. 7: at matched FLOPs a model M times smaller may use
 * M + 3 (D_pretrain / D_inference)(M - 1) times more inference compute.
 */
export function testTimeComputeFactor(M: number, R: number): number {
  return M + (3 / R) * (M - 1);
}

/**
 * Mean keys attended per query over a causal sequence of S tokens with an optional window w:
 * the token at position t attends min(t, w) keys, so the mean is sum_t min(t, w) / S.
 */
export function meanAttended(S: number, w?: number): number {
  if (!(S > 0)) return 0;
  if (w === undefined || w >= S) return (S + 1) / 2;
  return ((w * (w + 1)) / 2 + (S - w) * w) / S;
}

/**
 * Forward FLOPs per token of the attention scores and weighted values (the part not in 2N):
 * 2 x heads x (d_qk + d_v) per attended key per attention layer. MLA computes with its
 * up-projected keys and values in training (qk_nope + qk_rope for scores, v_head_dim for values).
 * attended(window) gives the keys one query sees. Mamba layers' scan is not included.
 */
function attentionFlops(shape: CompleteShape, attended: (w?: number) => number): number {
  const mla = shape.attention?.mla;
  const dqk = mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : headDim(shape);
  const dv = mla ? mla.vHeadDim : headDim(shape);
  let total = 0;
  for (const { kind, count } of groupedLayers(shape)) if (kind.mixer === 'attention') total += count * 2 * shape.heads * (dqk + dv) * attended(kind.attendWindow);
  return total;
}

/** Causal attention forward FLOPs per token for training or prefill of seqLen-token sequences. */
export function attentionForwardFlopsPerToken(shape: CompleteShape, seqLen: number): number {
  return attentionFlops(shape, (w) => meanAttended(seqLen, w));
}

/**
 * Training FLOPs per token: 6 N_active plus three times the causal attention forward FLOPs
 * (forward, and backward to activations and weights; PaLM App. B without the causal halving
 * PaLM omits). Null when the active count is unknown (MoE without top-k).
 */
export function trainingFlopsPerToken(shape: CompleteShape, seqLen: number): number | null {
  const active = countParams(shape).active;
  return active === null ? null : FLOPS_PER_PARAM_TOKEN * active + 3 * attentionForwardFlopsPerToken(shape, seqLen);
}

/**
 * Forward FLOPs per token for inference: 2 N_active plus attention. decode: one new token attends
 * min(context, window) keys; prefill: the causal mean over a context-long prompt.
 */
export function forwardFlopsPerToken(shape: CompleteShape, context: number, mode: 'decode' | 'prefill' = 'decode'): number | null {
  const active = countParams(shape).active;
  if (active === null) return null;
  const attended = mode === 'prefill' ? (w?: number) => meanAttended(context, w) : (w?: number) => Math.min(context, w ?? context);
  return 2 * active + attentionFlops(shape, attended);
}
