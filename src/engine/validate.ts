// Range checks on a canonical run: impossible values become findings and are dropped, so the
// rest of the analysis never works on them. The ranges and allowed words are the field registry's
// (fields.ts); the checks across fields (kv_heads divides heads, the MoE block, MLA, LoRA) are here.

import { clearField, describeRange, fieldSpec, FIELD_IDS, FIELDS, getField, inRange, type FieldId } from './fields';
import type { Finding, RunDescription } from './types';

const RANGED = FIELD_IDS.filter((id) => FIELDS[id].range);
const ENUMERATED = FIELD_IDS.filter((id) => FIELDS[id].kind === 'enum' && FIELDS[id].path && FIELDS[id].values);

/**
 * Why a value is impossible for a canonical field (the same bounds a plan file gets), or undefined
 * when it is fine or the field has no range. The CLI checks its flags with this.
 */
export function checkValue(field: FieldId, v: number): string | undefined {
  const spec = fieldSpec(field);
  const range = spec?.range ?? spec?.flagRange;
  if (!range || inRange(range, v)) return undefined;
  return `${String(v)} is not possible: the ${describeRange(range)}`;
}

/** The fields whose values are checked, in the order of their findings: the ranged ones, then the worded ones. */
const CHECKED: readonly FieldId[] = [...RANGED, ...ENUMERATED];
/** Each check's range or allowed words, looked up once. */
const CHECKS = CHECKED.map((id, i) => (i < RANGED.length ? { range: FIELDS[id].range! } : { values: FIELDS[id].values! }));

/** The run-path index of the checked fields: at each key, the checks of the field there (indices into CHECKED) and the keys below. */
interface PathNode {
  checks: number[];
  below: Map<string, PathNode>;
}

const INDEX: PathNode = { checks: [], below: new Map() };
CHECKED.forEach((id, i) => {
  let node = INDEX;
  for (const k of FIELDS[id].path ?? []) {
    let next = node.below.get(k);
    if (!next) node.below.set(k, (next = { checks: [], below: new Map() }));
    node = next;
  }
  if (FIELDS[id].path) node.checks.push(i);
});

/** Whether a value breaks check i: a range for the ranged fields, the allowed words for the others. */
function fails(i: number, v: unknown): boolean {
  if (v === undefined) return false;
  const c = CHECKS[i];
  return c.range ? !inRange(c.range, v) : !(typeof v === 'string' && c.values!.includes(v));
}

/** Notes in `bad` each check a value of the run breaks: one walk over the values present, along the index. */
function scan(v: Record<string, unknown>, node: PathNode, bad: number[]): void {
  for (const k in v) {
    const child = node.below.get(k);
    if (!child || !Object.prototype.hasOwnProperty.call(v, k)) continue;
    const x = v[k];
    for (const i of child.checks) if (fails(i, x)) bad.push(i);
    if (child.below.size && x !== null && typeof x === 'object' && !Array.isArray(x)) scan(x as Record<string, unknown>, child, bad);
  }
}

