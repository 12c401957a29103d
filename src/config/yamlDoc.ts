// Safe YAML access with source ranges. The document is never expanded to plain JS (that is
// where alias bombs explode): lookups walk the AST and follow an alias only to its anchor.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export interface Span {
  start: number;
  end: number;
}

export interface YamlProblem {
  message: string;
  span: Span;
}

export interface Hit {
  /** Scalar JS value (string, number, boolean, null); undefined for maps and sequences. */
  value: unknown;
  /** Source text of a scalar exactly as written (keeps "20B", "300_000_000"). */
  source: string;
  node: Node;
  span: Span;
  keySpan?: Span;
  /** Where the value was written as an alias (`*name`): the alias itself; `span` is the anchored node. */
  aliasSpan?: Span;
}

export interface ParsedYaml {
  doc: Document | null;
  text: string;
  problems: YamlProblem[];
}

/** Upper bound on alias resolutions for any single lookup chain (guards self-referencing anchors). */
const MAX_ALIAS_HOPS = 32;

export function parseYaml(text: string): ParsedYaml {
  try {
    const doc = parseDocument(text, { strict: false, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
    // At least one character wide, but never past the end of the text (errors at end of input).
    const problems = doc.errors.map((e) => {
      const start = Math.min(e.pos[0], text.length);
      return { message: e.message.split('\n')[0], span: { start, end: Math.min(Math.max(e.pos[1], start + 1), Math.max(text.length, start)) } };
    });
    return { doc, text, problems };
  } catch (e) {
    return { doc: null, text, problems: [{ message: `YAML could not be read: ${(e as Error).message}`, span: { start: 0, end: 1 } }] };
  }
}

function deref(doc: Document, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < MAX_ALIAS_HOPS && isAlias(n); i++) {
    try {
      n = (n as { resolve(d: Document): unknown }).resolve(doc);
    } catch {
      return undefined;
    }
  }
  return isAlias(n) ? undefined : n;
}

export type KeyNormalizer = (k: string) => string;
export const exactKey: KeyNormalizer = (k) => k;
/** GPT-NeoX treats "-" and "_" in keys alike. */
export const dashUnderscoreKey: KeyNormalizer = (k) => k.replace(/-/g, '_');

function keyText(p: Pair): string | undefined {
  const k = p.key;
  if (isScalar(k)) return String(k.value);
  if (typeof k === 'string' || typeof k === 'number') return String(k);
  return undefined;
}

function spanOf(node: unknown): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** Find key in a map, following YAML merge keys ("<<": *anchor) when the key is not set directly. */
function findPair(doc: Document, map: YAMLMap, key: string, norm: KeyNormalizer, depth = 0): Pair | undefined {
  const want = norm(key);
  let found: Pair | undefined;
  for (const p of map.items) {
    if (isPair(p) && keyText(p) !== undefined && norm(keyText(p)!) === want) found = p; // last one wins, as in YAML loaders
  }
  if (found || depth > 8) return found;
  for (const p of map.items) {
    if (!isPair(p) || keyText(p) !== '<<') continue;
    const v = isAlias(p.value) ? deref(doc, p.value) : p.value;
    const sources = isSeq(v) ? v.items.map((i) => deref(doc, i)) : [v];
    for (const s of sources) {
      if (isMap(s)) {
        const hit = findPair(doc, s, key, norm, depth + 1);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

export class YamlView {
  constructor(
    readonly parsed: ParsedYaml,
    readonly norm: KeyNormalizer = exactKey,
  ) {}

  get root(): unknown {
    return this.parsed.doc ? deref(this.parsed.doc, this.parsed.doc.contents) : undefined;
  }

  /** The node at a key path (strings are map keys, numbers sequence indexes). */
  get(path: Array<string | number>, from: unknown = this.root): Hit | undefined {
    const doc = this.parsed.doc;
    if (!doc) return undefined;
    let node: unknown = from;
    let keySpan: Span | undefined;
    for (const seg of path) {
      node = deref(doc, node);
      if (typeof seg === 'number') {
        if (!isSeq(node)) return undefined;
        node = node.items[seg];
        keySpan = undefined;
      } else {
        if (!isMap(node)) return undefined;
        const p = findPair(doc, node, seg, this.norm);
        if (!p) return undefined;
        keySpan = spanOf(p.key);
        node = p.value;
      }
    }
    const target = deref(doc, node);
    const span = spanOf(target) ?? spanOf(node) ?? keySpan;
    if (!span) return undefined;
    // A key with no value (`tokens:`) is null; its span is the key's.
    const value = isScalar(target) ? target.value : target === null || target === undefined ? null : undefined;
    const source = isScalar(target) ? this.parsed.text.slice(span.start, span.end) : '';
    const aliasSpan = isAlias(node) ? spanOf(node) : undefined;
    return { value, source, node: target as Node, span, keySpan, aliasSpan };
  }

  has(path: Array<string | number>): boolean {
    return this.get(path) !== undefined;
  }

  /** Keys of the map at a path (normalised). */
  keys(path: Array<string | number> = []): string[] {
    const doc = this.parsed.doc;
    if (!doc) return [];
    const node = path.length ? this.get(path)?.node : this.root;
    const m = deref(doc, node);
    if (!isMap(m)) return [];
    return m.items.filter(isPair).map((p) => keyText(p)).filter((k): k is string => k !== undefined).map(this.norm);
  }

  isMap(path: Array<string | number>): boolean {
    const doc = this.parsed.doc;
    return !!doc && isMap(deref(doc, this.get(path)?.node));
  }

  /** Sequence of scalar values at a path. */
  scalars(path: Array<string | number>): string[] {
    const doc = this.parsed.doc;
    const n = doc ? deref(doc, this.get(path)?.node) : undefined;
    if (!doc || !isSeq(n)) return [];
    return n.items.map((i) => deref(doc, i)).filter(isScalar).map((s) => String(s.value));
  }
}

/** Zero-based line and character of an offset. */
export function lineCol(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, character: offset - last - 1 };
}
