// Hugging Face config.json for the architectures of 2024-2026, following each model type's
// transformers reference implementation (modeling_<type>.py): every linear with or without bias,
// every norm, router and gate. Multimodal configs nest the language model in text_config; only it
// is counted (the vision tower is not).
//
// - qwen3: q/k RMSNorm per head (q_norm, k_norm over head_dim), no biases.
// - qwen3_moe: as qwen3; num_experts routed at moe_intermediate_size, num_experts_per_tok,
//   decoder_sparse_step, mlp_only_layers; router without bias; no shared expert.
// - qwen2_moe: q/k/v biases; routed experts plus one shared_expert (shared_expert_intermediate_size)
//   with a sigmoid shared_expert_gate (hidden -> 1).
// - deepseek_v2 / deepseek_v3: MLA (q_lora_rank or none, kv_lora_rank, qk_nope/qk_rope/v head dims,
//   q_a_layernorm, kv_a_layernorm); n_routed_experts and n_shared_experts at moe_intermediate_size,
//   intermediate_size on the first_k_dense_replace dense layers, moe_layer_freq; v3 adds the
//   e_score_correction_bias and num_nextn_predict_layers MTP modules.
// - llama4 / llama4_text: experts at intermediate_size plus one shared expert, dense layers at
//   intermediate_size_mlp, interleave_moe_layer_step; the q/k L2 norm has no weights.
// - gemma3 / gemma3_text: four norms per block, q/k norms per head, tied embeddings, sliding_window
//   on all but every sliding_window_pattern-th layer (or layer_types).
// - gpt_oss: biases on q/k/v/o, attention sinks, router bias, expert biases, layer_types alternating
//   sliding (window 128) and full attention.
// - olmo2: q_norm and k_norm over the whole projection; post-attention and post-feedforward norms.
// - olmoe: as olmo2's q/k norms with pre-norms; num_experts at intermediate_size, no shared expert.
// - phimoe: LayerNorm with bias, q/k/v/o biases, lm_head bias; num_local_experts at intermediate_size.
// - granite / granitemoe: Llama blocks (multipliers change no count); granitemoe experts at
//   intermediate_size, router without bias.
// - nemotron_h (hybrid): hybrid_override_pattern, one mixer per layer with one RMSNorm: M Mamba-2,
//   * attention, - squared-ReLU MLP (two matrices).

import type { Collector, Got } from '../collector';
import type { BlockKind } from '../../engine/types';
import type { SourceKey } from '../types';
import { flagAt } from './keys';
import type { Shape } from './shape';

type Path = Array<string | number>;

export const MODERN_TYPES = ['qwen3', 'qwen3_moe', 'qwen2_moe', 'deepseek_v2', 'deepseek_v3', 'llama4', 'llama4_text', 'gemma3', 'gemma3_text', 'gpt_oss', 'olmo2', 'olmoe', 'phimoe', 'granite', 'granitemoe', 'nemotron_h'];

/** Gemma3TextConfig defaults for keys a multimodal text_config leaves out (configuration_gemma3.py). */
const GEMMA3_TEXT_DEFAULTS: Record<string, number> = { vocab_size: 262208, num_attention_heads: 8, num_key_value_heads: 4, head_dim: 256, sliding_window: 4096, sliding_window_pattern: 6 };

export function readModern(c: Collector, s: Shape, mt: string): void {
  const nested = (mt === 'gemma3' || mt === 'llama4') && !!c.hit(['text_config']);
  const P = (k: string): Path => (nested ? ['text_config', k] : [k]);
  const textType = nested ? String(c.hit(['text_config', 'model_type'])?.value ?? `${mt}_text`) : mt;
  if (nested) c.problem('missing-facts', 'information', `A multimodal config: the language model in text_config is counted; the vision tower and projector are not.`, c.hit(['text_config'])?.keySpan, 'model.params');
  const got = (k: string): Got | undefined => c.value([P(k)], 'model.params');
  const num = (k: string, field: SourceKey, dflt?: number): number | undefined => {
    const g = c.got([P(k)], field);
    return g ? g.value : textType === 'gemma3_text' && GEMMA3_TEXT_DEFAULTS[k] !== undefined ? GEMMA3_TEXT_DEFAULTS[k] : dflt;
  };
  const flag = (k: string, dflt: boolean): boolean => flagAt(c, P(k)) ?? dflt;

  s.architecture = 'llama';
  s.layers = num('num_hidden_layers', 'model.layers');
  s.dModel = num('hidden_size', 'model.d_model');
  s.heads = num('num_attention_heads', 'model.heads');
  const kv = num('num_key_value_heads', 'model.kv_heads');
  if (kv !== undefined && kv !== s.heads) s.kvHeads = kv;
  const hd = num('head_dim', 'model.head_dim');
  if (hd !== undefined) s.headDim = hd;
  s.ffnHidden = num('intermediate_size', 'model.ffn_hidden');
  s.vocabSize = num('vocab_size', 'model.vocab_size');
  const maxPos = got('max_position_embeddings');
  if (maxPos) s.maxPositions = maxPos.value;
  const tieDefault = mt.startsWith('gemma3');
  s.tieEmbeddings = flagAt(c, ['tie_word_embeddings']) ?? flagAt(c, P('tie_word_embeddings')) ?? tieDefault;
  const attention: NonNullable<Shape['attention']> = {};
  const attnBias = flag('attention_bias', mt === 'gpt_oss' || mt === 'phimoe');
  if (attnBias) {
    s.qkvBias = true;
    attention.oBias = true;
  }
  if (flag('mlp_bias', false)) s.biases = true;

  applyFamily({ c, s, attention, P, num, flag }, mt);
  if (mt === 'mistral' || mt === 'granite') slidingWindows(c, s, attention, P, num);
  if (Object.keys(attention).length) s.attention = attention;
}

