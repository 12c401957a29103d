// Findings for realistic plans, the accelerator catalog, and two published anchors: the Llama 2 7B
// example's parameter count and peak FLOP/s (the checkpoint, NVIDIA) and the ZeRO memory example
// (Rajbhandari et al. 2020). Llama 2 publishes no MFU, so no GPU-hours are derived from one here.

import { strict as assert } from 'node:assert';
import { analyzeText, type DocumentAnalysis, type Located } from '../../src/document/analyzeDocument';
import { applyFact } from '../../src/read/fields';
import { analyze, type Report } from '../../src/engine/analyze';
import { findAccelerator } from '../../src/engine/hardware';
import { FLOPS_PER_PARAM_TOKEN, LAWS, optimalFor, optimalTokensForParams } from '../../src/engine/laws';
import { trainingMemory } from '../../src/engine/memory';
import { countParams } from '../../src/engine/params';
import { emptyRun, type RunDescription } from '../../src/engine/types';
import { assertNear, readExample } from '../helpers';

const examples = readExample;

function plan(text: string, name = 'test.plan.yaml', opts: Parameters<typeof analyzeText>[2] = {}): DocumentAnalysis & { report: Report } {
  const a = analyzeText(text, name, opts);
  assert.equal(a.kind, 'ok', `analysed: ${JSON.stringify(a.located.map((l) => l.message))}`);
  return a as DocumentAnalysis & { report: Report };
}

const codes = (a: DocumentAnalysis): string[] => a.located.map((l) => l.code);

function one(a: DocumentAnalysis, code: string): Located {
  const hits = a.located.filter((l) => l.code === code);
  assert.equal(hits.length, 1, `one ${code} in ${JSON.stringify(codes(a))}`);
  return hits[0];
}

const near = assertNear;

/** The run a document was read into, with a finding's fix applied the way a quick fix would. */
function withFix(a: DocumentAnalysis, l: Located): RunDescription {
  const run = structuredClone(a.read!.run);
  assert.ok(l.finding?.fix, `${l.code} offers a fix`);
  for (const v of l.finding.fix.values) assert.equal(applyFact(run, v.field, v.value), undefined, `fix sets ${v.field}`);
  return run;
}

const valueText = (text: string, l: Located): string => text.slice(l.span.start, l.span.end);

