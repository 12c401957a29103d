// Regression tests for the reproducers of the reliability review (merge-key fan-out, many keys,
// big flow collections, non-config bytes, impossible fixes and figures, wrong words in messages).
// Each asserts that the analysis finishes with the right finding; timings live in `npm run bench`.

import { strict as assert } from 'node:assert';
import { analyzeText, type DocumentAnalysis } from '../../src/document/analyzeDocument';
import { fixEdits } from '../../src/document/fixEdits';
import { MAX_ENTRIES } from '../../src/read/limits';
import { MAX_LISTED_UNKNOWN_KEYS } from '../../src/read/dialects/plan';
import { configTextProblem } from '../../src/read/read';
import { lineCol, parseYaml, YamlView } from '../../src/read/yamlDoc';
import { analyze } from '../../src/engine/analyze';
import { unknownFigures } from '../../src/engine/figureChecks';
import type { Accelerator } from '../../src/engine/hardware';
import { emptyRun } from '../../src/engine/types';
import { checkValue } from '../../src/engine/validate';
import { blockList, flowList, manyAliases, manyKeys, mergeBomb } from '../hostile/corpus';
import { checkAnalysis } from './fuzzYaml';

const OPTS = { law: 'epoch' as const, maxBytes: 1024 * 1024 };
const codes = (a: DocumentAnalysis) => a.located.map((l) => l.code);
const BASE = 'model: {params: 7B}\ndata: {tokens: 140B}\nhardware: {accelerator: H100-SXM, count: 64}\n';

