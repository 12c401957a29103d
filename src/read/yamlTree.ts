// A YAML document as a compact tree: five 32-bit numbers per node in one typed array, with the
// text. Scalar values are decoded from the text when asked for, so a document costs a few times
// its text at most (the yaml library's node objects cost 20-30 times the text of a typical config).

import { blockScalarValue, doubleQuotedValue, foldLines, plainValue, singleQuotedValue } from './yamlScalars';

/** A node of a tree: its index, or NONE. */
export type YamlNode = number;
export const NONE: YamlNode = -1;

export const enum Kind {
  Map = 1,
  Seq = 2,
  Scalar = 3,
  Alias = 4,
}

export const enum Style {
  Plain = 0,
  Single = 1,
  Double = 2,
  Literal = 3,
  Folded = 4,
}

// Node fields: info (kind | style << 3 | a block scalar's indent and header flags << 6), start, end,
// next sibling, and a collection's first child or an alias's target.
const INFO = 0;
const START = 1;
const END = 2;
const NEXT = 3;
const FIRST = 4;
const WIDTH = 5;
/** What a node costs in memory. */
export const NODE_BYTES = WIDTH * 4;
/** Nodes are kept in chunks of this many (40 KB), so a growing tree never copies what it holds. */
const SHIFT = 11;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/** The full name of `!!str`, the one tag the compact reader reads. */
export const STR_TAG = 'tag:yaml.org,2002:str';

/** Thrown by add when a tree would pass the node limit it was made with. */
export class TooManyNodes extends Error {}

export class YamlTree {
  /** The first chunk starts small and doubles up to CHUNK nodes; the rest are whole chunks. */
  private readonly chunks: Int32Array[] = [new Int32Array(16 * WIDTH)];
  private count = 0;
  // Made on first use: most configs have no anchor or tag.
  private anchors?: Map<YamlNode, string>;
  private tags?: Map<YamlNode, string>;
  /** Values given as they are (a tree made from the yaml library's document), not decoded from the text. */
  private given?: Map<YamlNode, unknown>;
  root: YamlNode = NONE;

  constructor(
    readonly text: string,
    private readonly maxNodes = Infinity,
  ) {}

  /** A new node; its end and links are set as the parse reaches them. */
  add(kind: Kind, start: number, style: Style = Style.Plain, indent = 0): YamlNode {
    if (this.count >= this.maxNodes) throw new TooManyNodes();
    const n = this.count++;
    const c = n >> SHIFT;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(CHUNK * WIDTH));
    else if (c === 0 && (n + 1) * WIDTH > this.chunks[0].length) {
      const grown = new Int32Array(this.chunks[0].length * 2);
      grown.set(this.chunks[0]);
      this.chunks[0] = grown;
    }
    const d = this.chunks[c];
    const at = (n & MASK) * WIDTH;
    d[at + INFO] = kind | (style << 3) | (indent << 6);
    d[at + START] = start;
    d[at + END] = start;
    d[at + NEXT] = NONE;
    d[at + FIRST] = NONE;
    return n;
  }

  setEnd(n: YamlNode, end: number): void {
    this.set(n, END, end);
  }

  /** Links `child` after `prev` (or as the first child of `parent` when prev is NONE). */
  append(parent: YamlNode, prev: YamlNode, child: YamlNode): void {
    if (prev === NONE) this.set(parent, FIRST, child);
    else this.set(prev, NEXT, child);
  }

  setTarget(alias: YamlNode, target: YamlNode): void {
    this.set(alias, FIRST, target);
  }

  setAnchor(n: YamlNode, name: string): void {
    (this.anchors ??= new Map()).set(n, name);
  }

  setTag(n: YamlNode, tag: string): void {
    (this.tags ??= new Map()).set(n, tag);
  }

  giveValue(n: YamlNode, value: unknown): void {
    (this.given ??= new Map()).set(n, value);
  }

  /** Gives back the unused part of the last chunk. */
  seal(): void {
    const last = this.chunks.length - 1;
    const used = (this.count - (last << SHIFT)) * WIDTH;
    if (used < this.chunks[last].length) this.chunks[last] = this.chunks[last].slice(0, used);
  }

  private get(n: YamlNode, field: number): number {
    return this.chunks[n >> SHIFT][(n & MASK) * WIDTH + field];
  }

  private set(n: YamlNode, field: number, v: number): void {
    this.chunks[n >> SHIFT][(n & MASK) * WIDTH + field] = v;
  }

  kind(n: YamlNode): Kind | 0 {
    return n < 0 ? 0 : ((this.get(n, INFO) & 7) as Kind);
  }

  style(n: YamlNode): Style {
    return ((this.get(n, INFO) >> 3) & 7) as Style;
  }

  start(n: YamlNode): number {
    return this.get(n, START);
  }

  end(n: YamlNode): number {
    return this.get(n, END);
  }

  next(n: YamlNode): YamlNode {
    return this.get(n, NEXT);
  }

  /** In a mapping (keys and values alternate), the key after the pair whose key is `key`. */
  nextPair(key: YamlNode): YamlNode {
    return this.next(this.next(key));
  }

  first(n: YamlNode): YamlNode {
    return this.get(n, FIRST);
  }

  isMap(n: YamlNode): boolean {
    return this.kind(n) === Kind.Map;
  }

  isSeq(n: YamlNode): boolean {
    return this.kind(n) === Kind.Seq;
  }

  isScalar(n: YamlNode): boolean {
    return this.kind(n) === Kind.Scalar;
  }

  isAlias(n: YamlNode): boolean {
    return this.kind(n) === Kind.Alias;
  }

  anchor(n: YamlNode): string | undefined {
    return this.anchors?.get(n);
  }

  /** The node's tag in full (`tag:yaml.org,2002:str` for `!!str`), or undefined. */
  tag(n: YamlNode): string | undefined {
    return this.tags?.get(n);
  }

  /** The node an alias names (NONE when it names no anchor before it). */
  target(alias: YamlNode): YamlNode {
    return this.get(alias, FIRST);
  }

  /** The source text of a node's span. */
  source(n: YamlNode): string {
    return this.text.slice(this.start(n), this.end(n));
  }

  /** A scalar's value as a YAML 1.2 core-schema loader gives it: string, number, boolean or null. */
  value(n: YamlNode): unknown {
    if (this.given?.has(n)) return this.given.get(n);
    const text = this.text;
    const start = this.start(n);
    const end = this.end(n);
    switch (this.style(n)) {
      case Style.Single:
        return singleQuotedValue(text, start, end);
      case Style.Double:
        return doubleQuotedValue(text, start, end);
      case Style.Literal:
      case Style.Folded:
        return blockScalarValue(text, start, end, this.get(n, INFO) >> 6);
      default: {
        const tag = this.tags?.get(n);
        const raw = foldLines(text.slice(start, end));
        return tag === STR_TAG ? raw : plainValue(raw);
      }
    }
  }

  /** The children of a collection in order (a mapping's alternate keys and values). */
  children(n: YamlNode): YamlNode[] {
    const out: YamlNode[] = [];
    for (let c = this.first(n); c !== NONE; c = this.next(c)) out.push(c);
    return out;
  }
}
