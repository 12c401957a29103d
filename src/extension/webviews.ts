// Planning panel and sidebar planner hosts. Until the panel lands, the panel command shows the
// report as a Markdown preview.

import * as vscode from 'vscode';
import { renderMarkdown } from '../engine/render';
import type { AnalysisService } from './analysisService';

export interface Webviews {
  openPanel(doc?: vscode.TextDocument): Promise<void>;
  testApi: Record<string, unknown>;
}

export function registerWebviews(_context: vscode.ExtensionContext, service: AnalysisService): Webviews {
  return {
    async openPanel(doc) {
      const d = doc ?? vscode.window.activeTextEditor?.document;
      const entry = d ? service.get(d) : undefined;
      if (!entry?.analysis.report) {
        void vscode.window.showWarningMessage('Scaling Planner: open a training config first.');
        return;
      }
      const md = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderMarkdown(entry.analysis.report, entry.analysis.dialect) });
      await vscode.commands.executeCommand('markdown.showPreview', md.uri);
    },
    testApi: {},
  };
}
