// The budget planner and the accelerator comparison with a predicted MFU: the planned model's
// layout and MFU (plannedThroughput.ts), each device's own MFU in the comparison, and P10-P90
// ranges. Shapes from published configs: Llama 2 7B (Touvron et al. 2023, Table 1: 32 layers,
// d_model 4096) and the 70B layout facts in throughput.test.ts.

import { strict as assert } from 'node:assert';
import { analyzeText } from '../../src/document/analyzeDocument';
import { acceleratorData } from '../../src/engine/charts';
import { findAccelerator } from '../../src/engine/hardware';
import { planBudget } from '../../src/engine/plan';
import { plannedShape, plannedThroughput } from '../../src/engine/plannedThroughput';

const LLAMA2_7B = `model:\n  layers: 32\n  d_model: 4096\n  heads: 32\n  vocab_size: 32000\n  seq_len: 4096\ndata:\n  tokens: 2T\nhardware:\n  accelerator: A100-80GB\n  count: 512\n`;

describe('planned throughput', () => {
  it('the planned shape of a 6.7B model is Llama 2 7B\'s: 32 layers of width 4096', () => {
    assert.deepEqual(plannedShape(6.74e9), { layers: 32, dModel: 4096, heads: 32 });
  });

  it('a 70B model on 2,048 A100-80GB gets a sharded layout and an MFU between 20% and 60%', () => {
    const t = plannedThroughput({ acc: findAccelerator('A100-80GB')!, precision: 'bf16', params: 70e9, count: 2048 })!;
    assert.ok(t.layout && t.layout.assumed && (t.layout.zeroStage >= 1 || t.layout.tensorParallel > 1));
    assert.ok(t.mfu > 0.2 && t.mfu < 0.6, String(t.mfu));
  });

  it('planBudget with a stated MFU uses it, with no range; without one it predicts and ranges what the budget leaves open', () => {
    const stated = planBudget({ flops: 1e23, accelerator: 'H100-SXM', count: 256, mfu: 0.4 });
    assert.equal(stated.mfu, 0.4);
    assert.equal(stated.mfuSource, 'stated');
    assert.equal(stated.ranges.wallClockDaysRange, null);
    const byFlops = planBudget({ flops: 1e23, accelerator: 'H100-SXM', count: 256 });
    assert.equal(byFlops.mfuSource, 'prior');
    assert.ok(byFlops.layout?.assumed);
    const [lo, hi] = byFlops.ranges.wallClockDaysRange!;
    assert.ok(lo < byFlops.wallClockDays && byFlops.wallClockDays < hi);
    assert.equal(byFlops.flopsRange, null, 'a FLOPs budget fixes the work');
    const byUsd = planBudget({ usd: 1e6, accelerator: 'H100-SXM', count: 256 });
    assert.ok(byUsd.flopsRange![0] < byUsd.flops && byUsd.flops < byUsd.flopsRange![1]);
    assert.equal(byUsd.ranges.usdRange, null, 'a money budget fixes the spend');
  });

  it('the accelerator comparison gives each device its own predicted MFU; the report\'s device keeps the report\'s figures', () => {
    const r = analyzeText(LLAMA2_7B, 'run.plan.yaml').report!;
    assert.equal(r.hardware.mfuSource, 'prior');
    const rows = acceleratorData(r);
    const own = rows.find((a) => a.current)!;
    assert.ok(Math.abs(own.gpuHours / r.cost.gpuHours! - 1) < 1e-9);
    assert.ok(Math.abs(own.days! / r.cost.wallClockDays! - 1) < 1e-9);
    assert.ok(own.daysRange && own.daysRange[0] < own.days! && own.days! < own.daysRange[1]);
    const h100 = rows.find((a) => a.id === 'H100-SXM')!;
    assert.notEqual(h100.mfu, own.mfu, 'Hopper and Ampere priors differ (docs/calibration.md)');
    const stated = acceleratorData(analyzeText(`${LLAMA2_7B}  mfu: 0.39\n`, 'run.plan.yaml').report!);
    assert.ok(stated.every((a) => a.mfu === 0.39 && a.daysRange === null));
  });
});
