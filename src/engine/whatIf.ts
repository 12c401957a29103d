// What-if: the values a person tries in the planning panel (accelerator, device count, MFU, law,
// tokens, model size) as canonical field values, and a run with those values in place. The panel
// recomputes with these instantly; "Apply to file" writes the same values into the config.

import { fmtCount } from './format';
import { isLawId } from './laws';
import { countParams, suggestShape } from './params';
import type { FixValue, LawId, RunDescription } from './types';
import { completeShape } from './shapeFacts';
import { FIELDS, isFieldId, isTextKind, setField, WHAT_IF_FIELDS, type WhatIfField } from './fields';

export interface WhatIf {
  accelerator?: string;
  count?: number;
  mfu?: number;
  law?: LawId;
  tokens?: number;
  /**
   * Target total parameters; a run with a full shape gets the nearest shape instead, and an MoE
   * given by counts keeps its active share. A size that shows as the current one (three
   * significant digits, as the panel prints it) changes nothing.
   */
  params?: number;
}

export { WHAT_IF_FIELDS, type WhatIfField };

export function isWhatIfField(x: unknown): x is WhatIfField {
  return isFieldId(x) && FIELDS[x].whatIf === true;
}

/** Whether a field takes a string (the rest take positive numbers). */
export function isStringField(f: WhatIfField): boolean {
  return isTextKind(FIELDS[f].kind);
}

/** Shape fields a model-size what-if may write (what the panel calls "nearest shape"). */
export function isShapeField(f: string): boolean {
  return isWhatIfField(f) && FIELDS[f].path?.[1] === 'shape';
}

/**
 * The field values for a what-if, leaving out what equals the run already. A model size on a run
 * with a full shape becomes the nearest shape (layers, d_model, heads, kv_heads, ffn_hidden); on an
 * MoE given by counts it becomes model.params and model.active_params in the same ratio.
 */
export function whatIfValues(run: RunDescription, w: WhatIf): FixValue[] {
  const out: FixValue[] = [];
  if (w.accelerator !== undefined && w.accelerator !== run.hardware.accelerator) out.push({ field: 'hardware.accelerator', value: w.accelerator });
  if (w.count !== undefined && w.count !== run.hardware.count) out.push({ field: 'hardware.count', value: Math.max(1, Math.round(w.count)) });
  if (w.mfu !== undefined && w.mfu !== run.hardware.mfu) out.push({ field: 'hardware.mfu', value: w.mfu });
  if (w.law !== undefined && w.law !== run.law) out.push({ field: 'law', value: w.law });
  if (w.tokens !== undefined && w.tokens !== run.data.tokens) out.push({ field: 'data.tokens', value: Math.round(w.tokens) });
  if (w.params !== undefined && w.params > 0) {
    const shape = completeShape(run);
    const count = shape ? countParams(shape) : undefined;
    const current = count ? count.total : run.model.params;
    // Re-entering the size the panel shows (e.g. 46.7B for 46,702,792,704) is no change: the
    // nearest shape to a count that is already the file's would still rewrite an MoE's widths.
    const same = current !== undefined && (w.params === current || fmtCount(w.params) === fmtCount(current));
    if (!same && shape) {
      const s = suggestShape(w.params, shape);
      const next: Array<[WhatIfField, number | undefined, number | undefined]> = [
        ['model.layers', s.layers, shape.layers],
        ['model.d_model', s.dModel, shape.dModel],
        ['model.heads', s.heads, shape.heads],
        ['model.kv_heads', s.kvHeads, shape.kvHeads],
        ['model.ffn_hidden', s.ffnHidden, shape.ffnHidden],
      ];
      for (const [field, v, old] of next) if (v !== undefined && v !== old) out.push({ field, value: v });
      // An MoE shape without top_k takes its active count from model.active_params: keep its share.
      const active = run.model.activeParams;
      if (count && count.active === null && active !== undefined && out.length) {
        const resized = countParams(completeShape(withValues(run, out))!).total;
        out.push({ field: 'model.active_params', value: scaledActive(active, count.total, resized) });
      }
    } else if (!same) {
      const n = Math.round(w.params);
      out.push({ field: 'model.params', value: n });
      // An MoE given by counts (params and active_params) keeps its active share; it does not
      // become dense. Both values are returned so "Apply to file" writes both.
      const active = run.model.activeParams;
      if (active !== undefined && run.model.params !== undefined && run.model.params > 0 && active !== run.model.params) {
        out.push({ field: 'model.active_params', value: scaledActive(active, run.model.params, n) });
      }
    }
  }
  return out;
}

/** Active parameters scaled with the total, never above it. */
function scaledActive(active: number, oldTotal: number, newTotal: number): number {
  return Math.min(Math.round((active * newTotal) / oldTotal), newTotal);
}

/**
 * A copy of the run with the values in place; values for other fields, or of the wrong type, are
 * ignored (they may come from a webview message). A new model.params scales model.active_params
 * with it (an MoE stays an MoE) unless the values set model.active_params too.
 */
export function withValues(run: RunDescription, values: ReadonlyArray<{ field: string; value: number | string }>): RunDescription {
  const r: RunDescription = structuredClone(run);
  let explicitActive: number | undefined;
  for (const { field, value } of values) {
    if (!isWhatIfField(field)) continue;
    if (isStringField(field) !== (typeof value === 'string')) continue;
    if (typeof value === 'number' && !(Number.isFinite(value) && value > 0)) continue;
    if (field === 'law' && !isLawId(value)) continue;
    if (field === 'model.active_params') explicitActive = value as number;
    else if (field === 'model.params') {
      const n = value as number;
      const old = r.model.params;
      const active = r.model.activeParams;
      r.model.params = n;
      if (active !== undefined) {
        if (old !== undefined && old > 0 && active !== old) r.model.activeParams = scaledActive(active, old, n);
        else delete r.model.activeParams; // dense: active is the total
      }
    } else setField(r, field, value);
  }
  if (explicitActive !== undefined) r.model.activeParams = explicitActive;
  return r;
}
