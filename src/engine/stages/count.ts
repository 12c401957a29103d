// Stage 1, count: total, active, non-embedding, multi-token-prediction and trainable parameters,
// from the shape when it is complete, else from model.params; a finding for each count left unknown.

import { fmtCount } from '../format';
import { countParams, loraParams, missingShapeFields, type CompleteShape } from '../params';
import { completeShape, shapeField, shapeGapFinding } from '../shapeFacts';
import type { StageContext } from './context';

export interface Counts {
  shape: CompleteShape | undefined;
  total: number | null;
  active: number | null;
  nonEmb: number | null;
  mtp: number | null;
  trainable: number | null;
  /** training.finetune, and whether it trains adapters only (LoRA, QLoRA). */
  ft: string | undefined;
  isAdapter: boolean;
}

/** Adapter runs whose adapters cannot be counted have no FLOPs or memory (a full fine-tune's would mislead). */
export const adaptersUnknown = (c: Counts): boolean => c.isAdapter && c.trainable === null;

export function countStage(ctx: StageContext): Counts {
  const { run } = ctx;
  const shape = completeShape(run);
  const base = modelCounts(ctx, shape);
  const ft = run.training.finetune;
  const isAdapter = ft === 'lora' || ft === 'qlora';
  // Adapters are counted from the shape and the LoRA spec. Without either the count is unknown,
  // never the whole model (that would cost a LoRA run above a full fine-tune).
  let trainable: number | null = base.total;
  if (isAdapter) trainable = shape && run.training.lora ? loraParams(shape, run.training.lora) : null;
  const counts: Counts = { shape, total: base.total, active: base.active, nonEmb: base.nonEmb, mtp: base.mtp, trainable, ft, isAdapter };
  if (adaptersUnknown(counts) && base.total !== null) unknownAdapters(ctx, counts);
  if (base.total === null) unknownTotal(ctx);
  else {
    const gap = shapeGapFinding(run);
    if (gap) ctx.add(gap);
  }
  return counts;
}

function modelCounts(ctx: StageContext, shape: CompleteShape | undefined): Pick<Counts, 'total' | 'active' | 'nonEmb' | 'mtp'> {
  const { run } = ctx;
  if (!shape) {
    if (run.model.params === undefined) return { total: null, active: null, nonEmb: null, mtp: null };
    return { total: run.model.params, active: run.model.activeParams ?? run.model.params, nonEmb: null, mtp: null };
  }
  const c = countParams(shape);
  const active = c.active ?? run.model.activeParams ?? null;
  if (active === null) {
    ctx.add({
      code: 'missing-facts',
      severity: 'information',
      field: 'model.moe.top_k',
      related: ['model.moe.experts'],
      message: `Active parameters per token need model.moe.top_k (experts routed per token; Mixtral routes 2, DeepSeek-V3 8): no default is assumed, so FLOPs, the scaling-law position, time and cost are unknown. Total parameters (${fmtCount(c.total)}) and memory are known.`,
    });
  }
  return { total: c.total, active, nonEmb: c.nonEmbedding, mtp: c.mtp };
}

function unknownAdapters(ctx: StageContext, c: Counts): void {
  const need = [
    ...(ctx.run.training.lora ? [] : ['the LoRA rank and target modules (training.lora)']),
    ...(c.shape ? [] : ['the model shape (layers, d_model, heads, kv_heads, ffn_hidden, vocab_size): only its parameter count is known']),
  ];
  ctx.add({
    code: 'missing-facts',
    severity: 'information',
    field: c.shape ? 'training.lora.rank' : 'model.params',
    related: c.shape ? [] : ['training.lora.rank'],
    message: `Trainable parameters of this ${c.ft} fine-tune are unknown: counting its adapters needs ${need.join(', and ')}. FLOPs, memory, time and cost are left out rather than costed as a full fine-tune.`,
  });
}

function unknownTotal(ctx: StageContext): void {
  const missing = ctx.run.model.shape ? missingShapeFields(ctx.run.model.shape).map(shapeField) : [];
  ctx.add({
    code: 'missing-facts',
    severity: 'information',
    field: 'model.params',
    message: missing.length
      ? `Cannot count parameters: the model shape lacks ${missing.join(', ')} (or give model.params).`
      : 'Cannot count parameters: give model.params or the model shape (layers, d_model, heads, vocab_size).',
    related: missing,
  });
}
