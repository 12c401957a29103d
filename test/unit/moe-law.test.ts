// The joint MoE law against the paper's own tables (fixtures/lifecycle/moe-table1.json).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { denseVsMoe, moeLoss, moeOptimal, moeOptimalTokensForParams, moeRangeWarnings, moeTotalParams, reducedLaw } from '../../src/engine/moeLaw';
import { LAWS, lossAt, optimalFor, isLawId } from '../../src/engine/laws';
import { extrapolationWarning } from '../../src/engine/fitRange';
import { assertNear } from '../helpers';

const fx = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/lifecycle/moe-table1.json'), 'utf8'));
const near = assertNear;

describe('joint MoE law (Ludziejewski et al. 2025)', () => {
  it('reproduces Table 1 compute-optimal active sizes and tokens for E = 1, 8, 32 within 2%', () => {
    for (const row of fx.table1) {
      const o = moeOptimal(row.flops, row.experts);
      near(o.activeParams, row.activeParams, 0.02, `N_act E=${row.experts} F=${row.flops}`);
      near(o.tokens, row.tokens, 0.02, `D E=${row.experts} F=${row.flops}`);
    }
  });

  it('reduces to Table 4 per expert count (coefficient rounding: 0.3%)', () => {
    for (const row of fx.table4) {
      const r = reducedLaw(row.experts);
      near(r.m, row.m, 0.003, 'm');
      near(r.mu, row.mu, 0.003, 'mu');
      near(r.n, row.n, 0.003, 'n');
      near(r.nu, row.nu, 0.003, 'nu');
    }
  });

  it('total parameters follow App. A.1 for the App. E d_model 512, E = 32 run (79M active, 664M total)', () => {
    near(moeTotalParams(fx.appendixE.activeParams, 32), fx.appendixE.totalParams, 0.01, 'N_total');
    assert.equal(moeTotalParams(1e9, 1), 1e9);
  });

  it('6·N·D = F on the frontier, and tokens-for-params inverts it', () => {
    for (const E of [1, 8, 32]) {
      const o = moeOptimal(1e21, E);
      near(6 * o.activeParams * o.tokens, 1e21, 1e-9);
      near(moeOptimalTokensForParams(o.activeParams, E), o.tokens, 1e-6);
    }
  });

  it('more experts: lower loss at the same compute, more tokens per parameter (Findings 1 and 2)', () => {
    const d = denseVsMoe(1e21, 8);
    assert.ok(d.moe.loss < d.dense.loss);
    assert.ok(d.moe.tokens / d.moe.activeParams > d.dense.tokens / d.dense.activeParams);
    assert.ok(d.moe.totalParams > d.moe.activeParams);
    assert.ok(d.denseComputeToMatch > 1);
    near(moeOptimal(1e21 * d.denseComputeToMatch, 1).loss, d.moe.loss, 1e-6, 'dense matches at k·F');
  });

  it('warns outside the fitted runs: above 2.7B active, above ≈400 tokens per parameter', () => {
    assert.deepEqual(moeRangeWarnings(1e9, 20e9, 8), []);
    assert.match(moeRangeWarnings(70e9, 1.4e12, 1)[0], /2\.7B/);
    assert.match(moeRangeWarnings(100e6, 60e9, 8)[0], /tokens per active parameter/);
    assert.match(extrapolationWarning('moe', 70e9, 1e12) ?? '', /extrapolation/);
  });

  it('is in the law registry as `moe`; without experts it is its dense member', () => {
    assert.ok(isLawId('moe'));
    assert.equal(lossAt(LAWS.moe, 1e9, 20e9), moeLoss(1e9, 20e9, 1));
    assert.equal(lossAt(LAWS.moe, 1e9, 20e9, 8), moeLoss(1e9, 20e9, 8));
    near(optimalFor(LAWS.moe, 1e21, 8).params, 3.8e9, 0.02);
  });
});
