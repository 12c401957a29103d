// A teacher's size by name for distillation: the non-embedding parameters of a known model, as
// Busbridge et al. 2025 count them. Used by the plan reader and by the sidebar planner's teacher field.

import { countParams, missingShapeFields, type CompleteShape } from '../engine/params';
import { resolveModel } from './knownModels';

/**
 * Teacher sizes by name, as teacherParamsOf computes them from the built-in model table: the same
 * name always gives the same figure, so a document re-analysed on every edit counts its teacher
 * once. Bounded: cleared when it holds TEACHER_CACHE_MAX names.
 */
const teacherCache = new Map<string, number | undefined>();
const TEACHER_CACHE_MAX = 256;

/** Non-embedding parameters of a known model (Busbridge et al. count them); its published total when it has no shape. */
export function teacherParamsOf(name: string): number | undefined {
  if (teacherCache.has(name)) return teacherCache.get(name);
  if (teacherCache.size >= TEACHER_CACHE_MAX) teacherCache.clear();
  const n = countTeacher(name);
  teacherCache.set(name, n);
  return n;
}

function countTeacher(name: string): number | undefined {
  const k = resolveModel(name);
  if (!k) return undefined;
  if (k.shape && !missingShapeFields(k.shape).length) return countParams({ ...k.shape, architecture: k.shape.architecture ?? 'llama' } as CompleteShape).nonEmbedding;
  return k.activeParams ?? k.params;
}
