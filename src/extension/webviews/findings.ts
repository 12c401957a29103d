// The findings a webview shows: the document layer's list (what the Problems panel shows) and the
// policy that list implies for a what-if run, derived once here from the cached analysis.

import type { DocumentAnalysis } from '../../document/analyzeDocument';
import { shownFindings, type RuleLevel } from '../../document/display';
import type { Finding } from '../../engine';
import { findingKey, type DisplayPolicy, type ShownFinding } from '../../shared/findings';

export function documentFindings(analysis: DocumentAnalysis, rules: Record<string, RuleLevel | undefined>): { findings: ShownFinding[]; policy: DisplayPolicy } {
  const shown = shownFindings(analysis.located, rules);
  const findings = shown.map((s): ShownFinding => ({ code: s.code, severity: s.shownSeverity, message: s.message, ...(s.field ? { field: s.field } : {}), fromEngine: !!s.finding }));
  const hidden = new Set<string>(analysis.directives.fileSuppressions);
  const severity: DisplayPolicy['severity'] = {};
  for (const [code, level] of Object.entries(rules)) {
    if (level === 'off') hidden.add(code);
    else if (level) severity[code] = level;
  }
  // Engine findings the document layer dropped (a line suppression, a reader's finding that says
  // more) or showed at another severity (a downgrade): the same for that finding in a what-if run.
  const kept = new Set<Finding>();
  for (const s of shown) {
    if (!s.finding) continue;
    kept.add(s.finding);
    if (s.shownSeverity !== s.finding.severity && rules[s.code] === undefined) severity[findingKey(s.code, s.field)] = s.shownSeverity;
  }
  for (const f of analysis.report?.findings ?? []) if (!kept.has(f)) hidden.add(findingKey(f.code, f.field));
  return { findings, policy: { hidden: [...hidden], severity } };
}
