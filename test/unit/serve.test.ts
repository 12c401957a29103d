// Serving roofline against the scaling book's worked example and DeepSeek's published day
// (fixtures/lifecycle/serving.json).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { findAccelerator, peakFlops } from '../../src/engine/hardware';
import { kvCacheBytesPerToken } from '../../src/engine/kvCache';
import { GIB } from '../../src/engine/memory';
import { criticalBatch, decodeStep, serveSnapshot, unitsForThroughput, type ServeDevice } from '../../src/engine/serve';
import { planServing } from '../../src/engine/serveWorkload';
import type { CompleteShape } from '../../src/engine/params';
import { assertNear } from '../helpers';

const fx = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/lifecycle/serving.json'), 'utf8'));
const near = assertNear;

const L = fx.llama3_70b;
const llama70: CompleteShape = { architecture: 'llama', layers: L.layers, dModel: L.dModel, heads: L.heads, kvHeads: L.kvHeads, ffnHidden: L.ffnHidden, vocabSize: L.vocabSize };
const v5e = findAccelerator('TPU-v5e')!;
const device = (count: number, price?: number): ServeDevice => ({
  peakFlops: peakFlops(v5e, 'bf16')!, bandwidth: v5e.bandwidthTBs * 1e12, memoryBytes: v5e.memoryGb * GIB, count, pricePerHour: price,
});

describe('KV cache bytes per token (MHA/GQA)', () => {
  it('Llama-3-70B: 320 KiB at bf16, 160 KiB at int8', () => {
    assert.equal(kvCacheBytesPerToken(llama70, 2), L.kvBytesPerTokenBf16);
    assert.equal(kvCacheBytesPerToken(llama70, 1), fx.scalingBook.kvBytesPerTokenInt8);
  });
});

describe('decode roofline (scaling book)', () => {
  const sb = fx.scalingBook;
  const model = { params: sb.params, kvBytesPerToken: sb.kvBytesPerTokenInt8 };
  it('Llama-3-70B int8 on 8 TPU v5e at batch 32, 8k context: 17 ms per step, 1,882 tok/s, 235 tok/s/chip', () => {
    const s = decodeStep(model, device(sb.chips), 1, sb.batch, sb.context);
    near(s.stepMs, sb.stepMs, 0.03, 'step');
    near(s.tokensPerSecond, sb.tokensPerSecond, 0.03, 'tok/s');
    near(s.tokensPerSecond / sb.chips, sb.tokensPerSecondPerChip, 0.03, 'per chip');
    assert.equal(s.dominant, 'weight reads');
  });
  it('critical batch 240 at bf16 weights, 120 at int8 weights with bf16 math', () => {
    near(criticalBatch(device(1), 2), sb.criticalBatchBf16, 0.01);
    near(criticalBatch(device(1), 1), sb.criticalBatchInt8, 0.01);
  });
  it('the realistic figure sits below the ideal one and memory is accounted', () => {
    const s = serveSnapshot({ model, device: device(8, 1.2), weightPrecision: 'int8', batch: 32, context: 8192 });
    assert.ok(s.decode.tokensPerSecond < s.decode.tokensPerSecondIdeal);
    assert.ok(s.memory.fits);
    near(s.memory.kvCacheGb * GIB, 32 * 8192 * sb.kvBytesPerTokenInt8, 1e-12);
    assert.ok(s.usdPerMillionOutputTokens! > 0);
  });
});

describe('DeepSeek-V3/R1 one-day serving figures', () => {
  const ds = fx.deepseekDay;
  it('nodes from the stated tokens and per-node throughputs, and $87,072 a day at $2/GPU-hour', () => {
    const nodes = unitsForThroughput(ds.inputTokens, ds.prefillTokensPerSecondPerNode) + unitsForThroughput(ds.outputTokens, ds.decodeTokensPerSecondPerNode);
    near(nodes, ds.meanNodes, 0.005, 'nodes');
    assert.equal(ds.meanNodes * ds.gpusPerNode * ds.usdPerGpuHour * 24, ds.usdPerDay);
  });
});