/** Applies a finding's fix and analyses the result: the tool must accept its own fix. */
function applyFix(text: string, a: DocumentAnalysis, code: string): string | undefined {
  const fix = a.located.find((l) => l.code === code)?.finding?.fix;
  if (!fix) return undefined;
  let out = text;
  for (const e of fixEdits(a, text, fix).reverse()) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

describe('reliability: merge keys are followed in linear time', () => {
  it('the 38-byte self-merge finishes and reads as a plan', () => {
    const a = analyzeText('model: &a\n  <<: [*a, *a, *a]\ndata: {}\n', 'x.plan.yaml', OPTS);
    assert.equal(a.kind, 'ok');
    assert.ok(codes(a).includes('missing-facts'));
  });

  it('a docker-compose file with a self-merge is not a config', () => {
    assert.equal(analyzeText('--- &a\n<<: [*a, *a, *a, *a]\nservices: {}\n', 'docker-compose.yml', OPTS).kind, 'none');
  });

  it('a 9 x 9 merge bomb finishes, and a key merged through all nine levels is still found', () => {
    const text = mergeBomb(9, 9).replace('l0: &l0 {a: 1}', 'l0: &l0 {seq_len: 4096}');
    const a = analyzeText(text, 'bomb.plan.yaml', OPTS);
    assert.equal(a.kind, 'ok');
    assert.equal(a.read!.run.model.params, 7e9);
    assert.equal(a.read!.run.model.shape?.seqLen, 4096);
  });

  it('detection of a merge bomb under a generic name, and of one with a syntax error, finishes', () => {
    assert.notEqual(analyzeText(mergeBomb(9, 9), 'config.yaml', OPTS).kind, undefined);
    const broken = analyzeText(`${mergeBomb(9, 9)}loop: &loop\n  <<: *loop\n  bad: [\n`, 'train.yaml', { ...OPTS, anySyntaxError: true });
    assert.equal(broken.kind, 'fatal');
    assert.equal(broken.located[0].code, 'yaml-syntax');
  });

  it('a litgpt model_config merging itself four times finishes', () => {
    const a = analyzeText('model_config: &blk\n  <<: [*blk, *blk, *blk, *blk]\n  n_layer: 32\n  n_embd: 4096\ntrain:\n  max_tokens: 1e12\n', 'config.yaml', OPTS);
    assert.ok(['ok', 'none'].includes(a.kind));
  });

  it('9,000 aliases of one anchor finish, and the merged value is read', () => {
    const a = analyzeText(manyAliases(9_000), 'alias.plan.yaml', OPTS);
    assert.equal(a.kind, 'ok');
    assert.equal(a.read!.run.model.shape?.seqLen, 4096);
  });

  it('merge order is kept: own keys win, then the first source that has the key', () => {
    const view = new YamlView(parseYaml('a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n  y: 3\n'));
    assert.equal(view.get(['c', 'x'])?.value, 1);
    assert.equal(view.get(['c', 'y'])?.value, 3);
    assert.equal(view.get(['c', 'z'])?.value, 2);
    assert.equal(view.get(['c', 'w']), undefined);
  });
});

describe('reliability: many keys and big collections', () => {
  it('10,000 unknown keys: the first 100 get a warning each, one more counts the rest from the first of them', () => {
    const text = manyKeys(10_000);
    const a = analyzeText(text, 'keys.plan.yaml', OPTS);
    const unknown = a.located.filter((l) => l.code === 'unknown-key');
    assert.equal(MAX_LISTED_UNKNOWN_KEYS, 100);
    assert.equal(unknown.length, 101);
    assert.equal(lineCol(text, unknown[99].span.start).line, 4 + 99);
    assert.match(unknown[99].message, /^k99 is not a plan key/);
    assert.equal(unknown[100].message, '9,900 more keys are not plan keys and are ignored, from k100 on (only the first 100 are listed one by one).');
    assert.equal(lineCol(text, unknown[100].span.start).line, 4 + 100);
    assert.equal(text.slice(unknown[100].span.start, unknown[100].span.end), 'k100');
  });

  it('a plan with up to 100 unknown keys lists each of them', () => {
    const unknown = analyzeText(manyKeys(100), 'keys.plan.yaml', OPTS).located.filter((l) => l.code === 'unknown-key');
    assert.equal(unknown.length, 100);
    assert.ok(unknown.every((u) => / is not a plan key and is ignored/.test(u.message)));
  });

  it('lineCol agrees with a count of newlines, for any offset of a text', () => {
    const text = 'a: 1\r\nb:\n  - 2\n\nc: 3';
    for (let i = 0; i <= text.length + 2; i++) {
      const before = text.slice(0, i);
      const line = (before.match(/\n/g) ?? []).length;
      assert.deepEqual(lineCol(text, i), { line, character: i - (before.lastIndexOf('\n') + 1) });
    }
  });

  for (const [name, text] of [
    ['100,000 unknown keys', manyKeys(100_000)],
    ['a 1 MiB flow list', flowList(1024 * 1024 - 64)],
    ['a 1 MiB flow list without spaces', flowList(1024 * 1024 - 64, ',')],
    ['a 1 MiB block list', blockList(1024 * 1024 - 64)],
    ['flow collections 2,000 levels deep', `model: {params: 7B}\nx: ${'['.repeat(2000)}${']'.repeat(2000)}\n`],
  ] as const) {
    it(`${name}: one "too complex" information finding instead of an analysis`, () => {
      const a = analyzeText(text, 'big.plan.yaml', OPTS);
      assert.equal(a.kind, 'fatal');
      assert.equal(a.located.length, 1);
      assert.equal(a.located[0].code, 'too-large');
      assert.equal(a.located[0].severity, 'information');
      assert.match(a.located[0].message, /too complex|nested more than/);
    });
  }

  it('a big YAML file that is not a training config gets nothing, too complex or not', () => {
    const text = `services:\n${'  - name: web\n'.repeat(MAX_ENTRIES + 10)}`;
    assert.equal(analyzeText(text, 'compose.yml', OPTS).kind, 'none');
  });

  it('a file just under the entry limit is analysed', () => {
    const a = analyzeText(manyKeys(MAX_ENTRIES - 10), 'keys.plan.yaml', OPTS);
    assert.equal(a.kind, 'ok');
  });
});

describe('reliability: text that cannot be a config, whatever its name', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['empty', '', /empty/],
    ['whitespace only', ' \n\t\n', /whitespace/],
    ['1,000 NUL bytes', '\0'.repeat(1000), /NUL/],
    ['UTF-16LE read as UTF-8', '\uFFFD\uFFFDm\0o\0d\0e\0l\0:\0 \x007\0B\0\n\0', /UTF-16/],
    ['a PNG read as UTF-8', '\uFFFDPNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x80', /NUL/],
    ['a bare scalar', 'just some words\n', /no YAML mapping/],
    ['a list', '- a\n- b\n', /no YAML mapping/],
    ['comments only', '# nothing here\n', /no YAML mapping/],
  ];
  for (const [name, text, why] of cases) {
    it(`${name}: configTextProblem says why, and the editor path shows nothing`, () => {
      assert.match(configTextProblem(text) ?? '', why);
      const a = analyzeText(text, 'x.plan.yaml', OPTS);
      assert.equal(a.kind, 'none');
      assert.equal(a.located.length, 0);
      assert.match(a.notConfig ?? '', why);
    });
  }

  it('a real plan has no such problem', () => {
    assert.equal(configTextProblem(BASE), undefined);
    assert.equal(configTextProblem(`\uFEFF${BASE}`), undefined);
  });
});

