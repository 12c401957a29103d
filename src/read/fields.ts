// Facts from `# scaling-planner:` comments and the scalingPlanner.facts setting: a loose value for a
// canonical field, parsed by the field's kind (the registry, engine/fields.ts) and set on the run.

import { FIELDS, fieldSpec, hasField, isNumericKind, setField, type FieldId } from '../engine/fields';
import type { RunDescription } from '../engine/types';
import { parseQuantity } from './quantity';
import { precisionOf } from './values';

export { hasField };

/** Words a fact may use for an enum field besides its canonical values (bfloat16 is bf16). */
const NORMALISE: Partial<Record<FieldId, (v: string) => string | undefined>> = {
  'training.precision': precisionOf,
};

/** The value a fact sets, or an error message. */
function factValue(field: FieldId, raw: string | number): { value: number | string | boolean } | { error: string } {
  const spec = FIELDS[field];
  if (isNumericKind(spec.kind)) {
    const p = parseQuantity(raw, spec.kind);
    if (!p.ok) return { error: `${field}: ${p.error}` };
    return spec.values && !spec.values.includes(p.value) ? { error: `${field}: "${raw}" is not a valid value` } : { value: p.value };
  }
  if (spec.kind === 'enum') {
    const v = typeof raw === 'string' ? (NORMALISE[field]?.(raw) ?? raw) : raw;
    return spec.values?.includes(v) ? { value: v } : { error: `${field}: "${raw}" is not a valid value` };
  }
  return spec.kind === 'string' ? { value: String(raw) } : { error: `${field} cannot be set this way` };
}

/** Parse a loose value for a field and set it; returns an error message when it cannot. */
export function applyFact(run: RunDescription, field: string, raw: string | number): string | undefined {
  const spec = fieldSpec(field);
  if (!spec?.fact) return `${field} cannot be set this way`;
  const v = factValue(field as FieldId, raw);
  if ('error' in v) return v.error;
  setField(run, field as FieldId, v.value);
  return undefined;
}
