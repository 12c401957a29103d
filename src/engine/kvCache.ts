// KV-cache bytes per token of context. This version covers multi-head and grouped-query attention
// only: every layer stores one key and one value vector per KV head,
// 2 · layers · kv_heads · head_dim · bytes (scaling book "How to Scale Your Model", inference
// chapter; Llama-3-70B: 2 · 80 · 8 · 128 · 2 = 327,680 bytes ≈ 320 kB at bf16). Latent attention
// (MLA), sliding windows and state-space layers need their own rules; `context` is accepted for them.

import type { CompleteShape } from './params';

export function kvCacheBytesPerToken(shape: CompleteShape, bytesPerValue: number, context?: number): number {
  void context; // full attention: the per-token cost does not depend on the context length
  const kvHeads = shape.kvHeads ?? shape.heads;
  const headDim = shape.headDim ?? shape.dModel / shape.heads;
  return 2 * shape.layers * kvHeads * headDim * bytesPerValue;
}
