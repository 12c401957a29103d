// Offsets and severities from the pure layers, as VS Code types.

import * as vscode from 'vscode';
import type { Span } from '../read/yamlDoc';
import type { Severity } from '../engine';
import type { RuleLevel } from './settings';

export function toRange(doc: vscode.TextDocument, span: Span): vscode.Range {
  const start = doc.positionAt(span.start);
  const end = doc.positionAt(Math.max(span.end, span.start));
  return new vscode.Range(start, end);
}

export function toSeverity(s: Severity | RuleLevel): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}
