// Distillation scaling law (Busbridge et al. 2025, "Distillation Scaling Laws", arXiv:2502.08606,
// ICML 2025): the student's loss from its size, its distillation tokens and the teacher's loss; the
// teacher loss that suits a student best (the capacity gap); and the FLOPs of Eq. 9 under the
// paper's four teacher-cost scenarios. N is always non-embedding parameters, as in the paper.

import { brentRoot } from './optimize';

/** Supervised law L(N, D) = E + (A/N^α + B/D^β)^γ (Eq. 1), Table 6 "Supervised" column. */
export interface SupervisedCoefficients {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
  gamma: number;
}

/** Distillation law coefficients (Eq. 8), Table 6 "Distillation" column. */
export interface DistillationCoefficients {
  A: number;
  B: number;
  alpha: number;
  beta: number;
  gamma: number;
  c0: number;
  c1: number;
  f1: number;
  d1: number;
}

export const DISTILL_CITATION = 'Busbridge et al. 2025, arXiv:2502.08606, Eq. 1, 8, 9, 69 and Table 6';

/** Busbridge et al. 2025 Table 6 (bootstrap medians), C4 English, seq 4096, N non-embedding. */
export const BUSBRIDGE_SUPERVISED: SupervisedCoefficients = { E: 1.22, A: 3355, B: 18186, alpha: 0.408, beta: 0.431, gamma: 0.452 };
export const BUSBRIDGE_DISTILL: DistillationCoefficients = {
  A: 2243, B: 24181, alpha: 0.321, beta: 0.637, gamma: 0.764, c0: 2.549, c1: 522.6, f1: 0.09, d1: 1.315,
};

/** Students and teachers of the fitted runs: 143M–12.6B non-embedding parameters (Sec. 1, Table 13). */
export const DISTILL_FITTED_PARAMS = [143e6, 12.6e9] as const;

export function supervisedLoss(N: number, D: number, c: SupervisedCoefficients = BUSBRIDGE_SUPERVISED): number {
  return c.E + Math.pow(c.A / Math.pow(N, c.alpha) + c.B / Math.pow(D, c.beta), c.gamma);
}

/**
 * Eq. 8: L_S = L_T + L_T^(−c0)·(1 + (L_T/(L̃_S·d1))^(1/f1))^(−c1·f1)·(A′/N^α′ + B′/D^β′)^γ′, with
 * L̃_S the supervised loss of the same student on the same tokens. The added term is positive, so
 * the student never reaches below its teacher.
 */
export function distilledLoss(N: number, D: number, teacherLoss: number, s: SupervisedCoefficients = BUSBRIDGE_SUPERVISED, d: DistillationCoefficients = BUSBRIDGE_DISTILL): number {
  return distilledLossOf(N, D, s, d)(teacherLoss);
}

/**
 * distilledLoss of one student as a function of the teacher's loss, with the terms that do not
 * depend on it computed once.
 */
function distilledLossOf(N: number, D: number, s: SupervisedCoefficients, d: DistillationCoefficients): (teacherLoss: number) => number {
  const ls = supervisedLoss(N, D, s);
  const student = Math.pow(d.A / Math.pow(N, d.alpha) + d.B / Math.pow(D, d.beta), d.gamma);
  return (teacherLoss) => {
    const gap = Math.pow(1 + Math.pow(teacherLoss / (ls * d.d1), 1 / d.f1), -d.c1 * d.f1);
    return teacherLoss + Math.pow(teacherLoss, -d.c0) * gap * student;
  };
}

/**
 * d/dL_T of distilledLossOf: with w = (L_T/(L̃_S·d1))^(1/f1) and h = L_T^(−c0)·(1 + w)^(−c1·f1)
 * (the gap factor), 1 − S·(h/L_T)·(c0 + c1·w/(1 + w)), S the student term.
 */
function distilledSlopeOf(N: number, D: number, s: SupervisedCoefficients, d: DistillationCoefficients): (teacherLoss: number) => number {
  const ls = supervisedLoss(N, D, s);
  const student = Math.pow(d.A / Math.pow(N, d.alpha) + d.B / Math.pow(D, d.beta), d.gamma);
  return (t) => {
    const w = Math.pow(t / (ls * d.d1), 1 / d.f1);
    const h = Math.pow(t, -d.c0) * Math.pow(1 + w, -d.c1 * d.f1);
    return 1 - ((student * h) / t) * (d.c0 + (d.c1 * w) / (1 + w));
  };
}

