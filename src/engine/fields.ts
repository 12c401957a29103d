// The field registry: one entry per canonical field (the native plan key, e.g. "model.d_model")
// with its place in RunDescription, kind, unit, range or values, comment aliases, CLI flags, title,
// hover text and citation. Validation, what-ifs, comment and settings facts, the CLI's flag ranges,
// the plan reader's key list, hovers, the JSON Schema (scripts/schema.ts) and the field table of
// docs/plan-format.md are all derived from it. The entries are data tables in fields/.

import { LIFECYCLE_FIELDS } from './fields/lifecycle';
import { MODEL_FIELDS } from './fields/model';
import { RUN_FIELDS, TOP_FIELDS } from './fields/run';
import { PLAN_BLOCKS, type BlockId, type FieldKind, type FieldRange, type FieldSpec, type NumericKind } from './fields/spec';
import type { RunDescription } from './types';

export { PLAN_BLOCKS, type BlockId, type FieldKind, type FieldRange, type FieldSpec, type NumericKind };

/** Every canonical field, in plan-key order (the order of the schema, the docs and unknown-key messages). */
export const FIELD_TABLE = { ...TOP_FIELDS, ...MODEL_FIELDS, ...RUN_FIELDS, ...LIFECYCLE_FIELDS } as const;

type Table = typeof FIELD_TABLE;

/** A canonical field id: a key of the registry, so the compiler checks every id written in code. */
export type FieldId = keyof Table;

/** What a finding or a source may name: a field, or a plan block (the key of a whole mapping). */
export type FieldOrBlock = FieldId | BlockId;

export const FIELDS: Readonly<Record<FieldId, FieldSpec>> = FIELD_TABLE;
export const FIELD_IDS = Object.keys(FIELD_TABLE) as FieldId[];

export function isFieldId(x: unknown): x is FieldId {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(FIELD_TABLE, x);
}

/** The registry entry of a field id given as text (from a file, a setting or a message), if it is one. */
export function fieldSpec(id: string): FieldSpec | undefined {
  return isFieldId(id) ? FIELDS[id] : undefined;
}

export const isNumericKind = (k: FieldKind): k is NumericKind => k === 'count' || k === 'fraction' || k === 'usd' || k === 'days' || k === 'number';

/** Fields whose value is text (a word or a name) rather than a number or a boolean. */
export const isTextKind = (k: FieldKind): boolean => k === 'enum' || k === 'string';

// ---- values in a run ------------------------------------------------------------------------

/** The field's value in the run, or undefined. */
export function getField(run: RunDescription, id: FieldId): unknown {
  let v: unknown = run;
  for (const k of FIELDS[id].path ?? []) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return FIELDS[id].path ? v : undefined;
}

/** Whether the run already has a value for a field. */
export function hasField(run: RunDescription, id: string): boolean {
  return isFieldId(id) && getField(run, id) !== undefined;
}

/** Set the field's value in place, creating the objects on its path. */
export function setField(run: RunDescription, id: FieldId, value: unknown): void {
  const path = FIELDS[id].path;
  if (!path) return;
  let obj = run as unknown as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (obj[k] === null || typeof obj[k] !== 'object') obj[k] = {};
    obj = obj[k] as Record<string, unknown>;
  }
  obj[path[path.length - 1]] = value;
}

/** Remove the field's value from the run. */
export function clearField(run: RunDescription, id: FieldId): void {
  const path = FIELDS[id].path;
  if (!path) return;
  let obj: unknown = run;
  for (const k of path.slice(0, -1)) {
    obj = (obj as Record<string, unknown> | undefined)?.[k];
    if (obj === null || typeof obj !== 'object') return;
  }
  delete (obj as Record<string, unknown>)[path[path.length - 1]];
}

/** The field that lives at a run path (["model", "shape", "dModel"] is model.d_model); the first one in plan order. */
export function fieldAtPath(path: readonly string[]): FieldId | undefined {
  return (BY_RUN_PATH ??= runPathIndex()).get(path.join('.'));
}

/** Fields by their run path (the first field wins when two share one); built on first use. */
let BY_RUN_PATH: Map<string, FieldId> | undefined;
function runPathIndex(): Map<string, FieldId> {
  const m = new Map<string, FieldId>();
  for (const id of FIELD_IDS) {
    const key = FIELDS[id].path?.join('.');
    if (key !== undefined && !m.has(key)) m.set(key, id);
  }
  return m;
}

