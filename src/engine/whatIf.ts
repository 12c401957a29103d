// What-if: the values a person tries in the planning panel (accelerator, device count, MFU, law,
// tokens, model size) as canonical field values, and a run with those values in place. The panel
// recomputes with these instantly; "Apply to file" writes the same values into the config.

import { isLawId } from './laws';
import { missingShapeFields, suggestShape, type CompleteShape } from './params';
import type { FixValue, LawId, RunDescription } from './types';

export interface WhatIf {
  accelerator?: string;
  count?: number;
  mfu?: number;
  law?: LawId;
  tokens?: number;
  /** Target total parameters; a run with a full shape gets the nearest shape instead. */
  params?: number;
}

/** Fields a what-if may change, and so the only fields the panel may ask the host to write. */
export const WHAT_IF_FIELDS = [
  'hardware.accelerator',
  'hardware.count',
  'hardware.mfu',
  'law',
  'data.tokens',
  'model.params',
  'model.layers',
  'model.d_model',
  'model.heads',
  'model.kv_heads',
  'model.ffn_hidden',
] as const;

export type WhatIfField = (typeof WHAT_IF_FIELDS)[number];

export function isWhatIfField(x: unknown): x is WhatIfField {
  return typeof x === 'string' && (WHAT_IF_FIELDS as readonly string[]).includes(x);
}

/** Whether a field takes a string (the rest take positive numbers). */
export function isStringField(f: WhatIfField): boolean {
  return f === 'hardware.accelerator' || f === 'law';
}

function completeShape(run: RunDescription): CompleteShape | undefined {
  const s = run.model.shape;
  if (!s || missingShapeFields(s).length) return undefined;
  return { architecture: 'llama', ...s } as CompleteShape;
}

/**
 * The field values for a what-if, leaving out what equals the run already. A model size on a run
 * with a full shape becomes the nearest shape (layers, d_model, heads, kv_heads, ffn_hidden).
 */
export function whatIfValues(run: RunDescription, w: WhatIf): FixValue[] {
  const out: FixValue[] = [];
  if (w.accelerator !== undefined && w.accelerator !== run.hardware.accelerator) out.push({ field: 'hardware.accelerator', value: w.accelerator });
  if (w.count !== undefined && w.count !== run.hardware.count) out.push({ field: 'hardware.count', value: Math.max(1, Math.round(w.count)) });
  if (w.mfu !== undefined && w.mfu !== run.hardware.mfu) out.push({ field: 'hardware.mfu', value: w.mfu });
  if (w.law !== undefined && w.law !== run.law) out.push({ field: 'law', value: w.law });
  if (w.tokens !== undefined && w.tokens !== run.data.tokens) out.push({ field: 'data.tokens', value: Math.round(w.tokens) });
  if (w.params !== undefined) {
    const shape = completeShape(run);
    if (shape) {
      const s = suggestShape(w.params, shape);
      const next: Array<[WhatIfField, number | undefined, number | undefined]> = [
        ['model.layers', s.layers, shape.layers],
        ['model.d_model', s.dModel, shape.dModel],
        ['model.heads', s.heads, shape.heads],
        ['model.kv_heads', s.kvHeads, shape.kvHeads],
        ['model.ffn_hidden', s.ffnHidden, shape.ffnHidden],
      ];
      for (const [field, v, old] of next) if (v !== undefined && v !== old) out.push({ field, value: v });
    } else if (w.params !== run.model.params) out.push({ field: 'model.params', value: Math.round(w.params) });
  }
  return out;
}

/** A copy of the run with the values in place; values for other fields, or of the wrong type, are ignored. */
export function withValues(run: RunDescription, values: readonly FixValue[]): RunDescription {
  const r: RunDescription = structuredClone(run);
  for (const { field, value } of values) {
    if (!isWhatIfField(field)) continue;
    if (isStringField(field) !== (typeof value === 'string')) continue;
    if (typeof value === 'number' && !(Number.isFinite(value) && value > 0)) continue;
    const n = value as number;
    switch (field) {
      case 'hardware.accelerator':
        r.hardware.accelerator = value as string;
        break;
      case 'hardware.count':
        r.hardware.count = n;
        break;
      case 'hardware.mfu':
        r.hardware.mfu = n;
        break;
      case 'law':
        if (isLawId(value)) r.law = value;
        break;
      case 'data.tokens':
        r.data.tokens = n;
        break;
      case 'model.params':
        r.model.params = n;
        delete r.model.activeParams;
        break;
      case 'model.layers':
        r.model.shape = { ...r.model.shape, layers: n };
        break;
      case 'model.d_model':
        r.model.shape = { ...r.model.shape, dModel: n };
        break;
      case 'model.heads':
        r.model.shape = { ...r.model.shape, heads: n };
        break;
      case 'model.kv_heads':
        r.model.shape = { ...r.model.shape, kvHeads: n };
        break;
      case 'model.ffn_hidden':
        r.model.shape = { ...r.model.shape, ffnHidden: n };
        break;
    }
  }
  return r;
}
