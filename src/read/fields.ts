// Canonical fields: what each means (hovers, docs) and how a loose value is applied to a run
// (facts from comments and settings).

import { isLawId } from '../engine/laws';
import type { ModelShape, RunDescription } from '../engine/types';
import { toPrecision } from './dialects/plan';
import { LIFECYCLE_FIELD_TEXT } from './dialects/planLifecycle';
import { parseQuantity, type QuantityKind } from './quantity';

export interface FieldInfo {
  title: string;
  kind: QuantityKind | 'string';
  description: string;
  apply?: (run: RunDescription, v: number | string) => boolean;
}

function shapeSetter(k: keyof ModelShape) {
  return (run: RunDescription, v: number | string): boolean => {
    if (typeof v !== 'number') return false;
    run.model.shape = { ...run.model.shape, [k]: v };
    return true;
  };
}

export const FIELDS: Record<string, FieldInfo> = {
  'model.params': { title: 'Parameters', kind: 'count', description: 'Total parameter count N; the laws use 6·N·D training FLOPs.', apply: (r, v) => typeof v === 'number' && ((r.model.params = v), true) },
  'model.active_params': { title: 'Active parameters', kind: 'count', description: 'Parameters used per token (mixture of experts, given as counts); FLOPs follow these.', apply: (r, v) => typeof v === 'number' && ((r.model.activeParams = v), true) },
  'model.layers': { title: 'Layers', kind: 'count', description: 'Transformer blocks.', apply: shapeSetter('layers') },
  'model.d_model': { title: 'Hidden size', kind: 'count', description: 'Model width d_model (h).', apply: shapeSetter('dModel') },
  'model.heads': { title: 'Attention heads', kind: 'count', description: 'Query heads; head dim = d_model / heads unless set.', apply: shapeSetter('heads') },
  'model.kv_heads': { title: 'KV heads', kind: 'count', description: 'Key/value heads (grouped-query attention); equal to heads for multi-head attention.', apply: shapeSetter('kvHeads') },
  'model.ffn_hidden': { title: 'FFN width', kind: 'count', description: 'MLP inner width f (per expert for MoE unless expert_ffn_hidden is set).', apply: shapeSetter('ffnHidden') },
  'model.vocab_size': { title: 'Vocabulary', kind: 'count', description: 'Embedding rows as allocated (padded).', apply: shapeSetter('vocabSize') },
  'model.seq_len': { title: 'Sequence length', kind: 'count', description: 'Training context; drives attention FLOPs and activation memory.', apply: shapeSetter('seqLen') },
  'model.tie_embeddings': { title: 'Tied embeddings', kind: 'string', description: 'Input and output embeddings share one matrix.' },
  'model.architecture': { title: 'Architecture', kind: 'string', description: 'gpt: LayerNorm, biases, GELU MLP. llama: RMSNorm, no biases, SwiGLU.' },
  'model.moe.experts': { title: 'Experts', kind: 'count', description: 'Routed experts per MoE layer; memory scales with all of them.' },
  'model.moe.top_k': { title: 'Experts per token', kind: 'count', description: 'Routed experts active per token; compute scales with these.' },
  'model.head_dim': { title: 'Head dimension', kind: 'count', description: 'Dimension per attention head when it is not d_model / heads (Mistral-Nemo, Gemma, Qwen3: 128 or 256).', apply: shapeSetter('headDim') },
  'model.moe.expert_ffn_hidden': { title: 'Expert width', kind: 'count', description: 'MLP width of one routed expert (DeepSeek-V3 2048); ffn_hidden stays the dense layers\' width.' },
  'model.moe.shared_experts': { title: 'Shared experts', kind: 'count', description: 'Experts every token passes through besides the routed ones (DeepSeekMoE).' },
  'model.moe.shared_ffn_hidden': { title: 'Shared-expert width', kind: 'count', description: 'Width of the one shared MLP every token uses (Qwen2-MoE shared_expert_intermediate_size), with its sigmoid gate.' },
  'model.moe.first_dense_layers': { title: 'Dense layers first', kind: 'count', description: 'The first k layers use a dense MLP at ffn_hidden, the rest are MoE (DeepSeek first_k_dense_replace).' },
  'model.moe.every': { title: 'MoE interval', kind: 'count', description: 'A mixture of experts on every n-th layer, dense MLPs between (Llama 4 interleave_moe_layer_step, Qwen decoder_sparse_step).' },
  'model.attention.kind': { title: 'Attention kind', kind: 'string', description: 'mha, gqa, mqa (from heads and kv_heads) or mla: multi-head latent attention, keys and values from a shared low-rank latent (DeepSeek-V2 Sec. 2.1).' },
  'model.attention.kv_lora_rank': { title: 'KV latent rank', kind: 'count', description: 'MLA: keys and values are up-projected from a d_c-dimensional latent, and only it (plus the RoPE key) is cached: kv_lora_rank + qk_rope_head_dim values per layer and token (DeepSeek-V2 Table 1).' },
  'model.attention.q_lora_rank': { title: 'Query latent rank', kind: 'count', description: 'MLA: queries pass through a low-rank latent of this size (with its RMSNorm); absent, a full query projection.' },
  'model.attention.qk_nope_head_dim': { title: 'Query/key head dim (no RoPE)', kind: 'count', description: 'MLA: per-head query/key dimension without rotary embedding.' },
  'model.attention.qk_rope_head_dim': { title: 'RoPE key dim', kind: 'count', description: 'MLA: decoupled rotary query/key dimension d_h^R; the RoPE key is shared by all heads and cached.' },
  'model.attention.v_head_dim': { title: 'Value head dim', kind: 'count', description: 'MLA: per-head value dimension; the output projection is heads x v_head_dim -> d_model.' },
  'model.attention.sliding_window': { title: 'Sliding window', kind: 'count', description: 'Local layers attend to at most this many previous tokens: it caps their attention FLOPs and KV cache, not the parameters.' },
  'model.sliding_window': { title: 'Sliding window', kind: 'count', description: 'Every layer attends to at most this many previous tokens (Mistral 7B 4096): caps attention FLOPs and KV cache.' },
  'model.attention.global_every': { title: 'Global-attention interval', kind: 'count', description: 'Every n-th layer attends globally and the others use the sliding window (Gemma 3: 6, i.e. 5 local : 1 global; gpt-oss 2).' },
  'model.attention.qk_norm': { title: 'QK-norm', kind: 'string', description: 'RMSNorm on queries and keys: head (per head, Qwen3, Gemma 3) or full (over the whole projection, OLMo 2).' },
  'model.layer_pattern': { title: 'Layer pattern', kind: 'string', description: 'Per-layer block kinds of a hybrid: M Mamba-2, * attention, - MLP, E MoE, each one mixer with one norm (Nemotron-H). Only * layers hold a KV cache.' },
  'model.mtp_layers': { title: 'MTP modules', kind: 'count', description: 'Multi-token prediction modules (DeepSeek-V3 Sec. 2.2): counted apart; the published 671B excludes them, the 685B checkpoint includes them.' },
  'data.tokens': { title: 'Training tokens', kind: 'count', description: 'Tokens seen in training, D (repeats included).', apply: (r, v) => typeof v === 'number' && ((r.data.tokens = v), true) },
  'data.unique_tokens': { title: 'Unique tokens', kind: 'count', description: 'Distinct tokens available; repeats beyond this lose value (Muennighoff et al. 2023).', apply: (r, v) => typeof v === 'number' && ((r.data.uniqueTokens = v), true) },
  'training.precision': { title: 'Precision', kind: 'string', description: 'Training precision; selects the peak FLOP/s and bytes per value.', apply: (r, v) => { const p = typeof v === 'string' ? toPrecision(v) : undefined; if (p) r.training.precision = p; return !!p; } },
  'training.zero_stage': { title: 'ZeRO stage', kind: 'count', description: 'ZeRO 1 shards optimizer states, 2 also gradients, 3 (FSDP full shard) also weights (Rajbhandari et al. 2020).', apply: (r, v) => typeof v === 'number' && [0, 1, 2, 3].includes(v) && ((r.training.zeroStage = v as 0 | 1 | 2 | 3), true) },
  'training.micro_batch_size': { title: 'Micro-batch', kind: 'count', description: 'Sequences per device per step; drives activation memory.', apply: (r, v) => typeof v === 'number' && ((r.training.microBatchSize = v), true) },
  'training.global_batch_tokens': { title: 'Global batch', kind: 'count', description: 'Tokens per optimizer step across all devices.' },
  'training.tensor_parallel': { title: 'Tensor parallel', kind: 'count', description: 'Devices each layer is split across.' },
  'training.pipeline_parallel': { title: 'Pipeline parallel', kind: 'count', description: 'Pipeline stages.' },
  'training.expert_parallel': { title: 'Expert parallel', kind: 'count', description: 'Ranks the routed experts are split across: each holds 1/EP of the experts\' weights, gradients and optimizer states; ZeRO shards expert states over the remaining data-parallel ranks (Megatron-Core expert_model_parallel_size).' },
  'hardware.accelerator': { title: 'Accelerator', kind: 'string', description: 'Device from the catalog (case-insensitive id or alias).', apply: (r, v) => ((r.hardware.accelerator = String(v)), true) },
  'hardware.count': { title: 'Devices', kind: 'count', description: 'Accelerators training in parallel.', apply: (r, v) => typeof v === 'number' && ((r.hardware.count = v), true) },
  'hardware.mfu': { title: 'MFU', kind: 'fraction', description: 'Model FLOPs utilisation: achieved / peak (PaLM Sec. 4.1). Llama 3 405B: 38–43%.', apply: (r, v) => typeof v === 'number' && ((r.hardware.mfu = v), true) },
  'hardware.price_per_hour': { title: 'Price', kind: 'usd', description: 'Dollars per device-hour.', apply: (r, v) => typeof v === 'number' && ((r.hardware.pricePerHour = v), true) },
  'hardware.pue': { title: 'PUE', kind: 'number', description: 'Data-centre power usage effectiveness (Google fleet 2023: 1.10).', apply: (r, v) => typeof v === 'number' && ((r.hardware.pue = v), true) },
  'hardware.grid_gco2_per_kwh': { title: 'Grid intensity', kind: 'number', description: 'gCO2e per kWh, location-based.', apply: (r, v) => typeof v === 'number' && ((r.hardware.gridGco2PerKwh = v), true) },
  'hardware.power_w': { title: 'Power', kind: 'number', description: 'Average device power in watts (default: board TDP).', apply: (r, v) => typeof v === 'number' && ((r.hardware.powerW = v), true) },
  'hardware.ownership': { title: 'Ownership', kind: 'string', description: 'rent (an hourly price) or owned (amortised purchase, interconnect and energy, as in Epoch AI\'s cost model).', apply: (r, v) => (v === 'owned' || v === 'rent') && ((r.hardware.ownership = v), true) },
  'hardware.purchase_price': { title: 'Purchase price', kind: 'usd', description: 'Dollars per device (server share) for an owned cluster.', apply: (r, v) => typeof v === 'number' && ((r.hardware.purchasePrice = v), true) },
  'hardware.amortization_years': { title: 'Amortisation', kind: 'number', description: 'Years an owned cluster is written off over (default: Epoch AI\'s 0.3224 per year).', apply: (r, v) => typeof v === 'number' && ((r.hardware.amortizationYears = v), true) },
  'hardware.electricity_usd_per_kwh': { title: 'Electricity price', kind: 'usd', description: 'Dollars per kWh for an owned cluster (default: US industrial 2025, $0.0826).', apply: (r, v) => typeof v === 'number' && ((r.hardware.electricityUsdPerKwh = v), true) },
  'budget.usd': { title: 'Budget', kind: 'usd', description: 'Dollar budget for the run.', apply: (r, v) => typeof v === 'number' && ((r.budget.usd = v), true) },
  'budget.days': { title: 'Deadline', kind: 'days', description: 'Wall-clock days available.', apply: (r, v) => typeof v === 'number' && ((r.budget.days = v), true) },
  'inference.tokens': { title: 'Inference tokens', kind: 'count', description: 'Expected lifetime inference tokens (Sardana et al. 2024).', apply: (r, v) => typeof v === 'number' && ((r.inference.tokens = v), true) },
  law: { title: 'Scaling law', kind: 'string', description: 'epoch (default), chinchilla, chinchilla-tex, chinchilla-a1, kaplan, moe.', apply: (r, v) => isLawId(v) && ((r.law = v), true) },
  ...Object.fromEntries(Object.entries(LIFECYCLE_FIELD_TEXT).map(([k, [title, kind, description]]) => [k, { title, kind, description }])),
};

