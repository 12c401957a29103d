// The compact reader: YAML text -> YamlTree in one pass over the characters, for the YAML that
// configs are written in (block and flow collections, plain, quoted and block scalars, plain and
// quoted ones over several lines in a block too, comments, anchors, aliases, merge keys, `!!str`).
// Anything else (syntax errors, complex keys, directives, other tags, escapes in a double-quoted
// scalar over several lines, a second document) is declined with the reason and where; then the
// yaml library reads a small text instead (yamlFallback.ts), as a full YAML 1.2 loader reads it,
// and a large one is not read (yamlDoc.ts parseYaml).

import { BLOCK_FOLDED, BLOCK_KEEP, BLOCK_STRIP, escapeEnd } from './yamlScalars';
import { Kind, NONE, STR_TAG, Style, TooManyNodes, YamlTree, type YamlNode } from './yamlTree';

export interface Declined {
  declined: string;
  offset: number;
  /** The text holds more nodes than the scan was allowed: no reader should read it. */
  tooMany?: boolean;
}

class Decline extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

/** Nesting deeper than this (block or flow) is declined: the scan recurses once per level. */
const MAX_DEPTH = 300;

/** Implicit keys longer than this are a YAML error (YAML 1.2 §7.4). */
const MAX_KEY = 1024;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;

/** A content line the scan looked ahead to: its first character and column. */
interface Line {
  at: number;
  lineStart: number;
  col: number;
}

interface Props {
  anchor?: string;
  tag?: string;
  start: number;
}

const TAGS: Record<string, string> = { '!!str': STR_TAG };

/** The characters that may not start a plain scalar (YAML 1.2 c-indicator). */
const INDICATORS = ',[]{}#&*!|>\'"%@`';

/** `, [ ] { }`: what ends a plain scalar in a flow collection. */
const isFlowIndicator = (c: number): boolean => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;

const TOO_DEEP = `collections nested more than ${MAX_DEPTH} deep`;

/** The text's tree, or why the compact reader does not read it (stopping at `maxNodes` nodes). */
export function scanYaml(text: string, maxNodes = Infinity): YamlTree | Declined {
  try {
    return new Scan(text, maxNodes).document();
  } catch (e) {
    if (e instanceof Decline) return { declined: e.reason, offset: e.offset };
    if (e instanceof TooManyNodes) return { declined: `more than ${maxNodes} nodes`, offset: 0, tooMany: true };
    if (e instanceof RangeError) return { declined: TOO_DEEP, offset: 0 };
    throw e;
  }
}

class Scan {
  private pos = 0;
  private lineStart = 0;
  private depth = 0;
  private readonly tree: YamlTree;
  private readonly anchors = new Map<string, YamlNode>();
  /** The line peek found, from where (one object, rewritten: a peek per line must not allocate). */
  private readonly ahead: Line = { at: 0, lineStart: 0, col: 0 };
  private aheadFrom = -1;
  private aheadNone = false;

  constructor(
    private readonly text: string,
    maxNodes: number,
  ) {
    this.tree = new YamlTree(text, maxNodes);
  }

  document(): YamlTree {
    const t = this.text;
    if (t.charCodeAt(0) === 0xfeff) this.pos = this.lineStart = 1;
    const first: Line = { at: 0, lineStart: 0, col: 0 };
    if (this.peekFrom(this.pos, true, first)) {
      if (first.col === 0 && this.marker(first.at) === '---') {
        this.commit(first);
        this.pos += 3;
        const root = this.value(-1, false);
        if (this.tree.isScalar(root) && this.tree.start(root) === this.tree.end(root)) this.fail('an empty document', first.at);
        this.tree.root = root;
      } else {
        this.commit(first);
        this.tree.root = this.inline(first.col, -1, false, undefined, false);
      }
      const rest = this.peek();
      if (rest) this.fail(rest.col === 0 && this.marker(rest.at) ? 'a document marker' : 'text after the document', rest.at);
    }
    this.tree.seal();
    return this.tree;
  }

  private fail(reason: string, at = this.pos): never {
    throw new Decline(reason, at);
  }

  private code(i: number): number {
    return this.text.charCodeAt(i);
  }

