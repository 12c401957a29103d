// Consistency of the architecture keys a reader found: a top-k above the expert count, a latent
// rank of 0, a layer pattern that does not match the layer count. Each is an invalid-value error
// on the key that holds it, and the parameters are then not counted (never a silently wrong count).

import type { Collector } from '../collector';
import type { Shape } from './shape';
import type { SourceKey } from '../types';

function fail(c: Collector, field: SourceKey, why: string): false {
  // A reader may have said why already, on the key itself.
  if (c.problems.some((p) => p.code === 'invalid-value' && p.field === field)) return false;
  const src = c.sources[field];
  c.problem('invalid-value', 'error', `${src?.key ?? field}: ${src?.text ?? ''} is not possible: ${why}, so the parameters are not counted.`.replace(':  is', ' is'), src?.span, field);
  return false;
}

/** False when the shape's architecture keys contradict each other (findings added). */
export function checkArchitecture(c: Collector, s: Shape): boolean {
  let ok = true;
  const m = s.moe;
  if (m && m.experts >= 1) {
    if (m.topK !== undefined && !(m.topK >= 1)) ok = fail(c, 'model.moe.top_k', 'a token must be routed to at least one expert');
    else if (m.topK !== undefined && m.topK > m.experts) ok = fail(c, 'model.moe.top_k', `a token cannot be routed to more experts than the ${m.experts} there are`);
    if (m.every !== undefined && !(m.every >= 1)) ok = fail(c, 'model.moe.every', 'the MoE layer interval must be at least 1');
    if (s.layers !== undefined && m.firstDenseLayers !== undefined && m.firstDenseLayers > s.layers) ok = fail(c, 'model.moe.first_dense_layers', `there are only ${s.layers} layers`);
  }
  const mla = s.attention?.mla;
  if (mla) {
    if (!(mla.kvLoraRank >= 1)) ok = fail(c, 'model.attention.kv_lora_rank', 'multi-head latent attention needs a key/value latent rank of at least 1');
    if (mla.qLoraRank !== undefined && !(mla.qLoraRank >= 1)) ok = fail(c, 'model.attention.q_lora_rank', 'a query latent rank must be at least 1 (or absent for a full query projection)');
    if (!(mla.qkNopeHeadDim + mla.qkRopeHeadDim >= 1) || !(mla.vHeadDim >= 1)) ok = fail(c, 'model.attention.qk_nope_head_dim', 'the query/key and value head dimensions must be at least 1');
  }
  const w = s.attention?.slidingWindow;
  if (w !== undefined && !(w >= 1)) ok = fail(c, 'model.attention.sliding_window', 'a sliding window must span at least one token');
  if (s.layerPattern && s.layers !== undefined && s.layerPattern.length !== s.layers) {
    ok = fail(c, 'model.layer_pattern', `the pattern has ${s.layerPattern.length} layers but the model has ${s.layers}`);
  }
  if (s.layerPattern?.includes('mamba') && !s.mamba) ok = fail(c, 'model.layer_pattern', 'Mamba layers need the Mamba-2 dimensions (heads, head dim, state size, groups)');
  return ok;
}
