// Scalar values as a YAML 1.2 loader with the core schema gives them (the yaml library's default:
// its core-schema tags, tested in the same order), decoded from a scalar's source text.

/** A plain scalar's value: null, boolean, integer, float, or the text itself. */
export function plainValue(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most plain scalars are words: a first character no number, null or boolean starts with.
  const maybeKeyword = c === 126 /* ~ */ || c === 110 || c === 78 /* n N */ || c === 116 || c === 84 /* t T */ || c === 102 || c === 70; /* f F */
  const maybeNumber = (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46; /* 0-9 - + . */
  if (s.length === 0) return null;
  if (!maybeKeyword && !maybeNumber) return s;
  if (maybeKeyword) {
    if (/^(?:~|[Nn]ull|NULL)$/.test(s)) return null;
    if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
    if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
    return s;
  }
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/**
 * A flow scalar's text over several lines as one string (YAML 1.2 §6.5, line folding): the blanks
 * around each line break go, a single break becomes a space, and each empty line a line feed.
 */
export function foldLines(s: string): string {
  if (!s.includes('\n')) return s;
  const lines = s.split('\n');
  const last = lines.length - 1;
  let out = lines[0].replace(/[ \t\r]+$/, '');
  let empties = 0;
  for (let k = 1; k <= last; k++) {
    const line = k === last ? lines[k].replace(/^[ \t]+/, '') : lines[k].replace(/^[ \t]+|[ \t\r]+$/g, '');
    if (line === '' && k < last) {
      empties++;
      continue;
    }
    out += (empties ? '\n'.repeat(empties) : ' ') + line;
    empties = 0;
  }
  return out;
}

/** A single-quoted scalar (`'it''s'`): the text between the quotes, folded, `''` read as `'`. */
export function singleQuotedValue(text: string, start: number, end: number): string {
  const inner = foldLines(text.slice(start + 1, end - 1));
  return inner.includes("''") ? inner.replace(/''/g, "'") : inner;
}

/** What each one-character escape of a double-quoted scalar stands for (YAML 1.2 §5.7). */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** How many hex digits follow each numeric escape. */
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Where a double-quoted scalar's escape at `i` (the backslash) ends, or -1 when it is not a valid
 * escape (then the text is not read by the compact reader: the yaml library words the error).
 */
export function escapeEnd(text: string, i: number): number {
  const c = text[i + 1];
  if (c === undefined) return -1;
  if (ESCAPES[c] !== undefined) return i + 2;
  const digits = HEX_ESCAPES[c];
  if (!digits) return -1;
  const hex = text.slice(i + 2, i + 2 + digits);
  if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) return -1;
  return parseInt(hex, 16) > 0x10ffff ? -1 : i + 2 + digits;
}

/**
 * A double-quoted scalar's value, escapes decoded (the scan has checked every escape, and leaves
 * one with escapes over several lines to the yaml library), folded.
 */
export function doubleQuotedValue(text: string, start: number, end: number): string {
  const inner = foldLines(text.slice(start + 1, end - 1));
  if (!inner.includes('\\')) return inner;
  let out = '';
  let i = 0;
  while (i < inner.length) {
    const b = inner.indexOf('\\', i);
    if (b < 0) break;
    out += inner.slice(i, b);
    const c = inner[b + 1];
    const digits = HEX_ESCAPES[c];
    if (digits) {
      out += String.fromCodePoint(parseInt(inner.slice(b + 2, b + 2 + digits), 16));
      i = b + 2 + digits;
    } else {
      out += ESCAPES[c] ?? c;
      i = b + 2;
    }
  }
  return out + inner.slice(i);
}

/** Block scalar header flags, as the scan reads them and the value needs them. */
export const BLOCK_FOLDED = 1;
export const BLOCK_STRIP = 2;
export const BLOCK_KEEP = 4;

/**
 * A block scalar's value (`|` literal or `>` folded, YAML 1.2 §8.1): `start` is its indicator,
 * `end` the end of its last line, `info` the content indentation << 3 with the header flags.
 */
export function blockScalarValue(text: string, start: number, end: number, info: number): string {
  const indent = info >> 3;
  const folded = (info & BLOCK_FOLDED) !== 0;
  const headerEnd = text.indexOf('\n', start);
  const body = headerEnd < 0 || headerEnd >= end ? '' : text.slice(headerEnd + 1, end);
  const lines = body.split('\n');
  // The text after the last line break is not a line of the scalar (it ends at a line's end).
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const content = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)).map((l) => (l.length <= indent && l.trim() === '' ? '' : l.slice(indent)));
  let last = content.length - 1;
  while (last >= 0 && content[last] === '') last--;
  const trailing = content.length - 1 - last;
  let out = '';
  if (!folded) out = content.slice(0, last + 1).join('\n');
  else {
    let prevNormal = false;
    let breaks = 0;
    let started = false;
    for (let k = 0; k <= last; k++) {
      const line = content[k];
      if (line === '') {
        breaks++;
        continue;
      }
      const more = line[0] === ' ' || line[0] === '\t';
      if (!started) out += '\n'.repeat(breaks);
      else if (prevNormal && !more) out += breaks ? '\n'.repeat(breaks) : ' ';
      else out += '\n'.repeat(breaks + 1);
      out += line;
      started = true;
      prevNormal = !more;
      breaks = 0;
    }
  }
  if (info & BLOCK_STRIP) return out;
  if (last < 0) return info & BLOCK_KEEP ? '\n'.repeat(trailing) : '';
  return info & BLOCK_KEEP ? `${out}\n${'\n'.repeat(trailing)}` : `${out}\n`;
}