  /** Whether i is a line end or the end of the text. */
  private eol(i: number): boolean {
    const c = this.code(i);
    return i >= this.text.length || c === LF || (c === CR && this.code(i + 1) === LF);
  }

  private blankOrEol(i: number): boolean {
    const c = this.code(i);
    return c === SPACE || c === TAB || this.eol(i);
  }

  /** `---` or `...` at a line's start followed by a blank, or undefined. */
  private marker(at: number): string | undefined {
    const m = this.text.slice(at, at + 3);
    return (m === '---' || m === '...') && this.blankOrEol(at + 3) ? m : undefined;
  }

  private skipSpaces(): void {
    let c = this.code(this.pos);
    while (c === SPACE || c === TAB) c = this.code(++this.pos);
  }

  /** Where restEmpty found the first character after the blanks (an empty value is there). */
  private afterBlanks = 0;

  /** Steps over blanks and a comment; whether the line has nothing else (pos at its end). */
  private restEmpty(): boolean {
    const start = this.pos;
    this.skipSpaces();
    this.afterBlanks = this.pos;
    if (this.code(this.pos) === HASH && (this.pos === start ? this.blankBefore(start) : true)) {
      const nl = this.text.indexOf('\n', this.pos);
      this.pos = nl < 0 ? this.text.length : this.code(nl - 1) === CR ? nl - 1 : nl;
    }
    if (this.code(this.pos) === CR && this.code(this.pos + 1) !== LF) this.fail('a carriage return without a line feed');
    return this.eol(this.pos);
  }

  private blankBefore(i: number): boolean {
    const c = this.code(i - 1);
    return i === this.lineStart || c === SPACE || c === TAB;
  }

  /** The next content line after pos (which is at a line's end), skipping blank and comment lines. */
  private peek(): Line | null {
    if (this.aheadFrom !== this.pos) {
      this.aheadFrom = this.pos;
      this.aheadNone = !this.peekFrom(this.pos, false, this.ahead);
    }
    return this.aheadNone ? null : this.ahead;
  }

  /** Finds the next content line into `line`; false when there is none. */
  private peekFrom(from: number, atLineStart: boolean, line: Line): boolean {
    const t = this.text;
    let i = from;
    if (!atLineStart) {
      if (i >= t.length) return false;
      i = t.indexOf('\n', i) + 1;
      if (i === 0) return false;
    }
    for (;;) {
      const lineStart = i;
      let c = t.charCodeAt(i);
      while (c === SPACE) c = t.charCodeAt(++i);
      if (c === TAB) {
        while (c === SPACE || c === TAB) c = t.charCodeAt(++i);
        if (!(c === HASH || c === LF || c === CR || i >= t.length)) this.fail('a tab in indentation', i);
      }
      if (i >= t.length) return false;
      if (c === LF || c === HASH || (c === CR && t.charCodeAt(i + 1) === LF)) {
        const nl = t.indexOf('\n', i);
        if (nl < 0) return false;
        i = nl + 1;
        continue;
      }
      if (c === CR) this.fail('a carriage return without a line feed', i);
      if (c === 37 /* % */ && i === lineStart) this.fail('a directive', i);
      line.at = i;
      line.lineStart = lineStart;
      line.col = i - lineStart;
      return true;
    }
  }

  private commit(line: Line): void {
    this.pos = line.at;
    this.lineStart = line.lineStart;
  }