describe('analyze: findings for realistic plans', () => {
  const SEVEN_B_20B = `name: short-7b
model:
  params: 7B
data:
  tokens: 20B
hardware:
  accelerator: H100-SXM
  count: 64
`;

  it('under-trained: 7B on 20B tokens, with a fix to the law\'s optimum for 7B', () => {
    const a = plan(SEVEN_B_20B);
    const l = one(a, 'under-trained');
    assert.equal(l.severity, 'warning');
    assert.equal(l.field, 'data.tokens');
    assert.equal(SEVEN_B_20B.slice(l.span.start, l.span.end), '20B');
    const want = optimalTokensForParams(LAWS.epoch, 7e9);
    const fix = l.finding!.fix!.values;
    assert.equal(fix.length, 1);
    assert.equal(fix[0].field, 'data.tokens');
    near(fix[0].value as number, want, 1e-9, 'fix tokens');
    // About 20 tokens per parameter under the default (Epoch) law.
    near(a.report.scaling.optimalTokensPerParamForSize!, want / 7e9, 1e-12);
    assert.ok(want / 7e9 > 15 && want / 7e9 < 25);
    // After the fix the plan is no longer under-trained.
    assert.ok(!analyze(withFix(a, l)).findings.some((f) => f.code === 'under-trained'));
  });

  it('under-trained under another law uses that law\'s optimum (chinchilla-a1: 17.41 N^1.0075)', () => {
    const a = plan(`law: chinchilla-a1\n${SEVEN_B_20B}`);
    const fix = one(a, 'under-trained').finding!.fix!.values[0];
    near(fix.value as number, 17.41 * Math.pow(7e9, 1.0075), 1e-6, 'a1 tokens');
  });

  it('not under-trained at 150B tokens; over-trained (information) at 2T', () => {
    assert.ok(!codes(plan(SEVEN_B_20B.replace('20B', '150B'))).includes('under-trained'));
    const over = one(plan(SEVEN_B_20B.replace('20B', '2T')), 'over-trained');
    assert.equal(over.severity, 'information');
  });

  it('over-sized: 70B on 200B tokens, with a compute-optimal resize at the same FLOPs', () => {
    const a = plan(examples('under-trained-70b.plan.yaml'), 'under-trained-70b.plan.yaml');
    const l = one(a, 'over-sized');
    const C = FLOPS_PER_PARAM_TOKEN * 70e9 * 200e9;
    const o = optimalFor(LAWS.epoch, C);
    const v = Object.fromEntries(l.finding!.fix!.values.map((x) => [x.field, x.value as number]));
    near(v['model.params'], o.params, 1e-9, 'params');
    near(v['data.tokens'], o.tokens, 1e-9, 'tokens');
    near(FLOPS_PER_PARAM_TOKEN * v['model.params'] * v['data.tokens'], C, 1e-9, 'same compute');
    assert.ok(codes(a).includes('under-trained'));
  });

  it('over-sized with a full shape suggests layers, width and heads near the optimal size', () => {
    const text = examples('llama-7b.plan.yaml').replace('tokens: 2T', 'tokens: 20B');
    const a = plan(text);
    const l = one(a, 'over-sized');
    const v = Object.fromEntries(l.finding!.fix!.values.map((x) => [x.field, x.value as number]));
    for (const k of ['model.layers', 'model.d_model', 'model.heads', 'model.ffn_hidden']) assert.ok(Number.isInteger(v[k]) && v[k] > 0, k);
    const resized = countParams({ architecture: 'llama', layers: v['model.layers'], dModel: v['model.d_model'], heads: v['model.heads'], kvHeads: v['model.kv_heads'], ffnHidden: v['model.ffn_hidden'], vocabSize: 32000 });
    near(resized.total, v['model.params'], 0.15, 'suggested shape size');
  });

  it('data-repeated: 12 epochs over 25B unique tokens, capped at 4 epochs by the fix', () => {
    const a = plan(examples('repeated-data.plan.yaml'), 'repeated-data.plan.yaml');
    const l = one(a, 'data-repeated');
    assert.equal(l.severity, 'warning');
    assert.equal(a.report.data.epochs, 12);
    assert.ok(a.report.data.effectiveTokens! < 300e9 && a.report.data.effectiveTokens! > 25e9);
    assert.deepEqual(l.finding!.fix!.values, [{ field: 'data.tokens', value: 100e9 }]);
    assert.ok(!analyze(withFix(a, l)).findings.some((f) => f.code === 'data-repeated'));
  });

  it('memory-exceeded: 70B, ZeRO 0 on 8 x A100-80GB is an error with a fix that fits', () => {
    const text = `model:
  params: 70B
data:
  tokens: 1.4T
training:
  precision: bf16
  zero_stage: 0
hardware:
  accelerator: A100-80GB
  count: 8
`;
    const a = plan(text);
    const l = one(a, 'memory-exceeded');
    assert.equal(l.severity, 'error');
    assert.equal(l.field, 'training.zero_stage');
    assert.equal(valueText(text, l), '0');
    assert.equal(a.report.memory.fits, false);
    // 16 bytes per parameter of model states (ZeRO Sec. 3.1): 1,120e9 bytes = 1,043 GiB on each device.
    near(a.report.memory.statesGb!, (70e9 * 16) / 2 ** 30, 1e-9);
    // No shape, so activations (and the per-device total) are unknown.
    assert.equal(a.report.memory.activationsGb, null);
    assert.equal(a.report.memory.perDeviceGb, null);
    const fixed = analyze(withFix(a, l));
    assert.ok(!fixed.findings.some((f) => f.code === 'memory-exceeded'), JSON.stringify(l.finding!.fix));
    // The states now fit; without activations the fit stays unknown rather than true.
    assert.equal(fixed.memory.fits, null);
    assert.ok(fixed.memory.statesGb! <= 0.9 * 80);
  });

  it('memory-exceeded: a fix by ZeRO stage alone when sharding is enough', () => {
    const a = plan(`model:\n  params: 7B\ndata:\n  tokens: 140B\ntraining:\n  zero_stage: 0\nhardware:\n  accelerator: A100-80GB\n  count: 64\n`);
    const l = one(a, 'memory-exceeded');
    assert.deepEqual(l.finding!.fix!.values.map((v) => v.field), ['training.zero_stage']);
    assert.ok(!analyze(withFix(a, l)).findings.some((f) => f.code === 'memory-exceeded'));
  });

  it('over-budget: Llama-7B-sized run on 2T tokens against a $100k budget', () => {
    const a = plan(examples('llama-7b.plan.yaml').replace('usd: $400k', 'usd: $100k'));
    const l = one(a, 'over-budget');
    assert.equal(l.severity, 'warning');
    assert.equal(l.field, 'budget.usd');
    assert.ok(a.report.cost.usd! > 100e3);
  });

  it('misses-deadline: the fix raises hardware.count so that the run finishes in time', () => {
    const a = plan(examples('llama-7b.plan.yaml').replace('days: 21d', 'days: 7d').replace('count: 512', 'count: 64'));
    const l = one(a, 'misses-deadline');
    const fix = l.finding!.fix!.values;
    assert.equal(fix.length, 1);
    assert.equal(fix[0].field, 'hardware.count');
    assert.ok((fix[0].value as number) > 64);
    const fixed = analyze(withFix(a, l));
    assert.ok(fixed.cost.wallClockDays! <= 7);
    assert.ok(!fixed.findings.some((f) => f.code === 'misses-deadline'));
  });

  it('unknown-accelerator: a warning, and no time, cost or memory fit', () => {
    const text = SEVEN_B_20B.replace('H100-SXM', 'Z9000');
    const a = plan(text);
    const l = one(a, 'unknown-accelerator');
    assert.equal(l.severity, 'warning');
    assert.equal(valueText(text, l), 'Z9000');
    assert.equal(a.report.hardware.accelerator, null);
    assert.equal(a.report.cost.gpuHours, null);
    assert.equal(a.report.memory!.capacityGb, null);
    assert.equal(a.report.memory!.fits, null);
  });

  it('missing-facts: without tokens there is no compute, loss or cost, and a finding says why', () => {
    const a = plan('model:\n  params: 7B\nhardware:\n  accelerator: H100\n  count: 8\n');
    assert.equal(a.report.data.tokens, null);
    assert.equal(a.report.compute.flops, null);
    assert.equal(a.report.compute.pfDays, null);
    assert.equal(a.report.scaling.loss, null);
    assert.equal(a.report.cost.gpuHours, null);
    assert.equal(a.report.cost.usd, null);
    const l = a.located.find((x) => x.code === 'missing-facts' && x.field === 'data.tokens');
    assert.ok(l, JSON.stringify(codes(a)));
    assert.equal(l.severity, 'information');
  });

  it('missing-facts: without a device count there is no wall-clock time', () => {
    const a = plan('model:\n  params: 7B\ndata:\n  tokens: 140B\nhardware:\n  accelerator: H100\n');
    assert.equal(a.report.cost.wallClockDays, null);
    assert.ok(a.report.cost.gpuHours! > 0);
    assert.ok(a.located.some((x) => x.code === 'missing-facts' && x.field === 'hardware.count'));
  });

  it('inference-heavy: a Chinchilla-optimal 13B serving 20T tokens is better smaller and longer', () => {
    const tokens = Math.round(optimalTokensForParams(LAWS.epoch, 13e9));
    const a = plan(`model:\n  params: 13B\ndata:\n  tokens: ${tokens}\ninference:\n  tokens: 20T\nhardware:\n  accelerator: H100\n  count: 64\n`);
    const l = one(a, 'inference-heavy');
    const v = Object.fromEntries(l.finding!.fix!.values.map((x) => [x.field, x.value as number]));
    assert.ok(v['model.params'] < 13e9 && v['data.tokens'] > tokens);
    assert.ok(a.report.inferenceAware!.savingFraction > 0.1);
  });

  it('a sound plan has no warnings or errors', () => {
    const a = plan(examples('llama-7b.plan.yaml').replace('tokens: 2T', 'tokens: 140B'));
    assert.deepEqual(a.located.filter((l) => l.severity === 'error' || l.severity === 'warning').map((l) => l.code), []);
  });
});

