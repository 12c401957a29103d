// The one analysis per document version: read, apply facts, run the engine, and place each
// finding on the characters it is about. Pure; the CLI and every editor surface share it.

import { analyze, type EngineOptions, type Provenance, type Report } from '../engine/analyze';
import { isFieldId } from '../engine/fields';
import { REQUIRED_SHAPE_FIELDS } from '../engine/params';
import { shapeField } from '../engine/shapeFacts';
import type { Finding, Severity } from '../engine/types';
import { parseDirectives, type Directives } from '../read/directives';
import { applyFact, hasField } from '../read/fields';
import { readConfig, type ReadOutcome } from '../read/read';
import type { DialectId, FieldSource, ReadResult } from '../read/types';
import { lineCol, type Span } from '../read/yamlDoc';

export interface Located {
  code: string;
  severity: Severity;
  message: string;
  field?: string;
  span: Span;
  related: Array<{ field: string; span: Span; message: string }>;
  finding?: Finding;
  /** For an unknown key: the plan key a quick fix writes in its place (renameKeyEdit). */
  rename?: string;
}

export interface DocumentAnalysis {
  /** Not a training config (or turned off): nothing to show. */
  kind: 'none' | 'off' | 'fatal' | 'ok';
  dialect: DialectId | null;
  read?: ReadResult;
  report?: Report;
  located: Located[];
  directives: Directives;
  /** With kind 'none': why the text cannot be a training config whatever its name (empty, binary, no mapping). */
  notConfig?: string;
}

export interface AnalyzeOptions extends EngineOptions {
  maxBytes?: number;
  /** Facts from settings, by canonical field; the file and its comments win. */
  facts?: Record<string, string | number>;
  dialect?: DialectId;
  /** Report a syntax error in any file, not only in one that looks like a training config (the CLI). */
  anySyntaxError?: boolean;
}

/** Where a field's finding goes: its value, else its block key, else the first line. */
function spanFor(field: string | undefined, sources: Record<string, FieldSource>): Span {
  if (field) {
    const own = sources[field]?.span;
    if (own) return own;
    // The enclosing blocks, innermost first: model.moe.top_k -> model.moe -> model.
    for (let dot = field.lastIndexOf('.'); dot >= 0; dot = dot > 0 ? field.lastIndexOf('.', dot - 1) : -1) {
      const block = sources[field.slice(0, dot)]?.span;
      if (block) return block;
    }
  }
  return { start: 0, end: 0 };
}

/** A finding's related fields that the file locates, each with its range. */
function relatedSpans(related: readonly string[], sources: Record<string, FieldSource>): Located['related'] {
  const out: Located['related'] = [];
  for (const r of related) {
    const span = sources[r]?.span;
    if (span) out.push({ field: r, span, message: `${r} drives this finding` });
  }
  return out;
}

/** Where each fact the file does not state came from, for every report surface (JSON, text, Markdown). */
export function provenance(sources: Record<string, FieldSource>): Record<string, Provenance> {
  const out: Record<string, Provenance> = {};
  // Object.keys, not Object.entries: several times faster on this dictionary of dotted keys.
  for (const field of Object.keys(sources)) {
    const s = sources[field];
    const origin = s.origin;
    // Every origin but these two is not in the file: lookup, tokenizer, comment, setting, default.
    if (origin === 'file' || origin === 'derived') continue;
    out[field] = s.note ? { origin, note: s.note } : { origin };
  }
  return out;
}

function suppressed(code: string, span: Span, text: string, d: Directives): boolean {
  if (d.fileSuppressions.has('*') || d.fileSuppressions.has(code)) return true;
  if (!d.lineSuppressions.size) return false;
  const set = d.lineSuppressions.get(lineCol(text, span.start).line);
  return !!set && (set.has('*') || set.has(code));
}

/**
 * readConfig without its parsed document: the YAML tree (tens of times the text) becomes garbage
 * before the engine runs, instead of being copied by every garbage collection during the analysis.
 */
function readWithoutTree(text: string, fileName: string, opts: AnalyzeOptions): Omit<ReadOutcome, 'parsed'> & { syntaxError: boolean } {
  const out = readConfig(text, fileName, { maxBytes: opts.maxBytes, dialect: opts.dialect, anySyntaxError: opts.anySyntaxError, ctx: { facts: opts.facts, defaultCount: opts.overrides?.count ?? opts.defaults?.count } });
  return { result: out.result, fatal: out.fatal, notConfig: out.notConfig, syntaxError: out.parsed.problems.length > 0 };
}

