// Safe YAML access with source ranges. The document is never expanded to plain JS (that is
// where alias bombs explode): lookups walk the tree and follow an alias only to its anchor.
// Texts are read by the compact reader (yamlScan.ts); what it declines, by the yaml library.

import { groupDigits } from '../engine/digits';
import { readWithLibrary } from './yamlFallback';
import { exactKey, keyText, MapEntries, type KeyNormalizer } from './yamlKeys';
import { scanYaml, type Declined } from './yamlScan';
import { NODE_BYTES, NONE, YamlTree, type YamlNode } from './yamlTree';

export { dashUnderscoreKey, exactKey, MapEntries, type KeyNormalizer } from './yamlKeys';
export { NONE, YamlTree, type YamlNode } from './yamlTree';

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
  node: YamlNode;
  span: Span;
  keySpan?: Span;
  /** Where the value was written as an alias (`*name`): the alias itself; `span` is the anchored node. */
  aliasSpan?: Span;
}

export interface ParsedYaml {
  tree: YamlTree | null;
  text: string;
  problems: YamlProblem[];
  /**
   * Why the text is not read, worded for the user: a text over LIBRARY_MAX_CHARS that the compact
   * reader declined, or one of more nodes than its size allows (see TREE_BYTES_PER_CHAR).
   */
  declined?: YamlProblem;
}

/**
 * Texts up to this size that the compact reader declines are read by the yaml library, whose tree
 * costs 20-30 times the text (at this size at most about 1 MB, as TREE_ALLOWANCE_BYTES allows any
 * text); a larger one is not read, and says
 * why and where (`declined`).
 */
export const LIBRARY_MAX_CHARS = 32 * 1024;

/**
 * A tree may hold 3 bytes per character of its text, or 1 MiB whatever the text: every file under
 * the entry limit fits but a few of tens of thousands of very short items (`- a: 1` lines, which
 * would take 8 times their text); past it the text is too complex to analyse.
 */
export const TREE_BYTES_PER_CHAR = 3;
export const TREE_ALLOWANCE_BYTES = 1024 * 1024;

/** Upper bound on alias resolutions for any single lookup chain (guards self-referencing anchors). */
const MAX_ALIAS_HOPS = 32;

export function parseYaml(text: string): ParsedYaml {
  const maxNodes = Math.floor(Math.max(TREE_BYTES_PER_CHAR * text.length, TREE_ALLOWANCE_BYTES) / NODE_BYTES);
  const scanned = scanYaml(text, maxNodes);
  if (scanned instanceof YamlTree) return { tree: scanned, text, problems: [] };
  if (scanned.tooMany || text.length > LIBRARY_MAX_CHARS) return { tree: null, text, problems: [], declined: notRead(text, scanned, maxNodes) };
  return readByLibrary(text);
}

/** Why a text the compact reader declined is not read at all. */
function notRead(text: string, scanned: Declined, maxNodes: number): YamlProblem {
  if (scanned.tooMany) {
    const message = `File is too complex to analyse: more than ${groupDigits(maxNodes)} YAML keys and values in ${groupDigits(Math.ceil(text.length / 1024))} KB (very short items, which would take more than ${TREE_BYTES_PER_CHAR}× the text in memory); not analysed.`;
    return { message, span: { start: 0, end: 0 } };
  }
  const start = Math.min(scanned.offset, Math.max(text.length - 1, 0));
  const line = groupDigits(lineCol(text, start).line + 1);
  const message = `File is too complex to analyse: line ${line} has ${scanned.declined} (only files up to ${LIBRARY_MAX_CHARS / 1024} KB are read as full YAML); not analysed.`;
  return { message, span: { start, end: Math.min(start + 1, text.length) } };
}

