// The lifecycle planner's distillation advice (src/engine/planDistill.ts): distil the planned
// student from a stated teacher only when it beats training on data at the same compute
// (Busbridge et al. 2025, Sec. 5; fixtures/lifecycle/busbridge.json).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { lifecycleYaml } from '../../src/document/planLifecycleYaml';
import { planToYaml } from '../../src/document/planYaml';
import { distilledLoss } from '../../src/engine/distill';
import { PlanError } from '../../src/engine/plan';
import { distillAdvice } from '../../src/engine/planDistill';
import { planLifecycle, type LifecycleWorkload } from '../../src/engine/planLifecycle';

const fx = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/lifecycle/busbridge.json'), 'utf8'));
const workload: LifecycleWorkload = { requestsPerDay: 5e6, promptTokens: 500, reasoningTokens: 2000, outputTokens: 300, horizonDays: 365 };
const req = { usd: 2e6, accelerator: 'H100', count: 64 };
// Llama-3-70B: 70.55B total minus 2 × 128,256 × 8,192 embedding and head (its config.json) on 15T tokens (model card).
const llama70b = { name: 'Llama-3-70B', params: 70553706496 - 2 * 128256 * 8192, tokens: 15e12 };

describe('lifecycle planner: distil or train on data', () => {
  it('spends the supervised compute on distillation: Eq. 9 with Table 13\'s forward FLOPs', () => {
    const e = fx.equalCompute;
    const a = distillAdvice(e.studentParams, e.supervisedTokens, { params: e.teacherParams, tokens: e.teacherTokens });
    const c = a.comparison!;
    assert.equal(c.scenario, 'teacherInference');
    assert.ok(Math.abs(c.tokens - e.distillTokens) / e.distillTokens < 0.005, `${c.tokens}`);
    // Worked case: the 7.75B teacher on 155B tokens has loss 2.0036; supervised 546M on 10.92B is 2.5149.
    assert.ok(Math.abs(c.teacherLoss - fx.worked.teacherLoss) < 1e-3);
    assert.ok(Math.abs(c.supervisedLoss - fx.worked.supervisedLoss) < 1e-3);
    assert.equal(a.recommended, distilledLoss(e.studentParams, c.tokens, c.teacherLoss) < c.supervisedLoss);
  });

  it('a teacher no better than the student trained on data never wins (the student stays above its teacher, Eq. 8)', () => {
    const a = distillAdvice(fx.worked.studentParams, fx.worked.studentTokens, { loss: fx.worked.supervisedLoss });
    assert.equal(a.recommended, false);
    assert.equal(a.comparison!.scenario, 'bestCase');
    assert.ok(a.comparison!.distilledLoss > fx.worked.supervisedLoss);
  });

  it('without a teacher the planner does not distil, and says why', () => {
    const p = planLifecycle(req, workload);
    assert.equal(p.distill.recommended, false);
    assert.equal(p.distill.comparison, null);
    assert.match(lifecycleYaml(p), /# No distill: block/);
  });

  it('with Llama-3-70B as teacher: the verdict is the law\'s at equal compute, and the plan file gets a distill: block when it distils', () => {
    const p = planLifecycle(req, { ...workload, teacher: llama70b });
    const c = p.distill.comparison!;
    assert.ok(c, 'a comparison');
    assert.equal(p.distill.recommended, c.distilledLoss < c.supervisedLoss);
    // Sec. 5: with the teacher already trained, distillation beats supervised training below a
    // compute that grows with the student; a $2M lifecycle's ~33B student is below it.
    assert.equal(p.distill.recommended, true, p.distill.reason);
    const text = planToYaml(p.training, { name: 'life' }) + lifecycleYaml(p);
    const a = analyzeText(text, 'life.plan.yaml');
    if (p.distill.recommended) {
      assert.match(text, /^distill:\n {2}teacher: Llama-3-70B\n {2}teacher_tokens: 15T\n/m);
      assert.ok(a.report?.distill, text);
      assert.ok(Math.abs(a.report.distill.tokens - c.tokens) / c.tokens < 0.01);
      assert.equal(a.report.distill.scenario, 'teacherInference');
      // The distillation replaces the supervised run, so the file's lifetime is the planner's.
      assert.equal(a.report.lifetime!.parts.training, null);
      // The planner costs serving at the fleet's mean size; the file deploys whole replicas.
      const total = a.report.lifetime!.total.usd!;
      const parts = p.lifetime.parts;
      const planned = (parts.training?.usd ?? 0) + parts.serving!.usd! * (p.serve.devices / p.serve.devicesNeeded);
      assert.ok(Math.abs(total - planned) / total < 0.02, `${total} vs ${planned}`);
    } else {
      assert.equal(a.report?.distill, null);
    }
  });

  it('a named teacher needs its tokens or its loss', () => {
    assert.throws(() => planLifecycle(req, { ...workload, teacher: { name: 'Llama-3-70B', params: llama70b.params } }), PlanError);
  });
});

describe('planner teacher field', () => {
  it('reads a known model with its tokens, or a loss; rejects an unknown name and a model without tokens', async () => {
    const { readTeacher } = await import('../../src/shared/teacher');
    const t = readTeacher('Llama-3-70B', 15e12).teacher!;
    assert.equal(t.params, llama70b.params);
    assert.equal(t.tokens, 15e12);
    assert.deepEqual(readTeacher('1.9', undefined).teacher, { loss: 1.9 });
    assert.ok(readTeacher('Llama-3-70B', undefined).error);
    assert.ok(readTeacher('no-such-model', 1e12).error);
    assert.deepEqual(readTeacher('  ', undefined), {});
  });

  it('the webview protocol carries the teacher in planner inputs, and only well-formed ones', async () => {
    const { isPlanInputs } = await import('../../src/shared/protocol');
    const base = { usd: 2e6, accelerator: 'H100', lifecycle: { ...workload } };
    assert.ok(isPlanInputs({ ...base, lifecycle: { ...workload, teacher: llama70b } }));
    assert.ok(isPlanInputs({ ...base, lifecycle: { ...workload, teacher: { loss: 1.9 } } }));
    assert.ok(!isPlanInputs({ ...base, lifecycle: { ...workload, teacher: { name: 'x' } } }));
    assert.ok(!isPlanInputs({ ...base, lifecycle: { ...workload, teacher: { loss: -1 } } }));
  });
});
