// RL rollouts at the serving throughput of the whole training fleet (src/engine/rollouts.ts),
// against figures derived by hand from the scaling book's step-time formula (serve.ts):
//   step = B·KV bytes per sequence / BW + max(2·B·N / peak, weight bytes / BW), at 0.5 of peak and of BW.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { rlCost } from '../../src/engine/postTrain';
import { rolloutFleet } from '../../src/engine/rollouts';

const GIB = 2 ** 30;
// An 8B policy in bf16 (16 GB) with 128 KiB of KV per token (32 layers × 8 KV heads × 128 × 2 × 2 bytes),
// on 8 devices of 1 PFLOP/s, 2 TB/s and 80 GiB; 64 prompts × a group of 8, 500 prompt + 2,000 response tokens.
const model = { params: 8e9, kvBytesPerToken: 131072, attentionFlopsPerContextToken: 0 };
const fleet = { peakFlops: 1e15, bandwidth: 2e12, memoryBytes: 80 * GIB, count: 8 };
const rollout = { sequences: 64 * 8, promptTokens: 500, responseTokens: 2000 };

describe('RL rollouts on the training fleet', () => {
  it('one replica per device, each at the batch the step shares out: 17.9k tokens/s across the fleet', () => {
    const r = rolloutFleet(model, fleet, 'bf16', rollout);
    // 17.6 GB (weights + 10%) fit on one 85.9 GB device: 8 replicas; 512 sequences / 8 = batch 64,
    // below the 355 that fit ((85.9e9 − 16e9) / (131072 × 1500)).
    assert.equal(r.devicesPerReplica, 1);
    assert.equal(r.replicas, 8);
    assert.equal(r.batch, 64);
    assert.equal(r.context, 1500);
    // KV 64·131072·1500 / 1e12 = 12.583 ms; weights 16e9 / 1e12 = 16 ms > compute 64·1.6e10 / 5e14 = 2.048 ms.
    assert.ok(Math.abs(r.stepMs - 28.582912) < 1e-6, `${r.stepMs}`);
    // 64 / 28.582912 ms = 2,239.10 tokens/s per replica, × 8.
    assert.ok(Math.abs(r.decodeTokensPerSecond - 17912.797) < 0.01, `${r.decodeTokensPerSecond}`);
    // Prefill: 5e14 / (2 × 8e9) = 31,250 tokens/s per replica.
    assert.ok(Math.abs(r.prefillTokensPerSecond - 250000) < 1e-6);
  });

  it('generation GPU-hours of 10 steps: (10.24M / 17,912.8 + 320k / 250k) s × 8 devices = 1.2732 GPU-hours', () => {
    const r = rolloutFleet(model, fleet, 'bf16', rollout);
    const c = rlCost(8e9, { steps: 10, promptsPerStep: 64, groupSize: 8, promptTokens: 500, responseTokens: 2000 }, { decodeTokensPerSecond: r.decodeTokensPerSecond, prefillTokensPerSecond: r.prefillTokensPerSecond, devices: 8, trainFlopsPerDevice: 4e14 });
    assert.ok(Math.abs(c.generation.gpuHours - 1.27320) < 1e-4, `${c.generation.gpuHours}`);
  });

  it('a fleet smaller than the policy is a clear error', () => {
    assert.throws(() => rolloutFleet({ ...model, params: 400e9 }, fleet, 'bf16', rollout), /devices/);
  });

  it('the example plan costs its rollouts on 1,024 H100s as serving replicas, with the split shown', () => {
    const a = analyzeText(readFileSync(join(__dirname, '../../../examples/lifecycle.plan.yaml'), 'utf8'), 'lifecycle.plan.yaml');
    const p = a.report!.postTrain!;
    assert.equal(p.rollout.devicesPerReplica, a.report!.serve!.devicesPerReplica);
    assert.equal(p.rollout.replicas, Math.floor(1024 / p.rollout.devicesPerReplica));
    // 512 prompts × 8 = 4,096 sequences over 1,024 replicas: batch 4.
    assert.equal(p.rollout.batch, 4);
    const s = p.shares;
    assert.ok(Math.abs(s.generation + s.policyTraining + s.referenceForward + s.rewardForward - 1) < 1e-12);
  });
});
