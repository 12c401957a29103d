// Facts a run does not state are reported as unknown, never guessed: the device count, the model
// shape, the experts per token. Expected figures come from the papers' formulas (ZeRO §3.1 model
// states, 6·N·D, vendor peaks) and published counts, not from the engine's own output.

import { strict as assert } from 'node:assert';
import { analyzeText, type DocumentAnalysis } from '../../src/document/analyzeDocument';
import { applyFact } from '../../src/read/fields';
import { analyze, type Report } from '../../src/engine/analyze';
import { emptyRun, type RunDescription } from '../../src/engine/types';
import { assertNear, readExample } from '../helpers';

const GIB = 2 ** 30;
/** Mixed-precision AdamW model states: 2 + 2 + 12 bytes per parameter (ZeRO §3.1). */
const STATE_BYTES = 16;
/** H100 SXM dense BF16 peak (reference hardware-and-peers.md §1.1). MFU: the central value each report used. */
const H100_BF16 = 989e12;

const examples = readExample;

function plan(text: string, opts: Parameters<typeof analyzeText>[2] = {}): DocumentAnalysis & { report: Report } {
  const a = analyzeText(text, 'x.plan.yaml', opts);
  assert.equal(a.kind, 'ok', JSON.stringify(a.located));
  return a as DocumentAnalysis & { report: Report };
}

const near = assertNear;

const SEVENTY_B_ZERO3 = 'model:\n  params: 70B\ndata:\n  tokens: 1.4T\ntraining:\n  zero_stage: 3\nhardware:\n  accelerator: H100-SXM\n';

describe('unknown device count: nothing is assumed', () => {
  it('70B with ZeRO-3 on H100-SXM and no count: no memory error, fit unknown, GPU-hours and cost still known', () => {
    const a = plan(SEVENTY_B_ZERO3);
    const r = a.report;
    assert.ok(!a.located.some((l) => l.severity === 'error'), JSON.stringify(a.located));
    assert.equal(r.hardware.count, null);
    assert.equal(r.memory.fits, null);
    assert.equal(r.memory.perDeviceGb, null);
    assert.equal(r.memory.optimizerGb, null, 'sharded over an unknown count');
    assert.equal(r.memory.dataParallel, null);
    // GPU-hours = 6·N·D / (peak · MFU · 3600) do not depend on the count; wall-clock days do.
    near(r.cost.gpuHours!, (6 * 70e9 * 1.4e12) / (H100_BF16 * r.hardware.mfu * 3600), 1e-12, 'GPU-hours');
    near(r.cost.usd!, r.cost.gpuHours! * r.hardware.pricePerHour!, 1e-12, 'usd');
    assert.equal(r.cost.wallClockDays, null);
  });

  it('one missing-facts finding names hardware.count, says what it is for, and offers the fewest devices that fit', () => {
    const a = plan(SEVENTY_B_ZERO3);
    const f = a.located.filter((l) => l.code === 'missing-facts' && l.field === 'hardware.count');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /hardware\.count/);
    assert.match(f[0].message, /wall-clock/);
    assert.match(f[0].message, /memory fit/);
    // ZeRO-3: 16·Ψ / N_d per device within 90% of 80 GiB.
    const fewest = Math.ceil((70e9 * STATE_BYTES) / GIB / (0.9 * 80));
    assert.equal(fewest, 15);
    assert.equal(a.report.memory.minDevices, fewest);
    assert.deepEqual(f[0].finding!.fix!.values, [{ field: 'hardware.count', value: fewest }]);
    // With that count the states fit; one device fewer they would not.
    const run = structuredClone(a.read!.run);
    assert.equal(applyFact(run, 'hardware.count', fewest), undefined);
    const fixed = analyze(run);
    near(fixed.memory.statesGb!, (70e9 * STATE_BYTES) / fewest / GIB, 1e-12, 'states per device');
    assert.ok(fixed.memory.statesGb! <= 0.9 * 80);
    assert.ok((70e9 * STATE_BYTES) / (fewest - 1) / GIB > 0.9 * 80);
    assert.notEqual(fixed.memory.fits, false);
    assert.ok(fixed.cost.wallClockDays! > 0);
  });

  it('ZeRO 0 replicates everything, so the count does not matter: 70B does not fit on any number of H100s', () => {
    const a = plan(SEVENTY_B_ZERO3.replace('zero_stage: 3', 'zero_stage: 0'));
    const m = a.located.find((l) => l.code === 'memory-exceeded');
    assert.ok(m);
    assert.equal(m.severity, 'error');
    near(a.report.memory.statesGb!, (70e9 * STATE_BYTES) / GIB, 1e-12);
    const fix = Object.fromEntries(m.finding!.fix!.values.map((v) => [v.field, v.value]));
    assert.equal(fix['training.zero_stage'], 3);
    assert.equal(fix['hardware.count'], 15);
  });

  it('ZeRO 1 with an unknown count: the unsharded weights and gradients (4 bytes per parameter) alone exceed the device', () => {
    const a = plan(SEVENTY_B_ZERO3.replace('zero_stage: 3', 'zero_stage: 1'));
    assert.equal(a.report.memory.fits, false);
    near(a.report.memory.weightsGb! + a.report.memory.gradientsGb!, (70e9 * 4) / GIB, 1e-12);
    assert.ok(a.located.some((l) => l.code === 'memory-exceeded' && l.severity === 'error'));
  });

  it('a model that fits on one replica fits on any count: true, not unknown', () => {
    const text = 'model:\n  architecture: llama\n  layers: 16\n  d_model: 2048\n  heads: 32\n  vocab_size: 32000\n  seq_len: 2048\ndata:\n  tokens: 20B\ntraining:\n  zero_stage: 1\n  activation_checkpointing: full\nhardware:\n  accelerator: H100-SXM\n';
    const r = plan(text).report;
    assert.equal(r.memory.fits, true);
    assert.equal(r.memory.minDevices, 1);
  });

  it('engine level: a run without a count is not costed on one device', () => {
    const run: RunDescription = emptyRun();
    run.model.params = 70e9;
    run.data.tokens = 1.4e12;
    run.training.zeroStage = 3;
    run.hardware.accelerator = 'H100-SXM';
    const r = analyze(run);
    assert.equal(r.hardware.count, null);
    assert.equal(r.memory.fits, null);
    assert.ok(!r.findings.some((f) => f.code === 'memory-exceeded'));
  });
});