/**
 * The teacher loss that gives this student its lowest loss: below it a stronger teacher yields a
 * worse student (the capacity gap, Sec. 4.2). The minimum over L_T in (E, L̃_S]: where the slope
 * changes sign (found by Brent's method), else the end the loss falls towards.
 */
export function bestTeacherLoss(N: number, D: number, s: SupervisedCoefficients = BUSBRIDGE_SUPERVISED): { teacherLoss: number; studentLoss: number } {
  const hi = supervisedLoss(N, D, s);
  const lo = s.E * (1 + 1e-6);
  const loss = distilledLossOf(N, D, s, BUSBRIDGE_DISTILL);
  const slope = distilledSlopeOf(N, D, s, BUSBRIDGE_DISTILL);
  const atLo = slope(lo);
  const atHi = slope(hi);
  const t = !(atLo < 0) ? lo : !(atHi > 0) ? hi : brentRoot(slope, lo, hi, atLo, atHi);
  return { teacherLoss: t, studentLoss: loss(t) };
}

/** Fixed-aspect-ratio architecture of the paper (App. I): d_model/n_layers = 128, MHA, SwiGLU 8/3. */
export interface ForwardFlopsShape {
  context: number;
  vocab: number;
  /** d_model / n_layers. */
  aspectRatio: number;
  /** ω = 2 + 2/g_size + n_ffn·ρ_ffn (= 12 for MHA with SwiGLU at 8/3, Eq. 60). */
  omega: number;
}

/** App. I: n_ctx 4096, ρ_model 128, ω 12; vocabulary 32,768 (Table 13's full-distribution k). */
export const BUSBRIDGE_SHAPE: ForwardFlopsShape = { context: 4096, vocab: 32768, aspectRatio: 128, omega: 12 };

/** σ1 = (1/(ρω²))^(1/3), σ2 = (ρ/ω)^(1/3) of Eq. 69 for a shape. */
function sigmas(s: ForwardFlopsShape): { s1: number; s2: number } {
  return { s1: Math.pow(1 / (s.aspectRatio * s.omega * s.omega), 1 / 3), s2: Math.pow(s.aspectRatio / s.omega, 1 / 3) };
}

/** The paper's own shape's σ1, σ2 (App. I), worked out once: every lifecycle analysis uses them. */
const PAPER_SIGMAS = sigmas(BUSBRIDGE_SHAPE);

/** Eq. 69: F(N) = 2N·(1 + σ1·n_ctx/N^(1/3) + σ2·n_vocab/N^(2/3)), σ1 = (1/(ρω²))^(1/3), σ2 = (ρ/ω)^(1/3). */
export function forwardFlopsPerToken(N: number, shape?: Partial<ForwardFlopsShape>): number {
  const s = shape ? { ...BUSBRIDGE_SHAPE, ...shape } : BUSBRIDGE_SHAPE;
  const { s1, s2 } = shape ? sigmas(s) : PAPER_SIGMAS;
  return 2 * N * (1 + (s1 * s.context) / Math.cbrt(N) + (s2 * s.vocab) / Math.pow(N, 2 / 3));
}

/** Table 2's teacher-cost scenarios: which of the teacher's logits (δ_Lgt) and pre-training (δ_Pre) are paid. */
export const TEACHER_SCENARIOS = {
  bestCase: { logits: 0, pretraining: 0, label: 'teacher exists and is free (amortised)' },
  teacherInference: { logits: 1, pretraining: 0, label: 'teacher exists; pay its logits' },
  teacherPretraining: { logits: 0, pretraining: 1, label: 'train the teacher; its logits are stored and reused' },
  teacherPretrainingAndInference: { logits: 1, pretraining: 1, label: 'train the teacher and pay its logits' },
} as const;
export type TeacherScenario = keyof typeof TEACHER_SCENARIOS;

/** Eq. 9: FLOPs ≈ 3·F(N_S)·D_S + F(N_T)·(δ_Lgt·D_S + δ_Pre·3·D_T); null where the teacher's size or tokens are unknown. */
export function distillationFlops(
  student: { params: number; tokens: number },
  teacher: { params?: number; tokens?: number },
  scenario: TeacherScenario,
  shape?: Partial<ForwardFlopsShape>,
): number | null {
  const sc = TEACHER_SCENARIOS[scenario];
  const studentPart = 3 * forwardFlopsPerToken(student.params, shape) * student.tokens;
  if (sc.logits === 0 && sc.pretraining === 0) return studentPart;
  if (teacher.params === undefined || (sc.pretraining && teacher.tokens === undefined)) return null;
  const ft = forwardFlopsPerToken(teacher.params, shape);
  return studentPart + ft * (sc.logits * student.tokens + sc.pretraining * 3 * (teacher.tokens ?? 0));
}

