// A YamlTree as one string (every node's kind, span, value, anchor, tag and alias target, in
// document order), to compare the compact reader's tree with the yaml library's.

import { NONE, type YamlNode, type YamlTree } from '../../src/read/yamlTree';

const KINDS = ['none', 'map', 'seq', 'scalar', 'alias'];

export function treeShape(tree: YamlTree): string {
  const parts: string[] = [];
  const walk = (n: YamlNode, depth: number): void => {
    if (depth > 400) throw new Error('too deep');
    const kind = tree.kind(n);
    const value = kind === 3 ? tree.value(n) : undefined;
    const v = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
    const target = kind === 4 ? tree.target(n) : NONE;
    // A block collection's end is where its last line ends (the library's ends vary with the comments and blank lines after it).
    const block = (kind === 1 || kind === 2) && !'[{'.includes(tree.text[tree.start(n)]);
    parts.push(`${KINDS[kind]}@${tree.start(n)}${block ? '' : `,${tree.end(n)}`}${kind === 3 ? `=${v}` : ''}&${tree.anchor(n) ?? ''}!${tree.tag(n) ?? ''}${kind === 4 ? `*${target === NONE ? '?' : tree.start(target)}` : ''}`);
    if (kind === 1 || kind === 2) {
      parts.push('(');
      for (let c = tree.first(n); c !== NONE; c = tree.next(c)) walk(c, depth + 1);
      parts.push(')');
    }
  };
  if (tree.root !== NONE) walk(tree.root, 0);
  return parts.join(' ');
}
