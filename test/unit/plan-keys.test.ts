// The plan reader: which YAML files it claims, unknown keys with a suggestion, and the values it
// refuses (a bare MFU above 1, commas that are not thousands separators, .inf).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { renameKeyEdit } from '../../src/document/fixEdits';
import { readConfig } from '../../src/read/read';

const FIXTURES = join(__dirname, '../../../test/fixtures/dialects');
const at = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

describe('plan detection follows the format\'s rule', () => {
  it('a run.yaml with model: {name, d_model}, data: and hardware: {count} is a plan', () => {
    const text = 'model:\n  name: my-run\n  d_model: 4096\ndata:\n  tokens: 1T\nhardware:\n  count: 8\n';
    assert.equal(readConfig(text, 'run.yaml').result?.dialect, 'plan');
    assert.equal(readConfig('model:\n  d_model: 4096\nhardware: {count: 8}\n', 'run.yaml').result?.dialect, 'plan');
    assert.equal(readConfig('model:\n  params: 7B\ndata:\n', 'run.yaml').result?.dialect, 'plan', 'an empty data: block');
  });

  it('blocks without a single plan key, or model: alone, are not plans', () => {
    assert.equal(readConfig('model:\n  name: resnet\ndata:\n  path: /data\n', 'run.yaml').result, undefined);
    assert.equal(readConfig('model:\n  d_model: 4096\n', 'run.yaml').result, undefined);
  });

  it('OLMo and llm-foundry configs (model: and data: blocks, d_model) stay with their dialects', () => {
    for (const [dialect, file] of [['olmo', 'OLMo-1B.yaml'], ['llm-foundry', 'mpt-7b.yaml']] as const) {
      const text = readFileSync(join(FIXTURES, dialect, file), 'utf8');
      assert.equal(readConfig(text, file).result?.dialect, dialect, file);
    }
    const olmo = 'model:\n  d_model: 512\n  n_layers: 8\n  n_heads: 8\n  mlp_ratio: 8\n  weight_tying: false\ndata:\n  paths: [a.npy]\nmax_duration: 1000\nglobal_train_batch_size: 64\n';
    assert.equal(readConfig(olmo, 'olmo.yaml').result?.dialect, 'olmo');
    // One OLMo key short of the OLMo reader's own rule: still not claimed as a plan full of unknown keys.
    const olmoLike = olmo.replace('  weight_tying: false\n', '');
    assert.notEqual(readConfig(olmoLike, 'olmo.yaml').result?.dialect, 'plan');
  });
});

describe('unknown keys in plan files', () => {
  it('toknes: under data is a warning on the key, suggesting data.tokens', () => {
    const text = 'model:\n  params: 7B\ndata:\n  toknes: 2T\n';
    const a = analyzeText(text, 'x.plan.yaml');
    const u = a.located.filter((l) => l.code === 'unknown-key');
    assert.equal(u.length, 1);
    assert.equal(u[0].severity, 'warning');
    assert.equal(at(text, u[0].span), 'toknes');
    assert.match(u[0].message, /data\.toknes is not a plan key and is ignored; did you mean data\.tokens\?/);
    // The misspelt value is not used: tokens stay unknown.
    assert.equal(a.report!.data.tokens, null);
  });

  it('a key in the wrong block and a misspelt block are named too', () => {
    const text = 'model:\n  params: 7B\ntraining:\n  tokens: 2T\nhardwre:\n  count: 8\n';
    const a = analyzeText(text, 'x.plan.yaml');
    const msgs = a.located.filter((l) => l.code === 'unknown-key').map((l) => l.message);
    assert.ok(msgs.some((m) => /training\.tokens .*did you mean data\.tokens\?/.test(m)), JSON.stringify(msgs));
    assert.ok(msgs.some((m) => /hardwre .*did you mean hardware\?/.test(m)), JSON.stringify(msgs));
    assert.equal(msgs.length, 2, 'keys under an unknown block are not reported again');
  });

  it('a key with no likely match lists the block\'s keys; known keys, merge keys and framework files are quiet', () => {
    const odd = analyzeText('model:\n  params: 7B\ndata:\n  colour: blue\n', 'x.plan.yaml').located.find((l) => l.code === 'unknown-key');
    assert.ok(odd);
    assert.match(odd.message, /known keys under data: tokens, unique_tokens/);
    const clean = analyzeText(readFileSync(join(__dirname, '../../../examples/llama-7b.plan.yaml'), 'utf8'), 'llama-7b.plan.yaml');
    assert.ok(!clean.located.some((l) => l.code === 'unknown-key'));
    // An anchor holder (or an x- extension key) exists to be merged elsewhere: not a typo.
    const merged = analyzeText('base: &b\n  count: 8\nx-notes: hi\nmodel:\n  params: 7B\nhardware:\n  <<: *b\n', 'x.plan.yaml');
    assert.deepEqual(merged.located.filter((l) => l.code === 'unknown-key'), []);
    assert.equal(merged.report!.hardware.count, 8);
    const mpt = analyzeText(readFileSync(join(FIXTURES, 'llm-foundry', 'mpt-7b.yaml'), 'utf8'), 'mpt-7b.yaml');
    assert.ok(!mpt.located.some((l) => l.code === 'unknown-key'));
  });
});

