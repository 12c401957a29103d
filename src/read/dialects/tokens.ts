// Training tokens and the global batch: products of factors the file writes (steps x sequences
// per step x sequence length), each factor kept with its key and span so hovers can show the
// formula and a quick fix can rewrite the steps.

import type { Collector, Got } from '../collector';
import { groupDigits as fmt } from '../../engine/digits';
import { durationOf, type DurationUnit } from '../values';
import type { SourceKey } from '../types';
import type { Hit, Span } from '../yamlDoc';

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

function spanned(parts: Part[]): Array<{ key: string; span: Span }> {
  return parts.filter((p): p is Part & { span: Span } => !!p.span).map((p) => ({ key: p.key, span: p.span }));
}

function formula(parts: Part[]): string {
  return parts.map((p) => `${p.key} ${fmt(p.value)}`).join(' × ');
}

/**
 * data.tokens = product of the parts; the first part is the one a quick fix rewrites (steps),
 * the others are its scale. Also sets training.steps and the global batch in tokens when given.
 */
export function setTokens(c: Collector, steps: Part, perStep: Part[], note?: string): void {
  const scale = perStep.reduce((a, p) => a * p.value, 1);
  const tokens = steps.value * scale;
  if (!Number.isFinite(tokens)) return;
  c.run.data.tokens = tokens;
  const inputs = spanned([steps, ...perStep]);
  const editable = !!steps.span;
  if (inputs.length) c.derived('data.tokens', inputs, note ?? `${formula([steps, ...perStep])} = ${fmt(tokens)} tokens`, editable ? scale : undefined);
  c.run.training.steps = steps.value;
  if (perStep.length && scale > 0 && c.run.training.globalBatchTokens === undefined) {
    c.run.training.globalBatchTokens = scale;
    const bInputs = spanned(perStep);
    if (bInputs.length) c.derived('training.global_batch_tokens', bInputs, `${formula(perStep)} = ${fmt(scale)} tokens per step`);
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
  const src = c.sources['data.tokens'];
  if (src) src.keySpan = g.hit.keySpan;
}

/** The global batch in tokens (sequences per step x sequence length), when tokens were not derived from it. */
export function setBatchTokens(c: Collector, parts: Part[]): void {
  if (c.run.training.globalBatchTokens !== undefined || !parts.length) return;
  const v = parts.reduce((a, p) => a * p.value, 1);
  if (!(v > 0) || !Number.isFinite(v)) return;
  c.run.training.globalBatchTokens = v;
  const inputs = spanned(parts);
  if (inputs.length) c.derived('training.global_batch_tokens', inputs, `${formula(parts)} = ${fmt(v)} tokens per step`);
}

/** Fine-tunes rarely state their token count: say what is needed instead of guessing. */
export function finetuneTokensMissing(c: Collector, why: string, span?: Span): void {
  if (c.run.data.tokens !== undefined) return;
  c.missing('data.tokens', `${why} Set the tokens this run trains on with \`# scaling-planner: tokens=…\` (epochs × tokens per epoch), or data.tokens in the scalingPlanner.facts setting.`, span);
}

/** A training length with a unit: Composer "63900ba"/"134e9tok"/"3ep"/"1000sp", OLMo "2e12T"/"739_328". */
export interface Duration {
  value: number;
  unit: DurationUnit;
  got: Got;
}

/** The training length at a key (values.ts durationOf), or an invalid-value error on it. */
export function readDuration(c: Collector, path: Array<string | number>, field: SourceKey, units: Readonly<Record<string, DurationUnit>>, bare: DurationUnit): Duration | undefined {
  const f = c.raw([path], field);
  if (!f) return undefined;
  const d = durationOf(f.hit.value, units, bare);
  if ('error' in d) {
    c.problem('invalid-value', 'error', `${path.join('.')}: "${f.hit.source}" ${d.error}.`, f.hit.span, field);
    return undefined;
  }
  const got: Got = { value: d.value, path: f.path, hit: f.hit, key: f.path.join('.'), span: numberSpan(f.hit) };
  return { ...d, got };
}
