// The lifecycle blocks of the plan format: distill:, serve:, post_train:. Their keys, kinds, words
// and texts are the field registry's (engine/fields/lifecycle.ts); docs/plan-format.md describes them.

import type { RunDescription } from '../../engine/types';
import { teacherParamsOf } from '../teacherSize';
import type { Collector, Found } from '../collector';
import type { PlanBlock } from './planBlock';
import { readBlock } from './planFields';

/** distill.teacher: a known model's non-embedding parameters, unless distill.teacher_params says otherwise. */
function readTeacher(c: Collector, r: RunDescription, found: Found | undefined): void {
  const d = r.distill!;
  c.strAt(found, 'distill.teacher', (v) => {
    d.teacher = v;
    const n = teacherParamsOf(v);
    if (n !== undefined && d.teacherParams === undefined) d.teacherParams = n;
    else if (n === undefined) c.problems.push({ code: 'invalid-value', severity: 'warning', message: `distill.teacher "${v}" is not a known model; give distill.teacher_params (non-embedding) or distill.teacher_loss.`, span: c.sources['distill.teacher']?.span, field: 'distill.teacher' });
  });
}

const DISTILL = { 'distill.teacher': readTeacher };

/** Read the lifecycle blocks present in a plan into the run (an empty block still asks for its figures). */
export function readLifecycleBlocks(root: PlanBlock, c: Collector, r: RunDescription): void {
  const distill = root.child('distill');
  if (distill) {
    distill.anchor('distill');
    r.distill = {};
    readBlock(c, r, 'distill', DISTILL, distill);
  }
  const serve = root.child('serve');
  if (serve) {
    serve.anchor('serve');
    r.serve = {};
    readBlock(c, r, 'serve', undefined, serve);
  }
  const postTrain = root.child('post_train');
  if (postTrain) {
    postTrain.anchor('post_train');
    r.postTrain = { kind: 'rl' };
    readBlock(c, r, 'post_train', undefined, postTrain);
  }
}
