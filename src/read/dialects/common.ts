// Helpers shared by the dialect readers: tokens from steps x batch x sequence, device counts,
// named models from the built-in table, LoRA targets and findings for what a file leaves out.

import { isMap, isScalar, isSeq, type YAMLSeq } from 'yaml';
import type { LoraSpec, ModelShape, Precision } from '../../engine/types';
import type { Collector, Got } from '../collector';
import { resolveModel, type KnownModel } from '../knownModels';
import { groupDigits } from '../../engine/digits';
import { parseQuantity } from '../quantity';
import type { Hit, Span } from '../yamlDoc';
import { toPrecision } from './plan';
import { checkArchitecture } from './archChecks';

export type Shape = Partial<ModelShape>;

/** One factor of a derived value (steps, sequences per step, sequence length, devices). */
export interface Part {
  value: number;
  /** Key as written ("train_iters"), or a description ("# scaling-planner: gpus"). */
  key: string;
  span?: Span;
}

export function part(g: Got): Part {
  return { value: g.value, key: g.key, span: numberSpan(g.hit) };
}

/** The range of the number inside a scalar ("63900" in "63900ba", "2e12" in "'2e12T'"), so a fix keeps the unit. */
export function numberSpan(hit: Hit): Span {
  const m = /[+-]?(?:\d[\d_,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(hit.source);
  if (!m) return hit.span;
  return { start: hit.span.start + m.index, end: hit.span.start + m.index + m[0].length };
}

const fmt = groupDigits;

/**
 * data.tokens = product of the parts; the first part is the one a quick fix rewrites (steps),
 * the others are its scale. Also sets training.steps and the global batch in tokens when given.
 */
export function setTokens(c: Collector, steps: Part, perStep: Part[], note?: string): void {
  const scale = perStep.reduce((a, p) => a * p.value, 1);
  const tokens = steps.value * scale;
  if (!Number.isFinite(tokens)) return;
  c.run.data.tokens = tokens;
  const inputs = [steps, ...perStep].filter((p): p is Part & { span: Span } => !!p.span).map((p) => ({ key: p.key, span: p.span }));
  const formula = [steps, ...perStep].map((p) => `${p.key} ${fmt(p.value)}`).join(' × ');
  const editable = !!steps.span;
  if (inputs.length) c.derived('data.tokens', inputs, note ?? `${formula} = ${fmt(tokens)} tokens`, editable ? scale : undefined);
  c.run.training.steps = steps.value;
  if (perStep.length && scale > 0 && c.run.training.globalBatchTokens === undefined) {
    c.run.training.globalBatchTokens = scale;
    const bInputs = perStep.filter((p): p is Part & { span: Span } => !!p.span).map((p) => ({ key: p.key, span: p.span }));
    if (bInputs.length) c.derived('training.global_batch_tokens', bInputs, `${perStep.map((p) => `${p.key} ${fmt(p.value)}`).join(' × ')} = ${fmt(scale)} tokens per step`);
  }
}

/** Tokens given directly by the file (LitGPT max_tokens, OLMo "2e12T", Composer "134000000000tok"). */
export function setTokensDirect(c: Collector, g: Got, note?: string): void {
  c.run.data.tokens = g.value;
  const n = numberSpan(g.hit);
  if (n.start === g.hit.span.start && n.end === g.hit.span.end) {
    c.record('data.tokens', g.path, g.hit, note);
    return;
  }
  // A unit or quotes around the number ("2e12T"): a quick fix rewrites only the number.
  c.derived('data.tokens', [{ key: g.key, span: n }], note ?? `${g.key} = ${fmt(g.value)} tokens`, 1);
  c.sources['data.tokens'].keySpan = g.hit.keySpan;
}

/** A device count from a `# scaling-planner: gpus=N` comment or settings; recorded on the run. */
export function externalCount(c: Collector): Part | undefined {
  const f = c.external('hardware.count');
  if (!f) return undefined;
  const p = parseQuantity(f.value, 'count');
  if (!p.ok || p.value < 1) return undefined;
  c.run.hardware.count = p.value;
  c.sources['hardware.count'] = { span: f.span, origin: f.origin, note: f.origin === 'comment' ? `from a # scaling-planner: comment (${f.value})` : `from settings (${f.value})` };
  return { value: p.value, key: f.origin === 'comment' ? 'devices (# scaling-planner comment)' : 'devices (settings)', span: f.span };
}

/**
 * World size from per-node devices and nodes as the file gives them; `perNode` alone counts one
 * node. `null` is a count the file leaves to the launcher ("auto", -1, an unresolved
 * interpolation): the world size is then unknown, never one node. Falls back to a comment or
 * setting when the caller derives values from it. Records hardware.count.
 */
export function deviceCount(c: Collector, perNode: Got | null | undefined, nodes: Got | null | undefined, total?: Got | null, fallback = true): Part | undefined {
  if (total && total.value >= 1) {
    c.run.hardware.count = total.value;
    c.record('hardware.count', total.path, total.hit);
    return part(total);
  }
  if (perNode === null || nodes === null || total === null) return fallback ? externalCount(c) : undefined;
  if (perNode && perNode.value >= 1) {
    const n = nodes && nodes.value >= 1 ? nodes.value : 1;
    const count = perNode.value * n;
    c.run.hardware.count = count;
    if (nodes && nodes.value >= 1) c.derived('hardware.count', [{ key: perNode.key, span: perNode.span }, { key: nodes.key, span: nodes.span }], `${perNode.key} ${perNode.value} × ${nodes.key} ${nodes.value} = ${count} devices`);
    else c.record('hardware.count', perNode.path, perNode.hit, `${perNode.key} per node; one node (no node count in the file)`);
    return { value: count, key: nodes && nodes.value >= 1 ? `${perNode.key} × ${nodes.key}` : perNode.key, span: perNode.span };
  }
  return fallback ? externalCount(c) : undefined;
}

/** Precision names across dialects (NeoX "bfloat16", Lightning "bf16-true"/"32-true", Composer "amp_bf16", NeMo 16/32). */
export function precisionOf(v: unknown): Precision | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim().toLowerCase();
  const extra: Record<string, Precision> = { '32-true': 'fp32', '64': 'fp32', '16-true': 'fp16', 'float32': 'fp32', fp32: 'fp32', half: 'fp16', bfloat16: 'bf16', 'bf16-mixed': 'bf16' };
  return extra[s] ?? toPrecision(s);
}

/** Set the model from the built-in table; false (and an unknown-model finding) when the name is not in it. */
export function applyKnownModel(c: Collector, shape: Shape, name: string, hit: Hit, key: string): KnownModel | undefined {
  const k = resolveModel(name);
  if (!k) {
    c.problem(
      'unknown-model',
      'warning',
      `Model "${name}" is not in the built-in table of known models, so its size is unknown. Declare its shape with a comment such as ` +
        '`# scaling-planner: layers=32 d_model=4096 heads=32 kv_heads=8 ffn_hidden=14336 vocab=128256` (a Llama-style block is assumed), ' +
        'or its size with `# scaling-planner: params=7B` (or the same facts in the scalingPlanner.facts setting).',
      hit.span,
      'model.params',
    );
    return undefined;
  }
  const note = `${k.id}, from the built-in model table (${k.source})`;
  // The name itself is what the file states: hovers and hints anchor on it.
  c.sources['model.name'] = { span: hit.span, keySpan: hit.keySpan, origin: 'file', key, text: hit.source, note };
  if (k.shape) {
    const s = k.shape;
    Object.assign(shape, { ...s, seqLen: shape.seqLen ?? s.seqLen });
    for (const f of ['model.params', 'model.layers', 'model.d_model', 'model.heads', 'model.kv_heads', 'model.ffn_hidden', 'model.vocab_size']) c.lookup(f, note, hit.span, key);
  } else {
    c.run.model.params = k.params;
    c.run.model.activeParams = k.activeParams;
    c.lookup('model.params', `${k.id}: published parameter count (${k.source}); its architecture is not counted from a shape`, hit.span, key);
  }
  if (!c.run.name) c.run.name = k.id;
  return k;
}

const SHAPE_FACT: Record<string, [string, string]> = {
  layers: ['model.layers', 'layers'],
  dModel: ['model.d_model', 'd_model'],
  heads: ['model.heads', 'heads'],
  vocabSize: ['model.vocab_size', 'vocab'],
};

/** A missing-facts finding for each required shape field the file did not give (unless a count was given instead). */
export function reportMissingShape(c: Collector, shape: Shape, hints: Partial<Record<'layers' | 'dModel' | 'heads' | 'vocabSize', string>>, span?: Span): void {
  if (c.run.model.params !== undefined) return;
  const any = Object.keys(shape).length > 0;
  if (!any && !Object.keys(hints).length) return;
  for (const k of ['layers', 'dModel', 'heads', 'vocabSize'] as const) {
    if (shape[k] !== undefined) continue;
    const [field, fact] = SHAPE_FACT[k];
    if (c.problems.some((p) => p.field === field && (p.code === 'missing-facts' || p.code === 'unresolved' || p.code === 'invalid-value'))) continue;
    const where = hints[k] ? `${hints[k]}` : `${field} is not in this file`;
    c.missing(field, `${where}; add \`# scaling-planner: ${fact}=…\` (or set ${field} in the scalingPlanner.facts setting).`, span);
  }
}

/** Canonical LoRA targets (q, k, v, o, gate, up, down) from the module names a dialect uses. */
const LORA_NAMES: Record<string, string> = {
  q: 'q', q_proj: 'q', query: 'q', wq: 'q', query_key_value: 'qkv', qkv_proj: 'qkv', c_attn: 'qkv', wqkv: 'qkv', attn: 'qkv',
  k: 'k', k_proj: 'k', key: 'k', wk: 'k',
  v: 'v', v_proj: 'v', value: 'v', wv: 'v',
  o: 'o', o_proj: 'o', output_proj: 'o', out_proj: 'o', wo: 'o', dense: 'o', projection: 'o',
  gate: 'gate', gate_proj: 'gate', w1: 'gate', fc_1: 'gate',
  up: 'up', up_proj: 'up', w3: 'up', fc_2: 'up', c_fc: 'up', dense_h_to_4h: 'up', fc1: 'up',
  down: 'down', down_proj: 'down', w2: 'down', c_proj: 'down', dense_4h_to_h: 'down', fc2: 'down',
  gate_up_proj: 'gate_up',
  // Multi-head latent attention (DeepSeek): the query up-projection, the joint KV down- and up-projections.
  q_b_proj: 'q', kv_a_proj_with_mqa: 'k', kv_b_proj: 'v',
};

export function loraTargets(names: string[]): { targets: string[]; unknown: string[] } {
  const out = new Set<string>();
  const unknown: string[] = [];
  for (const raw of names) {
    const n = String(raw).trim().split('.').pop()!.toLowerCase();
    const t = LORA_NAMES[n];
    if (t === 'qkv') ['q', 'k', 'v'].forEach((x) => out.add(x));
    else if (t === 'gate_up') ['gate', 'up'].forEach((x) => out.add(x));
    else if (t) out.add(t);
    else unknown.push(String(raw));
  }
  return { targets: [...out], unknown };
}

export const ALL_LINEAR = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'];

/** Record a LoRA spec on the run (the rank's range anchors it). */
export function setLora(c: Collector, kind: 'lora' | 'qlora', spec: LoraSpec, rank?: Got): void {
  c.run.training.finetune = kind;
  c.run.training.lora = spec;
  if (rank) c.record('training.lora.rank', rank.path, rank.hit);
}

/** Fine-tunes rarely state their token count: say what is needed instead of guessing. */
export function finetuneTokensMissing(c: Collector, why: string, span?: Span): void {
  if (c.run.data.tokens !== undefined) return;
  c.missing('data.tokens', `${why} Set the tokens this run trains on with \`# scaling-planner: tokens=…\` (epochs × tokens per epoch), or data.tokens in the scalingPlanner.facts setting.`, span);
}

/** The scalar values of a sequence or a single scalar at a path (lists of module names). */
export function stringList(c: Collector, path: Array<string | number>): string[] | undefined {
  const h = c.hit(path);
  if (!h) return undefined;
  if (typeof h.value === 'string') return h.value.split(/[\s,]+/).filter(Boolean);
  if (h.value !== undefined) return undefined;
  return c.view.scalars(path);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function truthy(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    if (/^(true|yes|on|1)$/i.test(v.trim())) return true;
    if (/^(false|no|off|0|none|null)$/i.test(v.trim())) return false;
  }
  return undefined;
}

/** Shape fields that must be at least 1, and what each is (for the finding). */
const AT_LEAST_ONE: Array<[keyof ModelShape, string, string]> = [
  ['layers', 'model.layers', 'a model needs at least one layer'],
  ['dModel', 'model.d_model', 'the hidden size must be at least 1'],
  ['heads', 'model.heads', 'a model needs at least one attention head'],
  ['kvHeads', 'model.kv_heads', 'attention needs at least one key/value head'],
  ['headDim', 'model.head_dim', 'the head dimension must be at least 1'],
  ['ffnHidden', 'model.ffn_hidden', 'the MLP width must be at least 1'],
  ['vocabSize', 'model.vocab_size', 'the vocabulary must have at least one token'],
];

/**
 * Set the run's shape when anything is known about it. Impossible sizes (0 heads, 0 experts) are
 * errors on the dialect's own key; the value is dropped so nothing is counted from it, and a
 * mixture of experts without experts is not counted at all (a dense count would be wrong).
 */
export function finishShape(c: Collector, shape: Shape): void {
  for (const [k, field, why] of AT_LEAST_ONE) {
    const v = shape[k];
    if (typeof v !== 'number' || v >= 1) continue;
    const src = c.sources[field];
    c.problem('invalid-value', 'error', `${src?.key ?? field}: ${src?.text ?? v} is not possible: ${why}.`, src?.span, field);
    delete shape[k];
  }
  if (shape.moe && !(shape.moe.experts >= 1)) {
    const src = c.sources['model.moe.experts'];
    c.problem('invalid-value', 'error', `${src?.key ?? 'model.moe.experts'}: ${src?.text ?? shape.moe.experts} is not possible: a mixture of experts needs at least one expert, so the parameters are not counted (a dense count would be wrong).`, src?.span, 'model.params');
    return;
  }
  if (!checkArchitecture(c, shape)) return;
  if (Object.keys(shape).length) c.run.model.shape = { ...c.run.model.shape, ...shape };
}

/**
 * Hydra composition (a top-level `defaults:` list) is not followed: only this file is read, so
 * values the listed config groups would set are unknown (information, never an error).
 */
export function hydraDefaults(c: Collector): void {
  const h = c.hit(['defaults']);
  if (!h || !isSeq(h.node)) return;
  // Entries are group names ("- model: gpt") or plain names ("- _self_", "- optional x@y:").
  const named = (h.node as YAMLSeq).items
    .map((i) => (isScalar(i) ? String(i.value) : isMap(i) && i.items[0] && isScalar(i.items[0].key) ? String(i.items[0].key.value) : ''))
    .filter((x) => x && x !== '_self_');
  c.problem(
    'unresolved',
    'information',
    `defaults: Hydra composition is not followed${named.length ? ` (${named.join(', ')})` : ''}: only this file is read, so values that other config files or command-line overrides set are not seen. State them here or with \`# scaling-planner:\` comments.`,
    h.keySpan ?? h.span,
  );
}

/** Whether a key is written in the file, even with a value the reader could not use (unresolved, invalid). */
export function present(c: Collector, path: Array<string | number>): boolean {
  const h = c.hit(path);
  return !!h && h.value !== null;
}

/** A training length with a unit: Composer "63900ba"/"134e9tok"/"3ep"/"1000sp", OLMo "2e12T"/"739_328". */
export interface Duration {
  value: number;
  unit: 'steps' | 'tokens' | 'epochs' | 'samples' | 'fraction';
  got: Got;
}

export function parseDuration(c: Collector, path: Array<string | number>, field: string, units: Record<string, Duration['unit']>, bare: Duration['unit']): Duration | undefined {
  const f = c.raw([path], field);
  if (!f) return undefined;
  const v = f.hit.value;
  let num: number | undefined;
  let unit: Duration['unit'] | undefined;
  if (typeof v === 'number') {
    num = v;
    unit = bare;
  } else if (typeof v === 'string') {
    const m = /^\s*([+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z]*)\s*$/.exec(v);
    if (m) {
      num = Number(m[1].replace(/_/g, ''));
      unit = m[2] ? units[m[2]] ?? units[m[2].toLowerCase()] : bare;
    }
  }
  if (num === undefined || unit === undefined || !Number.isFinite(num) || num < 0) {
    const why = num !== undefined && !Number.isFinite(num) ? 'is not a finite number' : num !== undefined && num < 0 ? 'is negative' : `is not a training length (${Object.keys(units).map((u) => `…${u}`).join(', ')})`;
    c.problem('invalid-value', 'error', `${path.join('.')}: "${f.hit.source}" ${why}.`, f.hit.span, field);
    return undefined;
  }
  const got: Got = { value: num, path: f.path, hit: f.hit, key: f.path.join('.'), span: numberSpan(f.hit) };
  return { value: num, unit, got };
}

/** A vocabulary from the built-in tokenizer table (anchored on the tokenizer the file names). */
export function tokenizerVocab(c: Collector, field: string, note: string, span?: Span, key?: string): void {
  c.sources[field] = { span, origin: 'tokenizer', note, key };
}

/** A value the framework supplies when the file leaves it out (recorded so hovers can say so). */
export function defaulted(c: Collector, field: string, note: string, span?: Span): void {
  if (c.sources[field]) return;
  c.sources[field] = { span, keySpan: span, origin: 'default', note };
}

/** FSDP sharding strategies as ZeRO stages (FULL_SHARD shards weights, gradients and optimizer states). */
export function fsdpStage(v: unknown): 0 | 1 | 2 | 3 | undefined {
  const s = typeof v === 'string' ? v.toUpperCase() : '';
  if (/HYBRID_SHARD_ZERO2|SHARD_GRAD_OP/.test(s)) return 2;
  if (/FULL_SHARD|HYBRID_SHARD/.test(s)) return 3;
  if (/NO_SHARD/.test(s)) return 0;
  return undefined;
}

/** Activation-checkpointing settings as the engine's modes. */
export function checkpointingOf(v: unknown): 'none' | 'selective' | 'full' | undefined {
  if (v === true) return 'full';
  if (v === false || v === null) return 'none';
  if (typeof v !== 'string') return undefined;
  const s = v.toLowerCase();
  if (/^(true|full|whole_layer|uniform)$/.test(s)) return 'full';
  if (/^(false|none|no)$/.test(s)) return 'none';
  if (/selective|fine_grained|one_in|two_in|three_in/.test(s)) return 'selective';
  return undefined;
}

/** The global batch in tokens (sequences per step x sequence length), when tokens were not derived from it. */
export function setBatchTokens(c: Collector, parts: Part[]): void {
  if (c.run.training.globalBatchTokens !== undefined || !parts.length) return;
  const v = parts.reduce((a, p) => a * p.value, 1);
  if (!(v > 0) || !Number.isFinite(v)) return;
  c.run.training.globalBatchTokens = v;
  const inputs = parts.filter((p): p is Part & { span: Span } => !!p.span).map((p) => ({ key: p.key, span: p.span }));
  if (inputs.length) c.derived('training.global_batch_tokens', inputs, `${parts.map((p) => `${p.key} ${fmt(p.value)}`).join(' × ')} = ${fmt(v)} tokens per step`);
}

/**
 * A device or node count that the launcher may decide: "auto" or -1 (every visible device; NeoX
 * num_nodes -1 = every host in the hostfile) and unresolved interpolations give `null`, an unknown
 * count said as information, never an error. Absent: undefined.
 */
export function countOrAuto(c: Collector, path: Array<string | number>, what = 'every visible device'): Got | null | undefined {
  const h = c.hit(path);
  if (!h || h.value === null) return undefined;
  const v = h.value;
  if ((typeof v === 'string' && /^\s*auto\s*$/i.test(v)) || v === -1 || v === '-1') {
    if (!c.external('hardware.count')) {
      c.problem('missing-facts', 'information', `${path.join('.')}: ${h.source} uses ${what}, so the device count is unknown; add \`# scaling-planner: gpus=…\` (or hardware.count in settings).`, h.span, 'hardware.count');
    }
    return null;
  }
  // An unresolved ${...} is reported by the collector as unknown; an invalid value as an error.
  const g = c.value([path], 'hardware.count');
  if (!g) return null;
  return g.value >= 1 ? g : null;
}

/**
 * A canonical value computed from one file value by the framework's own rule (NeoX's gated MLP
 * width, OLMo's halved SwiGLU width). With `scale` (canonical = file value x scale) a quick fix
 * may rewrite the file value; without it, fixes leave the key alone.
 */
export function recordComputed(c: Collector, field: string, g: Got, note: string, scale?: number): void {
  c.sources[field] = { span: g.hit.span, keySpan: g.hit.keySpan, origin: 'derived', key: g.key, text: g.hit.source, note, inputs: [{ key: g.key, span: g.hit.span }], ...(scale !== undefined ? { scale } : {}) };
}
