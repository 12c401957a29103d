// Memoised work in the analysis must give what the uncached computation gives, for every input in
// any order: no figure of one document (or one teacher name) may leak into another's analysis.

import { strict as assert } from 'node:assert';
import { analyzeText } from '../../src/document/analyzeDocument';
import { teacherParamsOf } from '../../src/read/teacherSize';
import { resolveModel } from '../../src/read/knownModels';
import { countParams, type CompleteShape } from '../../src/engine/params';
import { parseYaml, YamlView } from '../../src/read/yamlDoc';

/** The uncached computation: the known model's non-embedding count from its shape. */
function nonEmbedding(name: string): number | undefined {
  const k = resolveModel(name);
  if (!k?.shape) return k ? k.activeParams ?? k.params : undefined;
  return countParams({ ...k.shape, architecture: k.shape.architecture ?? 'llama' } as CompleteShape).nonEmbedding;
}

const plan = (teacher: string): string =>
  ['model:', '  params: 1B', 'data:', '  tokens: 20B', 'hardware:', '  accelerator: H100', '  count: 8', 'distill:', `  teacher: ${teacher}`, '  teacher_tokens: 2T', '  tokens: 20B', ''].join('\n');

describe('analysis caches', () => {
  const names = ['Llama-2-7B', 'Llama-2-70B', 'meta-llama/Llama-2-7b-hf', 'not-a-model-xyz', 'Llama-3.1-8B'];

  it('teacher sizes by name equal the uncached count, in any order and on repeat', () => {
    for (const order of [names, [...names].reverse(), [...names, ...names]]) {
      for (const n of order) assert.equal(teacherParamsOf(n), nonEmbedding(n), n);
    }
    assert.notEqual(teacherParamsOf('Llama-2-7B'), teacherParamsOf('Llama-2-70B'));
    assert.equal(teacherParamsOf('not-a-model-xyz'), undefined);
  });

  it('documents analysed alternately get their own teacher, the same as when analysed alone', () => {
    const alone = names.map((n) => JSON.stringify(analyzeText(plan(n), 'a.plan.yaml').report?.distill));
    for (let round = 0; round < 2; round++) {
      names.forEach((n, i) => assert.equal(JSON.stringify(analyzeText(plan(n), 'a.plan.yaml').report?.distill), alone[i], n));
    }
    const seven = analyzeText(plan('Llama-2-7B'), 'a.plan.yaml').report!.distill!;
    const seventy = analyzeText(plan('Llama-2-70B'), 'a.plan.yaml').report!.distill!;
    assert.notEqual(JSON.stringify(seven), JSON.stringify(seventy));
  });

  it('an unknown teacher is reported on every analysis, not only the first', () => {
    for (let i = 0; i < 3; i++) {
      const a = analyzeText(plan('not-a-model-xyz'), 'a.plan.yaml');
      assert.ok(a.located.some((l) => l.field === 'distill.teacher' && /not a known model/.test(l.message)));
    }
  });

  it('key lookups of one view do not answer for another document', () => {
    const a = analyzeText('model:\n  layers: 2\n  d_model: 64\n', 'a.plan.yaml');
    const b = analyzeText('model:\n  layers: 3\n  d_model: 64\n', 'a.plan.yaml');
    assert.equal(a.read?.run.model.shape?.layers, 2);
    assert.equal(b.read?.run.model.shape?.layers, 3);
  });

  it('a view answers every path as a fresh view would, whatever it was asked before', () => {
    const text = 'base: &b\n  layers: 4\n  moe: {experts: 8}\nmodel:\n  <<: *b\n  d_model: 64\n  list: [1, {a: 2}]\ndata: 7\nother:\n  model: {layers: 9}\n';
    const parsed = parseYaml(text);
    const paths: Array<Array<string | number>> = [
      ['model', 'layers'], ['model', 'd_model'], ['model', 'nope'], ['model', 'moe', 'experts'], ['model', 'moe', 'top_k'], ['data', 'tokens'],
      ['data'], ['nope', 'x'], ['nope', 'y'], ['model', 'list', 1, 'a'], ['model', 'list', 0], ['other', 'model', 'layers'], ['model', 'layers'], ['base', 'moe', 'experts'],
    ];
    const fresh = (p: Array<string | number>): string => JSON.stringify(new YamlView(parsed).get(p)?.span ?? null) + String(new YamlView(parsed).get(p)?.value);
    const view = new YamlView(parsed);
    for (const order of [paths, [...paths].reverse(), [...paths, ...paths]]) {
      for (const p of order) assert.equal(JSON.stringify(view.get(p)?.span ?? null) + String(view.get(p)?.value), fresh(p), p.join('.'));
    }
    const other = view.get(['other'])!.node;
    assert.equal(view.get(['model', 'layers'], other)?.value, 9);
    assert.equal(view.get(['model', 'layers'])?.value, 4);
  });
});
