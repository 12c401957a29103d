// Scaling Planner's own plan format (*.plan.yaml); schema in schemas/plan.schema.json.

import { FIELDS, PLAN_KEYS, type FieldId, type KeyTree } from '../../engine/fields';
import { isLawId } from '../../engine/laws';
import { readPlanArchitecture } from './planArch';
import { checkArchitecture } from './archChecks';
import type { Checkpointing, ModelShape, RunDescription } from '../../engine/types';
import { Collector, type Found } from '../collector';
import { boolOf, fsdpStage, optimizerOf, precisionOf } from '../values';
import { PlanBlock } from './planBlock';
import { readBlock, readEnum, type FieldReader } from './planFields';
import { readLifecycleBlocks } from './planLifecycle';
import type { Dialect } from './registry';
import type { MapEntries, Span, YamlView } from '../yamlDoc';
import { groupDigits } from '../../engine/digits';

/** Every key the plan format has: the field registry's plan keys (engine/fields.ts), also the schema's. */
export { PLAN_KEYS };

/** Plan and other keys of a block, for files without the .plan.yaml name ("name" is too common to count). */
function planKeysIn(view: YamlView, block: 'model' | 'data' | 'hardware'): { plan: number; other: number } {
  const known = PLAN_KEYS[block] as KeyTree;
  const keys = view.keys([block]).filter((k) => k !== 'name' && k !== '<<');
  const plan = keys.filter((k) => known[k] !== undefined).length;
  return { plan, other: keys.length - plan };
}

