// CodeLens: a config's headline at its top (opening the cost breakdown) beside "Open planning
// panel", and the lifetime cost at its serve: block; redrawn on every analysis (refresh.ts).

import * as vscode from 'vscode';
import { lifecycleAnchors, lifecycleLensTitle } from '../document/describeLifecycle';
import { headline } from '../engine';
import { RefreshOnAnalysis } from './refresh';

export class CodeLenses extends RefreshOnAnalysis implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses = this.changed.event;

  async provideCodeLenses(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const entry = await this.service.analysed(doc, token);
    if (!entry?.analysis.report || !entry.settings.codeLens) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lifetime = lifecycleLensTitle(entry.analysis.report, entry.settings.money);
    const at = lifecycleAnchors(entry.analysis).serve;
    const serveLine = at === undefined ? undefined : new vscode.Range(doc.positionAt(at).line, 0, doc.positionAt(at).line, 0);
    return [
      ...(lifetime && serveLine ? [new vscode.CodeLens(serveLine, { title: `$(graph) ${lifetime}`, command: 'scalingPlanner.openPanel', tooltip: vscode.l10n.t('Lifecycle cost in the planning panel') })] : []),
      new vscode.CodeLens(top, { title: `$(graph) ${headline(entry.analysis.report, entry.settings.money)}`, command: 'scalingPlanner.estimateCost', tooltip: vscode.l10n.t('Cost breakdown') }),
      new vscode.CodeLens(top, { title: vscode.l10n.t('Open planning panel'), command: 'scalingPlanner.openPanel' }),
    ];
  }
}
