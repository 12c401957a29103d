// Numbers as people write them in configs: 7B, 1.4T, 300_000_000, 2e21, $50k, 14d, 40%.

export type QuantityKind = 'count' | 'usd' | 'days' | 'fraction' | 'number';

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

const SCALE: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  m: 1e6,
  M: 1e6,
  b: 1e9,
  B: 1e9,
  g: 1e9,
  G: 1e9,
  t: 1e12,
  T: 1e12,
  q: 1e15,
  Q: 1e15,
};

const DAYS: Record<string, number> = {
  s: 1 / 86400, sec: 1 / 86400, secs: 1 / 86400, second: 1 / 86400, seconds: 1 / 86400,
  min: 1 / 1440, mins: 1 / 1440, minute: 1 / 1440, minutes: 1 / 1440,
  h: 1 / 24, hr: 1 / 24, hrs: 1 / 24, hour: 1 / 24, hours: 1 / 24,
  d: 1, day: 1, days: 1,
  w: 7, wk: 7, week: 7, weeks: 7,
  mo: 30, month: 30, months: 30,
};

const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const PLAIN = new RegExp(`^(${NUM})$`);
const SUFFIXED = new RegExp(`^(${NUM})\\s*([kKmMbBgGtTqQ])$`);
const WITH_UNIT = new RegExp(`^(${NUM})\\s*([a-zA-Z]+)$`);

/** A run of digits with commas: only proper thousands groups ("1,000,000") are separators. */
const COMMA_RUN = /\d[\d,]*\d/g;
const THOUSANDS = /^\d{1,3}(?:,\d{3})+$/;
/** A comma, underscore or space between characters: the only text stripGroups changes. */
const GROUP_CHAR = /[,_ ]/;

/**
 * Remove digit-group separators: "300_000_000", "1,000,000", "1 000". Undefined when a comma is
 * not a thousands separator ("1,5B" is a decimal comma or a typo, never 15B).
 */
function stripGroups(s: string): string | undefined {
  if (!GROUP_CHAR.test(s)) return s; // nearly every value: nothing to strip
  let bad = false;
  const commas = s.replace(COMMA_RUN, (run, at: number) => {
    if (!run.includes(',')) return run;
    // Groups after a decimal point ("1.000,5") are not thousands either.
    if (!THOUSANDS.test(run) || s[at - 1] === '.') bad = true;
    return run.replace(/,/g, '');
  });
  if (bad) return undefined;
  return commas.replace(/(\d)_(?=\d)/g, '$1').replace(/(\d) (?=\d{3}\b)/g, '$1');
}

function describe(raw: unknown): string {
  let s: string | undefined;
  try {
    s = typeof raw === 'string' ? raw : typeof raw === 'bigint' ? String(raw) : JSON.stringify(raw);
  } catch {
    s = undefined; // cyclic or otherwise unserialisable values
  }
  if (s === undefined) return typeof raw === 'object' || typeof raw === 'function' ? typeof raw : String(raw);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function finite(value: number, raw: unknown, kind: QuantityKind): Parsed {
  // JSON.stringify would print Infinity and NaN as "null": name them.
  if (Number.isNaN(value)) return { ok: false, error: `${typeof raw === 'string' ? `"${describe(raw)}"` : 'the value'} is not a number (NaN); a ${kindName(kind)} must be a finite number` };
  if (!Number.isFinite(value)) {
    // Quote what the file wrote ("1e400", ".inf"); a bare number (already read) is named, not spelt as YAML.
    const what = typeof raw === 'string' ? `"${describe(raw)}" is infinite${YAML_SPECIAL.test(raw.trim()) ? '' : ' (beyond the largest number)'}` : `the value is ${value < 0 ? 'negative ' : ''}infinite`;
    return { ok: false, error: `${what}; a ${kindName(kind)} must be a finite number` };
  }
  if (value < 0) return { ok: false, error: `${describe(raw)} is negative; a ${kindName(kind)} cannot be` };
  return { ok: true, value };
}

function kindName(kind: QuantityKind): string {
  return { count: 'count', usd: 'dollar amount', days: 'duration', fraction: 'fraction', number: 'value' }[kind];
}

function example(kind: QuantityKind): string {
  return {
    count: 'e.g. 7B, 1.4T, 300_000_000 or 2e21',
    usd: 'e.g. $50k, 1.2M or 50000',
    days: 'e.g. 14d, 36h, 2w or 14',
    fraction: 'write 0.4 or 40%',
    number: 'a number',
  }[kind];
}

/** YAML's spellings of infinity and NaN (`.inf`, `-.Inf`, `.NaN`), as text. */
const YAML_SPECIAL = /^[-+]?\.(inf|nan)$/i;

export function parseQuantity(raw: unknown, kind: QuantityKind = 'count'): Parsed {
  if (typeof raw === 'number') {
    // Only an explicit "%" means percent: a bare 1.5 is neither 150% nor 1.5%.
    if (kind === 'fraction' && raw > 1 && Number.isFinite(raw)) return { ok: false, error: `${raw} is above 1; a fraction is written as a decimal or a percentage: write 0.4 or 40%` };
    return finite(raw, raw, kind);
  }
  if (typeof raw === 'bigint') return finite(Number(raw), raw, kind);
  if (typeof raw !== 'string') {
    return { ok: false, error: `expected a ${kindName(kind)} (${example(kind)}), got ${raw === null ? 'null' : typeof raw}` };
  }
  const special = YAML_SPECIAL.exec(raw.trim());
  if (special) return finite(special[1].toLowerCase() === 'nan' ? NaN : raw.trim().startsWith('-') ? -Infinity : Infinity, raw, kind);
  if (raw.length > 64) return { ok: false, error: `"${describe(raw)}" is too long to be a ${kindName(kind)}` };
  const grouped = stripGroups(raw.trim());
  if (grouped === undefined) {
    return { ok: false, error: `"${describe(raw)}" has a comma that is not a thousands separator (write 1.5B or 1,500,000,000)` };
  }
  let s = grouped;
  if (kind === 'usd') {
    s = s.replace(/^\$\s*/, '').replace(/\s*(usd|dollars?)$/i, '').trim();
  }
  if (kind === 'fraction' && s.endsWith('%')) {
    const m = PLAIN.exec(s.slice(0, -1).trim());
    if (m) return finite(Number(m[1]) / 100, raw, kind);
  }
  let m = PLAIN.exec(s);
  if (m) {
    const v = Number(m[1]);
    return Number.isFinite(v) ? parseQuantity(v, kind) : finite(v, raw, kind);
  }
  if (kind === 'days') {
    m = WITH_UNIT.exec(s);
    if (m && DAYS[m[2].toLowerCase()] !== undefined) return finite(Number(m[1]) * DAYS[m[2].toLowerCase()], raw, kind);
  } else {
    m = SUFFIXED.exec(s);
    if (m) return finite(Number(m[1]) * SCALE[m[2]], raw, kind);
  }
  return { ok: false, error: `"${describe(raw)}" is not a ${kindName(kind)} (${example(kind)})` };
}
