// The sidebar planner (WebviewView `scalingPlanner.planner`): budget in, compute-optimal plan out
// (computed in the webview with the engine), plus the active config's headline numbers. The host
// creates plan files and opens the panel.

import * as vscode from 'vscode';
import type { PlanInputs, WebviewMessage } from '../../shared/protocol';
import type { AnalysisService } from '../analysisService';
import * as actions from './actions';
import { webviewOptions } from './html';
import { WebviewHost } from './host';
import type { TestRecorder } from './messenger';

export const SIDEBAR_VIEW_ID = 'scalingPlanner.planner';

export class SidebarPlanner extends WebviewHost implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private viewSubs: vscode.Disposable[] = [];
  private lastUri: string | undefined;

  constructor(
    context: vscode.ExtensionContext,
    service: AnalysisService,
    recorder: TestRecorder,
    private readonly openPanel: (inputs?: PlanInputs) => Promise<void>,
  ) {
    super('sidebar', context, service, recorder);
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.push()),
      service.onDidChange((e) => {
        const uri = e.uri.toString();
        if (uri === (vscode.window.activeTextEditor?.document.uri.toString() ?? this.lastUri)) this.push();
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.viewSubs.forEach((s) => s.dispose());
    this.view = view;
    view.webview.options = webviewOptions(this.context.extensionUri);
    const messenger = this.connect(view.webview);
    this.viewSubs = [
      messenger,
      view.onDidChangeVisibility(() => {
        if (!view.visible) messenger.hidden();
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.messenger = undefined;
        }
        this.viewSubs.forEach((s) => s.dispose());
        this.viewSubs = [];
      }),
    ];
  }

  protected settingsScope(): vscode.TextDocument | undefined {
    return vscode.window.activeTextEditor?.document;
  }

  /**
   * The active editor's config (headline numbers), or none. While a webview or the panel has focus
   * there is no active text editor: keep the last config if it is still open, else a visible one.
   */
  protected push(): void {
    if (!this.messenger) return;
    const ed = vscode.window.activeTextEditor;
    let doc = ed?.document;
    if (!doc) {
      doc = (this.lastUri ? actions.documentFor(this.lastUri) : undefined) ?? vscode.window.visibleTextEditors.find((e) => this.service.get(e.document)?.analysis.report)?.document;
      if (!doc) {
        // The last config was closed: do not leave its numbers on screen.
        if (this.lastUri) {
          this.lastUri = undefined;
          this.post({ type: 'analysis', config: null, reason: vscode.l10n.t('No training config is active.') });
        }
        return;
      }
    }
    const entry = this.service.get(doc);
    const config = entry ? actions.configPayload(entry) : null;
    this.lastUri = config ? config.uri : undefined;
    this.post(config ? { type: 'analysis', config } : { type: 'analysis', config: null, reason: vscode.l10n.t('No training config is active.') });
  }

  protected async handleOwn(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'openInPanel':
        await this.openPanel(m.inputs);
        return;
      case 'copyMarkdown': {
        const ok = await actions.copyMarkdown(this.service, m.uri, m.values, m.inputs ? actions.planPreview(m.inputs) : undefined);
        const message = ok === 'copied' ? vscode.l10n.t('Copied as Markdown.') : ok ? vscode.l10n.t('No clipboard here: the report is open in a new editor.') : vscode.l10n.t('Nothing to copy.');
        this.post({ type: 'notice', level: ok === 'copied' ? 'info' : 'warning', message });
        return;
      }
    }
  }

  dispose(): void {
    this.viewSubs.forEach((s) => s.dispose());
    super.dispose();
  }
}
