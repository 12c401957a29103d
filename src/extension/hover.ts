import * as vscode from 'vscode';
import { describeField, fieldAt } from '../document/describe';
import type { AnalysisService } from './analysisService';
import { toRange } from './convert';

export class Hovers implements vscode.HoverProvider {
  constructor(private readonly service: AnalysisService) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const entry = await this.service.analysed(doc, token);
    if (!entry || !entry.settings.hover || entry.analysis.kind !== 'ok') return undefined;
    const hit = fieldAt(entry.analysis, doc.offsetAt(pos));
    if (!hit) return undefined;
    const md = new vscode.MarkdownString(describeField(entry.analysis, hit.field, hit.source, entry.settings.money));
    md.appendMarkdown(`\n\n[${vscode.l10n.t('Open planning panel')}](command:scalingPlanner.openPanel)`);
    md.isTrusted = { enabledCommands: ['scalingPlanner.openPanel'] };
    const span = hit.source.keySpan && hit.source.span ? { start: Math.min(hit.source.keySpan.start, hit.source.span.start), end: Math.max(hit.source.keySpan.end, hit.source.span.end) } : hit.source.span;
    return new vscode.Hover(md, span ? toRange(doc, span) : undefined);
  }
}
