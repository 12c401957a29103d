// The native plan reader (*.plan.yaml): every key, exact source ranges, malformed and hostile
// YAML, and the in-file comments that steer the analysis.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { isFieldId } from '../../src/engine/fields';
import { readConfig } from '../../src/read/read';
import type { ReadResult, SourceKey } from '../../src/read/types';

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  examples?: unknown[];
}

const schema: SchemaNode = JSON.parse(readFileSync(join(__dirname, '../../../schemas/plan.schema.json'), 'utf8'));

/** Leaf keys of the plan format with the schema's example value for each. */
function leaves(node: SchemaNode, path: string[] = []): Array<{ path: string[]; example: unknown }> {
  if (node.type === 'object' && node.properties) return Object.entries(node.properties).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, example: node.examples?.[0] }];
}

/** A plan with the given leaves, written one key per line (flow sequences for lists). */
function writePlan(items: Array<{ path: string[]; example: unknown }>): string {
  const lines: string[] = [];
  const open: string[] = [];
  for (const { path, example } of items) {
    let i = 0;
    while (i < open.length && i < path.length - 1 && open[i] === path[i]) i++;
    open.length = i;
    for (; i < path.length - 1; i++) {
      lines.push(`${'  '.repeat(i)}${path[i]}:`);
      open.push(path[i]);
    }
    const v = Array.isArray(example) ? `[${example.join(', ')}]` : String(example);
    lines.push(`${'  '.repeat(path.length - 1)}${path[path.length - 1]}: ${v}`);
  }
  return lines.join('\n') + '\n';
}

function read(text: string, name = 'test.plan.yaml'): ReadResult {
  const out = readConfig(text, name);
  assert.equal(out.fatal, undefined, out.fatal?.message);
  assert.ok(out.result, 'read as a config');
  return out.result;
}

/** Keys the reader records under another field, or not as a field at all. */
const SPECIAL = new Set(['model.name', 'training.fsdp', 'training.lora.targets']);

