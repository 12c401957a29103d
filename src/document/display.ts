// What the editor shows of an analysis: per-rule severity and "off" from settings applied once, so
// diagnostics, the status item and every other surface agree.

import type { Severity } from '../engine/types';
import type { Located } from './analyzeDocument';

export type RuleLevel = Severity | 'off';

export interface Shown extends Located {
  /** The severity after the user's rule settings. */
  shownSeverity: Severity;
}

export function shownFindings(located: Located[], rules: Record<string, RuleLevel | undefined>): Shown[] {
  const out: Shown[] = [];
  for (const l of located) {
    const level = rules[l.code];
    if (level === 'off') continue;
    out.push({ ...l, shownSeverity: level ?? l.severity });
  }
  return out;
}

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** The most severe of what is shown, or undefined when nothing is. */
export function worstShown(shown: Shown[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const s of shown) if (!worst || RANK[s.shownSeverity] > RANK[worst]) worst = s.shownSeverity;
  return worst;
}

/** Size check before reading: the size in KB when the text is above the limit. */
export function oversize(text: string, limitKb: number): { sizeKb: number; limitKb: number } | undefined {
  return text.length > limitKb * 1024 ? { sizeKb: Math.round(text.length / 1024), limitKb } : undefined;
}

/** Zero-based line of each `## code` heading in docs/findings.md, for links that open at the section. */
export function findingSectionLines(markdown: string): Record<string, number> {
  const lines: Record<string, number> = {};
  markdown.split(/\r?\n/).forEach((line, i) => {
    const m = /^## ([a-z][a-z0-9-]*)\s*$/.exec(line);
    if (m) lines[m[1]] = i;
  });
  return lines;
}
