// Layout chooser, throughput terms, FP8 factor and goodput, against published figures:
// Narayanan et al. 2021 (pipeline bubble (p-1)/m), Llama 3 405B (419 interruptions in 54 days on
// 16,384 GPUs, ~90% effective training time; arXiv:2407.21783 §3.3.4).

import { strict as assert } from 'node:assert';
import { analyzeText } from '../../src/document/analyzeDocument';
import type { Report } from '../../src/engine/analyze';
import { FABRIC } from '../../src/engine/fabric';
import { goodput } from '../../src/engine/goodput';
import { ACCELERATORS } from '../../src/engine/hardware';
import { inFlightShare, trainingMemory } from '../../src/engine/memory';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allReduceSeconds, ATTENTION_KERNEL_SPEED, bubbleEfficiency, fp8Speedup, tensorParallelEfficiency, virtualStages } from '../../src/engine/throughput';

const report = (text: string): Report => {
  const a = analyzeText(text, 'run.plan.yaml');
  assert.ok(a.report, 'analysed');
  return a.report;
};

const LLAMA70B = `model:\n  layers: 80\n  d_model: 8192\n  heads: 64\n  kv_heads: 8\n  ffn_hidden: 28672\n  vocab_size: 32000\n  seq_len: 4096\ndata:\n  tokens: 2T\n`;

describe('parallel layout chooser', () => {
  it('70B on 2,048 A100-80GB with no layout stated: a sharded layout that fits, no memory-exceeded error', () => {
    const r = report(`${LLAMA70B}hardware:\n  accelerator: A100-80GB\n  count: 2048\n`);
    const l = r.training.layout!;
    assert.equal(l.assumed, true);
    assert.ok(l.zeroStage >= 1 || l.tensorParallel > 1 || l.pipelineParallel > 1, JSON.stringify(l));
    assert.equal(l.dataParallel! * l.tensorParallel * l.pipelineParallel <= 2048, true);
    assert.equal(r.memory.fits, true);
    assert.ok(!r.findings.some((f) => f.code === 'memory-exceeded'));
    assert.ok(r.assumptions.some((a) => a.field === 'training.layout'));
  });

  it('7B on 8 GPUs needs no tensor or pipeline parallel', () => {
    const r = report(`model:\n  layers: 32\n  d_model: 4096\n  heads: 32\n  ffn_hidden: 11008\n  vocab_size: 32000\n  seq_len: 4096\ndata:\n  tokens: 140B\nhardware:\n  accelerator: H100-SXM\n  count: 8\n`);
    const l = r.training.layout!;
    assert.equal(l.tensorParallel, 1);
    assert.equal(l.pipelineParallel, 1);
    assert.equal(l.dataParallel, 8);
    assert.equal(r.memory.fits, true);
  });

  it('a stated layout is used as stated, even when it does not fit', () => {
    const r = report(`${LLAMA70B}training:\n  zero_stage: 0\nhardware:\n  accelerator: A100-80GB\n  count: 8\n`);
    assert.deepEqual([r.training.layout!.zeroStage, r.training.layout!.tensorParallel, r.training.layout!.assumed], [0, 1, false]);
    assert.ok(r.findings.some((f) => f.code === 'memory-exceeded' && f.severity === 'error'));
  });

  it('when nothing fits, the finding says what would have to change', () => {
    const r = report(`${LLAMA70B}hardware:\n  accelerator: A100-80GB\n  count: 2\n`);
    const f = r.findings.find((x) => x.code === 'memory-exceeded');
    assert.ok(f, JSON.stringify(r.findings.map((x) => x.code)));
    assert.match(f.message, /No layout fits on 2 devices/);
    assert.match(f.message, /More devices/);
  });

  it('a mixture of experts spreads its experts over the ranks of a node', () => {
    const r = report(`model:\n  layers: 32\n  d_model: 4096\n  heads: 32\n  kv_heads: 8\n  ffn_hidden: 14336\n  vocab_size: 32000\n  seq_len: 4096\n  moe:\n    experts: 8\n    top_k: 2\ndata:\n  tokens: 1T\nhardware:\n  accelerator: H100-SXM\n  count: 64\n`);
    assert.equal(r.training.layout!.expertParallel, 8);
    assert.ok(r.hardware.throughput!.terms.moeAllToAll < 1);
  });
});

