// The compact YAML reader (yamlScan.ts) against the yaml library, the reference: every text the
// compact reader reads, it reads as the library does (the same values, spans, anchors, tags and
// alias targets); what it declines, the library reads; a large declined text gets its reason.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeText } from '../../src/document/analyzeDocument';
import { LIBRARY_MAX_CHARS, parseYaml } from '../../src/read/yamlDoc';
import { readWithLibrary } from '../../src/read/yamlFallback';
import { scanYaml } from '../../src/read/yamlScan';
import { YamlTree } from '../../src/read/yamlTree';
import { planOfSize } from '../../scripts/benchMemory';
import { hostileCorpus } from '../hostile/corpus';
import { treeShape } from '../helpers/yamlShape';
import { documentArb, seeds } from './fuzzYaml';

const ROOT = join(__dirname, '../../..');

/** Whether the compact reader reads the text; when it does, that it agrees with the library. */
function agrees(text: string): boolean {
  const scanned = scanYaml(text);
  if (!(scanned instanceof YamlTree)) return false;
  const lib = readWithLibrary(text);
  assert.deepEqual(lib.errors, [], `the library finds an error the compact reader missed in ${JSON.stringify(text.slice(0, 200))}`);
  assert.equal(treeShape(scanned), treeShape(lib.tree), JSON.stringify(text.slice(0, 200)));
  return true;
}

const READ: Array<[string, string]> = [
  ['plain double quotes', 'name: "a run with a long name"\nmodel: {params: "7B"}\n'],
  ['a single quote inside', 'note: "it\'s the base run"\n'],
  ['escapes', 'note: "tab\\there \\u00e9 \\"quoted\\" \\x41 \\U0001F600 \\N\\_\\/"\n'],
  ['CRLF line ends', 'a: "x y z"\r\nb:\r\n  - 1\r\n  - {c: d}\r\n'],
  ['block scalars', 'note: |\n  "not a quoted scalar"\n   indented\n\n  after a blank\nnext: >-\n  folded\n  lines\n\n  # content, not a comment\nlast: 1\n'],
  ['plain and quoted scalars over lines', 'note: first\n  second\n\n  after a blank - and a dash\nq: "one\n  two\n\n  three"\ns: \'it\'\'s\n  here\'\nlist:\n  - a\n    b # c\nn: 1\n  2\n'],
  ['lines of spaces in block scalars', 'a: |\n  x\n     \nb: >\n  x\n \n     \n  y\nc: |-\n  x\n  \n'],
  ['plain scalars with indicators inside', 'k: a"b"\nurl: http://x.org/a#b\nratio: 1:2\nlist: x[1]\n'],
  ['flow collections over lines', 'tags: ["ablation", "seed-3", \'x\', {k: "v w"}]\nfiles: [\n    a.safetensors,\n    b.safetensors,\n  ]\n'],
  ['empty values in flow mappings over lines', '{\n  "a": {\n    "b": \n  },\n  "c": # note\n  , d: }\n'],
  ['JSON', '{\n  "model_type": "llama",\n  "hidden_size": 4096,\n  "rope_scaling": {"factor": 8.0, "type": null},\n  "ids": [1, 2, 3],\n  "tie": false\n}\n'],
  ['keys in quotes and odd keys', '"model": {"params": 7B}\n1: one\ntrue: yes\n~: tilde\n"": empty\n'],
  ['anchors, aliases, merge keys and !!str', 'base: &b\n  layers: 32\ncopy:\n  <<: *b\n  d_model: !!str 4096\nlist: &l [1, 2]\nagain: *l\n'],
  ['core-schema scalars', 'a: [0x1F, 0o17, 1e3, 1., .5, -.inf, .NaN, +12, 1_000, 7B, True, FALSE, Null, ~, 012]\n'],
  ['comments and blank lines everywhere', '# head\n\na: 1  # trailing\n\n  # indented comment\nb:   # empty value\nc:\n\n  - 1\n\n# tail\n'],
  ['a document start marker', '--- # the config\nmodel:\n  params: 7B\n'],
  ['nested sequences and compact maps', '- - a\n  - b\n- k: v\n  j: [1]\n-\n  x: 1\n- \n'],
  ['the self-merge of the reliability review', 'model: &a\n  <<: [*a, *a, *a]\ndata: {}\n'],
];