describe('analyze: invalid values are findings, never exceptions', () => {
  it('negative tokens, MFU 7 and zero devices (engine level)', () => {
    const run = emptyRun();
    run.model.params = 7e9;
    run.data.tokens = -5;
    run.hardware = { accelerator: 'H100-SXM', mfu: 7, count: 0 };
    const r = analyze(run);
    const invalid = r.findings.filter((f) => f.code === 'invalid-value');
    assert.deepEqual(invalid.map((f) => f.field).sort(), ['data.tokens', 'hardware.count', 'hardware.mfu']);
    assert.ok(invalid.every((f) => f.severity === 'error'));
    assert.equal(r.data.tokens, null);
    assert.equal(r.hardware.mfuSource, 'prior', 'the predicted MFU replaces the impossible one');
    assert.ok(r.hardware.mfu > 0 && r.hardware.mfu < 1);
    assert.equal(r.hardware.count, null);
  });

  it('the same in a plan file, each located on its value', () => {
    const text = `model:
  params: 7B
data:
  tokens: -5
training:
  zero_stage: 7
  precision: fp12
hardware:
  accelerator: H100
  count: 0
  mfu: 140
`;
    const a = analyzeText(text, 'bad.plan.yaml');
    assert.equal(a.kind, 'ok');
    const byField = new Map(a.located.filter((l) => l.code === 'invalid-value').map((l) => [l.field, text.slice(l.span.start, l.span.end)]));
    assert.equal(byField.get('data.tokens'), '-5');
    assert.equal(byField.get('hardware.count'), '0');
    assert.equal(byField.get('hardware.mfu'), '140');
    assert.equal(byField.get('training.zero_stage'), '7');
    assert.equal(byField.get('training.precision'), 'fp12');
  });

  it('absurd values in a run description: huge negative ZeRO stage, unknown enums, tiny counts', () => {
    const run = emptyRun();
    run.model.params = 1e6;
    run.model.activeParams = -1;
    run.data = { tokens: 1e6, uniqueTokens: 5e-324 };
    run.training = { zeroStage: -3.98e205 as 0, optimizer: '' as 'adamw', precision: 'fp12' as 'bf16', lora: { rank: -2, targets: ['q'] } };
    run.hardware = { mfu: 5e-324, powerW: -1 };
    const r = analyze(run);
    const fields = r.findings.filter((f) => f.code === 'invalid-value').map((f) => f.field).sort();
    assert.deepEqual(fields, ['data.unique_tokens', 'hardware.mfu', 'hardware.power_w', 'model.active_params', 'training.lora.rank', 'training.optimizer', 'training.precision', 'training.zero_stage']);
    assert.ok(Number.isFinite(r.memory.statesGb!));
    assert.ok(Number.isFinite(r.cost.gpuHours!));
  });
});

