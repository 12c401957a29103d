// Property-based fuzzing of the editor's entry point (analyzeText) for every dialect: whatever the
// YAML, no exception, no NaN or Infinity in the report or its texts, and every quick fix writes
// values that pass the file's own validation. Time is never asserted: the slowest input is written
// to test-artifacts/fuzz-slowest.json for `npm run bench` to print.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeText } from '../../src/document/analyzeDocument';
import { checkAnalysis, documentArb, seeds } from './fuzzYaml';

/** Inputs per dialect; SP_FUZZ_RUNS=5000 for a long run. */
const RUNS = Number(process.env.SP_FUZZ_RUNS ?? 40);
const ARTIFACTS = join(__dirname, '../../../test-artifacts');

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
