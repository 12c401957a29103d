// Inlay hints: parameters, tokens per parameter and time/cost at the end of the lines they
// describe, each cut to VS Code's per-line length; redrawn on every analysis (refresh.ts).

import * as vscode from 'vscode';
import { fitHint, hintAnchors, hintLabels } from '../document/describe';
import { lifecycleAnchors, lifecycleHintLabels } from '../document/describeLifecycle';
import { RefreshOnAnalysis } from './refresh';

export class InlayHints extends RefreshOnAnalysis implements vscode.InlayHintsProvider {
  readonly onDidChangeInlayHints = this.changed.event;

  async provideInlayHints(doc: vscode.TextDocument, range: vscode.Range, token?: vscode.CancellationToken): Promise<vscode.InlayHint[]> {
    const entry = await this.service.analysed(doc, token);
    if (!entry?.analysis.report) return [];
    const labels = { ...hintLabels(entry.analysis.report, entry.settings.money), ...lifecycleHintLabels(entry.analysis.report, entry.settings.money) };
    const anchors = { ...hintAnchors(entry.analysis), ...lifecycleAnchors(entry.analysis) };
    // The serve: and distill: hints are cost and loss estimates, shown with the hardware hint.
    const enabled = { ...entry.settings.hints, serve: entry.settings.hints.hardware, distill: entry.settings.hints.hardware };
    const max = vscode.workspace.getConfiguration('editor.inlayHints', doc).get<number>('maximumLength', 43);
    const out: vscode.InlayHint[] = [];
    const lines = new Set<number>();
    for (const kind of ['model', 'tokens', 'hardware', 'serve', 'distill'] as const) {
      const label = labels[kind];
      const at = anchors[kind];
      if (!label || at === undefined || !enabled[kind]) continue;
      const line = doc.positionAt(at).line;
      if (lines.has(line)) continue;
      lines.add(line);
      const pos = doc.lineAt(line).range.end;
      if (!range.contains(pos)) continue;
      const h = new vscode.InlayHint(pos, fitHint(label, max), vscode.InlayHintKind.Parameter);
      h.paddingLeft = true;
      h.tooltip = vscode.l10n.t('Scaling Planner estimate (hover the key for details)');
      out.push(h);
    }
    return out;
  }
}
