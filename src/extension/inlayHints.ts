import * as vscode from 'vscode';
import { hintAnchors, hintLabels } from '../config/describe';
import type { AnalysisService } from './analysisService';

/**
 * VS Code cuts every inlay hint at `editor.inlayHints.maximumLength` characters (43 by default),
 * so a long label is shown as several hints side by side, split between its " · " parts: as few
 * hints as possible, as even as possible.
 */
export function splitLabel(label: string, max: number): string[] {
  const parts = label.split(' · ');
  if (max <= 0 || label.length <= max || parts.length > 12) return [label];
  const limit = Math.max(max, ...parts.map((p) => p.length)); // a single part longer than max stays whole
  let best: string[] | undefined;
  let bestLongest = Infinity;
  for (let mask = 0; mask < 1 << (parts.length - 1); mask++) {
    const chunks: string[] = [parts[0]];
    for (let i = 1; i < parts.length; i++) {
      if (mask & (1 << (i - 1))) chunks.push(parts[i]);
      else chunks[chunks.length - 1] += ` · ${parts[i]}`;
    }
    const longest = Math.max(...chunks.map((c) => c.length));
    if (longest > limit) continue;
    if (!best || chunks.length < best.length || (chunks.length === best.length && longest < bestLongest)) {
      best = chunks;
      bestLongest = longest;
    }
  }
  return best ?? [label];
}

export class InlayHints implements vscode.Disposable, vscode.InlayHintsProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.emitter.event;

  private readonly sub: vscode.Disposable;

  constructor(private readonly service: AnalysisService) {
    this.sub = service.onDidChange(() => this.emitter.fire());
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }

  provideInlayHints(doc: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    const entry = this.service.get(doc);
    if (!entry?.analysis.report) return [];
    const labels = hintLabels(entry.analysis.report, entry.settings.money);
    const anchors = hintAnchors(entry.analysis);
    const max = vscode.workspace.getConfiguration('editor.inlayHints', doc).get<number>('maximumLength', 43);
    const out: vscode.InlayHint[] = [];
    const lines = new Set<number>();
    for (const kind of ['model', 'tokens', 'hardware'] as const) {
      const label = labels[kind];
      const at = anchors[kind];
      if (!label || at === undefined || !entry.settings.hints[kind]) continue;
      const line = doc.positionAt(at).line;
      if (lines.has(line)) continue;
      lines.add(line);
      const pos = doc.lineAt(line).range.end;
      if (!range.contains(pos)) continue;
      for (const text of splitLabel(label, max)) {
        const h = new vscode.InlayHint(pos, text, vscode.InlayHintKind.Parameter);
        h.paddingLeft = true;
        h.tooltip = 'Scaling Planner estimate (hover the key for details)';
        out.push(h);
      }
    }
    return out;
  }
}