/** Whether the run already has a value for a field. */
export function hasField(run: RunDescription, field: string): boolean {
  const s = run.model.shape ?? {};
  const map: Record<string, unknown> = {
    'model.params': run.model.params, 'model.active_params': run.model.activeParams, 'model.layers': s.layers, 'model.d_model': s.dModel, 'model.heads': s.heads,
    'model.kv_heads': s.kvHeads, 'model.ffn_hidden': s.ffnHidden, 'model.vocab_size': s.vocabSize, 'model.seq_len': s.seqLen,
    'data.tokens': run.data.tokens, 'data.unique_tokens': run.data.uniqueTokens, 'training.precision': run.training.precision,
    'training.zero_stage': run.training.zeroStage, 'training.micro_batch_size': run.training.microBatchSize,
    'hardware.accelerator': run.hardware.accelerator, 'hardware.count': run.hardware.count, 'hardware.mfu': run.hardware.mfu,
    'hardware.price_per_hour': run.hardware.pricePerHour, 'hardware.pue': run.hardware.pue, 'hardware.grid_gco2_per_kwh': run.hardware.gridGco2PerKwh,
    'hardware.power_w': run.hardware.powerW, 'budget.usd': run.budget.usd, 'budget.days': run.budget.days, 'inference.tokens': run.inference.tokens, law: run.law,
  };
  return map[field] !== undefined;
}

/** Parse a loose value for a field and set it; returns an error message when it cannot. */
export function applyFact(run: RunDescription, field: string, raw: string | number): string | undefined {
  const info = FIELDS[field];
  if (!info?.apply) return `${field} cannot be set this way`;
  let v: number | string = raw;
  if (info.kind !== 'string') {
    const p = parseQuantity(raw, info.kind);
    if (!p.ok) return `${field}: ${p.error}`;
    v = p.value;
  }
  return info.apply(run, v) ? undefined : `${field}: "${raw}" is not a valid value`;
}
