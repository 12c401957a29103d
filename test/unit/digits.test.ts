import * as assert from 'node:assert';
import * as fc from 'fast-check';
import { groupDigits } from '../../src/engine/digits';

// groupDigits stands in for toLocaleString('en-US') (which loads ICU at start-up): same text for every number.
describe('groupDigits', () => {
  it('writes whole numbers as toLocaleString("en-US") does, beyond 2^53 and 1e21 too', () => {
    for (const n of [0, -0, 7, 999, 1000, -1234567, 6_738_415_616, 2 ** 53, 2 ** 60, 1e21, 1.2345678901234567e25, Number.MAX_VALUE]) {
      assert.strictEqual(groupDigits(n), n.toLocaleString('en-US'), String(n));
    }
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => {
      const n = Math.round(x);
      assert.strictEqual(groupDigits(n), n.toLocaleString('en-US'));
    }));
  });

  it('writes fractions and non-finite values as toLocaleString("en-US") does', () => {
    for (const n of [1.5, 1234.5678, 0.0625, NaN, Infinity, -Infinity]) assert.strictEqual(groupDigits(n), n.toLocaleString('en-US'), String(n));
  });
});