describe('unknown shape: named, and the memory fit is not claimed', () => {
  it('examples/under-trained-70b.plan.yaml: a missing-facts finding names layers, d_model, heads, vocab_size and seq_len', () => {
    const a = plan(examples('under-trained-70b.plan.yaml'));
    const r = a.report;
    assert.equal(r.model.paramsNonEmbedding, null);
    assert.equal(r.compute.flopsWithAttention, null);
    assert.equal(r.memory.activationsGb, null);
    const f = a.located.find((l) => l.code === 'missing-facts' && l.field === 'model.layers');
    assert.ok(f, JSON.stringify(a.located.map((l) => `${l.code} ${l.field}`)));
    for (const k of ['model.layers', 'model.d_model', 'model.heads', 'model.vocab_size', 'model.seq_len']) assert.ok(f.message.includes(k), k);
    assert.match(f.message, /non-embedding parameters/);
    assert.match(f.message, /attention FLOPs and activation memory/);
    assert.deepEqual(f.finding!.related, ['model.d_model', 'model.heads', 'model.vocab_size', 'model.seq_len']);
    // States fit (16 B/param over 256 devices ≈ 4.1 GiB) but activations are unknown: null, not true.
    near(r.memory.statesGb!, (70e9 * STATE_BYTES) / 256 / GIB, 1e-12);
    assert.equal(r.memory.fits, null);
    assert.equal(r.memory.perDeviceGb, null);
  });

  it('a full shape without seq_len names only model.seq_len', () => {
    const text = 'model:\n  architecture: llama\n  layers: 32\n  d_model: 4096\n  heads: 32\n  vocab_size: 32000\ndata:\n  tokens: 140B\nhardware:\n  count: 8\n';
    const a = plan(text);
    const f = a.located.filter((l) => l.code === 'missing-facts' && l.field?.startsWith('model.'));
    assert.equal(f.length, 1);
    assert.equal(f[0].field, 'model.seq_len');
    assert.equal(a.report.model.paramsNonEmbedding !== null, true);
  });

  it('no parameter count: memory is still an object, with the capacity of the known accelerator', () => {
    const a = plan('data:\n  tokens: 1T\nhardware:\n  accelerator: H100-SXM\n  count: 8\n');
    const m = a.report.memory;
    assert.equal(typeof m, 'object');
    assert.notEqual(m, null);
    assert.equal(m.perDeviceGb, null);
    assert.equal(m.fits, null);
    assert.equal(m.capacityGb, 80);
    assert.equal(m.minDevices, null);
    assert.equal(plan('data:\n  tokens: 1T\nhardware:\n  accelerator: Z9000\n').report.memory.capacityGb, null);
  });
});

