// Human-readable numbers shared by the CLI, hovers, hints and the panel.

const SUFFIXES: Array<[number, string]> = [
  [1e15, 'Q'],
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 1414647808 -> "1.41B"; three significant digits. */
export function fmtCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  for (const [v, s] of SUFFIXES) {
    if (a >= v * 0.9995) return `${sig(n / v)}${s}`;
  }
  return sig(n);
}

function sig(x: number): string {
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) {
    const s = x.toFixed(1);
    return s.endsWith('.0') ? s.slice(0, -2) : s;
  }
  // "1.50" -> "1.5", "1.00" -> "1": trailing zeros of the two decimals, then a bare point (no regular expression: this runs for every count shown).
  let s = x.toFixed(2);
  if (s.endsWith('0')) s = s.slice(0, s.endsWith('00') ? -2 : -1);
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

/** Display currency: prices are kept in USD; `perUsd` converts for display only. */
export interface Money {
  currency: string;
  perUsd: number;
}

export const USD: Money = { currency: 'USD', perUsd: 1 };

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CNY: 'CN¥', INR: '₹', CHF: 'CHF ', CAD: 'CA$', AUD: 'A$', KRW: '₩' };

export function fmtMoney(usd: number, m: Money = USD): string {
  return `${SYMBOLS[m.currency] ?? `${m.currency} `}${fmtCount(usd * m.perUsd)}`;
}

export function fmtUsd(usd: number): string {
  return fmtMoney(usd, USD);
}

export function fmtDays(days: number): string {
  if (days < 1 / 24) return `${(days * 24 * 60).toFixed(0)} min`;
  if (days < 1) return `${(days * 24).toFixed(1)} h`;
  return `${days < 10 ? days.toFixed(1) : days.toFixed(0)} d`;
}

export function fmtFlops(f: number): string {
  return f.toExponential(2).replace('e+', 'e');
}

export function fmtPercent(x: number): string {
  return `${(x * 100).toFixed(0)}%`;
}

export function fmtCo2(kg: number): string {
  return kg >= 1000 ? `${sig(kg / 1000)} tCO2e` : `${sig(kg)} kgCO2e`;
}

export function fmtEnergy(kwh: number): string {
  return kwh >= 1000 ? `${sig(kwh / 1000)} MWh` : `${sig(kwh)} kWh`;
}

/** Largest value with 3 significant digits not above n (a plan file writes it exactly, e.g. 800B). */
export function floor3(n: number): number {
  if (!(n > 0)) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 2);
  return Math.floor(n / unit + 1e-9) * unit;
}

/** "$1.5–$6": the two ends of a range, or undefined when they show as the same value (one catalog price). */
export function fmtSpan(low: number, high: number, f: (x: number) => string): string | undefined {
  const [a, b] = [f(low), f(high)];
  return a === b ? undefined : `${a}–${b}`;
}

/**
 * A P10-P90 range as a compact suffix: "(12–19)" when both ends share the central value's unit,
 * as in "15 d (12–19)"; "($12k–19k)" for money; else both ends in full, "(20 h–1.5 d)". Empty without a range.
 */
export function fmtRange(range: readonly [number, number] | null | undefined, f: (x: number) => string): string {
  if (!range) return '';
  const parts = (s: string) => /^([^\d]*)([\d.,]+)(\s*)(.*)$/.exec(s);
  const [a, b] = [f(range[0]), f(range[1])];
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb || pa[1] !== pb[1] || pa[4] !== pb[4]) return ` (${a}–${b})`;
  // A spaced unit ("12 d") is left to the central value; a glued suffix ("19k") stays on both ends.
  const glued = pa[3] ? '' : pa[4];
  return ` (${pa[1]}${pa[2]}${glued}–${pb[2]}${glued})`;
}
