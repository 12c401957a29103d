// Reading plan keys by the field registry (engine/fields.ts): each field of a block is read as its
// kind says (a number of its quantity kind, a boolean, a word from its list, text) into the run at
// its path, unless the block's reader has its own code for it.

import { blockFields, FIELDS, keyPath, fieldWords, isNumericKind, setField, type BlockId, type FieldId, type FieldKind } from '../../engine/fields';
import type { RunDescription } from '../../engine/types';
import type { Collector, Found } from '../collector';
import { PlanBlock } from './planBlock';

/** A field a block reads with code of its own, given its key's node; `undefined` to leave it to another reader. */
export type FieldReader = ((c: Collector, r: RunDescription, found: Found | undefined) => void) | undefined;

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
  let w = WORDS.get(id);
  if (!w) {
    const spec = FIELDS[id];
    const values = (spec.values ?? []).map(String);
    WORDS.set(id, (w = { values, words: spec.words && spec.words.length === values.length ? spec.words : values }));
  }
  const i = w.words.indexOf(v.trim().toLowerCase());
  return i >= 0 ? w.values[i] : undefined;
}

/** Each enum field's values as text and the words that spell them, from the registry on first use. */
const WORDS = new Map<FieldId, { values: string[]; words: readonly string[] }>();

/** An enum field: a word mapped onto the run's values, or an invalid-value problem on it. */
export function readEnum(c: Collector, r: RunDescription, id: FieldId, how: EnumRead = {}, found: Found | undefined = c.first([keyPath(id)])): void {
  c.strAt(found, id, (v) => {
    const x = how.map ? how.map(v) : wordValue(id, v);
    if (x !== undefined) setField(r, id, x);
    else if (!how.quiet) {
      const message = how.message?.(v) ?? `${id} must be one of ${fieldWords(FIELDS[id]).join(', ')} (not "${v}").`;
      c.problems.push({ code: 'invalid-value', severity: how.severity ?? 'error', message, span: c.sources[id]?.span, field: id });
    }
  });
}

/** One field read as its kind says, into the run at its path; `found`: its node, already found. */
export function readField(c: Collector, r: RunDescription, id: FieldId, found: Found | undefined = c.first([keyPath(id)]), kind = FIELDS[id].kind): void {
  if (!found) return;
  if (kind === 'enum') return readEnum(c, r, id, {}, found);
  const v = isNumericKind(kind) ? c.numAt(found, id, kind) : kind === 'boolean' ? c.boolAt(found, id) : c.strAt(found, id);
  if (v !== undefined) setField(r, id, v);
}

/** The last key of a field's path ("training.lora.rank" -> rank). */
function lastKey(id: FieldId): string {
  const p = keyPath(id);
  return p[p.length - 1];
}

/** A block's fields in plan order with their last keys and key paths, and each last key's place; from the registry. */
interface BlockTable {
  ids: readonly FieldId[];
  keys: string[];
  paths: string[][];
  kinds: FieldKind[];
  order: Map<string, number>;
  /** By the own readers a block is read with: each field's own reader (undefined: read elsewhere), or null: read by its kind. */
  readers: WeakMap<object, Array<FieldReader | null>>;
}

/** Block tables by block, each built on first use (the registry is constant). */
const TABLES = new Map<BlockId, BlockTable>();

function blockTable(block: BlockId): BlockTable {
  let t = TABLES.get(block);
  if (!t) {
    const ids = blockFields(block);
    t = { ids, keys: ids.map(lastKey), paths: ids.map((id) => keyPath(id)), kinds: ids.map((id) => FIELDS[id].kind), order: new Map(), readers: new WeakMap() };
    for (let i = 0; i < ids.length; i++) t.order.set(t.keys[i], i);
    TABLES.set(block, t);
  }
  return t;
}

type OwnReaders = Partial<Record<FieldId, FieldReader>>;
const NO_OWN: OwnReaders = {};

function readersOf(t: BlockTable, own: OwnReaders): Array<FieldReader | null> {
  let rs = t.readers.get(own);
  if (!rs) t.readers.set(own, (rs = t.ids.map((id) => (Object.prototype.hasOwnProperty.call(own, id) ? own[id] : null))));
  return rs;
}

/**
 * Every field directly under a block, in plan order: by its own reader when `own` has one, else by
 * its kind. Only the keys the block writes are read (each from its pair, found in one walk of
 * them); an own reader reads its own key, so it has nothing to do when the block does not write it.
 */
export function readBlock(c: Collector, r: RunDescription, block: BlockId, own: OwnReaders = NO_OWN, b = PlanBlock.at(c, keyPath(block))): void {
  if (!b) return;
  const t = blockTable(block);
  const readers = readersOf(t, own);
  const n = t.ids.length;
  const written = new Array<boolean>(n).fill(b.entries.merges); // a merge key may supply any of them
  if (!b.entries.merges) {
    for (const key of b.entries.keys) {
      const i = t.order.get(key);
      if (i !== undefined) written[i] = true;
    }
  }
  for (let i = 0; i < n; i++) {
    if (!written[i]) continue;
    const reader = readers[i];
    if (reader === undefined) continue; // read elsewhere
    const found = b.found(t.keys[i], t.paths[i], t.ids[i]);
    if (reader) reader(c, r, found);
    else readField(c, r, t.ids[i], found, t.kinds[i]);
  }
}
