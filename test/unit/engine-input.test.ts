// analyze() reads its run and never writes to it: validation copies the run only when it drops a
// value, so every stage must leave the caller's object as it was. A deep-frozen run makes any
// write throw (the compiled code is strict).

import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { analyze } from '../../src/engine/analyze';
import type { RunDescription } from '../../src/engine/types';
import { readExample, ROOT } from '../helpers';

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

const runOf = (name: string): RunDescription => {
  const a = analyzeText(readExample(name), name);
  assert.ok(a.read, name);
  return a.read.run;
};

describe('analyze leaves its input as it was', () => {
  const names = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.plan.yaml'));

  it('on every example plan, with and without lifecycle blocks', () => {
    assert.ok(names.length >= 5);
    for (const name of names) {
      const run = runOf(name);
      const copy = structuredClone(run);
      const report = analyze(deepFreeze(run));
      assert.deepEqual(run, copy, name);
      assert.deepEqual(report, analyze(copy), name);
    }
  });

  it('when validation drops values (a range, a word and a check across fields)', () => {
    const run = runOf('mixtral-moe.plan.yaml');
    const shape = { ...run.model.shape!, kvHeads: 7, layers: -3 };
    const bad = { ...run, model: { ...run.model, shape }, training: { ...run.training, precision: 'fp7' as never } };
    const copy = structuredClone(bad);
    const report = analyze(deepFreeze(bad));
    assert.deepEqual(bad, copy);
    const dropped = report.findings.filter((f) => f.code === 'invalid-value').map((f) => f.field);
    assert.deepEqual(dropped, ['model.layers', 'training.precision', 'model.kv_heads']);
  });
});
