// Shared by the dialect tests: fixtures from test/fixtures/dialects and the document pipeline.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeText, type AnalyzeOptions, type DocumentAnalysis } from '../../../src/document/analyzeDocument';
import type { FieldSource, SourceKey } from '../../../src/read/types';
import type { Span } from '../../../src/read/yamlDoc';

export const FIXTURES = join(__dirname, '../../../../test/fixtures');

export function fixture(dialect: string, name: string): string {
  return readFileSync(join(FIXTURES, 'dialects', dialect, name), 'utf8');
}

export interface Analysed extends DocumentAnalysis {
  text: string;
}

/** Analyse a fixture through the whole pipeline (detection, reading, facts, engine). */
export function analyseFixture(dialect: string, name: string, opts: AnalyzeOptions = {}): Analysed {
  const text = fixture(dialect, name);
  return { ...analyzeText(text, basename(name), opts), text };
}

export function analyse(text: string, fileName: string, opts: AnalyzeOptions = {}): Analysed {
  return { ...analyzeText(text, fileName, opts), text };
}

export function slice(text: string, span: Span | undefined): string {
  assert.ok(span, 'expected a span');
  return text.slice(span.start, span.end);
}

export function source(a: Analysed, field: SourceKey): FieldSource {
  const s = a.read?.sources[field];
  assert.ok(s, `no source recorded for ${field}`);
  return s;
}

/** The text under a field's recorded range. */
export function at(a: Analysed, field: SourceKey): string {
  return slice(a.text, source(a, field).span);
}

export function codes(a: Analysed): string[] {
  return a.located.map((l) => l.code);
}

export function findings(a: Analysed, code: string, field?: string): Analysed['located'] {
  return a.located.filter((l) => l.code === code && (field === undefined || l.field === field));
}
