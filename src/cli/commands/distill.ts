// scaling-planner distill: the student's loss from a teacher (Busbridge et al. 2025).

import { analyzeDistillation, BUSBRIDGE_SHAPE, DistillInputError, fmtCount, fmtFlops, forwardFlopsPerToken } from '../../engine';
import { need, num, type FlagValues } from '../args';
import { answerCommand } from '../answer';
import { CliUsageError, textLines, warningLines } from '../command';

const HELP = `scaling-planner distill --student-params N --student-tokens D (--teacher-loss L | --teacher-params N --teacher-tokens D) [--context T] [--vocab V] [--json]

The distillation scaling law of Busbridge et al. 2025 (arXiv:2502.08606, Eq. 8 with Table 6):
the student's loss when distilled on D tokens from a teacher of loss L, beside the same student
trained without a teacher, the teacher loss that suits the student best (the capacity gap), and
the FLOPs of Eq. 9 under the paper's four teacher-cost scenarios.

All parameter counts are NON-EMBEDDING, as in the paper. Losses are nats per token on the paper's
C4 setup. --context (default ${BUSBRIDGE_SHAPE.context}) and --vocab (default ${BUSBRIDGE_SHAPE.vocab}) set the
forward FLOPs per token of Eq. 69; scenarios that need the teacher's size print "—" without it.`;

const FLAGS = ['student-params', 'student-tokens', 'teacher-loss', 'teacher-params', 'teacher-tokens', 'context', 'vocab', 'json'];

function distillAnswer(v: FlagValues): { json: unknown; text: string } {
  const studentParams = need(v, 'student-params');
  const studentTokens = need(v, 'student-tokens');
  const teacherLoss = num(v, 'teacher-loss');
  const teacherParams = num(v, 'teacher-params');
  const teacherTokens = num(v, 'teacher-tokens');
  const context = num(v, 'context');
  const vocab = num(v, 'vocab');
  if (teacherLoss === undefined && (teacherParams === undefined || teacherTokens === undefined)) {
    throw new CliUsageError('give --teacher-loss, or both --teacher-params and --teacher-tokens');
  }
  if (teacherLoss !== undefined && teacherTokens !== undefined) throw new CliUsageError('give --teacher-loss or --teacher-tokens, not both');
  let r;
  try {
    r = analyzeDistillation({ studentParams, studentTokens, teacherLoss, teacherParams, teacherTokens, shape: { ...(context ? { context } : {}), ...(vocab ? { vocab } : {}) } });
  } catch (e) {
    if (e instanceof DistillInputError) throw new CliUsageError(e.message);
    throw e;
  }
  const out = {
    law: r.law, studentLoss: r.studentLoss, supervisedLoss: r.supervisedLoss, teacherLoss: r.teacherLoss, bestTeacherLoss: r.bestTeacherLoss,
    studentLossAtBestTeacher: r.studentLossAtBestTeacher, flops: r.flops, forwardFlopsPerToken: forwardFlopsPerToken(studentParams, { ...(context ? { context } : {}), ...(vocab ? { vocab } : {}) }),
    finding: r.finding, ...(r.warnings.length ? { warnings: r.warnings } : {}),
  };
  const f = (x: number | null): string => (x === null ? '—' : `${fmtFlops(x)} FLOPs`);
  const text = textLines([
    `Distillation (Busbridge et al. 2025), student ${fmtCount(studentParams)} non-embedding params on ${fmtCount(studentTokens)} tokens`,
    `  student loss             ${r.studentLoss.toFixed(4)} (teacher ${r.teacherLoss.toFixed(4)})`,
    `  supervised, same tokens  ${r.supervisedLoss.toFixed(4)}`,
    `  best teacher loss        ${r.bestTeacherLoss.toFixed(4)} → student ${r.studentLossAtBestTeacher.toFixed(4)}`,
    `  FLOPs: best case ${f(r.flops.bestCase)}; teacher inference ${f(r.flops.teacherInference)}; teacher pre-training ${f(r.flops.teacherPretraining)}; both ${f(r.flops.teacherPretrainingAndInference)}`,
    `  ${r.finding}`,
  ]) + warningLines(r.warnings);
  return { json: out, text };
}

export const DISTILL_COMMAND = answerCommand({
  name: 'distill',
  summary: 'student loss from a teacher, the best teacher, and distillation FLOPs (Busbridge et al. 2025)',
  help: HELP,
  flags: FLAGS,
  answer: distillAnswer,
});
