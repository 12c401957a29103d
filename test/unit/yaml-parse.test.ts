// The reader's YAML parse (parseYaml) against yaml.parseDocument with the same options, the
// library's reference behaviour: the same values, ranges, anchors, tags and errors, whichever way
// a scalar is quoted; and one user-facing word for a file of several documents.

import { strict as assert } from 'node:assert';
import { isScalar, parseDocument, visit, type Document } from 'yaml';
import { parseYaml } from '../../src/read/yamlDoc';
import { planOfSize } from '../../scripts/benchMemory';

const OPTIONS = { strict: false, uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;

/** Every node's value or kind, range, anchor and tag, then the errors and warnings, as one string. */
function shape(doc: Document): string {
  const parts: string[] = [];
  visit(doc, {
    Node: (_key, n) => {
      const range = (n as { range?: number[] }).range ?? [];
      parts.push(`${isScalar(n) ? JSON.stringify(n.value) : n.constructor.name}@${range.join(',')}&${n.anchor ?? ''}!${n.tag ?? ''}`);
    },
  });
  const problems = (list: Array<{ code: string; pos: [number, number] }>) => list.map((e) => `${e.code}${e.pos.join(',')}`).join(';');
  return `${parts.join('|')}#${problems(doc.errors)}#${problems(doc.warnings)}`;
}

const CASES: Array<[string, string]> = [
  ['plain double quotes', 'name: "a run with a long name"\nmodel: {params: "7B"}\n'],
  ['a single quote inside', 'note: "it\'s the base run"\n'],
  ['escapes', 'note: "tab\\there \\u00e9 \\"quoted\\""\n'],
  ['folded over lines', 'note: "first line\n  second line"\n'],
  ['CRLF line ends', 'a: "x y z"\r\nb: "p\r\n  q"\r\n'],
  ['block scalar text starting with a quote', 'note: |\n  "not a quoted scalar"\nnext: >\n  "folded"\n'],
  ['plain scalar after a quote', 'k: a"b"\n'],
  ['in flow collections', 'tags: ["ablation", "seed-3", \'x\', {k: "v w"}]\n'],
  ['keys in quotes', '"model": {"params": 7B}\n'],
  ['anchors and tags', 'base: &b !!str "7B"\ncopy: *b\n'],
  ['unterminated', 'a: "never closed\n'],
  ['empty and one-character strings', 'a: ""\nb: "x"\n'],
];

describe('YAML parse', () => {
  for (const [name, text] of CASES) {
    it(`reads ${name} as yaml.parseDocument does`, () => {
      assert.equal(shape(parseYaml(text).doc!), shape(parseDocument(text, OPTIONS)));
    });
  }

  it('reads the long double-quoted notes of a 1 MiB plan as yaml.parseDocument does', () => {
    const text = planOfSize(1024 * 1024 - 200);
    assert.equal(shape(parseYaml(text).doc!), shape(parseDocument(text, OPTIONS)));
  });

  it('says in the words of a config that a second document is not read', () => {
    const p = parseYaml('a: 1\n---\nb: 2\n');
    assert.deepEqual(
      p.problems.map((x) => x.message),
      ['more than one YAML document (a second `---`); a config is one document'],
    );
    assert.equal(p.problems[0].span.start, 5);
  });
});