/** A text the compact reader declined, read by the yaml library: its tree and its errors. */
function readByLibrary(text: string): ParsedYaml {
  try {
    const { tree, errors } = readWithLibrary(text);
    // At least one character wide, but never past the end of the text (errors at end of input).
    const problems = errors.map((e) => {
      const start = Math.min(e.start, text.length);
      return { message: e.message, span: { start, end: Math.min(Math.max(e.end, start + 1), Math.max(text.length, start)) } };
    });
    return { tree, text, problems };
  } catch (e) {
    return { tree: null, text, problems: [{ message: `YAML could not be read: ${(e as Error).message}`, span: { start: 0, end: 1 } }] };
  }
}

function deref(tree: YamlTree, node: YamlNode): YamlNode {
  let n = node;
  for (let i = 0; i < MAX_ALIAS_HOPS && tree.isAlias(n); i++) n = tree.target(n);
  return tree.isAlias(n) ? NONE : n;
}

function spanOf(tree: YamlTree, node: YamlNode): Span | undefined {
  return node === NONE ? undefined : { start: tree.start(node), end: tree.end(node) };
}

/**
 * One map's keys, indexed once per key normaliser: its own pairs (last one wins, as in YAML
 * loaders), the distinct maps its merge keys (`<<`) name, and the lookups already answered
 * through those merges. Memoised this way, every lookup is linear in the document at worst,
 * whatever the fan-out of the merges (a merge bomb is exponential without it). A pair is its key node.
 */
interface MapIndex {
  own: Map<string, YamlNode>;
  sources: YamlNode[];
  merged: Map<string, YamlNode | null>;
}

/** Merge chains deeper than this are not followed (no real config nests merges so deep; it bounds the stack). */
const MAX_MERGE_DEPTH = 64;

const INDEXES = new WeakMap<YamlTree, Map<YamlNode, Map<KeyNormalizer, MapIndex>>>();

function indexesOf(tree: YamlTree): Map<YamlNode, Map<KeyNormalizer, MapIndex>> {
  let m = INDEXES.get(tree);
  if (!m) INDEXES.set(tree, (m = new Map()));
  return m;
}

function indexOf(tree: YamlTree, map: YamlNode, norm: KeyNormalizer): MapIndex {
  const all = indexesOf(tree);
  let byNorm = all.get(map);
  if (!byNorm) all.set(map, (byNorm = new Map()));
  let ix = byNorm.get(norm);
  if (ix) return ix;
  ix = { own: new Map(), sources: [], merged: new Map() };
  const seen = new Set<YamlNode>();
  for (let k = tree.first(map); k !== NONE; k = tree.nextPair(k)) {
    const text = keyText(tree, k);
    if (text === undefined) continue;
    ix.own.set(norm(text), k);
    if (text !== '<<') continue;
    const v = deref(tree, tree.next(k));
    for (const s of tree.isSeq(v) ? tree.children(v).map((i) => deref(tree, i)) : [v]) {
      if (tree.isMap(s) && s !== map && !seen.has(s)) {
        seen.add(s);
        ix.sources.push(s);
      }
    }
  }
  byNorm.set(norm, ix);
  return ix;
}

/** Maps up to this many pairs are scanned, not indexed, when they have no merge key. */
const SMALL_MAP = 12;

/** Find key in a map (its key node), following YAML merge keys ("<<": *anchor) when the key is not set directly. */
function findPair(tree: YamlTree, map: YamlNode, key: string, norm: KeyNormalizer): YamlNode {
  const want = norm(key);
  if (!indexesOf(tree).has(map)) {
    // Small maps without merge keys (nearly every map of a config): a scan is cheaper than an index.
    let found = NONE;
    let merges = false;
    let pairs = 0;
    for (let k = tree.first(map); k !== NONE && pairs <= SMALL_MAP; k = tree.nextPair(k), pairs++) {
      const text = keyText(tree, k);
      if (text === undefined) continue;
      if (text === '<<') merges = true;
      if ((norm === exactKey ? text : norm(text)) === want) found = k;
    }
    if (pairs <= SMALL_MAP && (!merges || (found !== NONE && want !== '<<'))) return found;
  }
  return lookup(tree, map, want, norm, new Set(), 0);
}

