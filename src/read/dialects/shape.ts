// The model's shape as a dialect collects it: a named model from the built-in table, findings for
// required fields the file leaves out, and the checks before the shape is set on the run.

import { fieldAtPath, FIELDS, type FieldId } from '../../engine/fields';
import type { ModelShape } from '../../engine/types';
import type { Collector } from '../collector';
import { resolveModel, type KnownModel } from '../knownModels';
import type { Hit, Span } from '../yamlDoc';
import { checkArchitecture } from './archChecks';

export type Shape = Partial<ModelShape>;

/** Set the model from the built-in table; undefined (and an unknown-model finding) when the name is not in it. */
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
    for (const f of ['model.params', 'model.layers', 'model.d_model', 'model.heads', 'model.kv_heads', 'model.ffn_hidden', 'model.vocab_size'] as const) c.lookup(f, note, hit.span, key);
  } else {
    c.run.model.params = k.params;
    c.run.model.activeParams = k.activeParams;
    c.lookup('model.params', `${k.id}: published parameter count (${k.source}); its architecture is not counted from a shape`, hit.span, key);
  }
  if (!c.run.name) c.run.name = k.id;
  return k;
}

/** The registry field that holds a shape key (dModel: model.d_model), by its run path. */
const shapeField = (k: keyof ModelShape): FieldId | undefined => fieldAtPath(['model', 'shape', k]);

/** A missing-facts finding for each required shape field the file did not give (unless a count was given instead). */
export function reportMissingShape(c: Collector, shape: Shape, hints: Partial<Record<'layers' | 'dModel' | 'heads' | 'vocabSize', string>>, span?: Span): void {
  if (c.run.model.params !== undefined) return;
  const any = Object.keys(shape).length > 0;
  if (!any && !Object.keys(hints).length) return;
  for (const k of ['layers', 'dModel', 'heads', 'vocabSize'] as const) {
    if (shape[k] !== undefined) continue;
    const field = shapeField(k);
    if (!field) continue;
    // The comment fact's short name (vocab for model.vocab_size).
    const fact = FIELDS[field].aliases?.[0] ?? field;
    if (c.problems.some((p) => p.field === field && (p.code === 'missing-facts' || p.code === 'unresolved' || p.code === 'invalid-value'))) continue;
    const where = hints[k] ? `${hints[k]}` : `${field} is not in this file`;
    c.missing(field, `${where}; add \`# scaling-planner: ${fact}=…\` (or set ${field} in the scalingPlanner.facts setting).`, span);
  }
}

/** Shape keys that must be at least 1, and why (for the finding). */
const AT_LEAST_ONE: Array<[keyof ModelShape, string]> = [
  ['layers', 'a model needs at least one layer'],
  ['dModel', 'the hidden size must be at least 1'],
  ['heads', 'a model needs at least one attention head'],
  ['kvHeads', 'attention needs at least one key/value head'],
  ['headDim', 'the head dimension must be at least 1'],
  ['ffnHidden', 'the MLP width must be at least 1'],
  ['vocabSize', 'the vocabulary must have at least one token'],
];

/**
 * Set the run's shape when anything is known about it. Impossible sizes (0 heads, 0 experts) are
 * errors on the dialect's own key; the value is dropped so nothing is counted from it, and a
 * mixture of experts without experts is not counted at all (a dense count would be wrong).
 */
export function finishShape(c: Collector, shape: Shape): void {
  for (const [k, why] of AT_LEAST_ONE) {
    const v = shape[k];
    const field = shapeField(k);
    if (typeof v !== 'number' || v >= 1 || !field) continue;
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