describe('serving properties', () => {
  const model = { params: 8e9, kvBytesPerToken: kvCacheBytesPerToken({ ...llama70, layers: 32, dModel: 4096, heads: 32 }, 2) };
  const h100 = findAccelerator('H100')!;
  const dev: ServeDevice = { peakFlops: peakFlops(h100)!, bandwidth: h100.bandwidthTBs * 1e12, memoryBytes: h100.memoryGb * GIB, count: 1, pricePerHour: 3.49, powerW: 700 };
  const base = { model, replica: dev, weightPrecision: 'bf16' as const, pue: 1.1, gridGco2PerKwh: 369.5 };
  it('daily cost never falls as tokens grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 1, max: 4000 }), (r1, r2, out) => {
        const [a, b] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const w = { promptTokens: 500, reasoningTokens: 0, outputTokens: out, samples: 1, batch: 16 };
        const ca = planServing({ ...base, workload: { ...w, requestsPerDay: a } }).usdPerDay!;
        const cb = planServing({ ...base, workload: { ...w, requestsPerDay: b } }).usdPerDay!;
        return cb >= ca;
      }),
    );
  });
  it('$ per million output tokens falls with batch until the compute bound, then stays flat', () => {
    const cost = (b: number): number => serveSnapshot({ model, device: dev, weightPrecision: 'bf16', batch: b, context: 1 }).usdPerMillionOutputTokens!;
    const bc = criticalBatch(dev, 2);
    fc.assert(fc.property(fc.integer({ min: 1, max: Math.floor(bc) - 1 }), (b) => cost(b + 1) < cost(b)));
    fc.assert(fc.property(fc.integer({ min: Math.ceil(bc), max: 4 * Math.ceil(bc) }), (b) => Math.abs(cost(b + 1) - cost(b)) <= 1e-9 * cost(b)));
  });
  it('long reasoning with repeated sampling makes KV-cache reads dominate (Kinetics)', () => {
    const long = planServing({ ...base, attentionWidthTimesLayers: 32 * 4096, workload: { requestsPerDay: 1000, promptTokens: 1000, reasoningTokens: 32000, outputTokens: 500, samples: 8 } });
    assert.equal(long.kinetics.dominant, 'kv-cache reads');
    const short = planServing({ ...base, attentionWidthTimesLayers: 32 * 4096, workload: { requestsPerDay: 1000, promptTokens: 100, reasoningTokens: 0, outputTokens: 50, samples: 1 } });
    assert.equal(short.kinetics.dominant, 'compute');
  });
  it('a stated fleet too small for the workload is said so; a latency target picks the batch', () => {
    const p = planServing({ ...base, replicas: 1, workload: { requestsPerDay: 1e7, promptTokens: 500, reasoningTokens: 2000, outputTokens: 300, samples: 1, latencyMsPerToken: 30 } });
    assert.ok(p.utilisation! > 1);
    assert.match(p.warnings.join(' '), /are needed/);
    assert.ok(p.snapshot.decode.stepMs <= 30);
  });
});

describe('serving edge cases stay finite', () => {
  it('a workload that generates nothing, and zero requests, give finite figures', () => {
    const h100 = findAccelerator('H100')!;
    const dev: ServeDevice = { peakFlops: peakFlops(h100)!, bandwidth: h100.bandwidthTBs * 1e12, memoryBytes: h100.memoryGb * GIB, count: 1, pricePerHour: 3.49, powerW: 700 };
    const model = { params: 8e9, kvBytesPerToken: 131072 };
    for (const w of [
      { requestsPerDay: 1000, promptTokens: 100, reasoningTokens: 0, outputTokens: 0, samples: 1 },
      { requestsPerDay: 0, promptTokens: 100, reasoningTokens: 10, outputTokens: 10, samples: 1 },
    ]) {
      const p = planServing({ model, replica: dev, weightPrecision: 'bf16', pue: 1.1, gridGco2PerKwh: 369.5, workload: w });
      const text = JSON.stringify(p);
      assert.doesNotMatch(text, /NaN|Infinity/, text);
      assert.ok(Number.isFinite(p.kinetics.memoryToCompute) && Number.isFinite(p.usdPerDay!));
    }
  });
});