describe('plan reader: every key of the plan format', () => {
  const all = leaves(schema);
  // model.name and training.fsdp stand in for name and training.zero_stage: tested on their own.
  const text = writePlan(all.filter((l) => !['model.name', 'training.fsdp'].includes(l.path.join('.'))));

  it('the schema lists the keys, each with an example', () => {
    assert.ok(all.length >= 50, `${all.length} keys`);
    for (const l of all) assert.notEqual(l.example, undefined, l.path.join('.'));
  });

  it('every key is read into the canonical run', () => {
    const r = read(text);
    assert.equal(r.dialect, 'plan');
    assert.deepEqual(r.problems, []);
    const run = r.run;
    assert.equal(run.name, 'llama-7b-2T');
    assert.equal(run.law, 'epoch');
    assert.equal(run.model.params, 7e9);
    assert.equal(run.model.activeParams, 13e9);
    assert.deepEqual(run.model.shape, {
      architecture: 'llama',
      layers: 32,
      dModel: 4096,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      ffnHidden: 11008,
      vocabSize: 32000,
      seqLen: 4096,
      maxPositions: 2048,
      tieEmbeddings: false,
      qkvBias: false,
      biases: false,
      positions: 'rotary',
      norm: 'rmsnorm',
      moe: {
        experts: 8, topK: 2, sharedExperts: 0, expertFfnHidden: 14336,
        firstDenseLayers: 3, every: 2, sharedFfnHidden: 5632, sharedExpertGate: true, routerBias: true, scoreCorrectionBias: true,
      },
      attention: {
        kind: 'mla',
        mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
        qkNorm: 'head', oBias: true, sinks: true, slidingWindow: 4096, globalEvery: 6,
      },
      layerPattern: [...'M-M-M-*-M-M-M-*-M-M-M-*-M-M-M-*-'].map((ch) => ({ M: 'mamba', '*': 'attention', '-': 'mlp' })[ch]),
      mamba: { heads: 128, headDim: 64, stateSize: 128, groups: 8, convKernel: 4 },
      mtpLayers: 1,
      ungatedMlp: true,
      outputBias: true,
    });
    assert.deepEqual(run.data, { tokens: 2e12, uniqueTokens: 5e11 });
    assert.deepEqual(run.training, {
      precision: 'bf16',
      optimizer: 'adamw',
      globalBatchTokens: 4e6,
      microBatchSize: 1,
      zeroStage: 1,
      tensorParallel: 1,
      expertParallel: 8,
      pipelineParallel: 1,
      activationCheckpointing: 'selective',
      flashAttention: true,
      finetune: 'lora',
      lora: { rank: 16, alpha: 32, targets: ['q', 'k', 'v', 'o'], baseBits: undefined },
    });
    assert.deepEqual(run.hardware, { accelerator: 'H100-SXM', count: 64, mfu: 0.4, pricePerHour: 2.5, pue: 1.1, gridGco2PerKwh: 369.5, powerW: 700, ownership: 'owned', purchasePrice: 33810, amortizationYears: 4, electricityUsdPerKwh: 0.08 });
    assert.deepEqual(run.budget, { usd: 4e5, days: 21, gpuHours: 2e5, flops: 1e23 });
    assert.deepEqual(run.inference, { tokens: 1e13 });
  });

  it('every value\'s source range covers exactly the characters written', () => {
    const r = read(text);
    for (const l of all) {
      const field = l.path.join('.');
      if (SPECIAL.has(field)) continue;
      const src = isFieldId(field) ? r.sources[field] : undefined;
      assert.ok(src?.span, `${field} has a source range`);
      assert.equal(src.origin, 'file');
      assert.equal(text.slice(src.span.start, src.span.end), String(l.example), field);
      assert.equal(text.slice(src.keySpan!.start, src.keySpan!.end), l.path[l.path.length - 1], `${field} key`);
    }
    // Blocks anchor findings about keys they do not contain.
    for (const b of ['model', 'data', 'training', 'hardware', 'budget', 'inference'] as const) {
      const s = r.sources[b]!.span!;
      assert.equal(text.slice(s.start, s.end), b);
    }
  });

  it('model.name names the run when there is no top-level name', () => {
    const r = read('model:\n  name: my-model\n  params: 1B\ndata:\n  tokens: 20B\n');
    assert.equal(r.run.name, 'my-model');
  });

  it('training.fsdp is read as a ZeRO stage', () => {
    for (const [v, stage] of [['full_shard', 3], ['true', 3], ['shard_grad_op', 2]] as const) {
      const text = `model:\n  params: 1B\ntraining:\n  fsdp: ${v}\n`;
      const r = read(text);
      assert.equal(r.run.training.zeroStage, stage, v);
      const s = r.sources['training.zero_stage']!.span!;
      assert.equal(text.slice(s.start, s.end), v);
    }
  });

  it('a plan is recognised by its keys without the .plan.yaml suffix', () => {
    const r = read('model:\n  params: 7B\ndata:\n  tokens: 2T\nhardware:\n  accelerator: A100\n', 'train.yaml');
    assert.equal(r.dialect, 'plan');
    assert.equal(r.run.model.params, 7e9);
  });

  it('number styles keep their exact spans: 300_000_000, "1,000", 2e21, $50k, 14d, 40%', () => {
    const text = 'model:\n  params: 300_000_000\ndata:\n  tokens: "1,000"\nbudget:\n  flops: 2e21\n  usd: $50k\n  days: 14d\nhardware:\n  mfu: 40%\n';
    const r = read(text);
    const at = (f: SourceKey) => text.slice(r.sources[f]!.span!.start, r.sources[f]!.span!.end);
    assert.equal(at('model.params'), '300_000_000');
    assert.equal(at('data.tokens'), '"1,000"');
    assert.equal(at('budget.usd'), '$50k');
    assert.equal(at('hardware.mfu'), '40%');
    assert.equal(r.run.data.tokens, 1000);
    assert.equal(r.run.budget.flops, 2e21);
    assert.equal(r.run.budget.days, 14);
    assert.equal(r.run.hardware.mfu, 0.4);
  });
});

