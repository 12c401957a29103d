// Findings -> one DiagnosticCollection, on the exact YAML value each finding is about.

import * as vscode from 'vscode';
import { shownFindings } from '../document/display';
import type { AnalysisService, Entry } from './analysisService';
import { toRange, toSeverity } from './convert';

export const SOURCE = 'Scaling Planner';

export class DiagnosticsPublisher implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('scalingPlanner');
  private readonly sub: vscode.Disposable;

  /** Line of each finding's section in docs/findings.md (the link opens there). */
  private sectionLines: Record<string, number> = {};

  constructor(
    service: AnalysisService,
    private readonly docsUri: vscode.Uri,
  ) {
    this.sub = service.onDidChange((e) => {
      if ('cleared' in e) this.collection.delete(e.uri);
      else this.publish(e);
    });
  }

  setSectionLines(lines: Record<string, number>): void {
    this.sectionLines = lines;
  }

  /** The docs file opened at the finding's heading: editors read `#L<line>` as a selection. */
  private docLink(code: string): vscode.Uri {
    const line = this.sectionLines[code];
    return this.docsUri.with({ fragment: line === undefined ? code : `L${line + 1}` });
  }

  publish(e: Entry): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === e.uri.toString());
    if (!doc || doc.version !== e.version) return;
    const out: vscode.Diagnostic[] = [];
    if (e.tooLarge) {
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        vscode.l10n.t('Scaling Planner skipped this file: {0} KB is above scalingPlanner.maxFileSizeKb ({1} KB).', e.tooLarge.sizeKb, e.tooLarge.limitKb),
        vscode.DiagnosticSeverity.Information,
      );
      d.source = SOURCE;
      d.code = { value: 'too-large', target: this.docLink('too-large') };
      out.push(d);
    }
    for (const l of shownFindings(e.analysis.located, e.settings.rules)) {
      const d = new vscode.Diagnostic(toRange(doc, l.span), l.message, toSeverity(l.shownSeverity));
      d.source = SOURCE;
      d.code = { value: l.code, target: this.docLink(l.code) };
      if (l.related.length) {
        d.relatedInformation = l.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, toRange(doc, r.span)), r.message));
      }
      out.push(d);
    }
    this.collection.set(doc.uri, out);
  }

  dispose(): void {
    this.sub.dispose();
    this.collection.dispose();
  }
}