interface Reading {
  c: Collector;
  s: Shape;
  attention: NonNullable<Shape['attention']>;
  P: (k: string) => Path;
  num: (k: string, field: SourceKey, dflt?: number) => number | undefined;
  flag: (k: string, dflt: boolean) => boolean;
}

/** The model type's own blocks: experts, shared experts, layer rules, norms, windows. */
function applyFamily(r: Reading, mt: string): void {
  const { c, s, attention, P, num, flag } = r;
  const routed = (expertsKey: string, widthKey: string): void => {
    const experts = num(expertsKey, 'model.moe.experts');
    if (experts === undefined) return;
    const topK = num('num_experts_per_tok', 'model.moe.top_k') ?? num('experts_per_token', 'model.moe.top_k');
    s.moe = { experts, topK, expertFfnHidden: num(widthKey, 'model.moe.expert_ffn_hidden') };
  };
  const sparseStep = (): void => {
    const step = num('decoder_sparse_step', 'model.moe.every');
    if (s.moe && step !== undefined && step > 1) s.moe.every = step;
    const only = c.hit(P('mlp_only_layers'));
    const list = only && c.view.itemsOf(only)?.map((i) => Number(i.value)).filter((n) => Number.isInteger(n));
    if (s.moe && list?.length) s.moe.denseLayers = list;
  };

  if (mt === 'qwen3' || mt === 'qwen3_moe') {
    attention.qkNorm = 'head';
    if (mt === 'qwen3_moe') {
      routed('num_experts', 'moe_intermediate_size');
      sparseStep();
    }
  } else if (mt === 'qwen2_moe') {
    s.qkvBias = flag('qkv_bias', true);
    routed('num_experts', 'moe_intermediate_size');
    sparseStep();
    const shared = num('shared_expert_intermediate_size', 'model.moe.shared_ffn_hidden');
    if (s.moe && shared) Object.assign(s.moe, { sharedFfnHidden: shared, sharedExpertGate: true });
  } else if (mt === 'deepseek_v2' || mt === 'deepseek_v3') {
    readMla(c, s, attention, P);
    routed('n_routed_experts', 'moe_intermediate_size');
    if (s.moe) {
      s.moe.sharedExperts = num('n_shared_experts', 'model.moe.shared_experts');
      s.moe.firstDenseLayers = num('first_k_dense_replace', 'model.moe.first_dense_layers');
      const freq = num('moe_layer_freq', 'model.moe.every');
      if (freq !== undefined && freq > 1) s.moe.every = freq;
      if (mt === 'deepseek_v3' || c.hit(P('topk_method'))?.value === 'noaux_tc') s.moe.scoreCorrectionBias = true;
    }
    const mtp = num('num_nextn_predict_layers', 'model.mtp_layers');
    if (mtp) s.mtpLayers = mtp;
  } else if (mt === 'llama4' || mt === 'llama4_text') {
    routed('num_local_experts', 'intermediate_size');
    s.ffnHidden = num('intermediate_size_mlp', 'model.ffn_hidden') ?? s.ffnHidden;
    if (s.moe) {
      s.moe.sharedExperts = 1;
      const step = num('interleave_moe_layer_step', 'model.moe.every');
      if (step !== undefined && step > 1) s.moe.every = step;
    }
  } else if (mt.startsWith('gemma3')) {
    s.normsPerLayer = 4;
    attention.qkNorm = 'head';
    slidingWindows(c, s, attention, P, num);
  } else if (mt === 'gpt_oss') {
    s.biases = true;
    attention.sinks = true;
    routed('num_local_experts', 'intermediate_size');
    if (s.moe) s.moe.routerBias = true;
    slidingWindows(c, s, attention, P, num);
  } else if (mt === 'olmo2' || mt === 'olmoe') {
    attention.qkNorm = 'full';
    if (mt === 'olmoe') routed('num_experts', 'intermediate_size');
  } else if (mt === 'phimoe') {
    s.norm = 'layernorm';
    s.outputBias = flag('lm_head_bias', true);
    routed('num_local_experts', 'intermediate_size');
  } else if (mt === 'granitemoe') {
    routed('num_local_experts', 'intermediate_size');
  } else if (mt === 'nemotron_h') {
    readNemotronH(c, s, num);
  }
}

