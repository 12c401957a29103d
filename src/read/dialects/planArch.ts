// Plan keys for modern architectures: model.attention (MLA, QK-norm, sinks, sliding windows),
// model.layer_pattern and model.mamba (hybrids), the MoE layer rules and shared-expert details,
// model.mtp_layers. Read into the same shape the config.json readers produce.

import type { BlockKind, ModelShape } from '../../engine/types';
import type { Collector } from '../collector';
import type { PlanBlock } from './planBlock';

type Shape = Partial<ModelShape>;

/** Pattern letters (Nemotron-H's): M Mamba-2, * attention, - MLP, E mixture of experts; or the words. */
const KIND: Record<string, BlockKind> = { M: 'mamba', '*': 'attention', '-': 'mlp', E: 'moe', mamba: 'mamba', attention: 'attention', mlp: 'mlp', moe: 'moe' };

/** The model's modern-architecture keys into the shape; `model`: the model block (keys read from its pairs). */
export function readPlanArchitecture(c: Collector, model: PlanBlock, shape: Shape): void {
  const attention = readAttention(c, model, shape);
  const w = model.num('sliding_window', 'model.sliding_window');
  if (w !== undefined && attention.slidingWindow === undefined) attention.slidingWindow = w;
  if (Object.keys(attention).length) shape.attention = attention;

  const moe = shape.moe && model.child('moe');
  if (shape.moe && moe) {
    const m = shape.moe;
    m.firstDenseLayers = moe.num('first_dense_layers', 'model.moe.first_dense_layers');
    m.every = moe.num('every', 'model.moe.every');
    m.sharedFfnHidden = moe.num('shared_ffn_hidden', 'model.moe.shared_ffn_hidden');
    moe.bool('shared_expert_gate', 'model.moe.shared_expert_gate', (v) => (m.sharedExpertGate = v));
    moe.bool('router_bias', 'model.moe.router_bias', (v) => (m.routerBias = v));
    moe.bool('score_correction_bias', 'model.moe.score_correction_bias', (v) => (m.scoreCorrectionBias = v));
  }

  const pat = model.found('layer_pattern')?.hit;
  if (pat) {
    c.record('model.layer_pattern', ['model', 'layer_pattern'], pat);
    const seq = c.view.itemsOf(pat);
    const items = typeof pat.value === 'string' ? [...pat.value] : seq ? seq.map((i) => String(i.value)) : [];
    const kinds = items.map((x) => KIND[x]);
    if (items.length && kinds.every((k) => k !== undefined)) shape.layerPattern = kinds;
    else c.problem('invalid-value', 'error', 'model.layer_pattern: a string of M (Mamba-2), * (attention), - (MLP), E (MoE), or a list of mamba, attention, mlp, moe.', pat.span, 'model.layer_pattern');
  }
  const mamba = model.child('mamba');
  if (mamba) {
    const heads = mamba.num('heads', 'model.mamba.heads');
    const headDim = mamba.num('head_dim', 'model.mamba.head_dim');
    if (heads !== undefined && headDim !== undefined) {
      const stateSize = mamba.num('state_size', 'model.mamba.state_size') ?? 128;
      const groups = mamba.num('groups', 'model.mamba.groups') ?? 8;
      shape.mamba = { heads, headDim, stateSize, groups, convKernel: mamba.num('conv_kernel', 'model.mamba.conv_kernel') ?? 4 };
    }
  }
  const mtp = model.num('mtp_layers', 'model.mtp_layers');
  if (mtp !== undefined) shape.mtpLayers = mtp;
  model.bool('ungated_mlp', 'model.ungated_mlp', (v) => (shape.ungatedMlp = v));
  model.bool('output_bias', 'model.output_bias', (v) => (shape.outputBias = v));
}

/** model.attention: its kind (MLA with its ranks and head dims), QK-norm, output bias, sinks, sliding windows. */
function readAttention(c: Collector, model: PlanBlock, shape: Shape): NonNullable<ModelShape['attention']> {
  const attention: NonNullable<ModelShape['attention']> = {};
  const a = model.child('attention');
  if (!a) return attention;
  a.anchor('model.attention');
  const kind = a.str('kind', 'model.attention.kind');
  if (kind !== undefined) {
    const k = kind.toLowerCase();
    if (k === 'mha' || k === 'gqa' || k === 'mqa' || k === 'mla') attention.kind = k;
    else c.problem('invalid-value', 'error', `model.attention.kind must be mha, gqa, mqa or mla, not "${kind}".`, c.sources['model.attention.kind']?.span, 'model.attention.kind');
  }
  const kvr = a.num('kv_lora_rank', 'model.attention.kv_lora_rank');
  if (attention.kind === 'mla' || kvr !== undefined) {
    attention.kind = 'mla';
    attention.mla = {
      qLoraRank: a.num('q_lora_rank', 'model.attention.q_lora_rank'),
      kvLoraRank: kvr ?? 0,
      qkNopeHeadDim: a.num('qk_nope_head_dim', 'model.attention.qk_nope_head_dim') ?? 128,
      qkRopeHeadDim: a.num('qk_rope_head_dim', 'model.attention.qk_rope_head_dim') ?? 64,
      vHeadDim: a.num('v_head_dim', 'model.attention.v_head_dim') ?? 128,
    };
    if (kvr === undefined) c.problem('missing-facts', 'information', 'model.attention: multi-head latent attention needs kv_lora_rank (DeepSeek-V2/V3: 512).', c.sources['model.attention']?.span, 'model.attention.kv_lora_rank');
  }
  if (attention.kind === 'mqa' && shape.kvHeads === undefined) shape.kvHeads = 1;
  const qkNorm = a.str('qk_norm', 'model.attention.qk_norm');
  if (qkNorm === 'head' || qkNorm === 'full') attention.qkNorm = qkNorm;
  else if (qkNorm !== undefined && qkNorm !== 'none' && qkNorm !== 'false') c.problem('invalid-value', 'error', `model.attention.qk_norm must be head, full or none, not "${qkNorm}".`, c.sources['model.attention.qk_norm']?.span, 'model.attention.qk_norm');
  a.bool('o_bias', 'model.attention.o_bias', (v) => (attention.oBias = v));
  a.bool('sinks', 'model.attention.sinks', (v) => (attention.sinks = v));
  const w = a.num('sliding_window', 'model.attention.sliding_window');
  if (w !== undefined) attention.slidingWindow = w;
  const every = a.num('global_every', 'model.attention.global_every');
  if (every !== undefined) attention.globalEvery = every;
  return attention;
}
