// Numbers as people write them in configs.

import { strict as assert } from 'node:assert';
import { parseQuantity, type QuantityKind } from '../../src/read/quantity';
import { assertNear } from '../helpers';

function value(raw: unknown, kind: QuantityKind = 'count'): number {
  const p = parseQuantity(raw, kind);
  assert.ok(p.ok, `${String(raw)} (${kind}) should parse: ${p.ok ? '' : p.error}`);
  return p.value;
}

function error(raw: unknown, kind: QuantityKind = 'count'): string {
  const p = parseQuantity(raw, kind);
  assert.ok(!p.ok, `${String(raw)} (${kind}) should not parse, got ${p.ok ? p.value : ''}`);
  return p.error;
}

const near = (got: number, want: number): void => assertNear(got, want, 1e-12);

describe('parseQuantity', () => {
  describe('counts', () => {
    it('suffixes: 7B, 1.4T, 500M, 20k, 1Q, lower case', () => {
      assert.equal(value('7B'), 7e9);
      near(value('1.4T'), 1.4e12);
      assert.equal(value('500M'), 5e8);
      assert.equal(value('20k'), 2e4);
      assert.equal(value('20K'), 2e4);
      assert.equal(value('1Q'), 1e15);
      assert.equal(value('7b'), 7e9);
      assert.equal(value('7 B'), 7e9);
      assert.equal(value(' 2T '), 2e12);
    });

    it('digit groups: 300_000_000, "1,000", "1 000 000", "12,345.5"', () => {
      assert.equal(value('300_000_000'), 3e8);
      assert.equal(value('1,000'), 1000);
      assert.equal(value('1,000,000'), 1e6);
      assert.equal(value('1 000 000'), 1e6);
      assert.equal(value('12,345.5', 'number'), 12345.5);
      assert.equal(value('1,500B'), 1.5e12);
    });

    it('a comma that is not a thousands separator is an error, never a digit group ("1,5B" is not 15B)', () => {
      for (const raw of ['1,5B', '1,5', '1,0000', '10,00,000', '1.000,5', '1,000.123,456', '$1,5k']) {
        assert.match(error(raw, raw.startsWith('$') ? 'usd' : 'count'), /comma that is not a thousands separator \(write 1\.5B or 1,500,000,000\)/, raw);
      }
    });

    it('scientific notation and plain numbers: 2e21, 1.5E+12, 42, .5', () => {
      assert.equal(value('2e21'), 2e21);
      assert.equal(value('1.5E+12'), 1.5e12);
      assert.equal(value(42), 42);
      assert.equal(value('42'), 42);
      assert.equal(value('.5', 'number'), 0.5);
      assert.equal(value(2e21), 2e21);
      assert.equal(value(BigInt(7_000_000_000)), 7e9);
    });
  });

  describe('dollars', () => {
    it('$50k, $1.2M, 50000 USD, 2.5 dollars, 1,200', () => {
      assert.equal(value('$50k', 'usd'), 5e4);
      near(value('$1.2M', 'usd'), 1.2e6);
      assert.equal(value('50000 USD', 'usd'), 5e4);
      assert.equal(value('2.5 dollars', 'usd'), 2.5);
      assert.equal(value('$ 1,200', 'usd'), 1200);
      assert.equal(value(400000, 'usd'), 4e5);
    });
  });

  describe('durations in days', () => {
    it('14d, 36h, 2w, 90 min, 1 month, plain 14', () => {
      assert.equal(value('14d', 'days'), 14);
      assert.equal(value('36h', 'days'), 1.5);
      assert.equal(value('2w', 'days'), 14);
      near(value('90 min', 'days'), 90 / 1440);
      assert.equal(value('1 month', 'days'), 30);
      assert.equal(value('3 days', 'days'), 3);
      assert.equal(value('14', 'days'), 14);
      assert.equal(value(14, 'days'), 14);
    });

    it('a count suffix is not a duration', () => {
      error('14B', 'days');
      error('14 parsecs', 'days');
    });
  });

  describe('fractions', () => {
    it('40% and 0.4 mean 0.4; 1 is 100%', () => {
      assert.equal(value('40%', 'fraction'), 0.4);
      assert.equal(value('0.4', 'fraction'), 0.4);
      assert.equal(value(0.4, 'fraction'), 0.4);
      assert.equal(value('39.06 %', 'fraction'), 0.3906);
      assert.equal(value(1, 'fraction'), 1);
      assert.equal(value('1', 'fraction'), 1);
    });

    it('only an explicit % is a percentage: a bare 1.5, 40 or 140 is an error that says how to write it', () => {
      for (const raw of [1.5, '1.5', 40, '40', 140]) assert.match(error(raw, 'fraction'), /write 0\.4 or 40%/, String(raw));
      assert.match(error(1.5, 'fraction'), /^1\.5 is above 1/);
      // 140% is a fraction of 1.4, rejected later as an MFU (validate.ts), not re-read as 1.4%.
      assert.equal(value('140%', 'fraction'), 1.4);
    });
  });

  describe('errors', () => {
    it('negative values are errors, as numbers and as text', () => {
      assert.match(error(-5), /negative/);
      assert.match(error('-5'), /negative/);
      assert.match(error('-7B'), /negative/);
      assert.match(error('-$50k', 'usd'), /negative|not a dollar amount/);
      assert.match(error('-3d', 'days'), /negative/);
      assert.match(error('-40%', 'fraction'), /negative/);
    });

    it('garbage, empty text, wrong types and non-finite values are errors with an example', () => {
      assert.match(error('lots'), /not a count \(e\.g\. 7B/);
      assert.match(error(''), /not a count/);
      assert.match(error('7X'), /not a count/);
      assert.match(error('1.2.3'), /not a count/);
      assert.match(error('7BB'), /not a count/);
      assert.match(error('$50k'), /not a count/); // dollars are not a count
      assert.match(error('fifty', 'usd'), /dollar amount \(e\.g\. \$50k/);
      assert.match(error(null), /got null/);
      assert.match(error(true), /got boolean/);
      assert.match(error({ a: 1 }), /got object/);
      assert.match(error([1]), /got object/);
      assert.match(error(undefined), /got undefined/);
      assert.match(error(NaN), /is not a number \(NaN\)/);
      assert.match(error(Infinity), /the value is infinite; a count must be a finite number/);
      assert.match(error(-Infinity), /negative infinite/);
      assert.match(error('1e400'), /"1e400" is infinite/);
      for (const raw of [NaN, Infinity, '1e400']) assert.doesNotMatch(error(raw), /null/, 'never "null" for a non-finite number');
      assert.match(error(BigInt(-5)), /negative/);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      assert.match(error(cyclic), /got object/);
    });

    it('over-long text is refused without a regular-expression blow-up', () => {
      assert.match(error('9'.repeat(10_000)), /too long/);
      assert.match(error(`${'1_'.repeat(40)}1`), /too long/);
    });
  });
});
