// Distillation law against Busbridge et al. 2025's own tables (fixtures/lifecycle/busbridge.json).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeDistillation, bestTeacherLoss, distillationFlops, distilledLoss, forwardFlopsPerToken, supervisedLoss, DistillInputError } from '../../src/engine/distill';
import { assertNear } from '../helpers';

const fx = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/lifecycle/busbridge.json'), 'utf8'));
const near = assertNear;

describe('distillation scaling law (Busbridge et al. 2025)', () => {
  it('Eq. 69 forward FLOPs per token match Table 13 C_fwd within 0.5%', () => {
    for (const r of fx.table13.rows) near(forwardFlopsPerToken(r.N * 1e9), r.Cfwd * 1e9, 0.005, r.name);
  });

  it('reproduces the worked case from Eq. 1 and Eq. 8 with Table 6', () => {
    const w = fx.worked;
    const r = analyzeDistillation({ studentParams: w.studentParams, studentTokens: w.studentTokens, teacherParams: w.teacherParams, teacherTokens: w.teacherTokens });
    near(r.teacherLoss, w.teacherLoss, 1e-4, 'L_T');
    near(r.supervisedLoss, w.supervisedLoss, 1e-4, 'supervised');
    near(r.studentLoss, w.studentLoss, 1e-4, 'student');
  });

  it('the capacity gap: student loss in the teacher loss is U-shaped (Sec. 4.2)', () => {
    const { studentParams: N, studentTokens: D } = fx.capacityGap;
    const best = bestTeacherLoss(N, D);
    const ls = supervisedLoss(N, D);
    assert.ok(best.teacherLoss > 1.22 && best.teacherLoss < ls);
    // falls towards the best teacher, rises beyond it on both sides
    assert.ok(distilledLoss(N, D, best.teacherLoss - 0.3) > best.studentLoss);
    assert.ok(distilledLoss(N, D, best.teacherLoss + 0.3) > best.studentLoss);
    for (const lt of [1.4, 1.6, best.teacherLoss, 2.2, 2.6]) assert.ok(distilledLoss(N, D, lt) >= best.studentLoss - 1e-12);
  });

  it('property: the distilled student never falls below its teacher', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e8, max: 2e10, noNaN: true }), fc.double({ min: 1e9, max: 1e12, noNaN: true }), fc.double({ min: 1.3, max: 4, noNaN: true }), (N, D, lt) => {
        const l = distilledLoss(N, D, lt);
        return Number.isFinite(l) && l >= lt;
      }),
    );
  });

  it('Eq. 9 FLOPs across the four teacher-cost scenarios', () => {
    const s = { params: 546e6, tokens: 10.92e9 };
    const t = { params: 7.75e9, tokens: 155e9 };
    const fs = forwardFlopsPerToken(s.params);
    const ft = forwardFlopsPerToken(t.params);
    near(distillationFlops(s, t, 'bestCase')!, 3 * fs * s.tokens, 1e-12);
    near(distillationFlops(s, t, 'teacherInference')!, 3 * fs * s.tokens + ft * s.tokens, 1e-12);
    near(distillationFlops(s, t, 'teacherPretraining')!, 3 * fs * s.tokens + 3 * ft * t.tokens, 1e-12);
    near(distillationFlops(s, t, 'teacherPretrainingAndInference')!, 3 * fs * s.tokens + ft * (s.tokens + 3 * t.tokens), 1e-12);
    assert.equal(distillationFlops(s, {}, 'teacherInference'), null);
  });

  it('Sec. 5: when the teacher must be trained for one student, supervised training wins', () => {
    const w = fx.worked;
    const r = analyzeDistillation({ studentParams: w.studentParams, studentTokens: w.studentTokens, teacherParams: w.teacherParams, teacherTokens: w.teacherTokens, scenario: 'teacherPretraining' });
    assert.equal(r.supervisedBeatsDistillation, true);
    assert.match(r.finding, /supervised training of the same student beats distillation here/);
    const free = analyzeDistillation({ studentParams: w.studentParams, studentTokens: w.studentTokens, teacherLoss: w.teacherLoss, scenario: 'bestCase' });
    assert.equal(free.supervisedBeatsDistillation, false);
  });

  it('rejects a teacher loss at or below the irreducible loss, or a missing teacher', () => {
    assert.throws(() => analyzeDistillation({ studentParams: 1e9, studentTokens: 2e10, teacherLoss: 1.1 }), DistillInputError);
    assert.throws(() => analyzeDistillation({ studentParams: 1e9, studentTokens: 2e10, teacherParams: 7e9 }), DistillInputError);
  });
});
