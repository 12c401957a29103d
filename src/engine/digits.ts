// Digit grouping without Intl: `toLocaleString('en-US')` loads ICU's locale data on first use,
// which costs a CLI start about 15-20 ms of CPU. Same output as it for every number.

/** 1414647808 -> "1,414,647,808", exactly as `n.toLocaleString('en-US')` writes it. */
export function groupDigits(n: number): string {
  // Fractions (rounded by ICU's rules) are rare in reports: leave them to the locale formatter.
  if (!Number.isInteger(n)) return Number.isNaN(n) ? 'NaN' : n === Infinity ? '∞' : n === -Infinity ? '-∞' : n.toLocaleString('en-US');
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const digits = integerDigits(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = (end > 3 ? ',' : '') + digits.slice(Math.max(0, end - 3), end) + out;
  return sign + out;
}

/** The decimal digits of a whole number, from its shortest form (1e+21 -> "1" and 21 zeros). */
function integerDigits(a: number): string {
  const s = String(a);
  const e = s.indexOf('e+');
  if (e < 0) return s;
  const mantissa = s.slice(0, e).replace('.', '');
  return mantissa + '0'.repeat(Number(s.slice(e + 2)) - (mantissa.length - 1));
}
