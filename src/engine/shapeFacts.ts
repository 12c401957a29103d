// What a run cannot compute for lack of model-shape fields: one missing-facts finding that names
// the fields and the figures left unknown, instead of silent nulls.

import { fieldAtPath, type FieldId } from './fields';
import { missingShapeFields, type CompleteShape } from './params';
import type { Finding, ModelShape, RunDescription } from './types';

/** The plan key of a shape property (dModel is model.d_model). */
export const shapeField = (k: keyof ModelShape): FieldId => fieldAtPath(['model', 'shape', k]) ?? 'model.params';

/** The run's shape when every field a count needs is known (Llama's architecture unless stated), else undefined. */
export function completeShape(run: RunDescription): CompleteShape | undefined {
  const s = run.model.shape;
  if (!s || missingShapeFields(s).length) return undefined;
  return { architecture: 'llama', ...s } as CompleteShape;
}

/**
 * For a run whose parameter count is known: the shape fields still missing and what they block
 * (non-embedding count, attention FLOPs, activation memory). Undefined when nothing is missing.
 */
export function shapeGapFinding(run: RunDescription): Finding | undefined {
  const s = run.model.shape ?? {};
  const core = missingShapeFields(s).map(shapeField);
  const seq: FieldId[] = s.seqLen === undefined ? ['model.seq_len'] : [];
  if (!core.length && !seq.length) return undefined;
  const blocked = [
    ...(core.length ? [`non-embedding parameters (need ${core.join(', ')})`] : []),
    `attention FLOPs and activation memory (need ${core.length ? `the shape${seq.length ? ' and model.seq_len' : ''}` : 'model.seq_len'})`,
  ];
  const fields = [...core, ...seq];
  return {
    code: 'missing-facts',
    // A hint: a parameter count alone is a normal quick estimate; the editor marks it faintly and
    // the Problems panel stays for what needs attention.
    severity: 'hint',
    field: fields[0],
    related: fields.slice(1),
    message: `${core.length ? 'Only the parameter count of the model is known' : 'The training sequence length is not known'}: not computed are ${blocked.join(', and ')}; memory fit is known only if model states alone decide it.`,
  };
}