describe('reliability: every fix validates and every figure is finite', () => {
  const rows: Array<[string, string, string]> = [
    ['a deadline of 1e-320 days', 'budget: {days: 1e-320}\n', 'misses-deadline'],
    ['a deadline of 0.00001 days', 'budget: {days: 0.00001}\n', 'misses-deadline'],
    ['a budget of $1e-320', 'budget: {usd: 1e-320}\n', 'over-budget'],
  ];
  for (const [name, extra, code] of rows) {
    it(`${name}: ${code} without an impossible fix or an Infinity`, () => {
      const text = BASE + extra;
      const a = analyzeText(text, 'x.plan.yaml', OPTS);
      const f = a.located.find((l) => l.code === code);
      assert.ok(f, `${code} in ${codes(a).join(', ')}`);
      assert.doesNotMatch(f.message, /Infinity|NaN/);
      checkAnalysis(text, 'x.plan.yaml', a);
      const fixed = applyFix(text, a, code);
      if (fixed) assert.ok(!codes(analyzeText(fixed, 'x.plan.yaml', OPTS)).includes('invalid-value'));
    });
  }

  it('a tiny model with huge inference volume offers no model.params = 0 fix', () => {
    const text = 'model: {params: 1}\ndata: {tokens: 1}\ninference: {tokens: 1e20}\n';
    checkAnalysis(text, 'x.plan.yaml', analyzeText(text, 'x.plan.yaml', OPTS));
  });

  it('a shape of 3.4e17 parameters offers no tokens fix above 1e18', () => {
    const text = 'model: {layers: 10000, d_model: 1000000, heads: 100000, ffn_hidden: 10000000, vocab_size: 100000000}\ndata: {tokens: 1e18}\n';
    const a = analyzeText(text, 'x.plan.yaml', OPTS);
    checkAnalysis(text, 'x.plan.yaml', a);
    for (const l of a.located) for (const v of l.finding?.fix?.values ?? []) if (typeof v.value === 'number') assert.equal(checkValue(v.field, v.value), undefined);
  });

  for (const mfu of [0, 5e-324, 50]) {
    it(`an MFU option of ${mfu} is refused with a finding naming hardware.mfu, and the figures stay finite`, () => {
      const a = analyzeText(BASE, 'x.plan.yaml', { ...OPTS, defaults: { mfu } });
      const bad = a.located.find((l) => l.code === 'invalid-value' && l.field === 'hardware.mfu');
      assert.ok(bad, codes(a).join(', '));
      assert.ok(Number.isFinite(a.report!.cost.usd!) && Number.isFinite(a.report!.cost.wallClockDays!));
      checkAnalysis(BASE, 'x.plan.yaml', a);
    });
  }

  it('a price of 1e308 and a custom accelerator of 0 TFLOP/s are refused, not turned into $Infinity', () => {
    const zero: Accelerator = { id: 'mine', name: 'mine', vendor: 'custom', aliases: [], peakTflops: { bf16: 0, fp16: 0 }, memoryGb: 80, bandwidthTBs: 0, sources: [] };
    const text = 'model: {params: 7B}\ndata: {tokens: 140B}\nhardware: {accelerator: mine, count: 64}\n';
    const a = analyzeText(text, 'x.plan.yaml', { ...OPTS, customAccelerators: [zero] });
    assert.ok(a.located.some((l) => l.code === 'invalid-value' && /Custom accelerator "mine"/.test(l.message)));
    const b = analyzeText(BASE, 'x.plan.yaml', { ...OPTS, prices: { 'H100-SXM': 1e308 } });
    assert.ok(b.located.some((l) => l.code === 'invalid-value' && l.field === 'hardware.price_per_hour'));
    checkAnalysis(BASE, 'x.plan.yaml', b);
  });

  it('a figure that would be infinite is shown as unknown, with a finding naming the inputs', () => {
    const report = { cost: { usd: Infinity, gpuHours: 5e-324, co2Kg: 1 }, hardware: { mfu: 0.001, pricePerHour: 1e4 } };
    const f = unknownFigures(report);
    assert.equal(report.cost.usd, null);
    assert.equal(report.cost.gpuHours, null);
    assert.equal(report.cost.co2Kg, 1);
    assert.match(f!.message, /cost\.usd, cost\.gpuHours .*hardware\.mfu = 0\.001/);
  });

  it('the engine keeps only fixes whose values pass validation', () => {
    const run = emptyRun();
    run.model.params = 7e9;
    run.data.tokens = 140e9;
    run.hardware = { accelerator: 'H100-SXM', count: 64 };
    run.budget.days = 1e-320;
    const r = analyze(run);
    for (const f of r.findings) for (const v of f.fix?.values ?? []) if (typeof v.value === 'number') assert.equal(checkValue(v.field, v.value), undefined);
    assert.ok(r.findings.some((f) => f.code === 'misses-deadline' && !f.fix));
  });
});

