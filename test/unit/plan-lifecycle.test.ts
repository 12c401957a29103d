// The plan format's distill:, serve: and post_train: blocks, read and analysed end to end.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { readConfig } from '../../src/read/read';

const EXAMPLE = join(__dirname, '../../../examples/lifecycle.plan.yaml');

describe('plan lifecycle blocks', () => {
  it('reads distill, serve and post_train into the run; a known teacher gives its non-embedding size', () => {
    const r = readConfig(readFileSync(EXAMPLE, 'utf8'), 'lifecycle.plan.yaml').result!;
    assert.deepEqual(r.problems, []);
    const d = r.run.distill!;
    assert.equal(d.teacher, 'Llama-3-70B');
    // Llama-3-70B: 70.55B total minus 2 × 128,256 × 8,192 embedding and head = 68.45B non-embedding.
    assert.ok(Math.abs(d.teacherParams! - (70553706496 - 2 * 128256 * 8192)) < 1);
    assert.equal(d.scenario, 'teacherInference');
    assert.equal(r.run.serve!.requestsPerDay, 5e6);
    assert.equal(r.run.serve!.latencyMsPerToken, 30);
    assert.deepEqual(r.run.postTrain, { kind: 'rl', steps: 1000, promptsPerStep: 512, groupSize: 8, promptTokens: 500, responseTokens: 2000 });
  });

  it('the report carries every lifecycle object and a lifetime equal to the sum of its parts', () => {
    const a = analyzeText(readFileSync(EXAMPLE, 'utf8'), 'lifecycle.plan.yaml');
    const r = a.report!;
    assert.ok(r.distill && r.serve && r.postTrain && r.lifetime);
    assert.ok(r.serve.snapshot.decode.stepMs <= 30);
    const parts = Object.values(r.lifetime.parts).filter(Boolean).map((p) => p!.usd!);
    assert.equal(parts.length, 4);
    assert.ok(Math.abs(r.lifetime.total.usd! - parts.reduce((s, x) => s + x, 0)) < 1e-6 * r.lifetime.total.usd!);
  });

  it('bad values are findings on their keys', () => {
    const text = 'model:\n  params: 7B\ndata:\n  tokens: 1T\ndistill:\n  scenario: free\n  teacher: NoSuchModel-9000\nserve:\n  samples: 0\n  precision: fp4\n';
    const a = analyzeText(text, 'x.plan.yaml');
    const by = (f: string): string[] => a.located.filter((l) => l.field === f).map((l) => l.message);
    assert.match(by('distill.scenario').join(' '), /best-case, teacher-inference/);
    assert.match(by('distill.teacher').join(' '), /not a known model/);
    assert.match(by('serve.samples').join(' '), /not possible/);
    assert.match(by('serve.precision').join(' '), /bf16, fp8, int8, int4/);
  });
});

describe('serving-capacity finding', () => {
  it('too few replicas for the workload: a warning on serve.replicas with a fix to the needed count', () => {
    const text = readFileSync(EXAMPLE, 'utf8').replace('  devices_per_replica: 1\n', '  devices_per_replica: 1\n  replicas: 4\n');
    const a = analyzeText(text, 'lifecycle.plan.yaml');
    const f = a.located.find((l) => l.code === 'serving-capacity');
    assert.ok(f, 'finding');
    assert.equal(f.field, 'serve.replicas');
    const need = Math.ceil(a.report!.serve!.replicasNeeded);
    assert.deepEqual(f.finding?.fix?.values, [{ field: 'serve.replicas', value: need }]);
    assert.ok(need > 4);
  });
});

describe('serving-capacity quick fix', () => {
  it('writes serve.replicas into the plan', async () => {
    const { fixEdits } = await import('../../src/document/fixEdits');
    const text = readFileSync(EXAMPLE, 'utf8').replace('  devices_per_replica: 1\n', '  devices_per_replica: 1\n  replicas: 4\n');
    const a = analyzeText(text, 'lifecycle.plan.yaml');
    const f = a.located.find((l) => l.code === 'serving-capacity')!;
    const edits = fixEdits(a, text, f.finding!.fix!);
    assert.equal(edits.length, 1);
    const e = edits[0];
    assert.equal(text.slice(e.span.start, e.span.end), '4');
    assert.equal(e.newText, String(Math.ceil(a.report!.serve!.replicasNeeded)));
  });
});

describe('lifecycle keys have hover text', () => {
  it('every lifecycle plan key is in FIELDS with a title and description', async () => {
    const { fieldSpec, PLAN_KEYS } = await import('../../src/engine/fields');
    for (const block of ['distill', 'serve', 'post_train']) {
      for (const k of Object.keys(PLAN_KEYS[block])) {
        const f = fieldSpec(`${block}.${k}`);
        assert.ok(f && f.title && (f.hover ?? '').length > 10, `${block}.${k}`);
      }
    }
  });
});
