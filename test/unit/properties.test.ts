// Properties that must hold for any input: the scaling-law closed forms agree with each other,
// and no reader or engine entry point throws, whatever it is given.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyzeText } from '../../src/document/analyzeDocument';
import { parseQuantity, type QuantityKind } from '../../src/read/quantity';
import { analyze } from '../../src/engine/analyze';
import { computeForLoss, FLOPS_PER_PARAM_TOKEN, frontierLoss, isoFlopCurve, LAWS, lossAt, optimalFor } from '../../src/engine/laws';
import type { LawId, RunDescription } from '../../src/engine/types';
import { relError } from '../helpers';

const LAW_IDS = Object.keys(LAWS) as LawId[];
const PARAMETRIC = LAW_IDS.filter((id) => LAWS[id].kind === 'parametric');
const rel = relError;

/** Compute budgets from 1e15 to 1e30 FLOPs, log-uniform. */
const compute = fc.double({ min: 15, max: 30, noNaN: true }).map((e) => Math.pow(10, e));

describe('scaling-law properties', () => {
  for (const id of LAW_IDS) {
    const law = LAWS[id];
    describe(`law ${id}`, () => {
      it('frontier loss strictly falls as compute grows', () => {
        fc.assert(
          fc.property(compute, fc.double({ min: 0.01, max: 3, noNaN: true }), (C, dex) => {
            const C2 = C * Math.pow(10, dex);
            assert.ok(frontierLoss(law, C2) < frontierLoss(law, C), `L*(${C2}) < L*(${C})`);
          }),
        );
      });

      it('6·N*·D* = C at the optimum', () => {
        fc.assert(
          fc.property(compute, (C) => {
            const o = optimalFor(law, C);
            assert.ok(rel(FLOPS_PER_PARAM_TOKEN * o.params * o.tokens, C) < 1e-9);
            assert.ok(o.params > 0 && o.tokens > 0);
          }),
        );
      });

      it('computeForLoss inverts the frontier', () => {
        fc.assert(
          fc.property(compute, (C) => {
            const back = computeForLoss(law, frontierLoss(law, C));
            assert.ok(rel(back, C) < 1e-6, `computeForLoss(L*(${C})) = ${back}`);
          }),
        );
      });

      it('the loss at the optimum is the frontier loss', () => {
        fc.assert(
          fc.property(compute, (C) => {
            const o = optimalFor(law, C);
            assert.ok(rel(lossAt(law, o.params, o.tokens), frontierLoss(law, C)) < 1e-12);
          }),
        );
      });
    });
  }

  for (const id of PARAMETRIC) {
    const law = LAWS[id];
    it(`law ${id}: the isoFLOP curve L(N | C) is minimised at N*(C)`, () => {
      fc.assert(
        fc.property(compute, fc.double({ min: -2, max: 2, noNaN: true }).filter((x) => Math.abs(x) > 1e-3), (C, dex) => {
          const o = optimalFor(law, C);
          // Any other size at the same compute predicts a higher loss...
          const N = o.params * Math.pow(10, dex);
          assert.ok(lossAt(law, N, C / (FLOPS_PER_PARAM_TOKEN * N)) > o.loss);
          // ...and the sampled curve's minimum sits at the grid point nearest N*.
          const curve = isoFlopCurve(law, C, o.params / 100, o.params * 100, 401);
          const best = curve.reduce((a, b) => (b.y < a.y ? b : a));
          const step = Math.log(1e4) / 400;
          assert.ok(Math.abs(Math.log(best.x / o.params)) <= step + 1e-9, `argmin ${best.x} vs N* ${o.params}`);
        }),
      );
    });
  }
});