describe('throughput terms', () => {
  it('pipeline bubble (p-1)/m (Narayanan et al. 2021 §2.2): p = 4, m = 12 loses a quarter of ideal time', () => {
    assert.equal(bubbleEfficiency(4, 12), 1 / (1 + 3 / 12));
    assert.equal(bubbleEfficiency(1, 1), 1);
    // Interleaved schedule, v model chunks per device: bubble (p-1)/(v·m) (Narayanan et al. 2021 §2.2.2).
    assert.equal(bubbleEfficiency(16, 16, 4), 1 / (1 + 15 / 64));
    assert.equal(virtualStages(126, 16, true), 3);
    assert.equal(virtualStages(126, 16, false), 1);
  });

  it('ring all-reduce moves 2(t-1)/t of the buffer; tensor parallel across nodes costs more than within one', () => {
    assert.equal(allReduceSeconds(1e9, 2, 1), 1);
    const base = { dModel: 8192, flopsPerTokenLayer: 6 * 70e9 / 80, peakFlops: 312e12, fabric: FABRIC['A100-80GB'] };
    const inNode = tensorParallelEfficiency({ ...base, tp: 8 });
    const across = tensorParallelEfficiency({ ...base, tp: 16 });
    assert.ok(inNode > 0.85 && inNode < 1, String(inNode));
    assert.ok(across < inNode);
  });

  it('attention runs at the FlashAttention papers\' speed relative to the matrix units: as fast on A100, 35/75 on Hopper', () => {
    const k = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/attention-kernels.json'), 'utf8')) as Record<string, { value?: number; closeToGemm?: boolean }>;
    assert.equal(k.fa2A100.closeToGemm, true);
    assert.equal(ATTENTION_KERNEL_SPEED.ampere, 1);
    assert.ok(Math.abs(ATTENTION_KERNEL_SPEED.hopper - k.fa2H100.value! / k.fa3H100.value!) < 1e-12);
    // 6N / (6N + 12·L·d·s / speed): Llama 3.1 8B's shape at 8,192 tokens (arXiv:2407.21783 Table 3).
    const plan = (acc: string): Report => report(`model:\n  layers: 32\n  d_model: 4096\n  heads: 32\n  kv_heads: 8\n  ffn_hidden: 14336\n  vocab_size: 128256\n  seq_len: 8192\ndata:\n  tokens: 1T\nhardware:\n  accelerator: ${acc}\n`);
    for (const [acc, speed] of [['A100-80GB', 1], ['H100-SXM', k.fa2H100.value! / k.fa3H100.value!]] as const) {
      const r = plan(acc);
      const six = 6 * r.model.paramsActive!;
      const expected = six / (six + (12 * 32 * 4096 * 8192) / speed);
      assert.ok(Math.abs(r.hardware.throughput!.terms.attention - expected) < 1e-9, acc);
    }
  });

  it('the interleaved schedule holds 1 + (p-1)/(p·v) times the activations, never more micro-batches than a step runs', () => {
    const f = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/pipeline-memory.json'), 'utf8')) as { cases: Array<{ p: number; v: number; microBatches?: number; share: number }> };
    for (const c of f.cases) assert.ok(Math.abs(inFlightShare(c.p, c.v, c.microBatches) - c.share) < 1e-12, JSON.stringify(c));
    const base = { params: 70e9, precision: 'bf16' as const, optimizer: 'adamw' as const, devices: 64, zeroStage: 1 as const, tensorParallel: 4, pipelineParallel: 16, checkpointing: 'none' as const, flashAttention: true, activations: { layers: 80, dModel: 8192, heads: 64, seqLen: 4096, microBatch: 1 } };
    const plain = trainingMemory(base).activationsGb!;
    assert.ok(Math.abs(trainingMemory({ ...base, virtualStages: 3 }).activationsGb! / plain - 1.3125) < 1e-12);
  });

  it('every catalog accelerator has a generation and interconnect figures', () => {
    for (const a of ACCELERATORS) {
      const f = FABRIC[a.id];
      assert.ok(f, a.id);
      assert.ok(f.devicesPerNode >= 1 && f.scaleUpGBs > 0 && f.scaleOutGBs > 0 && f.source.length > 0, a.id);
    }
  });

  it('FP8 is a measured speed-up over BF16 (about 1.25-1.5x for large models, less for small), never the ratio of peaks', () => {
    assert.ok(fp8Speedup(70e9) >= 1.25 && fp8Speedup(70e9) <= 1.5);
    assert.ok(fp8Speedup(405e9) <= 1.5);
    assert.ok(fp8Speedup(1e9) < 1.2);
    const plan = (p: string): Report => report(`model:\n  params: 70B\ndata:\n  tokens: 1T\ntraining:\n  precision: ${p}\n  zero_stage: 3\nhardware:\n  accelerator: H100-SXM\n  count: 512\n`);
    const ratio = plan('bf16').cost.gpuHours! / plan('fp8').cost.gpuHours!;
    assert.ok(Math.abs(ratio - fp8Speedup(70e9)) < 1e-9, `${ratio}`);
  });

  it('FP32 and TF32 runs are bound by their own peak: the BF16 utilisation of it, never more than 100%', () => {
    const plan = (p: string): Report => report(`model:\n  params: 7B\ndata:\n  tokens: 100B\ntraining:\n  precision: ${p}\n  zero_stage: 3\nhardware:\n  accelerator: H100-SXM\n  count: 8\n`);
    const bf16 = plan('bf16');
    // H100 SXM datasheet: 989 TFLOP/s dense BF16, 494.5 TF32, 67 FP32 (the catalog's figures).
    for (const [p, peak] of [['fp32', 67], ['tf32', 494.5]] as const) {
      const r = plan(p);
      assert.equal(r.hardware.mfu, bf16.hardware.mfu, p);
      assert.ok(Math.abs(r.cost.gpuHours! / bf16.cost.gpuHours! - 989 / peak) < 1e-9, p);
    }
  });

  it('a stated MFU overrides the model and draws no range', () => {
    const r = report(`model:\n  params: 7B\ndata:\n  tokens: 1T\nhardware:\n  accelerator: H100-SXM\n  count: 64\n  mfu: 0.4\n`);
    assert.equal(r.hardware.mfu, 0.4);
    assert.equal(r.hardware.mfuSource, 'stated');
    assert.equal(r.hardware.throughput, null);
    assert.equal(r.cost.gpuHoursRange, null);
    assert.equal(r.cost.wallClockDays, r.cost.steadyWallClockDays);
  });

  it('a predicted MFU comes with P10-P90 ranges around every figure', () => {
    const r = report(`model:\n  params: 7B\ndata:\n  tokens: 1T\nhardware:\n  accelerator: H100-SXM\n  count: 64\n`);
    assert.equal(r.hardware.mfuSource, 'prior');
    for (const k of ['gpuHours', 'wallClockDays', 'usd', 'energyKwh', 'co2Kg'] as const) {
      const range = r.cost[`${k}Range`]!;
      assert.ok(range[0] < r.cost[k]! && r.cost[k]! < range[1], k);
    }
  });
});

describe('goodput', () => {
  it('Llama 3 405B: 16,384 GPUs for 54 days give about 90% effective time and 419 interruptions', () => {
    const g = goodput(16384, 54 * 0.9);
    assert.ok(Math.abs(g.fraction - 0.9) < 1e-9);
    assert.ok(Math.abs(g.expectedDays - 54) < 1e-9);
    assert.ok(Math.abs(g.interruptions - 419) < 1e-6);
  });

  it('a small job loses little; more devices lose more', () => {
    assert.ok(goodput(8, 10).fraction > 0.999);
    assert.ok(goodput(2048, 10).fraction > goodput(16384, 10).fraction);
  });

  it('the report shows steady-state and expected wall clock side by side', () => {
    const r = report(`model:\n  params: 70B\ndata:\n  tokens: 2T\ntraining:\n  zero_stage: 3\nhardware:\n  accelerator: H100-SXM\n  count: 8192\n`);
    assert.ok(r.cost.expectedWallClockDays! > r.cost.steadyWallClockDays!);
    assert.ok(Math.abs(r.cost.wallClockDays! - r.cost.expectedWallClockDays!) < 1e-9);
    assert.ok(r.cost.goodput! < 1 && r.cost.goodput! > 0.9);
  });
});