describe('plan reader: malformed and hostile YAML', () => {
  it('malformed YAML gives a single located yaml-syntax item', () => {
    const text = 'model:\n  params: [7B\ndata:\n  tokens: 2T\n  bad: : :\n';
    const a = analyzeText(text, 'broken.plan.yaml');
    assert.equal(a.kind, 'fatal');
    assert.equal(a.located.length, 1);
    const l = a.located[0];
    assert.equal(l.code, 'yaml-syntax');
    assert.equal(l.severity, 'error');
    assert.match(l.message, /^YAML syntax error/);
    assert.ok(l.span.start >= 0 && l.span.end > l.span.start && l.span.end <= text.length);
  });

  it('a syntax error is reported only in a file that looks like a training config', () => {
    const helm = 'apiVersion: v2\nmetadata:\n  name: {{ .Values.name }\n  labels: [a\n';
    assert.equal(analyzeText(helm, 'deployment.yaml').kind, 'none');
    assert.equal(analyzeText('site_name: docs\nnav: [a\n', 'mkdocs.yml').kind, 'none');
    assert.equal(analyzeText(helm, 'deployment.yaml', { anySyntaxError: true }).kind, 'fatal', 'the CLI asks for every syntax error');
    assert.equal(analyzeText('model:\n  params: [7B\n', 'run.yaml').kind, 'fatal', 'a model: block marks a config');
    assert.equal(analyzeText('{\n  "num_layers": 24,\n  "hidden_size": 2048,,\n}\n', 'neox.yml').kind, 'fatal', 'NeoX-style keys mark a config');
    assert.equal(analyzeText('a: [1\n', 'broken.plan.yaml').kind, 'fatal', 'a plan file is always a config');
  });

  it('an error at the very end of the text stays inside it', () => {
    const text = 'model: "unterminated';
    const a = analyzeText(text, 'x.plan.yaml');
    assert.equal(a.kind, 'fatal');
    assert.ok(a.located[0].span.end <= text.length);
  });

  it('an alias bomb (billion laughs, 9 levels) is read without expanding it', () => {
    const names = 'abcdefghi'.split('');
    const lines = [`${names[0]}: &${names[0]} [${Array(9).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
    // Expanded, *i would be 9^9 = 387,420,489 strings.
    const text = [...lines, 'model:', '  params: *i', '  layers: *i', 'data:', '  tokens: *i', '  <<: *i', 'hardware:', '  accelerator: H100', '  count: 8', ''].join('\n');
    const a = analyzeText(text, 'bomb.plan.yaml');
    assert.equal(a.kind, 'ok');
    const invalid = a.located.filter((l) => l.code === 'invalid-value');
    assert.deepEqual(invalid.map((l) => l.field).sort(), ['data.tokens', 'model.layers', 'model.params']);
    for (const l of invalid) {
      assert.match(l.message, /expected a number, found a sequence/);
      assert.equal(text.slice(l.span.start, l.span.end), '*i', 'located on the alias');
    }
    assert.equal(a.report!.hardware.count, 8);
  });

  it('aliases to scalars and merge keys are followed', () => {
    const text = 'defaults: &d\n  tokens: 2T\nsize: &n 7B\nmodel:\n  params: *n\ndata:\n  <<: *d\n';
    const r = read(text, 'x.plan.yaml');
    assert.equal(r.run.model.params, 7e9);
    assert.equal(r.run.data.tokens, 2e12);
  });

  it('strings where numbers belong are invalid-value errors on the value', () => {
    const text = 'model:\n  layers: lots\n  d_model: "wide"\n  params: 7B\ndata:\n  tokens: [1, 2]\n';
    const a = analyzeText(text, 'x.plan.yaml');
    assert.equal(a.kind, 'ok');
    const byField = new Map(a.located.filter((l) => l.code === 'invalid-value').map((l) => [l.field, text.slice(l.span.start, l.span.end)]));
    assert.equal(byField.get('model.layers'), 'lots');
    assert.equal(byField.get('model.d_model'), '"wide"');
    assert.equal(byField.get('data.tokens'), '[1, 2]');
    assert.ok(a.located.filter((l) => l.code === 'invalid-value').every((l) => l.severity === 'error'));
  });

  it('unknown words for enumerated keys are located on the value', () => {
    const text = 'model:\n  params: 7B\n  architecture: rnn\ntraining:\n  precision: fp12\n  zero_stage: 5\n  activation_checkpointing: sometimes\nlaw: moore\n';
    const a = analyzeText(text, 'x.plan.yaml');
    const byField = new Map(a.located.filter((l) => l.code === 'invalid-value').map((l) => [l.field, text.slice(l.span.start, l.span.end)]));
    assert.equal(byField.get('model.architecture'), 'rnn');
    assert.equal(byField.get('training.precision'), 'fp12');
    assert.equal(byField.get('training.zero_stage'), '5');
    assert.equal(byField.get('training.activation_checkpointing'), 'sometimes');
    assert.equal(byField.get('law'), 'moore');
  });

  it('launch-time interpolations are unresolved, not errors', () => {
    const text = 'model:\n  params: ${oc.env:PARAMS}\ndata:\n  tokens: ???\n';
    const a = analyzeText(text, 'x.plan.yaml');
    const un = a.located.filter((l) => l.code === 'unresolved');
    assert.deepEqual(un.map((l) => text.slice(l.span.start, l.span.end)).sort(), ['${oc.env:PARAMS}', '???']);
    assert.ok(!a.located.some((l) => l.severity === 'error'));
  });

  it('a file over the size limit is not parsed', () => {
    const a = analyzeText(`model:\n  params: 7B\n# ${'x'.repeat(5000)}\n`, 'big.plan.yaml', { maxBytes: 1000 });
    assert.equal(a.kind, 'fatal');
    assert.equal(a.located[0].code, 'too-large');
  });
});

describe('plan reader: comments that steer the analysis', () => {
  const UNDER = 'model:\n  params: 7B\ndata:\n  tokens: 20B\nhardware:\n  accelerator: H100\n  count: 64\n';

  it('# scaling-planner: off turns the file off', () => {
    const a = analyzeText(`# scaling-planner: off\n${UNDER}`, 'x.plan.yaml');
    assert.equal(a.kind, 'off');
    assert.deepEqual(a.located, []);
  });

  it('# scaling-planner-disable <code> suppresses that finding in the file', () => {
    assert.ok(analyzeText(UNDER, 'x.plan.yaml').located.some((l) => l.code === 'under-trained'));
    const a = analyzeText(`# scaling-planner-disable under-trained\n${UNDER}`, 'x.plan.yaml');
    assert.ok(!a.located.some((l) => l.code === 'under-trained'));
    assert.ok(a.located.some((l) => l.code === 'over-sized'), 'other findings stay');
  });

  it('# scaling-planner-disable-line <code> suppresses it on that line only', () => {
    const a = analyzeText(UNDER.replace('tokens: 20B', 'tokens: 20B  # scaling-planner-disable-line under-trained'), 'x.plan.yaml');
    assert.ok(!a.located.some((l) => l.code === 'under-trained'));
    const elsewhere = analyzeText(UNDER.replace('params: 7B', 'params: 7B  # scaling-planner-disable-line under-trained'), 'x.plan.yaml');
    assert.ok(elsewhere.located.some((l) => l.code === 'under-trained'), 'a directive on another line does not apply');
  });

  it('# scaling-planner-disable-next-line suppresses on the following line', () => {
    const a = analyzeText(UNDER.replace('  tokens: 20B', '  # scaling-planner-disable-next-line under-trained\n  tokens: 20B'), 'x.plan.yaml');
    assert.ok(!a.located.some((l) => l.code === 'under-trained'));
  });

  it('a fact comment fills values the file leaves out', () => {
    const text = '# scaling-planner: accelerator=H100 count=64\nmodel:\n  params: 7B\ndata:\n  tokens: 140B\n';
    const a = analyzeText(text, 'x.plan.yaml');
    assert.equal(a.kind, 'ok');
    assert.equal(a.report!.hardware.accelerator, 'H100-SXM');
    assert.equal(a.report!.hardware.count, 64);
    const src = a.read!.sources['hardware.count']!;
    assert.equal(src.origin, 'comment');
    assert.ok(text.slice(src.span!.start, src.span!.end).startsWith('# scaling-planner:'));
    assert.ok(a.report!.cost.wallClockDays! > 0);
  });

  it('the file wins over a fact comment', () => {
    const a = analyzeText('# scaling-planner: count=64\nmodel:\n  params: 7B\ndata:\n  tokens: 140B\nhardware:\n  count: 8\n', 'x.plan.yaml');
    assert.equal(a.report!.hardware.count, 8);
  });

  it('comments work in files with Windows (CRLF) line ends, with offsets on the right characters', () => {
    const crlf = (t: string): string => t.replace(/\n/g, '\r\n');
    assert.equal(analyzeText(crlf(`# scaling-planner: off\n${UNDER}`), 'x.plan.yaml').kind, 'off');
    const file = analyzeText(crlf(`# scaling-planner-disable under-trained\n${UNDER}`), 'x.plan.yaml');
    assert.ok(!file.located.some((l) => l.code === 'under-trained'));
    const line = analyzeText(crlf(UNDER.replace('tokens: 20B', 'tokens: 20B  # scaling-planner-disable-line under-trained')), 'x.plan.yaml');
    assert.ok(!line.located.some((l) => l.code === 'under-trained'));
    const text = crlf('model:\n  params: 7B\ndata:\n  tokens: 140B\n# scaling-planner: accelerator=H100 gpus=64\n');
    const a = analyzeText(text, 'x.plan.yaml');
    assert.equal(a.report!.hardware.count, 64);
    const src = a.read!.sources['hardware.count']!;
    assert.equal(text.slice(src.span!.start, src.span!.end), '# scaling-planner: accelerator=H100 gpus=64');
  });

  it('a fact comment with an impossible value is an invalid-value on the comment', () => {
    const text = '# scaling-planner: count=lots\nmodel:\n  params: 7B\n';
    const a = analyzeText(text, 'x.plan.yaml');
    const l = a.located.find((x) => x.code === 'invalid-value');
    assert.ok(l);
    assert.ok(text.slice(l.span.start, l.span.end).startsWith('# scaling-planner:'));
  });
});
