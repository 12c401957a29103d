// Write a new number in the style the user wrote the old one: "20B" stays a suffix,
// "2e21" stays scientific, "300_000_000" keeps its separators, quotes stay quotes.

const SUFFIX_SCALES: Array<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

function sig(x: number, digits = 3): string {
  if (x === 0) return '0';
  const s = Number(x.toPrecision(digits));
  return String(s);
}

function group(n: number, sep: string): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export function formatLike(original: string, value: number, opts: { integer?: boolean } = {}): string {
  let text = original.trim();
  let quote = '';
  if (/^(['"]).*\1$/.test(text)) {
    quote = text[0];
    text = text.slice(1, -1).trim();
  }
  const wrap = (s: string): string => `${quote}${s}${quote}`;
  const integer = opts.integer ?? true;

  const suffixed = /^\$?\s*[\d.]+\s*([kKmMbBgGtT])$/.exec(text);
  if (suffixed) {
    const dollar = text.startsWith('$') ? '$' : '';
    const lower = suffixed[1] === suffixed[1].toLowerCase();
    const wantG = /[gG]/.test(suffixed[1]);
    for (const [scale, s] of SUFFIX_SCALES) {
      if (Math.abs(value) >= scale) {
        let suffix = wantG && s === 'B' ? 'G' : s;
        if (lower) suffix = suffix.toLowerCase();
        return wrap(`${dollar}${sig(value / scale)}${suffix}`);
      }
    }
    return wrap(`${dollar}${integer ? Math.round(value) : sig(value, 4)}`);
  }
  const sci = /^[+-]?[\d.]+([eE])([+-]?)\d+$/.exec(text);
  if (sci) {
    const [m, e] = value.toExponential(2).split('e');
    const mant = String(Number(m));
    const exp = Number(e);
    return wrap(`${mant}${sci[1]}${exp < 0 ? '-' : sci[2] === '+' ? '+' : ''}${Math.abs(exp)}`);
  }
  if (/^\d{1,3}(_\d{3})+$/.test(text)) return wrap(group(value, '_'));
  if (/^\d{1,3}(,\d{3})+$/.test(text)) return wrap(group(value, ','));
  if (/^\d+\.\d+$/.test(text) && !integer) return wrap(sig(value, 4));
  // Plain integers, and anything unrecognised: a plain integer (or short decimal) is always valid YAML.
  if (integer) {
    const r = Math.round(value);
    return wrap(r >= 1e21 ? value.toExponential(3).replace('e+', 'e') : String(r));
  }
  return wrap(sig(value, 4));
}
