// fast-check arbitraries for hostile YAML in every dialect: anchors, aliases, merge keys, deep
// nesting, long lines, odd scalars, tags and mixed line ends, grown from one real config per
// dialect (its keys, its file name) so detection and the readers see their own vocabulary.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strict as assert } from 'node:assert';
import type { DocumentAnalysis } from '../../src/document/analyzeDocument';
import { fixEdits } from '../../src/document/fixEdits';
import { checkValue } from '../../src/engine/validate';

const FIXTURES = join(__dirname, '../../../test/fixtures');

export interface Seed {
  dialect: string;
  fileName: string;
  text: string;
  keys: string[];
}

const SEED_FILES: Array<[string, string, string]> = [
  ['plan', 'plans/sound-7b.plan.yaml', 'run.plan.yaml'],
  ['gpt-neox', 'dialects/gpt-neox/pythia-1.4b.yml', 'pythia.yml'],
  ['olmo', 'dialects/olmo/OLMo-1B.yaml', 'OLMo-1B.yaml'],
  ['llm-foundry', 'dialects/llm-foundry/mpt-1b.yaml', 'mpt-1b.yaml'],
  ['nemo', 'dialects/nemo/megatron_gpt_config.yaml', 'megatron_gpt_config.yaml'],
  ['torchtune', 'dialects/torchtune', 'config.yaml'],
  ['axolotl', 'dialects/axolotl/llama-3-qlora.yml', 'qlora.yml'],
  ['litgpt', 'dialects/litgpt/tinyllama.yaml', 'tinyllama.yaml'],
  ['hf-config', 'dialects/hf-config/gpt2/config.json', 'config.json'],
];

function firstFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // A directory: its first YAML file.
    const { readdirSync } = require('node:fs') as typeof import('node:fs');
    const f = readdirSync(path).filter((n) => /\.ya?ml$/.test(n)).sort()[0];
    return readFileSync(join(path, f), 'utf8');
  }
}

export function seeds(): Seed[] {
  return SEED_FILES.map(([dialect, rel, fileName]) => {
    const text = firstFile(join(FIXTURES, rel));
    const keys = [...new Set([...text.matchAll(/^\s*"?([A-Za-z_][\w.-]*)"?\s*:/gm)].map((m) => m[1]))];
    return { dialect, fileName, text, keys };
  });
}

/** Scalars the fuzz of the reliability review found troublesome, and their kin. */
const ODD_SCALARS = [
  '0', '-1', '1e309', '1e400', '-1e400', '1e-320', '4.9e-324', '9.45e-314', '9007199254740993', '0x10', '0o17', '.inf', '-.inf', '.nan', 'NaN',
  '~', 'null', '', '""', "''", 'true', 'no', '7B', '1.4T', '300_000_000', '1,000,000', '1,5B', '$50k', '40%', '400%', '14d', '1e-320d',
  '!!binary aGVsbG8=', '!!str 5', '!!int 7', '!!float .inf', '!!merge true', '!custom x', '!!set {a, b}', '!!omap [a: 1]', '${oc.env:X}', '???',
  '"\\u0000"', 'ünïcödé', '\u2028', '|\n  block', '>-\n  folded', '[1, 2', '{a: }', '*missing', '&dangling',
];

const indent = (n: number) => '  '.repeat(n);

/** A YAML value, rendered at an indentation depth (block values start on the next line). */
function valueArb(keys: string[], anchors: string[]): fc.Memo<string> {
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.constantFrom('<<', '""', '~', '? [a, b]', 'x-notes', 'k'.repeat(300)) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }).map((s) => JSON.stringify(s)) },
  );
  const alias = fc.constantFrom(...anchors).map((a) => `*${a}`);
  return fc.memo((d: number): fc.Arbitrary<string> => {
    const scalar = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...ODD_SCALARS) },
      { weight: 2, arbitrary: fc.double({ noNaN: false }).map(String) },
      { weight: 1, arbitrary: fc.nat({ max: 5 }).map((k) => 'x'.repeat(10 ** k)) },
      { weight: 1, arbitrary: alias },
    );
    if (d <= 0) return scalar;
    const flowList = fc.array(scalar, { maxLength: 6 }).map((xs) => `[${xs.map((x) => (x.includes('\n') ? '0' : x)).join(', ')}]`);
    const flowMap = fc.array(fc.tuple(key, scalar), { maxLength: 4 }).map((ps) => `{${ps.map(([k, v]) => `${k}: ${v.includes('\n') ? '0' : v}`).join(', ')}}`);
    const merge = fc.array(alias, { minLength: 1, maxLength: 9 }).map((as) => `{<<: [${as.join(', ')}]}`);
    const deep = fc.integer({ min: 1, max: 400 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);
    const block = fc
      .array(fc.tuple(fc.option(fc.constantFrom(...anchors), { nil: undefined }), key, valueArb(keys, anchors)(d - 1)), { minLength: 1, maxLength: 5 })
      .map((ps) => `\n${ps.map(([a, k, v]) => blockPair(k, v, a, 1)).join('\n')}`);
    return fc.oneof(
      { weight: 4, arbitrary: scalar },
      { weight: 2, arbitrary: flowList },
      { weight: 2, arbitrary: flowMap },
      { weight: 1, arbitrary: merge },
      { weight: 1, arbitrary: deep },
      { weight: 3, arbitrary: block },
    );
  });
}

