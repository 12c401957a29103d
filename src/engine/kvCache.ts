// KV-cache bytes per token of context, summed over the layers: MLA caches its compressed latent
// and decoupled RoPE key (kv_lora_rank + qk_rope_head_dim per layer, DeepSeek-V2 Table 1); GQA/MQA/MHA
// caches 2 x kv_heads x head_dim per layer; a sliding-window layer holds at most its window; a
// Mamba layer's recurrent state is constant per sequence, amortised over the context.

import { mambaStateValues } from './params/mamba';
import { layerKinds } from './params/layers';
import { headDim, type CompleteShape } from './params';

/** Cached values per token of one attention layer. */
export function kvValuesPerLayer(shape: CompleteShape): number {
  const mla = shape.attention?.mla;
  if (mla) return mla.kvLoraRank + mla.qkRopeHeadDim;
  return 2 * (shape.kvHeads ?? shape.heads) * headDim(shape);
}

/**
 * Bytes of cache per token of context at bytesPerValue (2 for bf16, 1 for int8/fp8). With a
 * context length, sliding-window layers count min(window, context) / context of a token and Mamba
 * layers their state / context; without one, windows are not capped and Mamba state is left out.
 */
export function kvCacheBytesPerToken(shape: CompleteShape, bytesPerValue: number, context?: number): number {
  if (!(bytesPerValue > 0)) return 0;
  const ctx = context !== undefined && context > 0 ? context : undefined;
  const perLayer = kvValuesPerLayer(shape);
  let values = 0;
  for (const k of layerKinds(shape)) {
    if (k.mixer === 'attention') {
      const w = k.attendWindow;
      values += w !== undefined && ctx !== undefined ? (perLayer * Math.min(w, ctx)) / ctx : perLayer;
    } else if (k.mixer === 'mamba' && shape.mamba && ctx !== undefined) {
      values += mambaStateValues(shape.mamba) / ctx;
    }
  }
  return values * bytesPerValue;
}
