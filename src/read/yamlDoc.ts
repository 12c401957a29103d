// Safe YAML access with source ranges. The document is never expanded to plain JS (that is
// where alias bombs explode): lookups walk the AST and follow an alias only to its anchor.

import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Lexer, Parser, visit, YAMLParseError, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { exactKey, keyText, MapEntries, type KeyNormalizer } from './yamlKeys';

export { dashUnderscoreKey, exactKey, MapEntries, type KeyNormalizer } from './yamlKeys';

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

const PARSE_OPTIONS = { strict: false, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;

/**
 * Whether a lexeme is a one-line double-quoted scalar with no escape and no single quote, which
 * reads the same in single quotes (the same value, length and offsets). The yaml library builds a
 * double-quoted value one character at a time, a string of about 32 bytes per character until
 * something flattens it; a single-quoted value is a slice of the text.
 */
const plainDoubleQuoted = (lexeme: string): boolean =>
  lexeme.charCodeAt(0) === 34 && lexeme.length > 2 && lexeme.charCodeAt(lexeme.length - 1) === 34 && !/[\\'\r\n]/.test(lexeme);

/** The lexer's mark before the text of a plain or block scalar, which may itself start with `"`. */
const SCALAR_MARK = '\x1f';

/**
 * The syntax tree of the text's first document, as yaml.parseDocument builds it (the parser's
 * documented loop over the lexer), with double-quoted scalars that can be read in single quotes.
 */
function composeFirst(text: string): Document {
  const parser = new Parser();
  const tokens = (function* () {
    let scalarText = false;
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(!scalarText && plainDoubleQuoted(lexeme) ? `'${lexeme.slice(1, -1)}'` : lexeme);
      scalarText = lexeme === SCALAR_MARK;
    }
    yield* parser.end();
  })();
  let doc: Document | undefined;
  for (const next of new Composer(PARSE_OPTIONS).compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'more than one YAML document (a second `---`); a config is one document'));
      break;
    }
  }
  // compose(…, forceDoc = true) always ends with a document.
  return doc!;
}

export function parseYaml(text: string): ParsedYaml {
  try {
    const doc = composeFirst(text);
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

/**
 * Every alias of a document and the node it names (the last anchor of that name before it), found
 * in one walk. The yaml library's Alias.resolve walks the whole document on every call, which
 * makes a file with many aliases quadratic.
 */
const ALIAS_TARGETS = new WeakMap<Document, Map<Alias, unknown>>();

function aliasTargets(doc: Document): Map<Alias, unknown> {
  let targets = ALIAS_TARGETS.get(doc);
  if (targets) return targets;
  const found = new Map<Alias, unknown>();
  const current = new Map<string, unknown>();
  try {
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) found.set(node, current.get(node.source));
        else {
          const anchor = (node as { anchor?: string }).anchor;
          if (anchor) current.set(anchor, node);
        }
      },
    });
  } catch {
    // A document too deep to walk: its aliases stay unresolved.
  }
  targets = found;
  ALIAS_TARGETS.set(doc, targets);
  return targets;
}

function deref(doc: Document, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < MAX_ALIAS_HOPS && isAlias(n); i++) n = aliasTargets(doc).get(n);
  return isAlias(n) ? undefined : n;
}

function spanOf(node: unknown): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/**
 * One map's keys, indexed once per key normaliser: its own pairs (last one wins, as in YAML
 * loaders), the distinct maps its merge keys (`<<`) name, and the lookups already answered
 * through those merges. Memoised this way, every lookup is linear in the document at worst,
 * whatever the fan-out of the merges (a merge bomb is exponential without it).
 */
interface MapIndex {
  own: Map<string, Pair>;
  sources: YAMLMap[];
  merged: Map<string, Pair | null>;
}

/** Merge chains deeper than this are not followed (no real config nests merges so deep; it bounds the stack). */
const MAX_MERGE_DEPTH = 64;

const INDEXES = new WeakMap<YAMLMap, Map<KeyNormalizer, MapIndex>>();

function indexOf(doc: Document, map: YAMLMap, norm: KeyNormalizer): MapIndex {
  let byNorm = INDEXES.get(map);
  if (!byNorm) INDEXES.set(map, (byNorm = new Map()));
  let ix = byNorm.get(norm);
  if (ix) return ix;
  ix = { own: new Map(), sources: [], merged: new Map() };
  const seen = new Set<YAMLMap>();
  for (const p of map.items) {
    if (!isPair(p)) continue;
    const k = keyText(p);
    if (k === undefined) continue;
    ix.own.set(norm(k), p);
    if (k !== '<<') continue;
    const v = isAlias(p.value) ? deref(doc, p.value) : p.value;
    for (const s of isSeq(v) ? v.items.map((i) => deref(doc, i)) : [v]) {
      if (isMap(s) && s !== map && !seen.has(s)) {
        seen.add(s);
        ix.sources.push(s);
      }
    }
  }
  byNorm.set(norm, ix);
  return ix;
}

/** Find key in a map, following YAML merge keys ("<<": *anchor) when the key is not set directly. */
function findPair(doc: Document, map: YAMLMap, key: string, norm: KeyNormalizer): Pair | undefined {
  const want = norm(key);
  if (map.items.length <= SMALL_MAP && !INDEXES.has(map)) {
    // Small maps without merge keys (nearly every map of a config): a scan is cheaper than an index.
    let found: Pair | undefined;
    let merges = false;
    const items = map.items;
    for (let i = 0; i < items.length; i++) {
      const p = items[i];
      // A plain string key (nearly every key) is compared as is; keyText handles the rest.
      const kv = isScalar(p.key) ? p.key.value : undefined;
      const k = typeof kv === 'string' ? kv : isPair(p) ? keyText(p) : undefined;
      if (k === undefined) continue;
      if (k === '<<') merges = true;
      if ((norm === exactKey ? k : norm(k)) === want) found = p;
    }
    if (!merges || (found && want !== '<<')) return found;
  }
  return lookup(doc, map, want, norm, new Set(), 0);
}