export interface DistillInput {
  studentParams: number;
  studentTokens: number;
  /** A stated teacher loss (nats on the law's corpus), or the teacher's size and tokens. */
  teacherLoss?: number;
  teacherParams?: number;
  teacherTokens?: number;
  /** Scenario priced in the lifetime budget and compared against supervised training. */
  scenario?: TeacherScenario;
  shape?: Partial<ForwardFlopsShape>;
}

export interface DistillResult {
  law: 'busbridge';
  citation: string;
  studentLoss: number;
  supervisedLoss: number;
  teacherLoss: number;
  bestTeacherLoss: number;
  studentLossAtBestTeacher: number;
  flops: Record<TeacherScenario, number | null>;
  scenario: TeacherScenario;
  /** Supervised loss of the same student given the scenario's whole compute as extra tokens; null when that compute is unknown. */
  supervisedLossAtEqualCompute: number | null;
  /** Sec. 5: true when supervised training of the same student reaches a lower loss. */
  supervisedBeatsDistillation: boolean;
  finding: string;
  warnings: string[];
}

export class DistillInputError extends Error {}

export function analyzeDistillation(x: DistillInput): DistillResult {
  const { studentParams: N, studentTokens: D } = x;
  let lt = x.teacherLoss;
  if (lt === undefined) {
    if (x.teacherParams === undefined || x.teacherTokens === undefined) throw new DistillInputError('give the teacher loss, or the teacher parameters and tokens');
    lt = supervisedLoss(x.teacherParams, x.teacherTokens);
  }
  if (!(lt > BUSBRIDGE_SUPERVISED.E)) throw new DistillInputError(`teacher loss ${lt} is at or below the law's irreducible loss ${BUSBRIDGE_SUPERVISED.E}`);
  const scenario = x.scenario ?? 'teacherInference';
  const teacher = { params: x.teacherParams, tokens: x.teacherTokens };
  const flops = Object.fromEntries(
    (Object.keys(TEACHER_SCENARIOS) as TeacherScenario[]).map((k) => [k, distillationFlops({ params: N, tokens: D }, teacher, k, x.shape)]),
  ) as Record<TeacherScenario, number | null>;
  const studentLoss = distilledLoss(N, D, lt);
  const sup = supervisedLoss(N, D);
  const best = bestTeacherLoss(N, D);
  const c = flops[scenario];
  const supEq = c === null ? null : supervisedLoss(N, c / (3 * forwardFlopsPerToken(N, x.shape)));
  const beats = (supEq ?? sup) <= studentLoss;
  const finding = beats
    ? `supervised training of the same student beats distillation here (${(supEq ?? sup).toFixed(4)} vs ${studentLoss.toFixed(4)}${supEq !== null ? `, giving the student the distillation's whole compute as tokens (${TEACHER_SCENARIOS[scenario].label})` : ', same tokens'})`
    : `distillation beats supervised training of the same student (${studentLoss.toFixed(4)} vs ${(supEq ?? sup).toFixed(4)}${supEq !== null ? ` at equal compute (${TEACHER_SCENARIOS[scenario].label})` : ', same tokens'})`;
  const warnings: string[] = [];
  const [lo, hi] = DISTILL_FITTED_PARAMS;
  for (const [who, n] of [['student', N], ['teacher', x.teacherParams]] as const) {
    if (n !== undefined && !(n >= lo && n <= hi)) warnings.push(`${who} of ${(n / 1e9).toPrecision(3)}B non-embedding parameters is outside the 143M–12.6B the law was fitted on (Busbridge et al. 2025); the figures are an extrapolation.`);
  }
  return {
    law: 'busbridge', citation: DISTILL_CITATION, studentLoss, supervisedLoss: sup, teacherLoss: lt,
    bestTeacherLoss: best.teacherLoss, studentLossAtBestTeacher: best.studentLoss, flops, scenario,
    supervisedLossAtEqualCompute: supEq, supervisedBeatsDistillation: beats, finding, warnings,
  };
}