/** Levenshtein distance, for "did you mean" (keys are short); one reused row, no allocation per call. */
let row = new Int32Array(64);
function editDistance(a: string, b: string): number {
  if (row.length <= b.length) row = new Int32Array(b.length + 1);
  const d = row;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** A likely key: its full path as the message names it, and its own key when it is one of the same block. */
interface Suggestion {
  path: string;
  sameBlock?: string;
}

/** The known key a misspelt one most likely means: same block within two edits, else the same key in another block. */
function suggestKey(key: string, path: string[], tree: KeyTree): Suggestion | undefined {
  const norm = key.toLowerCase().replace(/-/g, '_');
  let best: { k: string; d: number } | undefined;
  for (const k of Object.keys(tree)) {
    if (Math.abs(norm.length - k.length) > 2) continue; // at least that many edits apart
    const d = editDistance(norm, k);
    // Up to two edits catch a dropped, doubled or swapped letter; short keys allow fewer, so that
    // "pue" is not taken for "usd".
    if (d <= Math.min(2, Math.floor(k.length / 3) + 1) && (!best || d < best.d)) best = { k, d };
  }
  if (best) return { path: [...path, best.k].join('.'), sameBlock: best.k };
  for (const [block, sub] of Object.entries(PLAN_KEYS)) {
    if (sub !== true && block !== path[0] && Object.prototype.hasOwnProperty.call(sub, norm)) return { path: `${block}.${norm}` };
  }
  return undefined;
}

/**
 * The key a typo can be renamed to in place: a suggestion of the same block (not a key of another
 * block), which the block does not already write and no merge key may supply.
 */
function renameTarget(guess: Suggestion, e: MapEntries): string | undefined {
  const key = guess.sameBlock;
  return key === undefined || e.merges || e.pair(key) !== undefined ? undefined : key;
}

/** A key table as a map (built once per table): a key as written is looked up without being made a property name. */
const KEY_MAPS = new Map<KeyTree, Map<string, true | KeyTree>>();
function keyMap(tree: KeyTree): Map<string, true | KeyTree> {
  let m = KEY_MAPS.get(tree);
  if (!m) KEY_MAPS.set(tree, (m = new Map(Object.entries(tree))));
  return m;
}

/**
 * At most this many unknown keys get a warning of their own; one more warning counts the rest, from
 * the first of them (a file of thousands of stray keys would flood the Problems panel and keep
 * megabytes of findings per document).
 */
export const MAX_LISTED_UNKNOWN_KEYS = 100;

/** Unknown keys so far: how many have a warning of their own; past those, how many and the first. */
interface Unlisted {
  listed: number;
  count: number;
  first?: { at: string; span?: Span };
}

/** An unknown-key warning, on the key, for every key the plan format does not have (typos are otherwise silently ignored). */
function unknownKeys(view: YamlView, c: Collector, root: MapEntries): void {
  const unlisted: Unlisted = { listed: 0, count: 0 };
  unknownKeysIn(view, c, PLAN_KEYS, [], root, unlisted);
  if (!unlisted.first) return;
  const { at, span } = unlisted.first;
  const message = `${groupDigits(unlisted.count)} more keys are not plan keys and are ignored, from ${at} on (only the first ${MAX_LISTED_UNKNOWN_KEYS} are listed one by one).`;
  c.problems.push({ code: 'unknown-key', severity: 'warning', message, span });
}

function unknownKeysIn(view: YamlView, c: Collector, tree: KeyTree, path: string[], e: MapEntries, unlisted: Unlisted): void {
  for (const key of e.keys) {
    if (key === '<<') continue; // YAML merge key
    const known = keyMap(tree).get(key); // own keys only, never "toString"
    if (known === true) continue;
    // The key's last pair, as a lookup of the key finds it (its own pair wins over merges).
    const hit = view.hitOf(e.pair(key)!);
    if (known === undefined) {
      // Anchor holders (`defaults: &d {...}`) and extension keys (`x-…`, `.…`) exist to be reused, not read.
      if ((hit && view.anchorOf(hit)) || /^(x-|\.)/.test(key)) continue;
      const at = key === '' ? [...path, '(an empty key)'].join('.') : [...path, key].join('.');
      if (unlisted.listed >= MAX_LISTED_UNKNOWN_KEYS) {
        unlisted.count++;
        unlisted.first ??= { at, span: hit?.keySpan ?? hit?.span };
        continue;
      }
      unlisted.listed++;
      const guess = suggestKey(key, path, tree);
      const message = `${at} is not a plan key and is ignored; ${guess ? `did you mean ${guess.path}?` : `known keys${path.length ? ` under ${path.join('.')}` : ''}: ${Object.keys(tree).join(', ')}.`}`;
      const rename = guess && hit?.keySpan ? renameTarget(guess, e) : undefined;
      c.problems.push({ code: 'unknown-key', severity: 'warning', message, span: hit?.keySpan ?? hit?.span, ...(rename ? { rename } : {}) });
    } else {
      const sub = view.entriesOf(hit);
      if (sub) unknownKeysIn(view, c, known, [...path, key], sub, unlisted);
    }
  }
}

const values = (id: FieldId): string => (FIELDS[id].values ?? []).join(', ');

/** Model keys with reading of their own; undefined: read by readModel or readPlanArchitecture. */
const MODEL: Partial<Record<FieldId, FieldReader>> = {
  'model.name': undefined,
  'model.architecture': (c, r, f) => readEnum(c, r, 'model.architecture', { message: (v) => `model.architecture must be gpt or llama, not "${v}".` }, f),
  'model.positions': (c, r, f) => readEnum(c, r, 'model.positions', { quiet: true }, f),
  'model.norm': (c, r, f) => readEnum(c, r, 'model.norm', { quiet: true }, f),
  'model.layer_pattern': undefined,
  'model.mtp_layers': undefined,
  'model.sliding_window': undefined,
  'model.ungated_mlp': undefined,
  'model.output_bias': undefined,
};

/** The model: block into one shape, kept when the architecture checks pass. */
function readModel(c: Collector, model: PlanBlock | undefined): void {
  if (!model) return; // no mapping: nothing to read
  const r = c.run;
  // The block's fields land on a stand-in run first: the shape joins the run's model (after its
  // other fields) only once the architecture checks pass.
  const read = { model: {} } as RunDescription;
  readBlock(c, read, 'model', MODEL, model);
  const shape: Partial<ModelShape> = read.model.shape ?? {};
  for (const k of Object.keys(read.model) as Array<keyof RunDescription['model']>) if (k !== 'shape') (r.model as Record<string, unknown>)[k] = read.model[k];
  const moe = model.child('moe');
  if (moe) {
    moe.anchor('model.moe');
    const experts = moe.num('experts', 'model.moe.experts');
    const topK = moe.num('top_k', 'model.moe.top_k');
    const shared = moe.num('shared_experts', 'model.moe.shared_experts');
    const ew = moe.num('expert_ffn_hidden', 'model.moe.expert_ffn_hidden');
    // No default top_k: routing 1, 2 or 8 experts changes compute 8-fold; the engine reports it missing.
    if (experts !== undefined) shape.moe = { experts, topK, sharedExperts: shared, expertFfnHidden: ew };
  }
  readPlanArchitecture(c, model, shape);
  if (Object.keys(shape).length && checkArchitecture(c, shape)) r.model.shape = shape;
}

/** Training keys whose words or checks are the plan format's own. */
const TRAINING: Partial<Record<FieldId, FieldReader>> = {
  'training.precision': (c, r, f) =>
    readEnum(c, r, 'training.precision', { map: precisionOf, message: (v) => `training.precision "${v}" is not one of ${values('training.precision')}.` }, f),
  'training.optimizer': (c, r, f) =>
    readEnum(
      c,
      r,
      'training.optimizer',
      {
        map: optimizerOf,
        severity: 'warning',
        message: (v) => `training.optimizer "${v}" is not known; memory assumes AdamW (known: ${values('training.optimizer')}).`,
      },
      f,
    ),
  'training.zero_stage': (c, r, f) =>
    c.numAt(f, 'training.zero_stage', 'count', (v) => {
      if ([0, 1, 2, 3].includes(v)) r.training.zeroStage = v as 0 | 1 | 2 | 3;
      else c.problems.push({ code: 'invalid-value', severity: 'error', message: `training.zero_stage must be 0, 1, 2 or 3, not ${v}.`, span: c.sources['training.zero_stage']?.span, field: 'training.zero_stage' });
    }),
  // The value as text (c.str): `true` is FSDP with its default strategy, FULL_SHARD.
  'training.fsdp': (c, r, f) =>
    c.strAt(f, 'training.zero_stage', (v) => {
      const stage = fsdpStage(boolOf(v) ?? v);
      if (stage !== undefined) r.training.zeroStage = stage;
    }),
  'training.activation_checkpointing': readCheckpointing,
  'training.finetune': (c, r, f) => readEnum(c, r, 'training.finetune', { quiet: true }, f),
};

/** none, selective or full; true and false mean full and none. */
function readCheckpointing(c: Collector, r: RunDescription, ac: Found | undefined): void {
  if (!ac || ac.hit.value === null) return;
  const v = ac.hit.value;
  const mode: Checkpointing | undefined = v === true ? 'full' : v === false ? 'none' : typeof v === 'string' && ['none', 'selective', 'full'].includes(v) ? (v as Checkpointing) : undefined;
  if (mode) {
    r.training.activationCheckpointing = mode;
    c.record('training.activation_checkpointing', ac.path, ac.hit);
  } else c.problems.push({ code: 'invalid-value', severity: 'error', message: 'training.activation_checkpointing must be none, selective, full, true or false.', span: ac.hit.span, field: 'training.activation_checkpointing' });
}

/** training.lora: adapters of a rank (targets q and v unless given; QLoRA keeps the base in 4 bits). */
function readLora(c: Collector, view: YamlView, training: PlanBlock | undefined): void {
  const lora = training?.child('lora');
  if (!lora) return;
  const t = c.run.training;
  const rank = lora.num('rank', 'training.lora.rank');
  const alpha = lora.num('alpha', 'training.lora.alpha', 'number');
  const targets = lora.has('targets') ? view.scalars(['training', 'lora', 'targets']) : [];
  if (rank !== undefined) t.lora = { rank, alpha, targets: targets.length ? targets : ['q', 'v'], baseBits: t.finetune === 'qlora' ? 4 : undefined };
}

const HARDWARE: Partial<Record<FieldId, FieldReader>> = {
  'hardware.ownership': (c, r, f) => readEnum(c, r, 'hardware.ownership', { message: (v) => `hardware.ownership must be rent or owned (not "${v}").` }, f),
};

/** The top-level blocks whose key anchors findings about fields they do not state. */
const BLOCKS = ['model', 'data', 'training', 'hardware', 'budget', 'inference'] as const;

export const planDialect: Dialect = {
  id: 'plan',
  label: 'Scaling Planner plan',
  detect(view, fileName) {
    if (/\.plan\.ya?ml$/i.test(fileName)) return 100;
    // The format's rule: a top-level model: block plus a data: or hardware: block (possibly still
    // empty), using plan keys.
    const block = (k: string): boolean => view.isMap([k]) || (view.has([k]) && view.get([k])!.value === null);
    if (!view.isMap(['model']) || !(block('data') || block('hardware'))) return 0;
    const model = planKeysIn(view, 'model');
    const n = model.plan + planKeysIn(view, 'data').plan + planKeysIn(view, 'hardware').plan;
    // A model: block mostly in another vocabulary (n_layers, n_heads, mlp_ratio: OLMo, MPT, NeMo)
    // is a framework config its own reader did not recognise, not a plan full of typos.
    if (n === 0 || model.other > model.plan) return 0;
    // 50 is below every framework dialect's lowest score (66: olmo and llm-foundry; nemo 67), so
    // OLMo and Composer files, which also have model: and data: blocks, stay theirs.
    return 50;
  },
  read(view) {
    const c = new Collector(view, 'plan');
    const r = c.run;
    // The top-level blocks, each found once: its key anchors findings, its pairs are read.
    const root = PlanBlock.at(c, []);
    const blocks: Partial<Record<(typeof BLOCKS)[number], PlanBlock>> = {};
    for (const b of BLOCKS) {
      const found = root?.has(b) ? root.found(b) : undefined;
      if (!found) continue;
      c.block(b, found.path, found.hit);
      blocks[b] = PlanBlock.of(c, [b], found.hit);
    }
    if (root) c.strAt(root.found('name'), 'name', (v) => (r.name = v)) ?? c.strAt(blocks.model?.found('name'), 'model.name', (v) => (r.name = v));
    readModel(c, blocks.model);
    readBlock(c, r, 'data', undefined, blocks.data);
    readBlock(c, r, 'training', TRAINING, blocks.training);
    readLora(c, view, blocks.training);
    readBlock(c, r, 'hardware', HARDWARE, blocks.hardware);
    readBlock(c, r, 'budget', undefined, blocks.budget);
    readBlock(c, r, 'inference', undefined, blocks.inference);
    if (root?.has('law')) readEnum(c, r, 'law', { map: (v) => (isLawId(v) ? v : undefined) }, root.found('law'));
    if (root) readLifecycleBlocks(root, c, r);
    if (root) unknownKeys(view, c, root.entries);
    return c.result();
  },
};
