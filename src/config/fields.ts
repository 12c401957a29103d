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
  'data.tokens': { title: 'Training tokens', kind: 'count', description: 'Tokens seen in training, D (repeats included).', apply: (r, v) => typeof v === 'number' && ((r.data.tokens = v), true) },
  'data.unique_tokens': { title: 'Unique tokens', kind: 'count', description: 'Distinct tokens available; repeats beyond this lose value (Muennighoff et al. 2023).', apply: (r, v) => typeof v === 'number' && ((r.data.uniqueTokens = v), true) },
  'training.precision': { title: 'Precision', kind: 'string', description: 'Training precision; selects the peak FLOP/s and bytes per value.', apply: (r, v) => { const p = typeof v === 'string' ? toPrecision(v) : undefined; if (p) r.training.precision = p; return !!p; } },
  'training.zero_stage': { title: 'ZeRO stage', kind: 'count', description: 'ZeRO 1 shards optimizer states, 2 also gradients, 3 (FSDP full shard) also weights (Rajbhandari et al. 2020).', apply: (r, v) => typeof v === 'number' && [0, 1, 2, 3].includes(v) && ((r.training.zeroStage = v as 0 | 1 | 2 | 3), true) },
  'training.micro_batch_size': { title: 'Micro-batch', kind: 'count', description: 'Sequences per device per step; drives activation memory.', apply: (r, v) => typeof v === 'number' && ((r.training.microBatchSize = v), true) },
  'training.global_batch_tokens': { title: 'Global batch', kind: 'count', description: 'Tokens per optimizer step across all devices.' },
  'training.tensor_parallel': { title: 'Tensor parallel', kind: 'count', description: 'Devices each layer is split across.' },
  'training.pipeline_parallel': { title: 'Pipeline parallel', kind: 'count', description: 'Pipeline stages.' },
  'hardware.accelerator': { title: 'Accelerator', kind: 'string', description: 'Device from the catalog (case-insensitive id or alias).', apply: (r, v) => ((r.hardware.accelerator = String(v)), true) },
  'hardware.count': { title: 'Devices', kind: 'count', description: 'Accelerators training in parallel.', apply: (r, v) => typeof v === 'number' && ((r.hardware.count = v), true) },
  'hardware.mfu': { title: 'MFU', kind: 'fraction', description: 'Model FLOPs utilisation: achieved / peak (PaLM Sec. 4.1). Llama 3 405B: 38–43%.', apply: (r, v) => typeof v === 'number' && ((r.hardware.mfu = v), true) },
  'hardware.price_per_hour': { title: 'Price', kind: 'usd', description: 'Dollars per device-hour.', apply: (r, v) => typeof v === 'number' && ((r.hardware.pricePerHour = v), true) },
  'hardware.pue': { title: 'PUE', kind: 'number', description: 'Data-centre power usage effectiveness (Google fleet 2023: 1.10).', apply: (r, v) => typeof v === 'number' && ((r.hardware.pue = v), true) },
  'hardware.grid_gco2_per_kwh': { title: 'Grid intensity', kind: 'number', description: 'gCO2e per kWh, location-based.', apply: (r, v) => typeof v === 'number' && ((r.hardware.gridGco2PerKwh = v), true) },
  'hardware.power_w': { title: 'Power', kind: 'number', description: 'Average device power in watts (default: board TDP).', apply: (r, v) => typeof v === 'number' && ((r.hardware.powerW = v), true) },
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
