// Property-based fuzzing of the editor's entry point (analyzeText) for every dialect: whatever the
// YAML, no exception, no NaN or Infinity in the report or its texts, and every quick fix writes
// values that pass the file's own validation. Time is never asserted: the slowest input is written
// to test-artifacts/fuzz-slowest.json for `npm run bench` to print.

import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeText, type DocumentAnalysis } from '../../src/config/analyzeDocument';
import { fixEdits } from '../../src/config/fixEdits';
import { checkValue } from '../../src/engine/validate';
import { documentArb, seeds } from './fuzzYaml';

/** Inputs per dialect; SP_FUZZ_RUNS=5000 for a long run. */
const RUNS = Number(process.env.SP_FUZZ_RUNS ?? 40);
const ARTIFACTS = join(__dirname, '../../../test-artifacts');

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

interface Slowest {
  ms: number;
  dialect: string;
  fileName: string;
  bytes: number;
  text: string;
}

describe('fuzz: hostile YAML in every dialect', () => {
  let slowest: Slowest = { ms: 0, dialect: '', fileName: '', bytes: 0, text: '' };
  after(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'fuzz-slowest.json'), JSON.stringify({ ...slowest, text: slowest.text.slice(0, 200_000), runsPerDialect: RUNS, recorded: new Date().toISOString() }, null, 1));
  });

  for (const seed of seeds()) {
    it(`${seed.dialect}: no exception, no NaN or Infinity, only valid fixes`, () => {
      fc.assert(
        fc.property(documentArb(seed), (text) => {
          const t = performance.now();
          const a = analyzeText(text, seed.fileName, { law: 'epoch', maxBytes: 1024 * 1024 });
          const ms = performance.now() - t;
          if (ms > slowest.ms) slowest = { ms, dialect: seed.dialect, fileName: seed.fileName, bytes: text.length, text };
          checkAnalysis(text, seed.fileName, a);
        }),
        { numRuns: RUNS, seed: 20261202 + seed.dialect.length },
      );
    });
  }
});
