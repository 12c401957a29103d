// Quick fixes: apply a finding's suggested values, rename a mistyped key, or suppress a finding for
// a line or the file.
// Every fix is a WorkspaceEdit that replaces only the scalars involved (undoable).

import * as vscode from 'vscode';
import { fixEdits, renameKeyEdit, suppressFileEdit, suppressLineEdit, type TextEdit } from '../document/fixEdits';
import type { AnalysisService } from './analysisService';
import { toRange } from './convert';
import { SOURCE } from './diagnostics';

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

function toWorkspaceEdit(doc: vscode.TextDocument, edits: TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, toRange(doc, e.span), e.newText);
  return we;
}

export class CodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly service: AnalysisService) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext, token?: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const entry = await this.service.analysed(doc, token);
    if (!entry) return [];
    const text = doc.getText();
    const out: vscode.CodeAction[] = [];
    const isYaml = doc.languageId !== 'json' && doc.languageId !== 'jsonc' && !/\.json$/i.test(doc.fileName);
    for (const d of ctx.diagnostics) {
      if (d.source !== SOURCE) continue;
      const code = codeOf(d);
      if (!code) continue;
      const located = entry.analysis.located.find((l) => l.code === code && toRange(doc, l.span).isEqual(d.range));
      const fix = located?.finding?.fix;
      if (fix) {
        const edits = fixEdits(entry.analysis, text, fix);
        if (edits.length) {
          const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          a.diagnostics = [d];
          a.isPreferred = true;
          a.edit = toWorkspaceEdit(doc, edits);
          out.push(a);
        }
      }
      const rename = located && renameKeyEdit(text, located);
      if (rename) {
        const a = new vscode.CodeAction(vscode.l10n.t('Rename to {0}', located.rename!), vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.isPreferred = true;
        a.edit = toWorkspaceEdit(doc, [rename]);
        out.push(a);
      }
      if (isYaml && code !== 'yaml-syntax' && code !== 'too-large' && code !== 'too-complex') {
        const line = new vscode.CodeAction(vscode.l10n.t('Disable {0} for this line', code), vscode.CodeActionKind.QuickFix);
        line.diagnostics = [d];
        line.edit = toWorkspaceEdit(doc, [suppressLineEdit(text, doc.offsetAt(d.range.start), code)]);
        const file = new vscode.CodeAction(vscode.l10n.t('Disable {0} for this file', code), vscode.CodeActionKind.QuickFix);
        file.diagnostics = [d];
        file.edit = toWorkspaceEdit(doc, [suppressFileEdit(text, code)]);
        out.push(line, file);
      }
    }
    return out;
  }
}