describe('renaming a mistyped plan key', () => {
  const renamed = (text: string): { rename?: string; after?: string } => {
    const l = analyzeText(text, 'x.plan.yaml').located.find((x) => x.code === 'unknown-key');
    assert.ok(l, 'an unknown-key warning');
    const e = renameKeyEdit(text, l);
    return { rename: l.rename, after: e && text.slice(0, e.span.start) + e.newText + text.slice(e.span.end) };
  };

  it('toknes: becomes tokens:, and the file then reads the value', () => {
    const { rename, after } = renamed('model:\n  params: 7B\ndata:\n  toknes: 2T\n');
    assert.equal(rename, 'tokens');
    assert.equal(after, 'model:\n  params: 7B\ndata:\n  tokens: 2T\n');
    const a = analyzeText(after!, 'x.plan.yaml');
    assert.deepEqual(a.located.filter((l) => l.code === 'unknown-key'), []);
    assert.equal(a.report!.data.tokens, 2e12);
  });

  it('keeps the key\'s quotes, and renames a misspelt block', () => {
    assert.equal(renamed('model:\n  params: 7B\ndata:\n  "toknes": 2T\n').after, 'model:\n  params: 7B\ndata:\n  "tokens": 2T\n');
    assert.equal(renamed('model:\n  params: 7B\nhardwre:\n  count: 8\n').after, 'model:\n  params: 7B\nhardware:\n  count: 8\n');
  });

  it('offers no rename for a key of another block, a key the block already has, or one a merge may supply', () => {
    assert.equal(renamed('model:\n  params: 7B\ntraining:\n  tokens: 2T\n').rename, undefined, 'training.tokens belongs in data:');
    assert.equal(renamed('model:\n  params: 7B\ndata:\n  tokens: 1T\n  toknes: 2T\n').rename, undefined, 'a duplicate key would change what is read');
    assert.equal(renamed('b: &b {tokens: 1T}\nmodel:\n  params: 7B\ndata:\n  <<: *b\n  toknes: 2T\n').rename, undefined);
    assert.equal(renamed('model:\n  params: 7B\ndata:\n  colour: blue\n').rename, undefined, 'no likely key');
  });
});

describe('values the plan reader refuses, with messages that say why', () => {
  const problem = (text: string, field: string): string => {
    const a = analyzeText(text, 'x.plan.yaml');
    const l = a.located.find((x) => x.code === 'invalid-value' && x.field === field);
    assert.ok(l, JSON.stringify(a.located));
    assert.equal(l.severity, 'error');
    return l.message;
  };

  it('mfu: 1.5 is not read as 1.5%: an invalid-value saying "write 0.4 or 40%"', () => {
    assert.match(problem('hardware:\n  mfu: 1.5\nmodel:\n  params: 7B\n', 'hardware.mfu'), /write 0\.4 or 40%/);
    assert.match(problem('hardware:\n  mfu: 40\nmodel:\n  params: 7B\n', 'hardware.mfu'), /write 0\.4 or 40%/);
    const a = analyzeText('hardware:\n  mfu: 40%\nmodel:\n  params: 7B\n', 'x.plan.yaml');
    assert.equal(a.report!.hardware.mfu, 0.4);
  });

  it('"1,5B" is not 15B', () => {
    assert.match(problem('model:\n  params: 1,5B\n', 'model.params'), /comma that is not a thousands separator/);
    const a = analyzeText('model:\n  params: 1,500,000,000\n', 'x.plan.yaml');
    assert.equal(a.report!.model.paramsTotal, 1.5e9);
  });

  it('.inf is "infinite", not "null"', () => {
    const m = problem('model:\n  params: 7B\ndata:\n  tokens: .inf\n', 'data.tokens');
    assert.match(m, /infinite/);
    assert.doesNotMatch(m, /null/);
  });
});
