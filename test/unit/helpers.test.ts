// The test helpers' own derivations agree with the published cases they stand on.

import { strict as assert } from 'node:assert';
import { assertNear, epochOptimalTokens, fixtureJson } from '../helpers';

interface Case {
  id: string;
  expected: { N_opt?: number; D_opt?: number };
  tolerance_rel?: number;
}

describe('test helpers', () => {
  it('epochOptimalTokens gives back the compute-optimal tokens of the Epoch refit cases (Besiroglu et al. 2024)', () => {
    const cases = fixtureJson<Case[]>('reference-cases.json').filter((c) => /^epoch_opt_/.test(c.id));
    assert.ok(cases.length >= 2);
    for (const c of cases) assertNear(epochOptimalTokens(c.expected.N_opt!), c.expected.D_opt!, c.tolerance_rel ?? 1e-6, c.id);
  });
});
