// Whether the lifecycle planner's student should be distilled from a stated teacher instead of
// trained on data: Busbridge et al. 2025 (arXiv:2502.08606), Sec. 5, compare the two at equal
// compute. The student gets the supervised run's compute, 3·F(N_S)·D in the paper's accounting
// (Eq. 9, F of Eq. 69); distilled, it spends it on 3·F(N_S) per token plus the teacher's logits
// F(N_T) per token when the teacher's size is known ("teacher exists; pay its logits"), or on the
// student alone when only the teacher's loss is given (the logits already exist: "best case").

import { analyzeDistillation, DistillInputError, forwardFlopsPerToken, supervisedLoss, TEACHER_SCENARIOS, type TeacherScenario } from './distill';

/** The teacher the planner may distil from: a known model's non-embedding size and tokens, or its loss. */
export interface LifecycleTeacher {
  /** Display name (a known model); written as distill.teacher. */
  name?: string;
  /** Non-embedding parameters (Busbridge et al. count them). */
  params?: number;
  /** Tokens the teacher was trained on (its loss by Eq. 1). */
  tokens?: number;
  /** The teacher's loss, instead of its size and tokens. */
  loss?: number;
}

export interface DistillAdvice {
  recommended: boolean;
  reason: string;
  /** With a teacher: the comparison at equal compute; null without one. */
  comparison: null | {
    teacher: LifecycleTeacher;
    teacherLoss: number;
    /** Distillation tokens that spend the supervised run's compute. */
    tokens: number;
    scenario: TeacherScenario;
    distilledLoss: number;
    supervisedLoss: number;
    warnings: string[];
  };
}

export const NO_TEACHER_REASON =
  'No teacher exists yet: training one to distil a single student costs more than supervised training of that student to the same loss (Busbridge et al. 2025, Sec. 5). Give a teacher to compare distilling from it.';

/** Distil the student (non-embedding params, supervised tokens) from the teacher, or train it on data: the lower loss at equal compute wins. */
export function distillAdvice(studentNonEmbedding: number, supervisedTokens: number, teacher: LifecycleTeacher | undefined): DistillAdvice {
  if (!teacher) return { recommended: false, reason: NO_TEACHER_REASON, comparison: null };
  const hasShape = teacher.params !== undefined && teacher.params > 0;
  if (teacher.loss === undefined && !(hasShape && teacher.tokens !== undefined)) throw new DistillInputError("give the teacher's loss, or its training tokens beside its size");
  const scenario: TeacherScenario = hasShape ? 'teacherInference' : 'bestCase';
  const fs = forwardFlopsPerToken(studentNonEmbedding);
  const compute = 3 * fs * supervisedTokens;
  const perToken = 3 * fs + (hasShape ? forwardFlopsPerToken(teacher.params!) : 0);
  const tokens = compute / perToken;
  const r = analyzeDistillation({ studentParams: studentNonEmbedding, studentTokens: tokens, teacherLoss: teacher.loss, teacherParams: teacher.params, teacherTokens: teacher.tokens, scenario });
  const sup = supervisedLoss(studentNonEmbedding, supervisedTokens);
  const recommended = r.studentLoss < sup;
  const who = teacher.name ?? `a teacher at loss ${r.teacherLoss.toFixed(3)}`;
  const how = `${TEACHER_SCENARIOS[scenario].label}; Busbridge et al. 2025, Sec. 5`;
  const reason = recommended
    ? `Distil from ${who}: at the same compute the student reaches ${r.studentLoss.toFixed(4)} against ${sup.toFixed(4)} trained on data (${how}).`
    : `Train on data: distilling from ${who} at the same compute reaches ${r.studentLoss.toFixed(4)}, supervised training ${sup.toFixed(4)} (${how}).`;
  return { recommended, reason, comparison: { teacher, teacherLoss: r.teacherLoss, tokens, scenario, distilledLoss: r.studentLoss, supervisedLoss: sup, warnings: r.warnings } };
}