export function analyzeText(text: string, fileName: string, opts: AnalyzeOptions = {}): DocumentAnalysis {
  const directives = parseDirectives(text);
  if (directives.off) return { kind: 'off', dialect: null, located: [], directives };
  const out = readWithoutTree(text, fileName, opts);
  if (out.fatal) {
    return {
      kind: 'fatal',
      dialect: null,
      located: [{ code: out.syntaxError ? 'yaml-syntax' : 'too-large', severity: out.syntaxError ? 'error' : 'information', message: out.fatal.message, span: { start: out.fatal.start, end: out.fatal.end }, related: [] }],
      directives,
    };
  }
  const read = out.result;
  if (!read) return { kind: 'none', dialect: null, located: [], directives, ...(out.notConfig ? { notConfig: out.notConfig } : {}) };

  const located: Located[] = [];
  // Facts: comments first (they are in the file), then settings; never over a value the file states.
  const supplied = new Set<string>();
  for (const f of directives.facts) {
    if (hasField(read.run, f.field)) continue;
    const err = applyFact(read.run, f.field, f.value);
    if (err) located.push({ code: 'invalid-value', severity: 'error', message: err, span: { start: f.start, end: f.end }, related: [] });
    else {
      read.sources[f.field] = { span: { start: f.start, end: f.end }, origin: 'comment', note: `from a # scaling-planner: comment (${f.value})` };
      supplied.add(f.field);
    }
  }
  for (const [field, value] of Object.entries(opts.facts ?? {})) {
    if (!isFieldId(field) || hasField(read.run, field)) continue;
    if (!applyFact(read.run, field, value)) {
      read.sources[field] = { origin: 'setting', note: `from the scalingPlanner.facts setting (${value})` };
      supplied.add(field);
    }
  }

  const report = analyze(read.run, opts);
  report.sources = provenance(read.sources);
  // A reader's finding about a missing fact is moot once a comment or setting supplies it, and it
  // says more than the engine's general one for the same field.
  const readerMissing = new Set<string>();
  for (const p of read.problems) {
    // A fact a comment or setting supplies answers what the reader could not find or resolve.
    if (p.code === 'missing-facts' && p.field && (supplied.has(p.field) || hasField(read.run, p.field))) continue;
    if (p.code === 'unresolved' && p.field && supplied.has(p.field)) continue;
    if (p.code === 'unknown-model' && (hasField(read.run, 'model.params') || REQUIRED_SHAPE_FIELDS.every((k) => hasField(read.run, shapeField(k))))) continue;
    // The reader's finding names the dialect's own key; the engine's general one would repeat it.
    if ((p.code === 'missing-facts' || p.code === 'unknown-model' || p.code === 'unresolved' || p.code === 'invalid-value') && p.field) readerMissing.add(p.field);
    located.push({ code: p.code, severity: p.severity, message: p.message, field: p.field, span: p.span ?? spanFor(p.field, read.sources), related: [], ...(p.rename ? { rename: p.rename } : {}) });
  }
  // A model-only file (Hugging Face config.json) states no training run: what the engine says
  // about one built from defaults is worth knowing, never an error in that file.
  const modelOnly = read.dialect === 'hf-config';
  // Framework configs leave the world size (and often the sharding) to the launcher: memory that
  // does not fit at the sharding the file states is a hint, not an error, until the count is known.
  const countUnknown = read.dialect !== 'plan' && read.run.hardware.count === undefined && opts.overrides?.count === undefined && opts.defaults?.count === undefined;
  for (const f of report.findings) {
    if (f.code === 'missing-facts' && readerMissing.has(f.field)) continue;
    const assumedOne = countUnknown && f.code === 'memory-exceeded';
    located.push({
      code: f.code,
      severity: (modelOnly || assumedOne) && (f.severity === 'error' || f.severity === 'warning') ? 'information' : f.severity,
      message: assumedOne ? `${f.message} The file states no device count (and may not state the sharding its launcher applies); add \`# scaling-planner: gpus=…\`.` : f.message,
      field: f.field,
      span: spanFor(f.field, read.sources),
      related: relatedSpans(f.related, read.sources),
      finding: f,
    });
  }
  return {
    kind: 'ok',
    dialect: read.dialect,
    read,
    report,
    located: located.filter((l) => !suppressed(l.code, l.span, text, directives)),
    directives,
  };
}