function lookup(tree: YamlTree, map: YamlNode, want: string, norm: KeyNormalizer, active: Set<YamlNode>, depth: number): YamlNode {
  const ix = indexOf(tree, map, norm);
  const own = ix.own.get(want) ?? NONE;
  if (own !== NONE && want !== '<<') return own;
  if (!ix.sources.length || want === '<<') return own;
  const memo = ix.merged.get(want);
  if (memo !== undefined) return memo ?? NONE;
  // A map already on the chain (a merge cycle) or a chain too deep adds nothing.
  if (active.has(map) || depth > MAX_MERGE_DEPTH) return NONE;
  active.add(map);
  let hit = NONE;
  for (const s of ix.sources) {
    hit = lookup(tree, s, want, norm, active, depth + 1);
    if (hit !== NONE) break;
  }
  active.delete(map);
  ix.merged.set(want, hit === NONE ? null : hit);
  return hit;
}

/** Whether two paths agree on their first n segments. */
function sameStart(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>, n: number): boolean {
  if (a.length !== n) return false;
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** A path prefix that leads nowhere (a missing key, a scalar where a map belongs). */
const NOWHERE = -2;

export class YamlView {
  /**
   * The node the last path's parent led to: a reader asks for many keys of one block in a row
   * (model.layers, model.d_model, ...), so the block is found once. The tree is not changed
   * while a view reads it.
   */
  private parent?: { from: YamlNode; segs: Array<string | number>; node: YamlNode };
  private readonly tree: YamlTree | null;

  constructor(
    readonly parsed: ParsedYaml,
    readonly norm: KeyNormalizer = exactKey,
  ) {
    this.tree = parsed.tree;
  }

  get root(): YamlNode {
    return this.tree ? deref(this.tree, this.tree.root) : NONE;
  }

  /** The node at a key path (strings are map keys, numbers sequence indexes). */
  get(path: Array<string | number>, from: YamlNode = this.root): Hit | undefined {
    const tree = this.tree;
    if (!tree) return undefined;
    let node = from;
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
      node = deref(tree, node);
      if (typeof seg === 'number') {
        if (!tree.isSeq(node)) return this.nowhere(path, i, from);
        node = itemAt(tree, node, seg);
        if (node === NONE) return undefined;
        keySpan = undefined;
      } else {
        if (!tree.isMap(node)) return this.nowhere(path, i, from);
        const k = findPair(tree, node, seg, this.norm);
        if (k === NONE) return this.nowhere(path, i, from);
        keySpan = spanOf(tree, k);
        node = tree.next(k);
      }
    }
    return this.hitAt(node, keySpan);
  }

  /** The value of a pair found in a map (see entries; a pair is its key node), as get would find it at its key. */
  hitOf(pair: YamlNode): Hit | undefined {
    return this.tree ? this.hitAt(this.tree.next(pair), spanOf(this.tree, pair)) : undefined;
  }

  private hitAt(node: YamlNode, keySpan: Span | undefined): Hit | undefined {
    const tree = this.tree!;
    const target = deref(tree, node);
    const span = spanOf(tree, target) ?? spanOf(tree, node) ?? keySpan;
    if (!span) return undefined;
    const scalar = tree.isScalar(target);
    const value = scalar ? tree.value(target) : target === NONE ? null : undefined;
    const source = scalar ? this.parsed.text.slice(span.start, span.end) : '';
    const aliasSpan = tree.isAlias(node) ? spanOf(tree, node) : undefined;
    return { value, source, node: target, span, keySpan, aliasSpan };
  }

  /**
   * The mapping at a path with its own pairs by key, or undefined when the path holds no mapping.
   */
  entries(path: Array<string | number>): MapEntries | undefined {
    const m = path.length ? (this.get(path)?.node ?? NONE) : this.root;
    return this.tree?.isMap(m) ? this.entriesOfMap(m) : undefined;
  }

  /** entries of the mapping a hit found (undefined when it found none). */
  entriesOf(hit: Hit | undefined): MapEntries | undefined {
    const m = hit?.node ?? NONE;
    return this.tree?.isMap(m) ? this.entriesOfMap(m) : undefined;
  }

  /**
   * Each mapping's entries, taken once for this view (a reader walks a block, then its unknown keys).
   * Kept apart from the lookups' MapIndex: a per-view map is measurably cheaper on every save than the
   * document-wide index per mapping and normaliser, and most mappings are never looked up by path.
   */
  private readonly taken = new Map<YamlNode, MapEntries>();

  private entriesOfMap(m: YamlNode): MapEntries {
    let e = this.taken.get(m);
    if (!e) this.taken.set(m, (e = new MapEntries(this.tree!, m, this.norm)));
    return e;
  }

  /** No node at `path`, having failed at segment i: when that was inside the parent, remember the parent leads nowhere. */
  private nowhere(path: Array<string | number>, i: number, from: YamlNode): undefined {
    const last = path.length - 1;
    if (i < last) this.parent = { from, segs: path.slice(0, last), node: NOWHERE };
    return undefined;
  }

  has(path: Array<string | number>): boolean {
    return this.get(path) !== undefined;
  }

  /** Keys of the map at a path (normalised). */
  keys(path: Array<string | number> = []): string[] {
    const tree = this.tree;
    if (!tree) return [];
    const m = path.length ? (this.get(path)?.node ?? NONE) : this.root;
    if (!tree.isMap(m)) return [];
    const out: string[] = [];
    for (let k = tree.first(m); k !== NONE; k = tree.nextPair(k)) {
      const text = keyText(tree, k);
      if (text !== undefined) out.push(this.norm(text));
    }
    return out;
  }

  isMap(path: Array<string | number>): boolean {
    return !!this.tree && this.tree.isMap(this.get(path)?.node ?? NONE);
  }

  /** Whether a hit found a sequence. */
  isSeqHit(hit: Hit): boolean {
    return !!this.tree && this.tree.isSeq(hit.node);
  }

  /** The tag a hit's node was written with (`tag:yaml.org,2002:str` for `!!str`), if any. */
  tagOf(hit: Hit): string | undefined {
    return this.tree?.tag(hit.node);
  }

  /** The anchor a hit's node was written with (`&name`), if any. */
  anchorOf(hit: Hit): string | undefined {
    return this.tree?.anchor(hit.node);
  }

  /** The items of a sequence a hit found, each as a hit (undefined when it found no sequence). */
  itemsOf(hit: Hit): Hit[] | undefined {
    const tree = this.tree;
    if (!tree || !tree.isSeq(hit.node)) return undefined;
    const out: Hit[] = [];
    for (let i = tree.first(hit.node); i !== NONE; i = tree.next(i)) {
      const h = this.hitAt(i, undefined);
      if (h) out.push(h);
    }
    return out;
  }

  /** The first key of a mapping a hit found, as written (`- model: gpt` in a Hydra defaults list). */
  firstKeyOf(hit: Hit): string | undefined {
    const tree = this.tree;
    if (!tree || !tree.isMap(hit.node)) return undefined;
    const k = tree.first(hit.node);
    return k === NONE ? undefined : keyText(tree, k);
  }

  /** Sequence of scalar values at a path. */
  scalars(path: Array<string | number>): string[] {
    const h = this.get(path);
    return h ? (this.itemsOf(h)?.filter((i) => this.tree!.isScalar(i.node)).map((i) => String(i.value)) ?? []) : [];
  }
}

/** A sequence's item at an index, or NONE. */
function itemAt(tree: YamlTree, seq: YamlNode, index: number): YamlNode {
  if (index < 0 || !Number.isInteger(index)) return NONE;
  let i = tree.first(seq);
  for (let k = 0; k < index && i !== NONE; k++) i = tree.next(i);
  return i;
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
