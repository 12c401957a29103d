// Reading plan keys by the field registry (engine/fields.ts): each field of a block is read as its
// kind says (a number of its quantity kind, a boolean, a word from its list, text) into the run at
// its path, unless the block's reader has its own code for it.

import { blockFields, FIELDS, keyPath, fieldWords, isNumericKind, setField, type BlockId, type FieldId } from '../../engine/fields';
import type { RunDescription } from '../../engine/types';
import type { Collector } from '../collector';

/** A field a block reads with code of its own; `undefined` to leave it to another reader. */
export type FieldReader = ((c: Collector, r: RunDescription) => void) | undefined;

export interface EnumRead {
  /** The run value a written word means, or undefined when it is not one. */
  map?: (v: string) => string | undefined;
  /** The invalid-value message for a word that is not one; absent: the default "must be one of". */
  message?: (v: string) => string;
  severity?: 'error' | 'warning';
  /** Ignore a word that is not one, without a problem. */
  quiet?: boolean;
}

/**
 * The run value of a written word: a word of the field's `words` paired with its value (when the
 * two lists are as long), or one of its values; case and surrounding space do not matter.
 */
function wordValue(id: FieldId, v: string): string | undefined {
  const spec = FIELDS[id];
  const values = (spec.values ?? []).map(String);
  const words = spec.words && spec.words.length === values.length ? spec.words : values;
  const i = words.indexOf(v.trim().toLowerCase());
  return i >= 0 ? values[i] : undefined;
}

/** An enum field: a word mapped onto the run's values, or an invalid-value problem on it. */
export function readEnum(c: Collector, r: RunDescription, id: FieldId, how: EnumRead = {}): void {
  c.str(keyPath(id), id, (v) => {
    const x = how.map ? how.map(v) : wordValue(id, v);
    if (x !== undefined) setField(r, id, x);
    else if (!how.quiet) {
      const message = how.message?.(v) ?? `${id} must be one of ${fieldWords(FIELDS[id]).join(', ')} (not "${v}").`;
      c.problems.push({ code: 'invalid-value', severity: how.severity ?? 'error', message, span: c.sources[id]?.span, field: id });
    }
  });
}

/** One field read as its kind says, into the run at its path. */
export function readField(c: Collector, r: RunDescription, id: FieldId): void {
  const spec = FIELDS[id];
  const path = keyPath(id);
  const set = (v: unknown): void => setField(r, id, v);
  if (isNumericKind(spec.kind)) c.num(path, id, spec.kind, set);
  else if (spec.kind === 'boolean') c.bool(path, id, set);
  else if (spec.kind === 'enum') readEnum(c, r, id);
  else c.str(path, id, set);
}

/** The last key of a field's path ("training.lora.rank" -> rank). */
function lastKey(id: FieldId): string {
  const p = keyPath(id);
  return p[p.length - 1];
}

/** Every field directly under a block, in plan order: by its own reader when `own` has one, else by its kind. */
export function readBlock(c: Collector, r: RunDescription, block: BlockId, own: Partial<Record<FieldId, FieldReader>> = {}): void {
  // A key the block does not write has nothing to read; merge keys (<<) can supply any key.
  const written = c.view.keys(keyPath(block));
  const present = written.includes('<<') ? undefined : new Set(written);
  for (const id of blockFields(block)) {
    if (Object.prototype.hasOwnProperty.call(own, id)) own[id]?.(c, r);
    else if (!present || present.has(lastKey(id))) readField(c, r, id);
  }
}