const DECLINED: Array<[string, string]> = [
  ['escapes in a quoted scalar over lines', 'note: "tab\\there\n  second"\n'],
  ['a comment inside a plain scalar over lines', 'note: first\n  # a comment\n  second\n'],
  ['a complex key', '? a\n: 1\n'],
  ['a directive', '%YAML 1.2\n---\na: 1\n'],
  ['a custom tag', 'a: !custom x\n'],
  ['a second document', 'a: 1\n---\nb: 2\n'],
  ['an unterminated quote', 'a: "never closed\n'],
  ['an unclosed flow sequence', 'a: [1, 2\nb: 3\n'],
  ['a tab in indentation', 'a:\n\tb: 1\n'],
  ['bad indentation', 'a: 1\n  b: 2\n'],
  ['a key on the line of a value', 'a: b: c\n'],
];

describe('YAML: the compact reader', () => {
  for (const [name, text] of READ) {
    it(`reads ${name} as the yaml library does`, () => {
      assert.ok(agrees(text), 'declined');
      assert.deepEqual(parseYaml(text).problems, []);
    });
  }

  for (const [name, text] of DECLINED) {
    it(`leaves ${name} to the yaml library`, () => {
      assert.ok(!(scanYaml(text) instanceof YamlTree));
      const lib = readWithLibrary(text);
      const parsed = parseYaml(text);
      assert.equal(treeShape(parsed.tree!), treeShape(lib.tree));
      assert.deepEqual(parsed.problems.map((p) => p.message), lib.errors.map((e) => e.message));
    });
  }

  it('reads every YAML and JSON config of the repository itself, as the library does', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ya?ml|json)$/.test(f) && !/malformed/.test(f)) files.push(p);
      }
    };
    walk(join(ROOT, 'examples'));
    walk(join(ROOT, 'test/fixtures'));
    assert.ok(files.length > 100, String(files.length));
    for (const f of files) assert.ok(agrees(readFileSync(f, 'utf8')), `declined ${f}`);
  });

  it('reads the hostile corpus as the library does, wherever it reads it', () => {
    for (const h of hostileCorpus()) if (h.text.length <= LIBRARY_MAX_CHARS) agrees(h.text);
  });

  it('reads the 1 MiB plan of quoted notes as the library does', () => {
    assert.ok(agrees(planOfSize(1024 * 1024 - 200)));
  });

  it('agrees with the library on random documents in every style', () => {
    let read = 0;
    fc.assert(
      fc.property(configTree(), (text) => {
        if (agrees(text)) read++;
      }),
      { numRuns: 3000, seed: 20261202 },
    );
    // Most of them are YAML as configs are written (some scalars over lines are errors on purpose): the compact reader reads them.
    assert.ok(read > 1500, String(read));
  });

  it('agrees with the library on the hostile fuzz documents of every dialect, wherever it reads them', () => {
    for (const seed of seeds()) {
      fc.assert(
        fc.property(documentArb(seed), (text) => {
          if (text.length <= LIBRARY_MAX_CHARS) agrees(text);
        }),
        { numRuns: 400, seed: 7 + seed.dialect.length },
      );
    }
  });

  it('does not read a large text it declines: the file is too complex, with the line and the reason', () => {
    const text = `${planOfSize(LIBRARY_MAX_CHARS + 1000)}bad: "never closed\n`;
    // (a quoted scalar may go on over lines, but this one never ends)
    const p = parseYaml(text);
    assert.equal(p.tree, null);
    assert.deepEqual(p.problems, []);
    const line = (text.split('\n').length - 1).toLocaleString('en-US');
    assert.equal(p.declined?.message, `File is too complex to analyse: line ${line} has a quoted scalar that is not closed (only files up to 32 KB are read as full YAML); not analysed.`);
    assert.equal(text.slice(p.declined!.span.start, p.declined!.span.start + 5), '"neve');
    const a = analyzeText(text, 'big.plan.yaml');
    assert.equal(a.kind, 'fatal');
    assert.deepEqual([a.located[0].code, a.located[0].severity, a.located[0].message], ['too-large', 'information', p.declined?.message]);
    // A large YAML file that is not a config is not ours to report.
    assert.equal(analyzeText(`${'- xx\n'.repeat(15_000)}- !custom a\n`, 'list.yaml').kind, 'none');
  });

  it('does not read a text of more nodes than 3 bytes per character or 1 MiB allow: too complex', () => {
    // 19,000 lines of `- a: 1`: 133 KB of text under the entry limit, 1.1 MB of nodes.
    const text = `model:\n  params: 7B\nsweep:\n${Array(19_000).fill('- a: 1\n').join('')}`;
    const p = parseYaml(text);
    assert.equal(p.tree, null);
    assert.equal(p.declined?.message, 'File is too complex to analyse: more than 52,428 YAML keys and values in 130 KB (very short items, which would take more than 3× the text in memory); not analysed.');
    const a = analyzeText(text, 'sweep.plan.yaml');
    assert.deepEqual([a.kind, a.located[0].code, a.located[0].severity], ['fatal', 'too-large', 'information']);
    // 15,000 of them fit in the 1 MiB any text may hold; longer items in 3 bytes per character.
    assert.ok(parseYaml(`sweep:\n${Array(15_000).fill('- a: 1\n').join('')}`).tree);
    assert.ok(parseYaml(`sweep:\n${Array(19_000).fill('- a: a longer value of the item\n').join('')}`).tree);
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

/** A random config-shaped document: block and flow collections, every scalar style, comments, anchors and aliases. */
function configTree(): fc.Arbitrary<string> {
  const scalar = fc.constantFrom('1', '-2', '0x1F', '1e3', '1.5', '.5', '.inf', 'true', 'null', '~', 'text', 'a b', 'a:b', 'a#b', '"dq"', '"e\\t\\u00e9"', "'it''s'", "''", '7B', '$2M', '1_000', '"a: b"', "'#x'", '-1', 'é');
  const key = fc.constantFrom('k', 'model', '"q"', "'s'", 'key with spaces', '1', 'x-y', '<<', 'k2');
  const comment = fc.constantFrom('', '', '', '  # c');
  const lineEnd = fc.constantFrom('\n', '\n', '\n', '\r\n');
  // `onKeyLine`: the first line goes on the line of its key or dash (a block scalar's header, a scalar over lines).
  type Node = { lines: string[]; onKeyLine?: boolean } | { inline: string };
  const flow: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('f'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
      fc.array(fc.tuple(key, tie('f')), { maxLength: 3 }).map((xs) => `{${xs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    ),
  })).f;
  const block = (depth: number): fc.Arbitrary<Node> => {
    const leaf: fc.Arbitrary<Node> = fc.oneof(
      scalar.map((s) => ({ inline: s })),
      flow.map((s) => ({ inline: s })),
      fc
        .tuple(fc.constantFrom('|', '>', '|-', '>-'), fc.array(fc.constantFrom('  line one', '   more indented', '', ' ', '     ', '  # content', '  \tafter a tab', '  a: b'), { minLength: 1, maxLength: 5 }))
        .map(([h, body]) => ({ lines: [h, '  first', ...body], onKeyLine: true })),
      fc
        .tuple(fc.constantFrom('first', '"first', "'first", '- x', 'a: b'), fc.array(fc.constantFrom('  second', '', '   - third', '  fourth  ', '  # c', '  [x]', "  it''s", '  x: y', ' five'), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '"', "'"))
        .map(([first, rest, close]) => ({ lines: [first, ...rest.slice(0, -1), `${rest[rest.length - 1]}${close || (first[0] === '"' || first[0] === "'" ? first[0] : '')}`], onKeyLine: true })),
    );
    if (depth > 2) return leaf;
    const entries = fc.array(fc.tuple(key, block(depth + 1), comment), { minLength: 1, maxLength: 4 });
    return fc.oneof(
      leaf,
      entries.map((xs) => ({ lines: xs.flatMap(([k, v, c]) => ('inline' in v ? [`${k}: ${v.inline}${c}`] : v.onKeyLine ? [`${k}: ${v.lines[0]}`, ...v.lines.slice(1).map((l) => (l ? `  ${l}` : l))] : [`${k}:${c}`, ...v.lines.map((l) => (l ? `  ${l}` : l))])) })),
      fc.array(block(depth + 1), { minLength: 1, maxLength: 3 }).map((xs) => ({ lines: xs.flatMap((v) => ('inline' in v ? [`- ${v.inline}`] : v.onKeyLine ? [`- ${v.lines[0]}`, ...v.lines.slice(1).map((l) => (l ? `  ${l}` : l))] : [`- ${v.lines[0].trimStart()}`, ...v.lines.slice(1).map((l) => (l ? `  ${l}` : l))])) })),
    );
  };
  return fc.tuple(block(0), lineEnd, fc.boolean()).map(([root, nl, marker]) => {
    const lines = 'inline' in root ? [root.inline] : root.onKeyLine ? [`k: ${root.lines[0]}`, ...root.lines.slice(1).map((l) => (l ? `  ${l}` : l))] : root.lines;
    return `${marker ? '---\n' : ''}${lines.join(nl)}${nl}`.replace(/\n/g, nl === '\r\n' ? '\r\n' : '\n').replace(/\r\r/g, '\r');
  });
}