function readMla(c: Collector, s: Shape, attention: NonNullable<Shape['attention']>, P: (k: string) => Path): void {
  const g = (k: string, field: SourceKey): number | undefined => c.got([P(k)], field)?.value;
  const kvr = g('kv_lora_rank', 'model.attention.kv_lora_rank');
  if (kvr === undefined && !c.hit(P('kv_lora_rank'))) return;
  attention.kind = 'mla';
  attention.mla = {
    qLoraRank: g('q_lora_rank', 'model.attention.q_lora_rank'),
    kvLoraRank: kvr ?? 0,
    qkNopeHeadDim: g('qk_nope_head_dim', 'model.attention.qk_nope_head_dim') ?? 128,
    qkRopeHeadDim: g('qk_rope_head_dim', 'model.attention.qk_rope_head_dim') ?? 64,
    vHeadDim: g('v_head_dim', 'model.attention.v_head_dim') ?? 128,
  };
  delete s.kvHeads;
}

/** Windowed layers: layer_types when given, else sliding_window_pattern (Gemma 3), else all layers (Mistral). */
function slidingWindows(c: Collector, s: Shape, attention: NonNullable<Shape['attention']>, P: (k: string) => Path, num: (k: string, f: SourceKey, d?: number) => number | undefined): void {
  if (c.hit(P('use_sliding_window')) && !flagAt(c, P('use_sliding_window'))) return;
  const w = num('sliding_window', 'model.attention.sliding_window');
  if (w === undefined) return;
  attention.slidingWindow = w;
  const layerTypes = c.hit(P('layer_types'));
  const types = layerTypes && c.view.itemsOf(layerTypes)?.map((i) => String(i.value));
  if (types?.length) {
    // The period of the full-attention layers (gpt-oss: every 2nd, Gemma 3: every 6th).
    const full = types.map((t, i) => (t === 'full_attention' ? i + 1 : 0)).filter((i) => i > 0);
    if (full.length) attention.globalEvery = full[0];
    return;
  }
  const pattern = num('sliding_window_pattern', 'model.attention.global_every');
  if (pattern !== undefined && pattern >= 1) attention.globalEvery = pattern;
}

const NEMOTRON_KINDS: Record<string, BlockKind> = { M: 'mamba', '*': 'attention', '-': 'mlp', E: 'moe' };

function readNemotronH(c: Collector, s: Shape, num: (k: string, f: SourceKey, d?: number) => number | undefined): void {
  s.ungatedMlp = true;
  const pat = c.hit(['hybrid_override_pattern']);
  if (typeof pat?.value === 'string') {
    c.record('model.layer_pattern', ['hybrid_override_pattern'], pat);
    const kinds = [...pat.value].map((ch) => NEMOTRON_KINDS[ch]);
    if (kinds.every((k) => k !== undefined)) s.layerPattern = kinds;
    else c.problem('invalid-value', 'error', `hybrid_override_pattern: "${pat.value}" has characters other than M, *, - and E.`, pat.span, 'model.layer_pattern');
  }
  const heads = num('mamba_num_heads', 'model.mamba.heads');
  const headDim = num('mamba_head_dim', 'model.mamba.head_dim');
  const state = num('ssm_state_size', 'model.mamba.state_size', 128);
  const groups = num('n_groups', 'model.mamba.groups', 8);
  const kernel = num('conv_kernel', 'model.mamba.conv_kernel', 4);
  if (heads !== undefined && headDim !== undefined && state !== undefined && groups !== undefined && kernel !== undefined) {
    s.mamba = { heads, headDim, stateSize: state, groups, convKernel: kernel, projBias: flagAt(c, ['use_bias']) ?? false, convBias: flagAt(c, ['use_conv_bias']) ?? true };
  }
}
