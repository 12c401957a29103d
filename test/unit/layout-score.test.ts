// The layout search scores candidates with layoutScore, which must equal the product of the
// layout terms predictMfu reports (layoutEfficiency), bit for bit, for every kind of layout.

import { strict as assert } from 'node:assert';
import { FABRIC } from '../../src/engine/fabric';
import type { Layout } from '../../src/engine/layout';
import { layoutEfficiency, layoutScore, predictMfu, type ThroughputBase } from '../../src/engine/throughput';

describe('layout score', () => {
  it('equals layoutEfficiency(predictMfu(...).terms) over TP, PP, DP, EP, ZeRO, recompute and batch', () => {
    let n = 0;
    for (const fabric of [FABRIC['A100-80GB'], FABRIC['H800'], FABRIC['TPU-v4']]) {
      for (const globalBatchTokens of [undefined, 4e6]) {
        const base: ThroughputBase = {
          fabric, precision: 'bf16', peakFlops: 989e12, paramsActive: 37e9, paramsTotal: 671e9, expertParams: 650e9, layers: 61, dModel: 7168, attnWidth: 16384, seqLen: 4096,
          count: 2048, globalBatchTokens, moe: { topK: 8 },
        };
        for (const tp of [1, 8, 16]) for (const pp of [1, 4, 16]) for (const ep of [1, 8, 64]) for (const zeroStage of [1, 3] as const) for (const ck of ['none', 'full'] as const) for (const assumed of [true, false]) {
          const layout: Layout = { dataParallel: 2048 / (tp * pp), tensorParallel: tp, pipelineParallel: pp, expertParallel: ep, zeroStage, microBatch: 1, activationCheckpointing: ck, assumed };
          assert.equal(layoutScore(base, layout), layoutEfficiency(predictMfu({ ...base, layout }).terms), JSON.stringify(layout));
          n++;
        }
      }
    }
    assert.equal(n, 3 * 2 * 3 * 3 * 3 * 2 * 2 * 2);
  });
});
