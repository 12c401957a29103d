// The data-parallel term of the throughput model with expert parallel: each rank holds 1/EP of the
// routed experts, whose gradients are all-reduced over the expert data-parallel group (dp / EP
// ranks) only (Megatron-Core's expert data-parallel group; DeepSeek-V3, arXiv:2412.19437 §3.2),
// dense gradients over all dp ranks. Hand-derived case below.

import { strict as assert } from 'node:assert';
import type { Fabric } from '../../src/engine/fabric';
import type { Layout } from '../../src/engine/layout';
import { expertSplit, trainingMemory } from '../../src/engine/memory';
import { predictMfu, type ThroughputInputs } from '../../src/engine/throughput';

// 8 devices per node, 50 GB/s per device across nodes: 64 devices span 8 nodes, so scale-out.
const FABRIC: Fabric = { generation: 'hopper', devicesPerNode: 8, scaleUpGBs: 450, scaleOutGBs: 50, source: 'test' };
const LAYOUT: Layout = { dataParallel: 64, tensorParallel: 1, pipelineParallel: 1, expertParallel: 8, zeroStage: 1, microBatch: 1, activationCheckpointing: 'none', assumed: false };

const inputs = (layout: Layout, expertParams?: number): ThroughputInputs => ({
  fabric: FABRIC, precision: 'bf16', peakFlops: 1e15, paramsActive: 10e9, paramsTotal: 100e9, expertParams, layout, count: 64, globalBatchTokens: 640_000,
});

describe('data-parallel all-reduce with expert parallel', () => {
  // 100B parameters, 80B of them in routed experts, DP 64, EP 8, TP = PP = 1, ZeRO-1, bf16 gradients:
  //   dense:  20e9 params x 2 B = 40e9 B over 64 ranks: 2·63/64 x 40e9 / 50e9 B/s = 1.575 s
  //   expert: 80e9 / 8 = 10e9 params x 2 B = 20e9 B over 64 / 8 = 8 ranks: 2·7/8 x 20e9 / 50e9 = 0.7 s
  //   all-reduce 2.275 s (all 200e9 B over 64 ranks would be 2·63/64 x 200e9 / 50e9 = 7.875 s)
  // Compute per step at the reference 50% of peak: 6 x 10e9 x 640,000 / 64 / (1e15 x 0.5) = 1.2 s.
  // Exposed traffic 2.275 - 1.2 = 1.075 s, so the term is 1.2 / (1.2 + 1.075) = 1.2 / 2.275.
  it('reduces a rank\'s 1/EP of the routed experts over dp / EP ranks, the dense part over all dp', () => {
    const t = predictMfu(inputs(LAYOUT, 80e9)).terms.dataParallel;
    assert.ok(Math.abs(t - 1.2 / 2.275) < 1e-12, String(t));
  });

  it('without routed experts (or without expert parallel) every gradient is reduced over all dp', () => {
    const all = 1.2 / 7.875;
    assert.ok(Math.abs(predictMfu(inputs(LAYOUT)).terms.dataParallel - all) < 1e-12);
    assert.ok(Math.abs(predictMfu(inputs({ ...LAYOUT, expertParallel: 1 }, 80e9)).terms.dataParallel - all) < 1e-12);
  });

  it('uses the split memory fit shards expert states by', () => {
    const s = expertSplit(100e9, { expertParams: 80e9, expertParallel: 8 }, 1, 64);
    assert.deepEqual(s, { ep: 8, expertTotal: 80e9, dense: 20e9, expert: 10e9, denseGroup: 64, expertGroup: 8 });
    // ZeRO-2 gradients: dense 20e9 x 2 B / 64 + expert 10e9 x 2 B / 8 per rank.
    const m = trainingMemory({ params: 100e9, expertParams: 80e9, expertParallel: 8, precision: 'bf16', optimizer: 'adamw', devices: 64, zeroStage: 2, tensorParallel: 1, pipelineParallel: 1, checkpointing: 'none', flashAttention: true });
    assert.ok(Math.abs(m.gradientsGb * 2 ** 30 - (40e9 / 64 + 20e9 / 8)) < 1);
  });
});
