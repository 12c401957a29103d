// The planner's teacher field: a known model (its non-embedding size, as Busbridge et al. count it)
// with its training tokens, or a teacher loss in nats. Used by the sidebar and the host alike.

import { teacherParamsOf } from '../read/teacherSize';
import type { LifecycleTeacher } from '../engine';

/** Loss-like input: a plain number in the range of LM losses (nats per token). */
const LOSS = /^\d+(\.\d+)?$/;

export function readTeacher(text: string, tokens: number | undefined): { teacher?: LifecycleTeacher; error?: string } {
  const t = text.trim();
  if (!t) return {};
  if (LOSS.test(t)) {
    const loss = Number(t);
    return loss > 0 && loss < 20 ? { teacher: { loss } } : { error: 'a teacher loss in nats, e.g. 1.9' };
  }
  const params = teacherParamsOf(t);
  if (params === undefined) return { error: 'not a known model; give its loss instead' };
  if (tokens === undefined) return { error: 'give its training tokens' };
  return { teacher: { name: t, params, tokens } };
}
