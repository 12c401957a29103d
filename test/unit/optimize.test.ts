// The searches of the engine reach their answers to the last bits: Brent's root finder on known
// roots, and the optima it and the closed forms give are stationary (a step either side costs more)
// and agree with the identities they must meet.

import { strict as assert } from 'node:assert';
import { bestTeacherLoss, distilledLoss } from '../../src/engine/distill';
import { inferenceAwareOptimum, lifetimeFlops, SARDANA, tokensForLoss } from '../../src/engine/inferenceAware';
import { denseVsMoe, moeOptimal } from '../../src/engine/moeLaw';
import { brentRoot } from '../../src/engine/optimize';
import { parametricComputeForLoss, parametricOptimal } from '../../src/engine/parametric';
import { closeRel } from '../helpers';

describe('one-dimensional searches', () => {
  it("Brent's method finds the cube root of 2 and the Dottie number (cos x = x) to a few ulps", () => {
    const f = (x: number): number => x * x * x - 2;
    assert.ok(closeRel(brentRoot(f, 0, 2, f(0), f(2)), Math.cbrt(2), 4 * Number.EPSILON));
    const g = (x: number): number => Math.cos(x) - x;
    assert.ok(closeRel(brentRoot(g, 0, 1, g(0), g(1)), 0.7390851332151607, 4 * Number.EPSILON));
  });

  it('the inference-aware optimum: with no inference tokens it is the compute-optimal split for the loss', () => {
    for (const l of [1.9, 2.1, 2.5]) {
      const o = inferenceAwareOptimum(SARDANA, l, 0)!;
      const c = parametricOptimal(SARDANA, parametricComputeForLoss(SARDANA, l));
      assert.ok(closeRel(o.params, c.N, 1e-12) && closeRel(o.tokens, c.D, 1e-12), `loss ${l}: ${o.params} vs ${c.N}`);
    }
  });

  it('the inference-aware optimum is a minimum of lifetime FLOPs along the loss curve', () => {
    for (const [l, inf] of [[2.0, 1e12], [2.2, 1e14], [1.95, 2e13]]) {
      const o = inferenceAwareOptimum(SARDANA, l, inf)!;
      for (const s of [1 - 1e-4, 1 + 1e-4]) {
        const N = o.params * s;
        assert.ok(lifetimeFlops(N, tokensForLoss(SARDANA, N, l), inf) > o.lifetimeFlops);
      }
    }
  });

  it('the best teacher loss is a minimum of the student loss', () => {
    for (const [N, D] of [[1e9, 20e9], [3e8, 1e11], [7e9, 2e12]]) {
      const b = bestTeacherLoss(N, D);
      for (const s of [1 - 1e-5, 1 + 1e-5]) assert.ok(distilledLoss(N, D, b.teacherLoss * s) > b.studentLoss);
    }
  });

  it('the dense compute that matches an MoE: the dense frontier at that compute has the MoE loss', () => {
    for (const [F, E] of [[1e21, 8], [1e23, 64], [1e24, 16]]) {
      const c = denseVsMoe(F, E);
      assert.ok(c.denseComputeToMatch > 1 && c.denseComputeToMatch < 1e3);
      assert.ok(closeRel(moeOptimal(F * c.denseComputeToMatch, 1).loss, c.moe.loss, 1e-13));
    }
  });
});
