// Chart data of the panel's lifecycle cards (src/engine/lifecycleCharts.ts), against the scaling
// book's serving example and published KV-cache sizes (fixtures/lifecycle/serving.json).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/engine/analyze';
import { denseVsMoeCsv, kvMemoryCsv, lifecycleCharts, lifecycleCostCsv, throughputCsv } from '../../src/engine/lifecycleCharts';
import { emptyRun, type RunDescription } from '../../src/engine/types';

const fx = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/lifecycle/serving.json'), 'utf8'));

const llama70bOnV5e = (): RunDescription => {
  const l = fx.llama3_70b;
  const r = emptyRun();
  r.model.shape = { architecture: 'llama', layers: l.layers, dModel: l.dModel, heads: l.heads, kvHeads: l.kvHeads, ffnHidden: l.ffnHidden, vocabSize: l.vocabSize, seqLen: 8192 };
  r.data.tokens = 15e12;
  r.hardware = { accelerator: 'TPU-v5e', count: 256 };
  const b = fx.scalingBook;
  r.serve = {
    accelerator: 'TPU-v5e', devicesPerReplica: b.chips, batch: b.batch, context: b.context, precision: 'int8', kvPrecision: 'int8',
    requestsPerDay: 1e6, promptTokens: 1000, outputTokens: 500, achievedFlops: 1, achievedBandwidth: 1,
  };
  return r;
};

describe('lifecycle chart data', () => {
  it('throughput vs batch: the roofline at the scaling book\'s Llama-3-70B int8 on a v5e 4x2 point', () => {
    const run = llama70bOnV5e();
    const c = lifecycleCharts(run, analyze(run));
    const t = c.throughput!;
    assert.ok(t, 'throughput data');
    assert.equal(t.chosen.batch, fx.scalingBook.batch);
    // Published: 17 ms per step, 1,882 tokens/s for the replica (the 70e9 rounded params; counted 70.6e9).
    assert.ok(Math.abs(t.chosen.stepMs - fx.scalingBook.stepMs) / fx.scalingBook.stepMs < 0.08, `step ${t.chosen.stepMs}`);
    assert.ok(Math.abs(t.chosen.ideal - fx.scalingBook.tokensPerSecond) / fx.scalingBook.tokensPerSecond < 0.08, `tok/s ${t.chosen.ideal}`);
    assert.ok(t.points.every((p, i) => i === 0 || p.ideal >= t.points[i - 1].ideal), 'ideal throughput rises with batch');
    assert.ok(t.points.every((p) => p.realistic <= p.ideal * (1 + 1e-12)));
    assert.ok(throughputCsv(t).startsWith('batch,ideal_tokens_per_s'));
  });

  it('the realistic line is half the roofline at the default achieved fractions', () => {
    const run = llama70bOnV5e();
    delete run.serve!.achievedFlops;
    delete run.serve!.achievedBandwidth;
    const t = lifecycleCharts(run, analyze(run)).throughput!;
    for (const p of t.points) assert.ok(Math.abs(p.realistic / p.ideal - 0.5) < 1e-9);
  });

  it('KV memory vs context: Llama-3-70B holds 160 KiB per token at int8', () => {
    const run = llama70bOnV5e();
    const kv = lifecycleCharts(run, analyze(run)).kv!;
    const at8k = kv.points.find((p) => p.context === 8192) ?? kv.points.reduce((a, p) => (Math.abs(p.context - 8192) < Math.abs(a.context - 8192) ? p : a));
    const expected = (fx.scalingBook.kvBytesPerTokenInt8 * at8k.context) / 2 ** 30;
    assert.ok(Math.abs(at8k.perSequenceGb - expected) < 1e-9 * expected);
    assert.ok(Math.abs(at8k.batchGb - expected * 32) < 1e-9 * expected * 32);
    assert.ok(kv.points.every((p, i) => i === 0 || p.perSequenceGb > kv.points[i - 1].perSequenceGb));
    assert.ok(kvMemoryCsv(kv).includes('kv_gb_batch_32'));
  });

  it('lifetime cost: one bar per stage present, the total their sum', () => {
    const run = llama70bOnV5e();
    run.distill = { teacherLoss: 1.9, tokens: 1e11, scenario: 'bestCase' };
    const c = lifecycleCharts(run, analyze(run)).cost!;
    assert.deepEqual(c.rows.map((x) => x.id), ['training', 'distillation', 'serving']);
    const sum = c.rows.reduce((s, x) => s + (c.metric === 'usd' ? x.usd! : x.gpuHours!), 0);
    const total = c.metric === 'usd' ? c.total.usd! : c.total.gpuHours!;
    assert.ok(Math.abs(sum - total) < 1e-9 * total);
    assert.ok(lifecycleCostCsv(c).includes('Distillation'));
  });

  it('a dense run without lifecycle blocks has no lifecycle charts; an MoE run has dense vs MoE', () => {
    const run = emptyRun();
    run.model.shape = { architecture: 'llama', layers: 16, dModel: 1024, heads: 16, vocabSize: 50257, ffnHidden: 3072 };
    run.data.tokens = 2e10;
    assert.deepEqual(lifecycleCharts(run, analyze(run)), { cost: null, throughput: null, kv: null, moe: null });
    run.model.shape.moe = { experts: 8, topK: 1 };
    const m = lifecycleCharts(run, analyze(run)).moe!;
    assert.equal(m.experts, 8);
    assert.ok(m.rows[1].loss < m.rows[0].loss, 'the MoE reaches a lower loss at equal compute (Ludziejewski et al. 2025)');
    assert.ok(m.rows[1].totalParams > m.rows[1].activeParams);
    assert.ok(denseVsMoeCsv(m).split('\r\n').length === 4);
  });
});
