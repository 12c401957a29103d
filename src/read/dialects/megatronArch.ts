// Megatron-core / NeMo and GPT-NeoX keys for multi-head latent attention and rich mixtures of
// experts. Megatron (transformer_config.py): multi_latent_attention, q_lora_rank, kv_lora_rank,
// qk_head_dim (no-RoPE part), qk_pos_emb_head_dim, v_head_dim; num_moe_experts, moe_router_topk,
// moe_ffn_hidden_size (expert width), moe_shared_expert_intermediate_size (one shared MLP),
// moe_router_enable_expert_bias (DeepSeek-V3 balancing bias), moe_layer_freq (an int: layer i is
// MoE when i % freq == 0; or a 0/1 list, "([0]*3+[1]*58)" in recipes), mtp_num_layers.

import type { Collector } from '../collector';
import { flagAt } from './keys';
import type { Shape } from './shape';
import type { SourceKey } from '../types';

type Path = Array<string | number>;

/** Dense-layer indices from a Megatron/NeoX frequency: an int n (MoE when i % n == 0), a 0/1 list, or "([0]*3+[1]*58)". */
export function denseFromFreq(v: unknown, layers: number | undefined): number[] | 'invalid' | undefined {
  let pattern: number[] | undefined;
  if (typeof v === 'number') {
    if (!(Number.isInteger(v) && v >= 1)) return 'invalid';
    if (v === 1 || layers === undefined) return v === 1 ? [] : undefined;
    pattern = Array.from({ length: layers }, (_, i) => (i % v === 0 ? 1 : 0));
  } else if (Array.isArray(v)) {
    pattern = v.map(Number);
  } else if (typeof v === 'string') {
    const parts = [...v.matchAll(/\[([01])\]\s*\*\s*(\d+)/g)];
    if (!parts.length) return 'invalid';
    pattern = parts.flatMap((m) => Array<number>(Number(m[2])).fill(Number(m[1])));
  } else return undefined;
  if (pattern.some((x) => x !== 0 && x !== 1)) return 'invalid';
  if (layers !== undefined && pattern.length !== layers) return 'invalid';
  return pattern.flatMap((x, i) => (x === 0 ? [i] : []));
}

/** The moe_layer_freq / moe_expert_interval key: dense layers on the shape, or an invalid-value error on the key. */
export function applyLayerFreq(c: Collector, s: Shape, path: Path): void {
  const h = c.hit(path);
  if (!h || !s.moe) return;
  const seq = c.view.itemsOf(h);
  const v = seq ? seq.map((i) => i.value) : h.value;
  const dense = denseFromFreq(v, s.layers);
  if (dense === 'invalid') {
    c.problem('invalid-value', 'error', `${path.join('.')}: ${h.source} is not a layer frequency for ${s.layers ?? 'the'} layers (an integer of at least 1, or one 0/1 entry per layer), so the parameters are not counted.`, h.span, 'model.moe.every');
    // Not counted: checkArchitecture refuses the NaN interval (this error already names the key).
    s.moe.every = NaN;
    return;
  }
  c.record('model.moe.every', path, h);
  if (dense?.length) s.moe.denseLayers = dense;
}

export function readMegatronArch(c: Collector, s: Shape, M: (...k: string[]) => Path): void {
  const n = (k: string, field: SourceKey): number | undefined => c.got([M(k)], field)?.value;
  if (flagAt(c, M('multi_latent_attention'))) {
    s.attention = {
      ...s.attention,
      kind: 'mla',
      mla: {
        qLoraRank: n('q_lora_rank', 'model.attention.q_lora_rank'),
        kvLoraRank: n('kv_lora_rank', 'model.attention.kv_lora_rank') ?? 512,
        qkNopeHeadDim: n('qk_head_dim', 'model.attention.qk_nope_head_dim') ?? 128,
        qkRopeHeadDim: n('qk_pos_emb_head_dim', 'model.attention.qk_rope_head_dim') ?? 64,
        vHeadDim: n('v_head_dim', 'model.attention.v_head_dim') ?? 128,
      },
    };
    delete s.kvHeads;
  }
  if (s.moe) {
    const ew = n('moe_ffn_hidden_size', 'model.moe.expert_ffn_hidden');
    if (ew !== undefined) s.moe.expertFfnHidden = ew;
    const shared = n('moe_shared_expert_intermediate_size', 'model.moe.shared_ffn_hidden');
    if (shared !== undefined) s.moe.sharedFfnHidden = shared;
    if (flagAt(c, M('moe_router_enable_expert_bias'))) s.moe.scoreCorrectionBias = true;
    applyLayerFreq(c, s, M('moe_layer_freq'));
  }
  const mtp = n('mtp_num_layers', 'model.mtp_layers');
  if (mtp) s.mtpLayers = mtp;
}
