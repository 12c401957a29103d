// One analysed file as every output format sees it: located findings with 1-based positions and
// the severity after the rules in force.

import type { DocumentAnalysis } from '../document/analyzeDocument';
import { shownFindings, type RuleLevel } from '../document/display';
import { fixEdits, renameKeyEdit, type TextEdit } from '../document/fixEdits';
import type { Report, Severity, SuggestedFix } from '../engine';
import { LineIndex } from './positions';

export interface FindingRow {
  code: string;
  severity: Severity;
  message: string;
  field: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix: SuggestedFix | null;
  /** For a mistyped plan key (unknown-key): the key a quick fix writes in its place. */
  rename: string | null;
  /** The quick fix (values or rename) as text edits, 1-based; empty without one. */
  edits: EditRow[];
}

export interface EditRow {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The text that replaces the range (an insertion when the range is empty). */
  text: string;
}

export interface CheckedFile {
  /** As given or found (relative to the working directory for `check`). */
  file: string;
  dialect: string | null;
  /** `off`: turned off by a comment; `fatal`: not analysed (syntax error, too large). */
  kind: 'ok' | 'off' | 'fatal';
  report?: Report;
  findings: FindingRow[];
}

export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };
export const SEVERITIES = Object.keys(SEVERITY_RANK) as Severity[];

export function checkedFile(file: string, text: string, a: DocumentAnalysis, rules: Record<string, RuleLevel | undefined> = {}): CheckedFile {
  const index = new LineIndex(text);
  const findings = shownFindings(a.located, rules).map((l): FindingRow => {
    const from = index.at(l.span.start);
    const to = index.at(Math.max(l.span.end, l.span.start));
    const rename = renameKeyEdit(text, l);
    const edits: TextEdit[] = l.finding?.fix ? fixEdits(a, text, l.finding.fix) : rename ? [rename] : [];
    return {
      code: l.code, severity: l.shownSeverity, message: l.message, field: l.field ?? null,
      line: from.line, column: from.column, endLine: to.line, endColumn: to.column, fix: l.finding?.fix ?? null, rename: l.rename ?? null,
      edits: edits.map((e): EditRow => {
        const [s, t] = [index.at(e.span.start), index.at(e.span.end)];
        return { line: s.line, column: s.column, endLine: t.line, endColumn: t.column, text: e.newText };
      }),
    };
  });
  const kind = a.kind === 'off' ? 'off' : a.kind === 'fatal' ? 'fatal' : 'ok';
  return { file, dialect: a.dialect, kind, report: a.report, findings };
}

/** Counts by severity over every file. */
export function tally(files: CheckedFile[]): Record<Severity, number> {
  const t: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of files) for (const x of f.findings) t[x.severity]++;
  return t;
}

export const atOrAbove = (files: CheckedFile[], threshold: Severity): boolean =>
  files.some((f) => f.findings.some((x) => SEVERITY_RANK[x.severity] >= SEVERITY_RANK[threshold]));
