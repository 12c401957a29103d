// Findings as the user sees them, for the webviews. The document layer (rules, suppression
// comments, severity downgrades) decides what a file's findings look like; the host sends that
// list with the payload, and a policy derived from it so a what-if run the webview recomputes is
// shown under the same decisions. Pure: shared by the host and the webviews.

import type { Finding, Severity } from '../engine';

/** One finding as shown in the Problems panel: code, the severity after rules and downgrades, text. */
export type ShownFinding = Pick<Finding, 'severity' | 'message'> & {
  /** An engine finding code or a reader's (`unresolved`, `unknown-model`, …). */
  code: string;
  field?: string;
  /** From the engine (a what-if run recomputes it), not from the reader (a fact of the file's text). */
  fromEngine: boolean;
};

/** What the file's display decisions mean for engine findings, by `findingKey` or by code alone. */
export interface DisplayPolicy {
  /** Keys or codes the user turned off or suppressed ("*" = every finding of the file). */
  hidden: string[];
  /** Severity to show, by key (a downgrade of that finding) or by code (the rules setting). */
  severity: Record<string, Severity>;
}

export const findingKey = (code: string, field?: string): string => (field ? `${code}@${field}` : code);

export const EMPTY_POLICY: DisplayPolicy = { hidden: [], severity: {} };

/** Engine findings under a file's policy: hidden ones dropped, severities as the file shows them. */
export function applyPolicy(findings: readonly Finding[], policy: DisplayPolicy): ShownFinding[] {
  const hidden = new Set(policy.hidden);
  if (hidden.has('*')) return [];
  const out: ShownFinding[] = [];
  for (const f of findings) {
    const key = findingKey(f.code, f.field);
    if (hidden.has(key) || hidden.has(f.code)) continue;
    out.push({ code: f.code, severity: policy.severity[key] ?? policy.severity[f.code] ?? f.severity, message: f.message, field: f.field, fromEngine: true });
  }
  return out;
}

/**
 * The findings of a what-if run: the file's reader findings (its text has not changed) followed by
 * the recomputed engine findings under the file's policy. With no what-if values, the file's list.
 */
export function whatIfFindings(file: readonly ShownFinding[], engine: readonly Finding[] | null, policy: DisplayPolicy): ShownFinding[] {
  if (!engine) return [...file];
  return [...file.filter((f) => !f.fromEngine), ...applyPolicy(engine, policy)];
}