  /** Where the line that pos is on ends, past its line break (a block collection's end). */
  private lineEnd(): number {
    const nl = this.text.indexOf('\n', this.pos);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /**
   * The value after `key:` or `- ` (pos just after the indicator), on this line or on the lines
   * below; an empty scalar when there is none.
   */
  private value(parentIndent: number, afterColon: boolean): YamlNode {
    const at = this.pos;
    if (afterColon && !this.blankOrEol(at) && this.code(at) !== HASH) this.fail('no space after a colon', at);
    if (!this.restEmpty()) {
      if (this.code(at) === TAB && !afterColon) this.fail('a tab after a dash', at);
      return this.inline(this.pos - this.lineStart, parentIndent, afterColon, undefined, false);
    }
    return this.below(parentIndent, afterColon, undefined, this.afterBlanks);
  }

  /** The node on the lines below (pos at a line's end), or an empty scalar at `emptyAt`. */
  private below(parentIndent: number, afterColon: boolean, props: Props | undefined, emptyAt: number): YamlNode {
    const next = this.peek();
    if (next && (next.col > parentIndent || (afterColon && next.col === parentIndent && this.dash(next.at)))) {
      this.commit(next);
      return this.inline(next.col, parentIndent, false, props, false);
    }
    const n = this.tree.add(Kind.Scalar, emptyAt);
    this.apply(n, props);
    return n;
  }

  private dash(at: number): boolean {
    return this.code(at) === 45 /* - */ && this.blankOrEol(at + 1);
  }

  private apply(n: YamlNode, props: Props | undefined): void {
    if (!props) return;
    if (props.anchor !== undefined) {
      this.tree.setAnchor(n, props.anchor);
      this.anchors.set(props.anchor, n);
    }
    if (props.tag !== undefined) {
      if (!this.tree.isScalar(n)) this.fail('a tag on a collection', props.start);
      this.tree.setTag(n, props.tag);
    }
  }

  /**
   * A node whose first character is at pos, in column col of a block whose indent is parentIndent;
   * `props` were written before it, on its line (then a key after them would own them) or above it.
   */
  private inline(col: number, parentIndent: number, afterColon: boolean, props: Props | undefined, propsOnLine: boolean): YamlNode {
    if (++this.depth > MAX_DEPTH) this.fail(TOO_DEEP);
    try {
      return this.inlineAt(col, parentIndent, afterColon, props, propsOnLine);
    } finally {
      this.depth--;
    }
  }

  private inlineAt(col: number, parentIndent: number, afterColon: boolean, props: Props | undefined, propsOnLine: boolean): YamlNode {
    const start = this.pos;
    const c = this.code(start);
    if (c === 45 /* - */ && this.blankOrEol(start + 1)) {
      if (afterColon || propsOnLine) this.fail('a sequence on the line of its key or properties', start);
      return this.blockSeq(col, props);
    }
    if ((c === 63 /* ? */ || c === 58) /* : */ && this.blankOrEol(start + 1)) this.fail('a complex or empty key', start);
    if (c === 38 /* & */ || c === 33 /* ! */) {
      if (props) this.fail('properties given twice', start);
      const p = this.properties();
      if (this.restEmpty()) return this.below(parentIndent, afterColon, p, this.afterBlanks);
      return this.inlineAt(this.pos - this.lineStart, parentIndent, afterColon, p, true);
    }
    if (c === 124 /* | */ || c === 62 /* > */) {
      const n = this.blockScalar(parentIndent);
      this.apply(n, props);
      return n;
    }
    let n: YamlNode;
    if (c === 91 /* [ */ || c === 123 /* { */) n = this.flowCollection(parentIndent, props);
    else if (props && !propsOnLine && c === 42) this.fail('properties on an alias', start);
    else if (c === 42 /* * */) n = this.alias();
    else n = this.scalar(false, parentIndent);
    const afterNode = this.pos;
    this.skipSpaces();
    if (this.code(this.pos) === 58 /* : */ && (this.blankOrEol(this.pos + 1) || this.tree.style(n) !== Style.Plain)) {
      if (!this.tree.isScalar(n) || afterColon || propsOnLine) this.fail('a key where a value belongs, or a key with properties', start);
      if (this.text.lastIndexOf('\n', this.pos) > start) this.fail('a key over more than one line', start);
      if (this.pos - start > MAX_KEY) this.fail('an implicit key over 1024 characters', start);
      this.pos++;
      return this.blockMap(col, n, props);
    }
    this.pos = afterNode;
    if (!this.restEmpty()) this.fail('more text after a value', this.pos);
    if (this.tree.isScalar(n) && this.tree.style(n) === Style.Plain && this.code(this.afterBlanks) !== HASH) this.continuePlain(n, parentIndent);
    if (this.tree.isAlias(n) && props) this.fail('properties on an alias', start);
    if (this.tree.isScalar(n)) this.apply(n, props);
    // A more indented line below a scalar would continue it (a multi-line scalar) or be an error.
    const next = this.peek();
    if (next && next.col > parentIndent && !(this.tree.isMap(n) || this.tree.isSeq(n))) this.fail('a scalar continued on the next line', next.at);
    if (next && next.col > parentIndent) this.fail('more indented text after a flow collection', next.at);
    return n;
  }

  private properties(): Props {
    const p: Props = { start: this.pos };
    for (;;) {
      const c = this.code(this.pos);
      if (c !== 38 && c !== 33) return p;
      const s = this.pos;
      while (!this.blankOrEol(this.pos) && !isFlowIndicator(this.code(this.pos))) this.pos++;
      const token = this.text.slice(s, this.pos);
      if (c === 38) {
        if (p.anchor !== undefined || token.length < 2) this.fail('an anchor given twice or empty', s);
        p.anchor = token.slice(1);
      } else {
        const tag = TAGS[token];
        if (p.tag !== undefined || !tag) this.fail(`the tag ${token}`, s);
        p.tag = tag;
      }
      this.skipSpaces();
    }
  }

  private alias(): YamlNode {
    const s = this.pos;
    this.pos++;
    while (!this.blankOrEol(this.pos) && !isFlowIndicator(this.code(this.pos))) this.pos++;
    const name = this.text.slice(s + 1, this.pos);
    const target = this.anchors.get(name);
    if (!name || target === undefined) this.fail('an alias to no anchor before it', s);
    const n = this.tree.add(Kind.Alias, s);
    this.tree.setEnd(n, this.pos);
    this.tree.setTarget(n, target);
    return n;
  }

  private blockMap(col: number, firstKey: YamlNode, props: Props | undefined): YamlNode {
    const tree = this.tree;
    const map = tree.add(Kind.Map, tree.start(firstKey));
    // Anchored before its values are read: an alias inside may name the mapping itself.
    this.apply(map, props);
    let key = firstKey;
    let prev = NONE;
    for (;;) {
      tree.append(map, prev, key);
      const v = this.value(col, true);
      tree.append(map, key, v);
      prev = v;
      tree.setEnd(map, this.lineEnd());
      const next = this.peek();
      if (!next || next.col < col) return map;
      if (next.col > col) this.fail('more indentation than its mapping', next.at);
      if (this.dash(next.at)) {
        // `key:` followed by a sequence at the key's own indent was read as its value; a dash after that is not a key.
        this.fail('a sequence item where a key belongs', next.at);
      }
      this.commit(next);
      key = this.key();
    }
  }

  /** An implicit key and its colon (pos after it). */
  private key(): YamlNode {
    const start = this.pos;
    const c = this.code(start);
    if (start === this.lineStart && this.marker(start)) this.fail('a document marker (--- or ...)', start);
    if ('&!*?[{|>'.includes(this.text[start]) || (c === 58 && this.blankOrEol(start + 1))) this.fail('a key that starts with an indicator (& ! * ? [ { | >)', start);
    const k = this.scalar(false);
    this.skipSpaces();
    if (this.code(this.pos) !== 58 || !(this.blankOrEol(this.pos + 1) || this.tree.style(k) !== Style.Plain)) this.fail('text where a key belongs', start);
    if (this.pos - start > MAX_KEY) this.fail('an implicit key over 1024 characters', start);
    this.pos++;
    return k;
  }

  private blockSeq(col: number, props: Props | undefined): YamlNode {
    const tree = this.tree;
    const seq = tree.add(Kind.Seq, this.pos);
    this.apply(seq, props);
    let prev = NONE;
    for (;;) {
      this.pos++; // the dash
      const item = this.value(col, false);
      tree.append(seq, prev, item);
      prev = item;
      tree.setEnd(seq, this.lineEnd());
      const next = this.peek();
      if (!next || next.col < col || (next.col === col && !this.dash(next.at))) return seq;
      if (next.col > col) this.fail('more indentation than its sequence', next.at);
      this.commit(next);
    }
  }

  /**
   * A plain scalar's first line, or a quoted scalar (pos at its first character; after it when
   * done). A quoted one may go on over lines indented past `parentIndent` (none may in a flow
   * collection or a key: parentIndent undefined).
   */
  private scalar(flow: boolean, parentIndent?: number): YamlNode {
    const t = this.text;
    const start = this.pos;
    const c = this.code(start);
    if (c === 39 /* ' */) {
      let i = start + 1;
      for (;;) {
        const q = t.indexOf("'", i);
        if (q < 0) this.fail('a quoted scalar that is not closed', start);
        if (t.charCodeAt(q + 1) === 39) {
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      this.quotedLines(start, i, parentIndent, false);
      const n = this.tree.add(Kind.Scalar, start, Style.Single);
      this.tree.setEnd(n, i);
      this.pos = i;
      return n;
    }
    if (c === 34 /* " */) {
      let i = start + 1;
      let escapes = false;
      for (;;) {
        const ch = t.charCodeAt(i);
        if (i >= t.length) this.fail('a quoted scalar that is not closed', start);
        if (ch === 34) break;
        if (ch === 92 /* \ */) {
          const e = escapeEnd(t, i);
          if (e < 0) this.fail('an unknown escape in a double-quoted scalar', i);
          escapes = true;
          i = e;
        } else i++;
      }
      this.quotedLines(start, i + 1, parentIndent, escapes);
      const n = this.tree.add(Kind.Scalar, start, Style.Double);
      this.tree.setEnd(n, i + 1);
      this.pos = i + 1;
      return n;
    }
    // Plain: no indicator may start it, except - ? : before a character that is not a blank.
    if (INDICATORS.includes(t[start]) || ((c === 45 || c === 63 || c === 58) && (this.blankOrEol(start + 1) || (flow && isFlowIndicator(this.code(start + 1)))))) {
      this.fail('a value that starts with an indicator character', start);
    }
    const end = this.plainEnd(start, flow);
    const n = this.tree.add(Kind.Scalar, start, Style.Plain);
    this.tree.setEnd(n, end);
    this.pos = end;
    return n;
  }

  /** Where the text of a plain scalar's line that starts at `start` ends (before blanks and a comment). */
  private plainEnd(start: number, flow: boolean): number {
    const t = this.text;
    let i = start;
    let end = start;
    for (;;) {
      const ch = t.charCodeAt(i);
      if (i >= t.length || ch === LF || ch === CR) break;
      if (ch === SPACE || ch === TAB) {
        if (t.charCodeAt(i + 1) === HASH) break;
        i++;
        continue;
      }
      if (ch === 58 /* : */) {
        const nx = t.charCodeAt(i + 1);
        if (this.blankOrEol(i + 1) || (flow && isFlowIndicator(nx))) break;
      } else if (flow && isFlowIndicator(ch)) break;
      i++;
      end = i;
    }
    return end;
  }

  /**
   * Checks the lines of a quoted scalar that goes on over lines: each indented past parentIndent,
   * no tab, no lone carriage return, no escape in a double-quoted one (where an escaped line break
   * and escaped blanks change the folding).
   */
  private quotedLines(start: number, end: number, parentIndent: number | undefined, escapes: boolean): void {
    const t = this.text;
    let nl = t.indexOf('\n', start);
    if (nl < 0 || nl >= end) {
      const cr = t.indexOf('\r', start);
      if (cr >= 0 && cr < end) this.fail('a carriage return in a quoted scalar', start);
      return;
    }
    if (parentIndent === undefined) this.fail('a quoted scalar over more than one line', start);
    if (escapes) this.fail('escapes in a quoted scalar over more than one line', start);
    const body = t.slice(start, end);
    if (body.includes('\t') || /\r(?!\n)/.test(body)) this.fail('a tab or carriage return in a quoted scalar over more than one line', start);
    for (; nl >= 0 && nl < end; nl = t.indexOf('\n', nl + 1)) {
      let k = nl + 1;
      while (t.charCodeAt(k) === SPACE) k++;
      const blank = k >= end || t.charCodeAt(k) === LF || t.charCodeAt(k) === CR;
      if (!blank && (k - nl - 1 <= parentIndent || (k === nl + 1 && this.marker(k)))) this.fail('a quoted scalar line not indented past its block', k);
    }
    this.lineStart = t.lastIndexOf('\n', end - 1) + 1;
  }

  /**
   * The lines that go on a plain scalar in a block (pos at the end of its first line's text):
   * lines indented past parentIndent, up to a comment or a less indented line. Its span ends
   * where the text of its last line ends.
   */
  private continuePlain(n: YamlNode, parentIndent: number): void {
    const t = this.text;
    let end = this.tree.end(n);
    for (;;) {
      const next = this.peek();
      // A comment line ends the scalar (a more indented line after it is the caller's error to find).
      if (!next || next.col <= parentIndent || this.code(next.at) === HASH || /\n[ \t]*#/.test(t.slice(end, next.at))) break;
      if (t.slice(end, next.at).includes('\t')) this.fail('a tab in a plain scalar over more than one line', next.at);
      if (INDICATORS.includes(t[next.at]) || ((t[next.at] === '?' || t[next.at] === ':') && this.blankOrEol(next.at + 1))) this.fail('a plain scalar line that starts with an indicator', next.at);
      if (next.col === 0 && this.marker(next.at)) this.fail('a document marker (--- or ...)', next.at);
      this.commit(next);
      end = this.plainEnd(next.at, false);
      this.tree.setEnd(n, end);
      this.pos = end;
      this.skipSpaces();
      if (this.code(this.pos) === 58 && this.blankOrEol(this.pos + 1)) this.fail('a key inside a plain scalar over more than one line', this.pos);
      this.pos = end;
      if (!this.restEmpty()) this.fail('more text after a value', this.pos);
      if (this.code(this.afterBlanks) === HASH) break;
    }
    this.pos = end;
    this.restEmpty();
  }

  /** `|` or `>` with its header, and the lines more indented than the parent. */
  private blockScalar(parentIndent: number): YamlNode {
    const t = this.text;
    const start = this.pos;
    let flags = t[start] === '>' ? BLOCK_FOLDED : 0;
    let i = start + 1;
    for (let k = 0; k < 2; k++) {
      const ch = t[i];
      if (ch === '-' && !(flags & (BLOCK_STRIP | BLOCK_KEEP))) flags |= BLOCK_STRIP;
      else if (ch === '+' && !(flags & (BLOCK_STRIP | BLOCK_KEEP))) flags |= BLOCK_KEEP;
      else if (ch >= '1' && ch <= '9') this.fail('a block scalar indentation indicator', start);
      else break;
      i++;
    }
    this.pos = i;
    if (!this.blankOrEol(i) || !this.restEmpty()) this.fail('text after a block scalar header', start);
    // Content lines: blank ones, and those indented more than the parent (the first sets the indent).
    let indent = -1;
    let end = this.lineEnd();
    let maxBlank = 0;
    let j = end;
    while (j < t.length) {
      let k = j;
      while (t.charCodeAt(k) === SPACE) k++;
      const nl = t.indexOf('\n', k);
      const lineEnd = nl < 0 ? t.length : nl + 1;
      const blank = k >= t.length || t.charCodeAt(k) === LF || (t.charCodeAt(k) === CR && t.charCodeAt(k + 1) === LF);
      const col = k - j;
      // Spaces past the indent are content, even on a line with nothing else.
      if (blank && (indent < 0 || col <= indent)) {
        if (indent < 0) maxBlank = Math.max(maxBlank, col);
        j = lineEnd;
        continue;
      }
      if (t.charCodeAt(k) === TAB && (indent < 0 || col < indent)) this.fail('a tab in a block scalar', k);
      if (indent < 0) {
        if (col <= parentIndent) break;
        if (maxBlank > col) this.fail('a block scalar after blank lines indented more than its text', j);
        indent = col;
      }
      if (col < indent) break;
      if (t.slice(j, lineEnd).includes('\r') && !t.slice(j, lineEnd).endsWith('\r\n')) this.fail('a carriage return in a block scalar', j);
      end = lineEnd;
      j = lineEnd;
    }
    if (indent < 0) this.fail('a block scalar with no content', start);
    // Keep chomping would keep the blank lines after the content; the scalar ends at its last content line.
    if (flags & BLOCK_KEEP) this.fail('a block scalar that keeps its trailing lines', start);
    const n = this.tree.add(Kind.Scalar, start, flags & BLOCK_FOLDED ? Style.Folded : Style.Literal, (indent << 3) | flags);
    this.tree.setEnd(n, end);
    // The scan goes on from the last content line's end (pos at its line break).
    this.pos = end > 0 && t.charCodeAt(end - 1) === LF ? (t.charCodeAt(end - 2) === CR ? end - 2 : end - 1) : end;
    this.lineStart = t.lastIndexOf('\n', this.pos - 1) + 1;
    return n;
  }

  private flowCollection(parentIndent: number, props: Props | undefined): YamlNode {
    if (++this.depth > MAX_DEPTH) this.fail(TOO_DEEP);
    const tree = this.tree;
    const isMap = this.code(this.pos) === 123;
    const close = isMap ? 125 : 93;
    const n = tree.add(isMap ? Kind.Map : Kind.Seq, this.pos);
    this.apply(n, props);
    this.pos++;
    let prev = NONE;
    for (;;) {
      this.flowSpace(parentIndent);
      if (this.code(this.pos) === close) break;
      if (isMap) {
        const key = this.flowNode(parentIndent);
        if (!tree.isScalar(key)) this.fail('a flow key that is not a scalar', tree.start(key));
        this.flowSpace(parentIndent);
        const colon = this.pos;
        if (this.code(colon) !== 58) this.fail('a flow mapping key without a value', colon);
        this.pos++;
        // An empty value is where the blanks after the colon end, on the colon's line.
        this.skipSpaces();
        const emptyAt = this.pos;
        this.flowSpace(parentIndent);
        const c = this.code(this.pos);
        const value = c === 44 || c === close ? tree.add(Kind.Scalar, emptyAt) : this.flowNode(parentIndent);
        tree.append(n, prev, key);
        tree.append(n, key, value);
        prev = value;
      } else {
        const item = this.flowNode(parentIndent);
        this.flowSpace(parentIndent);
        if (this.code(this.pos) === 58) this.fail('a key: value pair in a flow sequence', this.pos);
        tree.append(n, prev, item);
        prev = item;
      }
      this.flowSpace(parentIndent);
      const c = this.code(this.pos);
      if (c === 44) this.pos++;
      else if (c !== close) this.fail(this.pos >= this.text.length ? 'a flow collection that is not closed' : 'a missing comma in a flow collection', this.pos);
    }
    this.pos++;
    tree.setEnd(n, this.pos);
    this.depth--;
    return n;
  }

  private flowNode(parentIndent: number): YamlNode {
    const c = this.code(this.pos);
    if (c === 38 || c === 33) {
      const p = this.properties();
      const next = this.code(this.pos);
      if (next === 44 || next === 93 || next === 125 || this.eol(this.pos)) this.fail('properties on an empty flow node', p.start);
      const n = this.flowNode(parentIndent);
      if (this.tree.isAlias(n)) this.fail('properties on an alias', p.start);
      this.apply(n, p);
      return n;
    }
    if (c === 91 || c === 123) return this.flowCollection(parentIndent, undefined);
    if (c === 42) return this.alias();
    if (c === 44 || c === 93 || c === 125) this.fail('an empty flow item', this.pos);
    return this.scalar(true);
  }

  /** Blanks, line breaks and comments inside a flow collection; each new line indented past the block it is in. */
  private flowSpace(parentIndent: number): void {
    const t = this.text;
    for (;;) {
      this.skipSpaces();
      const c = this.code(this.pos);
      if (c === HASH) {
        if (!this.blankBefore(this.pos)) this.fail('a comment not after a blank', this.pos);
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl < 0 ? t.length : nl;
        continue;
      }
      if (c === CR && this.code(this.pos + 1) === LF) this.pos++;
      if (this.code(this.pos) === LF) {
        this.pos++;
        this.lineStart = this.pos;
        let k = this.pos;
        while (t.charCodeAt(k) === SPACE) k++;
        const ch = t.charCodeAt(k);
        const blank = k >= t.length || ch === LF || ch === CR || ch === HASH || ch === TAB;
        // A closing bracket may stand at the block's own indent (as the yaml library reads it).
        const closing = ch === 93 || ch === 125;
        if (!blank && (k - this.pos < parentIndent || (k - this.pos === parentIndent && !closing))) this.fail('flow collection text not indented past its block', k);
        if (!blank && k - this.pos === 0 && this.marker(k)) this.fail('a document marker inside a flow collection', k);
        continue;
      }
      if (c === CR) this.fail('a carriage return without a line feed');
      if (this.pos >= t.length) this.fail('a flow collection that is not closed');
      return;
    }
  }
}