// ---- ranges and values ------------------------------------------------------------------------

/** A bound as people read it: 5000, 1, 0.001; powers of ten from a million up as 1e7. */
export const fmtBound = (x: number): string => (x >= 1e6 ? x.toExponential(0).replace('e+', 'e') : String(x));

/** "layer count must be a whole number at least 1 and at most 10000". */
export function describeRange(r: FieldRange): string {
  const lower = r.above !== undefined ? `above ${fmtBound(r.above)}` : `at least ${fmtBound(r.min ?? 0)}`;
  return `${r.what} must be ${r.integer ? 'a whole number ' : ''}${lower} and at most ${fmtBound(r.max)}`;
}

export function inRange(r: FieldRange, v: unknown): boolean {
  return (
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (r.above !== undefined ? v > r.above : v >= (r.min ?? 0)) &&
    v <= r.max &&
    (!r.integer || Number.isInteger(v))
  );
}

/** The words a plan may write for a field: its spellings, else its values. */
export function fieldWords(spec: FieldSpec): readonly (string | number)[] {
  return spec.words ?? spec.values ?? [];
}

// ---- names outside the plan format ------------------------------------------------------------

/** Short names of `# scaling-planner: name=value` comments, to canonical fields. */
export const FACT_ALIASES: Readonly<Record<string, FieldId>> = Object.fromEntries(
  FIELD_IDS.flatMap((id) => (FIELDS[id].aliases ?? []).map((a) => [a, id] as const)),
);

/** The field a comment-fact name means: an alias, or the id of a field that has aliases. */
export function factField(name: string): FieldId | undefined {
  if (Object.prototype.hasOwnProperty.call(FACT_ALIASES, name)) return FACT_ALIASES[name];
  return isFieldId(name) && FIELDS[name].aliases?.length ? name : undefined;
}

/** CLI flags that set a field, to that field (whose kind and range the flag's value obeys). */
export const FLAG_FIELDS: Readonly<Record<string, FieldId>> = Object.fromEntries(
  FIELD_IDS.flatMap((id) => (FIELDS[id].flags ?? []).map((f) => [f, id] as const)),
);

/** Fields a what-if may change, and so the only fields the panel may ask the host to write. */
export type WhatIfField = { [K in FieldId]: Table[K] extends { whatIf: true } ? K : never }[FieldId];
export const WHAT_IF_FIELDS = FIELD_IDS.filter((id) => FIELDS[id].whatIf) as WhatIfField[];

// ---- the plan format's keys -------------------------------------------------------------------

/** Every key the plan format has: a block is a nested table, a leaf is `true`. */
export type KeyTree = { readonly [key: string]: true | KeyTree };

function keyTree(): KeyTree {
  const root: Record<string, true | Record<string, unknown>> = {};
  for (const id of FIELD_IDS) {
    if (FIELDS[id].planKey === false) continue;
    const parts = id.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) {
      if (node[p] === undefined || node[p] === true) node[p] = {};
      node = node[p] as Record<string, true | Record<string, unknown>>;
    }
    node[parts[parts.length - 1]] = true;
  }
  return root as KeyTree;
}

/** The plan format's keys (the plan reader reports any other key as unknown-key). */
export const PLAN_KEYS: KeyTree = keyTree();

/** The plan fields directly under a block ("training" -> training.precision, ...; not those of training.lora). */
export function blockFields(block: string): readonly FieldId[] {
  let ids = BLOCK_FIELDS.get(block);
  if (!ids) {
    const depth = block.split('.').length + 1;
    ids = FIELD_IDS.filter((id) => FIELDS[id].planKey !== false && id.startsWith(`${block}.`) && id.split('.').length === depth);
    BLOCK_FIELDS.set(block, ids);
  }
  return ids;
}

/** blockFields by block: the registry is constant, and the plan reader asks on every read. */
const BLOCK_FIELDS = new Map<string, readonly FieldId[]>();

/** A field id's key path in a plan ("training.lora.rank" -> training, lora, rank), split once; shared, so never changed. */
export function keyPath(id: FieldId | BlockId): string[] {
  let p = KEY_PATHS.get(id);
  if (!p) KEY_PATHS.set(id, (p = id.split('.')));
  return p;
}
const KEY_PATHS = new Map<string, string[]>();