describe('reliability: messages quote what the file wrote', () => {
  const neox = 'num-layers: 32\nhidden-size: 4096\nnum-attention-heads: 32\nseq-length: 2048\ntrain-iters: 1000\n';
  const messages = (text: string, name: string) => analyzeText(text, name, OPTS).located.map((l) => l.message);

  it('a tagged boolean is quoted with its tag, never "undefined"', () => {
    const m = messages(`${neox}"no-weight-tying": !!merge true\n`, 'neox.yml').find((x) => x.includes('no_weight_tying'));
    assert.ok(m);
    assert.match(m, /got "true" \(tagged !!merge\)/);
  });

  it('the GPT-NeoX vocab_file is quoted as written, or named as missing', () => {
    assert.ok(messages(`${neox}"vocab-file": {a: 1}\n`, 'neox.yml').some((x) => x.includes('(vocab_file: "{a: 1}")')));
    const empty = messages(`${neox}"vocab-file":\n`, 'neox.yml').join('\n');
    assert.doesNotMatch(empty, /vocab_file: (null|undefined)/);
  });

  it('an empty key is named as such, not as "null"', () => {
    const m = messages(`: value\n${BASE}`, 'x.plan.yaml');
    assert.ok(m.some((x) => x.startsWith('(an empty key) is not a plan key')));
    assert.ok(!m.some((x) => x.startsWith('null ')));
  });

  it('infinite numbers are quoted as written: 1e400, .inf, -.inf', () => {
    const m = messages('model: {params: 1e400, layers: .inf}\ndata: {tokens: 1T}\nhardware: {price_per_hour: -.inf, accelerator: 1e400}\n', 'x.plan.yaml').join('\n');
    assert.match(m, /"1e400" is infinite/);
    assert.match(m, /"-\.inf" is infinite/);
    assert.match(m, /Unknown accelerator "1e400"/);
    assert.doesNotMatch(m, /\(\.inf\)|"Infinity"/);
  });
});
