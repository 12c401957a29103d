// The test helpers' own derivations agree with the published cases they stand on.

import { strict as assert } from 'node:assert';
import { assertNear, epochOptimalTokens, epochOptimum, fixtureJson } from '../helpers';

interface Case {
  id: string;
  inputs: { C?: number };
  expected: { N_opt?: number; D_opt?: number };
  tolerance_rel?: number;
}

describe('test helpers', () => {
  it('epochOptimalTokens gives back the compute-optimal tokens of the Epoch refit cases (Besiroglu et al. 2024)', () => {
    const cases = fixtureJson<Case[]>('reference-cases.json').filter((c) => /^epoch_opt_/.test(c.id));
    assert.ok(cases.length >= 2);
    for (const c of cases) assertNear(epochOptimalTokens(c.expected.N_opt!), c.expected.D_opt!, c.tolerance_rel ?? 1e-6, c.id);
  });

  it('epochOptimum gives back their compute-optimal parameters and tokens', () => {
    for (const c of fixtureJson<Case[]>('reference-cases.json').filter((x) => /^epoch_opt_/.test(x.id))) {
      const o = epochOptimum(c.inputs.C!);
      assertNear(o.params, c.expected.N_opt!, c.tolerance_rel ?? 1e-6, `${c.id} N`);
      assertNear(o.tokens, c.expected.D_opt!, c.tolerance_rel ?? 1e-6, `${c.id} D`);
    }
  });
});