/** A deep copy of plain data (objects, arrays, primitives): what a run is made of, several times faster than structuredClone. */
function clonePlain<T>(v: T, depth = 0): T {
  if (v === null || typeof v !== 'object' || depth > 32) return v;
  if (Array.isArray(v)) return v.map((x) => clonePlain(x, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = clonePlain((v as Record<string, unknown>)[k], depth + 1);
  return out as T;
}

const invalid = (field: FieldId, message: string, related: FieldId[] = []): Finding => ({ code: 'invalid-value', severity: 'error', message, field, related });

/**
 * A check across fields: a finding, after dropping what it found impossible, or undefined. It reads
 * `run` and drops from `edit()`, the run's own copy (made on the first drop).
 */
type CrossCheck = (run: RunDescription, edit: () => RunDescription) => Finding | undefined;

const CROSS_CHECKS: CrossCheck[] = [
  (run, edit) => {
    const s = run.model.shape;
    if (!(s?.heads && s.kvHeads && s.heads % s.kvHeads !== 0)) return undefined;
    const f = invalid('model.kv_heads', `model.kv_heads = ${s.kvHeads} must divide model.heads = ${s.heads} (grouped-query attention shares each KV head across a whole group).`, ['model.heads']);
    delete edit().model.shape!.kvHeads;
    return f;
  },
  (run, edit) => {
    const s = run.model.shape;
    const m = s?.moe;
    if (!s || !m) return undefined;
    const whole = (x: number | undefined, min: number, max = 1e6): boolean => x === undefined || (Number.isInteger(x) && x >= min && x <= max);
    if (whole(m.experts, 1) && whole(m.topK, 1) && (m.topK === undefined || m.topK <= m.experts) && whole(m.sharedExperts, 0) && whole(m.expertFfnHidden, 1, 1e7)) return undefined;
    delete edit().model.shape!.moe;
    return invalid('model.moe.experts', `model.moe needs whole numbers with 1 <= top_k <= experts <= 1e6, shared_experts >= 0 and expert_ffn_hidden >= 1 (got experts = ${m.experts}, top_k = ${m.topK}).`, ['model.moe.top_k']);
  },
  (run, edit) => {
    const ep = run.training.expertParallel;
    const moe = run.model.shape?.moe;
    if (!(ep !== undefined && ep > 1 && moe && ep > moe.experts)) return undefined;
    delete edit().training.expertParallel;
    return invalid('training.expert_parallel', `training.expert_parallel = ${ep} exceeds the ${moe.experts} routed experts: each expert-parallel rank holds at least one expert.`, ['model.moe.experts']);
  },
  (run, edit) => {
    const mla = run.model.shape?.attention?.mla;
    if (!mla || [mla.kvLoraRank, mla.qkNopeHeadDim + mla.qkRopeHeadDim, mla.vHeadDim, mla.qLoraRank ?? 1].every((x) => Number.isInteger(x) && x >= 1 && x <= 1e6)) return undefined;
    delete edit().model.shape;
    return invalid('model.attention.kv_lora_rank', `model.attention needs whole-number latent ranks and head dimensions of at least 1 for multi-head latent attention (got kv_lora_rank = ${mla.kvLoraRank}, q_lora_rank = ${mla.qLoraRank ?? 'none'}).`);
  },
  (run, edit) => {
    const lora = run.training.lora;
    if (!lora || (Number.isInteger(lora.rank) && lora.rank >= 1 && lora.rank <= 1e6)) return undefined;
    delete edit().training.lora;
    return invalid('training.lora.rank', `training.lora.rank = ${String(lora.rank)} must be a whole number of at least 1.`);
  },
];

/**
 * The run without impossible values, and a finding for each one dropped. The input is never
 * changed: the run is a copy when anything is dropped, else the input itself (no stage writes to it).
 */
export function validateRun(input: RunDescription): { run: RunDescription; findings: Finding[] } {
  const bad: number[] = [];
  scan(input as unknown as Record<string, unknown>, INDEX, bad);
  let run = input;
  const edit = (): RunDescription => (run === input ? (run = clonePlain(input)) : run);
  const findings: Finding[] = [];
  // In registry order; each value read again, as an earlier drop may have removed it.
  for (const i of bad.sort((a, b) => a - b)) {
    const field = CHECKED[i];
    const v = getField(run, field);
    if (!fails(i, v)) continue;
    const spec = FIELDS[field];
    findings.push(invalid(field, i < RANGED.length ? `${field} = ${String(v)} is not possible: the ${describeRange(spec.range!)}.` : `${field} = ${JSON.stringify(v)} is not one of ${spec.values!.join(', ')}.`));
    clearField(edit(), field);
  }
  for (const check of CROSS_CHECKS) {
    const f = check(run, edit);
    if (f) findings.push(f);
  }
  return { run, findings };
}