describe('accelerator catalog', () => {
  const IDS = ['V100-32GB', 'A100-40GB', 'A100-80GB', 'H100-SXM', 'H100-PCIe', 'H200', 'H800', 'B200', 'MI300X', 'TPU-v4', 'TPU-v5p', 'L4'];
  for (const id of IDS) {
    it(`${id} resolves in any case`, () => {
      for (const spelling of [id, id.toLowerCase(), id.toUpperCase(), id.replace(/-/g, '_'), id.replace(/-/g, ' ')]) {
        assert.equal(findAccelerator(spelling)?.id, id, spelling);
      }
      const a = findAccelerator(id)!;
      assert.ok(a.memoryGb > 0);
      assert.ok((a.peakTflops.bf16 ?? a.peakTflops.fp16 ?? 0) > 0);
    });
  }

  it('common aliases: a100 is the 80 GB part, h100 the SXM part', () => {
    assert.equal(findAccelerator('a100')?.id, 'A100-80GB');
    assert.equal(findAccelerator('H100')?.id, 'H100-SXM');
    assert.equal(findAccelerator('tpu_v4')?.id, 'TPU-v4');
    assert.equal(findAccelerator('nope'), undefined);
  });
});

describe('published anchors', () => {
  // Llama 2 publishes no MFU: its Table 2 GPU-hours are checked against the MFU they imply, labelled
  // as derived, in reference-cases.test.ts. Here, the published facts the example file rests on.
  it('Llama 2 7B example on A100-80GB: 6,738,415,616 parameters (the checkpoint) and 312 TFLOP/s bf16 peak (NVIDIA)', () => {
    const r = plan(examples('llama-7b.plan.yaml'), 'llama-7b.plan.yaml').report;
    assert.equal(r.model.paramsTotal, 6_738_415_616);
    assert.equal(r.hardware.accelerator, 'A100-80GB');
    assert.equal(r.hardware.peakFlops, 312e12);
  });

  it('ZeRO paper example: 7.5B parameters on 64 devices, model states per device (Rajbhandari et al. 2020, Fig. 1)', () => {
    // (2 + 2 + K) Psi with K = 12 for mixed-precision Adam; stages shard optimizer, then gradients, then weights.
    const printed = ['120.0', '31.4', '16.6', '1.9'];
    const formula = [120, 31.40625, 16.640625, 1.875];
    for (const stage of [0, 1, 2, 3] as const) {
      const m = trainingMemory({ params: 7.5e9, precision: 'fp16', optimizer: 'adam', devices: 64, zeroStage: stage, tensorParallel: 1, pipelineParallel: 1, checkpointing: 'none', flashAttention: true });
      assert.equal(m.activationsGb, null);
      // The paper's GB are 1e9 bytes; the engine reports GiB (2^30 bytes), the unit of device capacity.
      near(m.totalGb, (formula[stage] * 1e9) / 2 ** 30, 0.01, `stage ${stage} in GiB`);
      assert.equal(((m.totalGb * 2 ** 30) / 1e9).toFixed(1), printed[stage], `stage ${stage} as printed (GB)`);
    }
  });
});