describe('nothing throws on arbitrary input', () => {
  const KINDS: QuantityKind[] = ['count', 'usd', 'days', 'fraction', 'number'];

  it('parseQuantity on arbitrary values and strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true }), fc.bigInt(), fc.string(), fc.string({ unit: 'grapheme' }), fc.double(), fc.stringMatching(/^[-+$]?[0-9_,. ]{0,12}[eE]?[0-9]{0,3}\s?[a-zA-Z%]{0,6}$/)), fc.constantFrom(...KINDS), (raw, kind) => {
        const p = parseQuantity(raw, kind);
        if (p.ok) assert.ok(Number.isFinite(p.value) && p.value >= 0, `${String(raw)} -> ${p.value}`);
        else assert.equal(typeof p.error, 'string');
      }),
      { numRuns: 500 },
    );
  });

  it('analyzeText on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom('x.plan.yaml', 'config.yaml', 'config.json'), (text, name) => {
        const a = analyzeText(text, name);
        assert.ok(['none', 'off', 'fatal', 'ok'].includes(a.kind));
      }),
      { numRuns: 200 },
    );
  });

  // Plan-shaped YAML: real keys, any values (suffixes, garbage, anchors, aliases, merges,
  // interpolations, flow collections, comments that steer the analysis).
  const KEYS = ['model', 'data', 'training', 'hardware', 'budget', 'inference', 'law', 'name', 'params', 'layers', 'd_model', 'heads', 'kv_heads',
    'ffn_hidden', 'vocab_size', 'seq_len', 'moe', 'experts', 'top_k', 'tokens', 'unique_tokens', 'precision', 'zero_stage', 'accelerator', 'count',
    'mfu', 'price_per_hour', 'usd', 'days', 'lora', 'rank', 'targets', 'activation_checkpointing', 'micro_batch_size', 'tensor_parallel', '<<'];
  const VALUES = fc.oneof(
    fc.constantFrom('7B', '1.4T', '$50k', '14d', '40%', '-3', '0', '1e400', 'NaN', '.inf', '-.inf', 'null', '~', 'true', 'lots', '*a', '&a 7', '&a', '${x.y}', '???',
      '[1, 2]', '{a: 1}', '|', '>', '"quoted"', "'single'", 'H100', 'epoch', 'kaplan', '3', '0.4', '# scaling-planner: off', '# scaling-planner: count=64 accelerator=A100',
      '# scaling-planner-disable-line', '!!binary aGk=', '!tag x', '2024-01-01', '0x1F', '1_000', '- a', ':', '"unterminated'),
    fc.double().map(String),
    fc.integer().map(String),
    fc.string({ maxLength: 12 }),
  );
  const LINE = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom(...KEYS), fc.option(VALUES, { nil: undefined })).map(([indent, k, v]) => `${' '.repeat(indent)}${k}:${v === undefined ? '' : ` ${v}`}`);
  const YAMLISH = fc.array(fc.oneof(LINE, LINE, LINE, fc.constantFrom('---', '- x', '  - 1', '# scaling-planner-disable under-trained', '', '...')), { maxLength: 40 }).map((l) => l.join('\n'));

  it('analyzeText on arbitrary YAML-ish plans', () => {
    fc.assert(
      fc.property(YAMLISH, fc.constantFrom('x.plan.yaml', 'train.yaml'), (text, name) => {
        const a = analyzeText(text, name);
        for (const l of a.located) {
          assert.ok(l.span.start >= 0 && l.span.end >= l.span.start && l.span.end <= Math.max(text.length, 1), `span ${JSON.stringify(l.span)} inside text`);
        }
      }),
      { numRuns: 300 },
    );
  });

  // Numbers of every kind, including the impossible ones.
  const NUM = fc.oneof(
    fc.double(),
    fc.integer({ min: -10, max: 200000 }),
    fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, -1, 1, 1e30, 7e9, 2e12, 0.4, 7, 3),
    fc.double({ min: 1e6, max: 1e13, noNaN: true }),
  );
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const STR = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('H100-SXM', 'a100', 'TPU-v4', 'bogus', 'bf16', 'fp32', 'fp8', 'adamw', 'lion', 'full', 'selective', 'lora', 'qlora', 'gpt', 'llama'));
  const RUN: fc.Arbitrary<RunDescription> = fc.record({
    name: opt(fc.string({ maxLength: 8 })),
    model: fc.record({
      params: opt(NUM),
      activeParams: opt(NUM),
      shape: opt(
        fc.record({
          architecture: opt(fc.constantFrom('gpt', 'llama')),
          layers: opt(NUM),
          dModel: opt(NUM),
          heads: opt(NUM),
          kvHeads: opt(NUM),
          headDim: opt(NUM),
          ffnHidden: opt(NUM),
          vocabSize: opt(NUM),
          seqLen: opt(NUM),
          tieEmbeddings: opt(fc.boolean()),
          positions: opt(fc.constantFrom('learned', 'rotary')),
          maxPositions: opt(NUM),
          moe: opt(fc.record({ experts: NUM, topK: NUM, sharedExperts: opt(NUM), expertFfnHidden: opt(NUM) })),
        }),
      ),
    }),
    data: fc.record({ tokens: opt(NUM), uniqueTokens: opt(NUM) }),
    training: fc.record({
      precision: opt(STR),
      optimizer: opt(STR),
      globalBatchTokens: opt(NUM),
      microBatchSize: opt(NUM),
      zeroStage: opt(fc.oneof(fc.constantFrom(0, 1, 2, 3), NUM)),
      tensorParallel: opt(NUM),
      pipelineParallel: opt(NUM),
      activationCheckpointing: opt(STR),
      flashAttention: opt(fc.boolean()),
      steps: opt(NUM),
      finetune: opt(STR),
      lora: opt(fc.record({ rank: NUM, alpha: opt(NUM), targets: fc.array(fc.constantFrom('q', 'k', 'v', 'o', 'gate', 'up', 'down', 'x')), baseBits: opt(fc.constantFrom(4, 8, 16)) })),
    }),
    hardware: fc.record({ accelerator: opt(STR), count: opt(NUM), mfu: opt(NUM), pricePerHour: opt(NUM), pue: opt(NUM), gridGco2PerKwh: opt(NUM), powerW: opt(NUM) }),
    budget: fc.record({ usd: opt(NUM), days: opt(NUM), gpuHours: opt(NUM), flops: opt(NUM) }),
    inference: fc.record({ tokens: opt(NUM) }),
    law: opt(fc.constantFrom(...LAW_IDS)),
  }) as unknown as fc.Arbitrary<RunDescription>;

  it('analyze() on arbitrary run descriptions (negative, NaN, Infinity, absurd sizes)', () => {
    fc.assert(
      fc.property(RUN, (run) => {
        const r = analyze(run);
        for (const f of r.findings) {
          assert.equal(typeof f.message, 'string');
          assert.ok(f.message.length > 0);
        }
        // Whatever was invalid was reported, not used: every figure is unknown (null) or a
        // finite, non-negative number.
        const figures = { ...r.model, ...r.data, ...r.compute, ...r.cost, ...(r.memory ?? {}) };
        for (const [k, v] of Object.entries(figures)) {
          if (typeof v === 'number') assert.ok(Number.isFinite(v) && v >= 0, `${k} = ${v}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
