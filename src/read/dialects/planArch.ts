// Plan keys for modern architectures: model.attention (MLA, QK-norm, sinks, sliding windows),
// model.layer_pattern and model.mamba (hybrids), the MoE layer rules and shared-expert details,
// model.mtp_layers. Read into the same shape the config.json readers produce.

import type { FieldId } from '../../engine/fields';
import type { BlockKind, ModelShape } from '../../engine/types';
import type { Collector } from '../collector';
import type { YamlView } from '../yamlDoc';

type Shape = Partial<ModelShape>;

/** Pattern letters (Nemotron-H's): M Mamba-2, * attention, - MLP, E mixture of experts; or the words. */
const KIND: Record<string, BlockKind> = { M: 'mamba', '*': 'attention', '-': 'mlp', E: 'moe', mamba: 'mamba', attention: 'attention', mlp: 'mlp', moe: 'moe' };

export function readPlanArchitecture(c: Collector, view: YamlView, shape: Shape): void {
  const A = (k: string): string[] => ['model', 'attention', k];
  const n = (id: FieldId): number | undefined => c.num(id.split('.'), id, 'count');
  const attention: NonNullable<ModelShape['attention']> = {};
  if (view.isMap(['model', 'attention'])) {
    c.block('model.attention', ['model', 'attention']);
    const kind = c.str(A('kind'), 'model.attention.kind');
    if (kind !== undefined) {
      const k = kind.toLowerCase();
      if (k === 'mha' || k === 'gqa' || k === 'mqa' || k === 'mla') attention.kind = k;
      else c.problem('invalid-value', 'error', `model.attention.kind must be mha, gqa, mqa or mla, not "${kind}".`, c.sources['model.attention.kind']?.span, 'model.attention.kind');
    }
    const kvr = n('model.attention.kv_lora_rank');
    if (attention.kind === 'mla' || kvr !== undefined) {
      attention.kind = 'mla';
      attention.mla = {
        qLoraRank: n('model.attention.q_lora_rank'),
        kvLoraRank: kvr ?? 0,
        qkNopeHeadDim: n('model.attention.qk_nope_head_dim') ?? 128,
        qkRopeHeadDim: n('model.attention.qk_rope_head_dim') ?? 64,
        vHeadDim: n('model.attention.v_head_dim') ?? 128,
      };
      if (kvr === undefined) c.problem('missing-facts', 'information', 'model.attention: multi-head latent attention needs kv_lora_rank (DeepSeek-V2/V3: 512).', c.sources['model.attention']?.span, 'model.attention.kv_lora_rank');
    }
    if (attention.kind === 'mqa' && shape.kvHeads === undefined) shape.kvHeads = 1;
    const qkNorm = c.str(A('qk_norm'), 'model.attention.qk_norm');
    if (qkNorm === 'head' || qkNorm === 'full') attention.qkNorm = qkNorm;
    else if (qkNorm !== undefined && qkNorm !== 'none' && qkNorm !== 'false') c.problem('invalid-value', 'error', `model.attention.qk_norm must be head, full or none, not "${qkNorm}".`, c.sources['model.attention.qk_norm']?.span, 'model.attention.qk_norm');
    c.bool(A('o_bias'), 'model.attention.o_bias', (v) => (attention.oBias = v));
    c.bool(A('sinks'), 'model.attention.sinks', (v) => (attention.sinks = v));
    const w = n('model.attention.sliding_window');
    if (w !== undefined) attention.slidingWindow = w;
    const every = n('model.attention.global_every');
    if (every !== undefined) attention.globalEvery = every;
  }
  const w = c.num(['model', 'sliding_window'], 'model.sliding_window', 'count');
  if (w !== undefined && attention.slidingWindow === undefined) attention.slidingWindow = w;
  if (Object.keys(attention).length) shape.attention = attention;

  if (shape.moe && view.isMap(['model', 'moe'])) {
    const M = (k: string): string[] => ['model', 'moe', k];
    const m = shape.moe;
    m.firstDenseLayers = n('model.moe.first_dense_layers');
    m.every = n('model.moe.every');
    m.sharedFfnHidden = n('model.moe.shared_ffn_hidden');
    c.bool(M('shared_expert_gate'), 'model.moe.shared_expert_gate', (v) => (m.sharedExpertGate = v));
    c.bool(M('router_bias'), 'model.moe.router_bias', (v) => (m.routerBias = v));
    c.bool(M('score_correction_bias'), 'model.moe.score_correction_bias', (v) => (m.scoreCorrectionBias = v));
  }

  const pat = c.hit(['model', 'layer_pattern']);
  if (pat) {
    c.record('model.layer_pattern', ['model', 'layer_pattern'], pat);
    const seq = (pat.node as { items?: Array<{ value?: unknown }> } | undefined)?.items;
    const items = typeof pat.value === 'string' ? [...pat.value] : seq ? seq.map((i) => String(i.value)) : [];
    const kinds = items.map((x) => KIND[x]);
    if (items.length && kinds.every((k) => k !== undefined)) shape.layerPattern = kinds;
    else c.problem('invalid-value', 'error', 'model.layer_pattern: a string of M (Mamba-2), * (attention), - (MLP), E (MoE), or a list of mamba, attention, mlp, moe.', pat.span, 'model.layer_pattern');
  }
  if (view.isMap(['model', 'mamba'])) {
    const heads = n('model.mamba.heads');
    const headDim = n('model.mamba.head_dim');
    if (heads !== undefined && headDim !== undefined) shape.mamba = { heads, headDim, stateSize: n('model.mamba.state_size') ?? 128, groups: n('model.mamba.groups') ?? 8, convKernel: n('model.mamba.conv_kernel') ?? 4 };
  }
  const mtp = n('model.mtp_layers');
  if (mtp !== undefined) shape.mtpLayers = mtp;
  c.bool(['model', 'ungated_mlp'], 'model.ungated_mlp', (v) => (shape.ungatedMlp = v));
  c.bool(['model', 'output_bias'], 'model.output_bias', (v) => (shape.outputBias = v));
}
