// The yaml library's reading of a text, for what the compact reader declines (yamlScan.ts): its
// syntax errors, worded for the user, and its document converted to a YamlTree with the values
// the library gives (so readers see one kind of tree).

import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Lexer, Parser, YAMLParseError, type Document, type Node } from 'yaml';
import { Kind, NONE, Style, YamlTree, type YamlNode } from './yamlTree';

/** The options the readers give the yaml library (duplicate keys allowed: the last one wins, as in YAML loaders). */
export const LIBRARY_OPTIONS = { strict: false, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;

export interface LibraryReading {
  tree: YamlTree;
  errors: Array<{ message: string; start: number; end: number }>;
}

/** The text's first document as yaml.parseDocument reads it, a second one reported as an error. */
function composeFirst(text: string): Document {
  const parser = new Parser();
  const tokens = (function* () {
    for (const lexeme of new Lexer().lex(text)) yield* parser.next(lexeme);
    yield* parser.end();
  })();
  let doc: Document | undefined;
  for (const next of new Composer(LIBRARY_OPTIONS).compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'more than one YAML document (a second `---`); a config is one document'));
      break;
    }
  }
  // compose(…, forceDoc = true) always ends with a document.
  return doc!;
}

const STYLES: Record<string, Style> = { QUOTE_SINGLE: Style.Single, QUOTE_DOUBLE: Style.Double, BLOCK_LITERAL: Style.Literal, BLOCK_FOLDED: Style.Folded };

export function readWithLibrary(text: string): LibraryReading {
  const doc = composeFirst(text);
  const tree = new YamlTree(text);
  // The last anchor of each name seen so far: an alias names the one before it.
  const anchors = new Map<string, YamlNode>();
  const convert = (node: unknown, at: number): YamlNode => {
    if (node === null || node === undefined) {
      const n = tree.add(Kind.Scalar, at);
      tree.giveValue(n, null);
      return n;
    }
    const range = (node as Node).range ?? [at, at, at];
    if (isAlias(node)) {
      const n = tree.add(Kind.Alias, range[0]);
      tree.setEnd(n, range[1]);
      tree.setTarget(n, anchors.get(node.source) ?? NONE);
      return n;
    }
    const kind = isMap(node) ? Kind.Map : isSeq(node) ? Kind.Seq : Kind.Scalar;
    const n = tree.add(kind, range[0], isScalar(node) ? (STYLES[node.type ?? ''] ?? Style.Plain) : Style.Plain);
    tree.setEnd(n, range[1]);
    const { anchor, tag } = node as { anchor?: string; tag?: string };
    if (anchor) {
      tree.setAnchor(n, anchor);
      anchors.set(anchor, n);
    }
    if (tag) tree.setTag(n, tag);
    if (isScalar(node)) {
      tree.giveValue(n, node.value);
      return n;
    }
    let prev = NONE;
    for (const item of (node as { items: unknown[] }).items) {
      if (isPair(item)) {
        const keyAt = (item.key as Node | null)?.range?.[0] ?? (item.value as Node | null)?.range?.[0] ?? range[0];
        const k = convert(item.key, keyAt);
        tree.append(n, prev, k);
        const v = convert(item.value, tree.start(k));
        if (item.value === null || item.value === undefined) tree.setEnd(v, tree.end(k));
        tree.append(n, k, v);
        prev = v;
      } else {
        const c = convert(item, range[0]);
        tree.append(n, prev, c);
        prev = c;
      }
    }
    return n;
  };
  const contents = doc.contents as unknown;
  if (contents !== null && contents !== undefined) tree.root = convert(contents, 0);
  tree.seal();
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0], start: e.pos[0], end: e.pos[1] }));
  return { tree, errors };
}
