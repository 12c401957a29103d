// RL post-training, the lifetime budget and the lifecycle stage of analyze().

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze } from '../../src/engine/analyze';
import { lifetimeBudget, sumParts, type CostPart } from '../../src/engine/lifetime';
import { rlCost } from '../../src/engine/postTrain';
import { emptyRun, type RunDescription } from '../../src/engine/types';

const llama8b = (): RunDescription => {
  const r = emptyRun();
  r.model.shape = { architecture: 'llama', layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnHidden: 14336, vocabSize: 128256, seqLen: 8192 };
  r.data.tokens = 1e12;
  r.hardware = { accelerator: 'H100', count: 64 };
  return r;
};

describe('RL post-training (GRPO-style)', () => {
  const spec = { steps: 100, promptsPerStep: 64, groupSize: 8, promptTokens: 500, responseTokens: 2000 };
  const t = { decodeTokensPerSecond: 2000, prefillTokensPerSecond: 50000, devices: 8, trainFlopsPerDevice: 400e12 };
  it('splits generation, policy training (6N), reference and reward forwards (2N)', () => {
    const c = rlCost(8e9, { ...spec, rewardModelParams: 1e9 }, t);
    const seqs = 100 * 64 * 8;
    assert.equal(c.policyTraining.tokens, seqs * 2500);
    assert.equal(c.policyTraining.flops, 6 * 8e9 * seqs * 2500);
    assert.equal(c.referenceForward.flops, 2 * 8e9 * seqs * 2500);
    assert.equal(c.rewardForward.flops, 2 * 1e9 * seqs * 2500);
    const genS = (seqs * 2000) / 2000 + (100 * 64 * 500) / 50000;
    assert.ok(Math.abs(c.generation.gpuHours - (genS * 8) / 3600) < 1e-9);
    const sum = c.generation.gpuHours + c.policyTraining.gpuHours + c.referenceForward.gpuHours + c.rewardForward.gpuHours;
    assert.ok(Math.abs(c.gpuHours - sum) < 1e-9 * sum);
    assert.ok(Math.abs(Object.values(c.shares).reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok(c.shares.generation > 0.5, 'rollouts dominate');
  });
  it('no reference and a rule-based reward cost nothing', () => {
    const c = rlCost(8e9, { ...spec, referenceModel: false }, t);
    assert.equal(c.referenceForward.gpuHours, 0);
    assert.equal(c.rewardForward.gpuHours, 0);
  });
});

describe('lifetime budget', () => {
  const part = fc.record({
    gpuHours: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null }),
    usd: fc.option(fc.double({ min: 0, max: 1e10, noNaN: true }), { nil: null }),
    energyKwh: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null }),
    co2Kg: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null }),
  }) as fc.Arbitrary<CostPart>;
  it('property: every total is the sum of its parts (null when a present part lacks it)', () => {
    fc.assert(
      fc.property(fc.option(part, { nil: null }), fc.option(part, { nil: null }), fc.option(part, { nil: null }), fc.option(part, { nil: null }), (a, b, c, d) => {
        const l = lifetimeBudget({ training: a, distillation: b, postTraining: c, serving: d }, 365);
        const present = [a, b, c, d].filter((p): p is CostPart => p !== null);
        for (const k of ['gpuHours', 'usd', 'energyKwh', 'co2Kg'] as const) {
          const vals = present.map((p) => p[k]);
          if (vals.some((v) => v === null)) assert.equal(l.total[k], null);
          else assert.ok(Math.abs((l.total[k] as number) - (vals as number[]).reduce((s, v) => s + v, 0)) <= 1e-9 * Math.max(1, l.total[k] as number));
        }
        return true;
      }),
    );
    assert.deepEqual(sumParts([]), { gpuHours: 0, usd: 0, energyKwh: 0, co2Kg: 0 });
  });
});

describe('lifecycle blocks in analyze()', () => {
  it('absent blocks are null', () => {
    const r = analyze(llama8b());
    assert.equal(r.distill, null);
    assert.equal(r.serve, null);
    assert.equal(r.postTrain, null);
    assert.equal(r.lifetime, null);
    assert.equal(r.denseVsMoe, null);
  });

  it('train + distill + RL + serve: lifetime is the sum of its parts, with the inference-aware resize', () => {
    const run = llama8b();
    run.distill = { teacherLoss: 2.0, tokens: 1e11, scenario: 'bestCase' };
    run.serve = { requestsPerDay: 5e6, promptTokens: 500, reasoningTokens: 2000, outputTokens: 300, horizonDays: 365 };
    run.postTrain = { kind: 'rl', steps: 500, promptsPerStep: 256, groupSize: 8, promptTokens: 500, responseTokens: 2000 };
    const r = analyze(run);
    assert.ok(r.distill && r.serve && r.postTrain && r.lifetime);
    const p = r.lifetime.parts;
    const sum = p.training!.usd! + p.distillation!.usd! + p.postTraining!.usd! + p.serving!.usd!;
    assert.ok(Math.abs(r.lifetime.total.usd! - sum) < 1e-6 * sum);
    assert.ok(Math.abs(p.serving!.usd! - r.serve.usdPerDay! * 365) < 1e-6 * p.serving!.usd!);
    assert.ok(r.lifetime.inferenceAware && r.lifetime.inferenceAware.params < r.model.paramsActive!);
    assert.equal(r.serve.snapshot.kvCacheBytesPerToken, 2 * 32 * 8 * 128 * 2);
    assert.ok(r.distill.studentLoss >= r.distill.teacherLoss);
  });

  it('a block that cannot be computed is null with a missing-facts finding naming the key', () => {
    const run = llama8b();
    run.serve = { promptTokens: 500 };
    run.postTrain = { kind: 'rl', steps: 10 };
    const r = analyze(run);
    assert.equal(r.serve, null);
    assert.equal(r.postTrain, null);
    assert.ok(r.findings.some((f) => f.code === 'missing-facts' && f.field === 'serve.requests_per_day'));
    assert.ok(r.findings.some((f) => f.code === 'missing-facts' && f.field === 'post_train.prompts_per_step'));
  });

  it('an MoE run gets dense vs MoE at its compute; under law moe the scaling block uses its expert count', () => {
    const run = emptyRun();
    run.model.shape = { architecture: 'llama', layers: 16, dModel: 1024, heads: 16, vocabSize: 50257, ffnHidden: 3072, moe: { experts: 8, topK: 1 } };
    run.data.tokens = 20e9;
    run.law = 'moe';
    const r = analyze(run);
    assert.ok(r.denseVsMoe);
    assert.equal(r.denseVsMoe.moe.experts, 8);
    assert.ok(r.denseVsMoe.moe.loss < r.denseVsMoe.dense.loss);
    assert.ok(r.scaling.loss! < analyze({ ...run, law: 'moe', model: { shape: { ...run.model.shape, moe: undefined } } }).scaling.loss!);
  });
});
