import { strict as assert } from 'node:assert';
import { fixEdits } from '../../../src/document/fixEdits';
import { analyse, analyseFixture, at, findings, fixture, slice, source } from './helpers';

describe('dialect: OLMo', () => {
  it('reads OLMo-7B exactly: 6,888,095,744 parameters on 2e12T tokens', () => {
    const a = analyseFixture('olmo', 'OLMo-7B.yaml');
    assert.equal(a.dialect, 'olmo');
    assert.equal(a.report!.model.paramsTotal, 6_888_095_744);
    const s = a.read!.run.model.shape!;
    assert.equal(s.ffnHidden, 11_008); // mlp_hidden_size 22,016 halved by SwiGLU
    assert.equal(s.vocabSize, 50_304); // embedding_size, not vocab_size 50,280
    assert.equal(s.norm, 'nonparametric');
    assert.equal(a.report!.data.tokens, 2e12);
    assert.equal(a.read!.run.training.globalBatchTokens, 2048 * 2048);
    assert.equal(a.read!.run.training.precision, 'bf16');
    assert.equal(a.read!.run.training.zeroStage, 3);
  });

  it('lands on OLMo\'s keys; a token fix keeps the T unit', () => {
    const a = analyseFixture('olmo', 'OLMo-7B.yaml');
    assert.equal(at(a, 'model.ffn_hidden'), '22016');
    assert.equal(at(a, 'model.vocab_size'), '50304');
    assert.equal(at(a, 'model.layers'), '32');
    assert.equal(slice(a.text, source(a, 'model.layers').keySpan), 'n_layers');
    assert.equal(at(a, 'data.tokens'), '2e12');
    assert.equal(slice(a.text, source(a, 'data.tokens').keySpan), 'max_duration');
    const edits = fixEdits(a, a.text, { title: 't', values: [{ field: 'data.tokens', value: 3e12 }] });
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, '3e12');
    const after = a.text.slice(0, edits[0].span.start) + edits[0].newText + a.text.slice(edits[0].span.end);
    assert.match(after, /max_duration: 3e12T/);
  });

  it('reads OLMo-1B: mlp_ratio 8, tied, max_duration 739_328 steps (a string in YAML 1.2)', () => {
    const a = analyseFixture('olmo', 'OLMo-1B.yaml');
    assert.equal(a.report!.model.paramsTotal, 1_176_764_416);
    assert.equal(a.read!.run.model.shape!.ffnHidden, 8_192);
    assert.equal(a.read!.run.model.shape!.tieEmbeddings, true);
    assert.equal(a.report!.data.tokens, 739_328 * 2048 * 2048);
    assert.equal(a.report!.data.tokens, 3_100_966_387_712);
    assert.equal(at(a, 'data.tokens'), '739_328');
    assert.equal(a.read!.run.training.steps, 739_328);
    // The unresolvable save_folder interpolation is not read at all: no finding about it.
    assert.equal(findings(a, 'invalid-value').length, 0);
  });

  it('epochs need the dataset size: a missing-facts finding on max_duration', () => {
    const text = fixture('olmo', 'OLMo-1B.yaml').replace('max_duration: 739_328', 'max_duration: 3ep');
    const a = analyse(text, 'OLMo-1B.yaml');
    assert.equal(a.report!.data.tokens, null);
    const f = findings(a, 'missing-facts', 'data.tokens');
    assert.equal(f.length, 1);
    assert.equal(slice(text, f[0].span), '3ep');
    assert.match(f[0].message, /tokens=/);
  });

  it('is not claimed by the plan reader although it has model: and data: blocks', () => {
    const a = analyseFixture('olmo', 'OLMo-7B.yaml');
    assert.notEqual(a.dialect, 'plan');
  });

  it('an MLP-width fix writes mlp_hidden_size as OLMo reads it (twice the width under SwiGLU)', () => {
    const a = analyseFixture('olmo', 'OLMo-7B.yaml');
    assert.equal(source(a, 'model.ffn_hidden').scale, 0.5);
    const edits = fixEdits(a, a.text, { title: 'w', values: [{ field: 'model.ffn_hidden', value: 8192 }] });
    assert.equal(edits.length, 1);
    assert.equal(slice(a.text, edits[0].span), '22016');
    assert.equal(edits[0].newText, '16384');
    // mlp_ratio is not rewritten from a width.
    const b = analyseFixture('olmo', 'OLMo-1B.yaml');
    assert.equal(fixEdits(b, b.text, { title: 'w', values: [{ field: 'model.ffn_hidden', value: 4096 }] }).length, 0);
  });

  it('embedding_size absent takes ModelConfig\'s default 50,304 rows: OLMo-1B is still 1,176,764,416', () => {
    const text = fixture('olmo', 'OLMo-1B.yaml').replace('  embedding_size: 50304\n', '');
    const a = analyse(text, 'OLMo-1B.yaml');
    assert.equal(a.read!.run.model.shape!.vocabSize, 50_304);
    assert.equal(a.report!.model.paramsTotal, 1_176_764_416);
    const v = source(a, 'model.vocab_size');
    assert.equal(v.origin, 'default');
    assert.match(v.note!, /embedding_size 50,304/);
    assert.equal(a.report!.sources['model.vocab_size'].origin, 'default');
    // `embedding_size: null` means vocab_size rows; fewer rows than tokens is OLMo's configuration error.
    const rows = analyse(fixture('olmo', 'OLMo-1B.yaml').replace('embedding_size: 50304', 'embedding_size: null'), 'x.yaml');
    assert.equal(rows.read!.run.model.shape!.vocabSize, 50_280);
    const small = analyse(fixture('olmo', 'OLMo-1B.yaml').replace('embedding_size: 50304', 'embedding_size: 50000'), 'x.yaml');
    assert.equal(findings(small, 'invalid-value', 'model.vocab_size').length, 1);
    assert.equal(small.report!.model.paramsTotal, null);
  });

  it('an unresolved max_duration is said once', () => {
    const text = fixture('olmo', 'OLMo-1B.yaml').replace('max_duration: 739_328  # 3.1T tokens', 'max_duration: ${oc.env:MAX_STEPS}');
    const a = analyse(text, 'OLMo-1B.yaml');
    assert.deepEqual(a.located.filter((l) => l.field === 'data.tokens').map((l) => l.code), ['unresolved']);
  });
});