describe('memory units: per-device GiB against the vendor\'s GB (= GiB)', () => {
  it('80 GB is 80 GiB = 85.9e9 bytes: 4.7B parameters (75.2e9 bytes of states) fit within 90% of an A100-80GB', () => {
    const a = plan('model:\n  params: 4.7B\ndata:\n  tokens: 94B\nhardware:\n  accelerator: A100-80GB\n  count: 1\n');
    near(a.report.memory.statesGb!, (4.7e9 * STATE_BYTES) / GIB, 1e-12);
    // 75.2e9 bytes > 0.9 × 80e9 (decimal GB), but < 0.9 × 80 × 2^30.
    assert.ok(4.7e9 * STATE_BYTES > 0.9 * 80e9 && 4.7e9 * STATE_BYTES < 0.9 * 80 * GIB);
    assert.ok(!a.located.some((l) => l.code === 'memory-exceeded'));
    assert.notEqual(a.report.memory.fits, false);
  });
});

describe('mixture of experts without top_k: no active-parameter guess', () => {
  const MIXTRAL_NO_TOPK = 'model:\n  architecture: llama\n  layers: 32\n  d_model: 4096\n  heads: 32\n  kv_heads: 8\n  ffn_hidden: 14336\n  vocab_size: 32000\n  seq_len: 4096\n  moe:\n    experts: 8\ndata:\n  tokens: 1T\nhardware:\n  count: 64\n';

  it('the Mixtral-8x7B shape without top_k: total 46,702,792,704 (published), active and FLOPs unknown, a finding on model.moe.top_k', () => {
    const a = plan(MIXTRAL_NO_TOPK);
    assert.equal(a.report.model.paramsTotal, 46_702_792_704);
    assert.equal(a.report.model.paramsActive, null);
    assert.equal(a.report.compute.flops, null);
    assert.equal(a.report.scaling.loss, null);
    const f = a.located.find((l) => l.code === 'missing-facts' && l.field === 'model.moe.top_k');
    assert.ok(f, JSON.stringify(a.located));
    assert.equal(f.severity, 'information');
    assert.notEqual(a.report.memory.statesGb, null, 'memory counts every expert and is still known');
  });

  it('with top_k: 2 the published active count 12,879,925,248', () => {
    const a = plan(MIXTRAL_NO_TOPK.replace('experts: 8', 'experts: 8\n    top_k: 2'));
    assert.equal(a.report.model.paramsActive, 12_879_925_248);
    assert.ok(!a.located.some((l) => l.field === 'model.moe.top_k'));
  });
});

describe('repeated data: Muennighoff et al. constants with another base law are flagged', () => {
  it('an assumption on data.unique_tokens names R_D*, R_N* and the base law (reference scaling-laws.md §11)', () => {
    const r = plan(examples('repeated-data.plan.yaml')).report;
    const a = r.assumptions.find((x) => x.field === 'data.unique_tokens');
    assert.ok(a, JSON.stringify(r.assumptions));
    assert.match(String(a.value), /15\.387756/);
    assert.match(String(a.value), /5\.309743/);
    assert.match(a.note!, /C4/);
    assert.ok(a.note!.includes(r.scaling.lawName));
  });

  it('no assumption without repeated data', () => {
    const r = plan('model:\n  params: 7B\ndata:\n  tokens: 140B\n').report;
    assert.ok(!r.assumptions.some((x) => x.field === 'data.unique_tokens'));
  });
});

describe('over-budget offers a fix', () => {
  it('tokens cut to the budget\'s share of the cost (cost is linear in tokens), within the budget after the fix', () => {
    const text = 'model:\n  params: 7B\ndata:\n  tokens: 2T\nhardware:\n  accelerator: H100-SXM\n  count: 64\nbudget:\n  usd: $100k\n';
    const a = plan(text);
    const l = a.located.find((x) => x.code === 'over-budget');
    assert.ok(l);
    const v = l.finding!.fix!.values;
    assert.equal(v.length, 1);
    assert.equal(v[0].field, 'data.tokens');
    // $/token = 6·N / (peak · MFU · 3600) × price, over the goodput (interruptions scale with time, so linearly too).
    const usdPerToken = ((6 * 7e9) / (H100_BF16 * a.report.hardware.mfu * 3600)) * a.report.hardware.pricePerHour! / (a.report.cost.goodput ?? 1);
    near(v[0].value as number, 100e3 / usdPerToken, 1e-2, 'tokens the budget buys');
    assert.ok((v[0].value as number) <= 100e3 / usdPerToken);
    const run = structuredClone(a.read!.run);
    applyFact(run, 'data.tokens', v[0].value);
    const fixed = analyze(run);
    assert.ok(fixed.cost.usd! <= 100e3);
    assert.ok(!fixed.findings.some((f) => f.code === 'over-budget'));
    assert.match(l.message, /compute-optimum/);
  });
});