/** Maps up to this many pairs are scanned, not indexed, when they have no merge key. */
const SMALL_MAP = 12;

function lookup(doc: Document, map: YAMLMap, want: string, norm: KeyNormalizer, active: Set<YAMLMap>, depth: number): Pair | undefined {
  const ix = indexOf(doc, map, norm);
  const own = ix.own.get(want);
  if (own && want !== '<<') return own;
  if (!ix.sources.length || want === '<<') return own;
  const memo = ix.merged.get(want);
  if (memo !== undefined) return memo ?? undefined;
  // A map already on the chain (a merge cycle) or a chain too deep adds nothing.
  if (active.has(map) || depth > MAX_MERGE_DEPTH) return undefined;
  active.add(map);
  let hit: Pair | undefined;
  for (const s of ix.sources) {
    hit = lookup(doc, s, want, norm, active, depth + 1);
    if (hit) break;
  }
  active.delete(map);
  ix.merged.set(want, hit ?? null);
  return hit;
}

/** Whether two paths agree on their first n segments. */
function sameStart(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>, n: number): boolean {
  if (a.length !== n) return false;
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** A path prefix that leads nowhere (a missing key, a scalar where a map belongs). */
const NOWHERE = Symbol('nowhere');

export class YamlView {
  /**
   * The node the last path's parent led to: a reader asks for many keys of one block in a row
   * (model.layers, model.d_model, ...), so the block is found once. The document is not changed
   * while a view reads it.
   */
  private parent?: { from: unknown; segs: Array<string | number>; node: unknown };

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
    let i = 0;
    const last = path.length - 1;
    const c = this.parent;
    if (last > 0 && c && c.from === from && sameStart(c.segs, path, last)) {
      if (c.node === NOWHERE) return undefined;
      node = c.node;
      i = last;
    } else if (last > 0) {
      // Found below, once the loop reaches the last segment.
      this.parent = undefined;
    }
    for (; i < path.length; i++) {
      if (i === last && last > 0 && !this.parent) this.parent = { from, segs: path.slice(0, last), node };
      const seg = path[i];
      if (isAlias(node)) node = deref(doc, node);
      if (typeof seg === 'number') {
        if (!isSeq(node)) return this.nowhere(path, i, from);
        node = node.items[seg];
        keySpan = undefined;
      } else {
        if (!isMap(node)) return this.nowhere(path, i, from);
        const p = findPair(doc, node, seg, this.norm);
        if (!p) return this.nowhere(path, i, from);
        keySpan = spanOf(p.key);
        node = p.value;
      }
    }
    return this.hitAt(node, keySpan);
  }

  /** The value of a pair found in a map (see entries), as get would find it at its key. */
  hitOf(pair: Pair): Hit | undefined {
    return this.hitAt(pair.value, spanOf(pair.key));
  }

  private hitAt(node: unknown, keySpan: Span | undefined): Hit | undefined {
    const target = deref(this.parsed.doc!, node);
    const span = spanOf(target) ?? spanOf(node) ?? keySpan;
    if (!span) return undefined;
    // A key with no value (`tokens:`) is null; its span is the key's.
    const scalar = isScalar(target);
    const value = scalar ? target.value : target === null || target === undefined ? null : undefined;
    const source = scalar ? this.parsed.text.slice(span.start, span.end) : '';
    const aliasSpan = isAlias(node) ? spanOf(node) : undefined;
    return { value, source, node: target as Node, span, keySpan, aliasSpan };
  }

  /**
   * The mapping at a path with its own pairs by key, or undefined when the path holds no mapping.
   */
  entries(path: Array<string | number>): MapEntries | undefined {
    const m = path.length ? this.get(path)?.node : this.root;
    return isMap(m) ? this.entriesOfMap(m) : undefined;
  }

  /** entries of the mapping a hit found (undefined when it found none). */
  entriesOf(hit: Hit | undefined): MapEntries | undefined {
    const m = hit?.node;
    return isMap(m) ? this.entriesOfMap(m) : undefined;
  }

  /**
   * Each mapping's entries, taken once for this view (a reader walks a block, then its unknown keys).
   * Kept apart from the lookups' MapIndex: a per-view map is measurably cheaper on every save than the
   * document-wide WeakMap per mapping and normaliser, and most mappings are never looked up by path.
   */
  private readonly taken = new Map<YAMLMap, MapEntries>();

  private entriesOfMap(m: YAMLMap): MapEntries {
    let e = this.taken.get(m);
    if (!e) this.taken.set(m, (e = new MapEntries(m, this.norm)));
    return e;
  }

  /** No node at `path`, having failed at segment i: when that was inside the parent, remember the parent leads nowhere. */
  private nowhere(path: Array<string | number>, i: number, from: unknown): undefined {
    const last = path.length - 1;
    if (i < last) this.parent = { from, segs: path.slice(0, last), node: NOWHERE };
    return undefined;
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

/** Offsets at which each line starts (after every "\n"), for binary search. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

// The last text's line starts: callers convert many offsets of one text in a row.
let cachedText: string | undefined;
let cachedStarts: number[] = [0];

/** Zero-based line and character of an offset (the text's line starts are computed once and kept for the next call). */
export function lineCol(text: string, offset: number): { line: number; character: number } {
  if (text !== cachedText) {
    cachedText = text;
    cachedStarts = lineStarts(text);
  }
  const at = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = cachedStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cachedStarts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - cachedStarts[lo] };
}