/** `key: value` at a depth; a block value's lines are indented one more level. */
function blockPair(key: string, value: string, anchor: string | undefined, depth: number): string {
  const a = anchor ? ` &${anchor}` : '';
  if (value.startsWith('\n')) return `${indent(depth - 1)}${key}:${a}${value.replace(/\n/g, `\n${indent(1)}`).replace(/^\n {2}/, '\n').replace(/\n/g, `\n${indent(depth - 1)}`)}`;
  return `${indent(depth - 1)}${key}:${a} ${value.replace(/\n/g, `\n${indent(depth)}`)}`;
}

/** Line ends: all LF, all CRLF, or a mix with lone CRs. */
const lineEnds = fc.constantFrom('lf', 'crlf', 'mixed');

function applyLineEnds(text: string, mode: string, salt: number): string {
  if (mode === 'lf') return text;
  if (mode === 'crlf') return text.replace(/\n/g, '\r\n');
  let i = salt;
  return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]);
}

/** A hostile document for one dialect: its seed with generated entries added or values replaced, or generated outright. */
export function documentArb(seed: Seed): fc.Arbitrary<string> {
  const anchors = ['a', 'b', 'blk'];
  const value = valueArb(seed.keys, anchors)(3);
  const key = fc.constantFrom(...seed.keys, '<<');
  const entries = fc.array(fc.tuple(fc.option(fc.constantFrom(...anchors), { nil: undefined }), key, value), { minLength: 1, maxLength: 8 }).map((ps) => ps.map(([a, k, v]) => blockPair(k, v, a, 1)).join('\n'));
  const seedLines = seed.text.split('\n');
  const appended = entries.map((e) => `${seed.text.trimEnd()}\n${e}\n`);
  const replaced = fc.tuple(fc.nat(), fc.constantFrom(...ODD_SCALARS)).map(([i, v]) => {
    const lines = [...seedLines];
    const at = i % lines.length;
    lines[at] = lines[at].replace(/:\s+\S.*$/, `: ${v.includes('\n') ? '0' : v}`);
    return lines.join('\n');
  });
  const generated = entries.map((e) => `a0: &a {x: 1}\nb0: &b\n  <<: *a\nblk0: &blk [1, 2]\n${e}\n`);
  const longLine = fc.nat({ max: 3 }).map((k) => `${seed.text.trimEnd()}\nx-long: [${Array(10 ** (k + 1)).fill('1').join(', ')}]\n# ${'#'.repeat(10 ** (k + 2))}\n`);
  const doc = fc.oneof({ weight: 3, arbitrary: appended }, { weight: 3, arbitrary: replaced }, { weight: 2, arbitrary: generated }, { weight: 1, arbitrary: longLine });
  return fc.tuple(doc, lineEnds, fc.nat()).map(([d, mode, salt]) => applyLineEnds(d, mode, salt));
}

/** Every number in the report's figures, with its path. */
function numbers(o: unknown, path: string, out: Array<[string, number]>, depth = 0): void {
  if (depth > 8 || !o || typeof o !== 'object') return;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number') out.push([`${path}.${k}`, v]);
    else if (v && typeof v === 'object') numbers(v, `${path}.${k}`, out, depth + 1);
  }
}

function texts(a: DocumentAnalysis): string[] {
  return a.located.flatMap((l) => [l.message, l.finding?.fix?.title ?? '', ...l.related.map((r) => r.message)]);
}

/** The properties every analysis must have; returns nothing, throws on a violation. */
export function checkAnalysis(text: string, fileName: string, a: DocumentAnalysis): void {
  if (a.report) {
    const nums: Array<[string, number]> = [];
    const { findings, sources, assumptions, ...figures } = a.report;
    void findings;
    void sources;
    void assumptions;
    numbers(figures, 'report', nums);
    for (const [p, v] of nums) assert.ok(Number.isFinite(v), `${p} = ${v} in ${fileName}`);
  }
  // A message may quote what the file wrote, never a NaN or Infinity the file did not write.
  for (const raw of texts(a)) {
    const t = raw.replace(/is not a number \(NaN\)/g, ''); // the reader naming what .nan means
    for (const word of ['NaN', 'Infinity', 'undefined']) {
      if (t.includes(word)) assert.ok(text.includes(word), `"${word}" in a message not from the file: ${t}`);
    }
  }
  for (const l of a.located) {
    const fix = l.finding?.fix;
    if (!fix) continue;
    for (const v of fix.values) {
      if (typeof v.value === 'number') assert.equal(checkValue(v.field, v.value), undefined, `fix ${v.field} = ${v.value} (${l.code})`);
    }
    fixEdits(a, text, fix); // must not throw
  }
}

