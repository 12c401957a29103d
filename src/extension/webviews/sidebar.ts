// The sidebar planner (WebviewView `scalingPlanner.planner`): budget in, compute-optimal plan out
// (computed in the webview with the engine), plus the active config's headline numbers. The host
// creates plan files and opens the panel.

import * as vscode from 'vscode';
import { PROTOCOL_VERSION, type PlanInputs, type WebviewMessage } from '../../shared/protocol';
import type { AnalysisService } from '../analysisService';
import { readSettings } from '../settings';
import * as actions from './actions';
import { shellHtml, webviewOptions } from './html';
import { Messenger, type TestRecorder } from './messenger';

export const SIDEBAR_VIEW_ID = 'scalingPlanner.planner';

export class SidebarPlanner implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private messenger: Messenger | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private viewSubs: vscode.Disposable[] = [];
  private lastUri: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: AnalysisService,
    private readonly recorder: TestRecorder,
    private readonly openPanel: (inputs?: PlanInputs) => Promise<void>,
  ) {
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.pushActive()),
      service.onDidChange((e) => {
        const uri = e.uri.toString();
        if (uri === (vscode.window.activeTextEditor?.document.uri.toString() ?? this.lastUri)) this.pushActive();
      }),
      vscode.window.onDidChangeActiveColorTheme((t) => this.messenger?.post({ type: 'theme', kind: actions.themeKind(t.kind) })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('scalingPlanner')) this.sendAll();
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.viewSubs.forEach((s) => s.dispose());
    this.view = view;
    view.webview.options = webviewOptions(this.context.extensionUri);
    const messenger = new Messenger(view.webview, 'sidebar', this.recorder, () => this.sendAll(), (m) => this.handle(m));
    this.messenger = messenger;
    view.webview.html = shellHtml(view.webview, this.context.extensionUri, 'sidebar');
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

  private sendAll(): void {
    const settings = readSettings(vscode.window.activeTextEditor?.document);
    this.messenger?.post({ type: 'init', protocol: PROTOCOL_VERSION, view: 'sidebar', settings: actions.engineSettings(settings), theme: actions.themeKind() });
    this.pushActive();
  }

  /**
   * The active editor's config (headline numbers), or none. While a webview or the panel has focus
   * there is no active text editor: keep the last config if it is still open, else a visible one.
   */
  private pushActive(): void {
    if (!this.messenger) return;
    const ed = vscode.window.activeTextEditor;
    let doc = ed?.document;
    if (!doc) {
      doc = (this.lastUri ? actions.documentFor(this.lastUri) : undefined) ?? vscode.window.visibleTextEditors.find((e) => this.service.get(e.document)?.analysis.report)?.document;
      if (!doc) {
        // The last config was closed: do not leave its numbers on screen.
        if (this.lastUri) {
          this.lastUri = undefined;
          this.messenger.post({ type: 'analysis', config: null, reason: vscode.l10n.t('No training config is active.') });
        }
        return;
      }
    }
    const entry = this.service.get(doc);
    const config = entry ? actions.configPayload(entry) : null;
    this.lastUri = config ? config.uri : undefined;
    this.messenger.post(config ? { type: 'analysis', config } : { type: 'analysis', config: null, reason: vscode.l10n.t('No training config is active.') });
  }

  private async handle(m: WebviewMessage): Promise<void> {
    const post = this.messenger ? this.messenger.post.bind(this.messenger) : () => undefined;
    switch (m.type) {
      case 'request':
        this.sendAll();
        return;
      case 'createPlanFile':
        post({ type: 'planResult', ...(await actions.createPlan(m.inputs, m.name)) });
        return;
      case 'openInPanel':
        await this.openPanel(m.inputs);
        return;
      case 'copyMarkdown': {
        const ok = await actions.copyMarkdown(this.service, m.uri, m.values, m.inputs ? actions.planPreview(m.inputs) : undefined);
        const message = ok === 'copied' ? vscode.l10n.t('Copied as Markdown.') : ok ? vscode.l10n.t('No clipboard here: the report is open in a new editor.') : vscode.l10n.t('Nothing to copy.');
        post({ type: 'notice', level: ok === 'copied' ? 'info' : 'warning', message });
        return;
      }
      case 'saveCsv': {
        const saved = await actions.saveCsv(m.fileName, m.csv);
        if (saved) post({ type: 'notice', level: 'info', message: vscode.l10n.t('Saved {0}.', saved) });
        return;
      }
      case 'applyValues':
      case 'savePng':
      case 'cspViolation':
      case 'rendered':
      case 'ready':
        return;
    }
  }

  dispose(): void {
    this.viewSubs.forEach((s) => s.dispose());
    this.subs.forEach((s) => s.dispose());
  }
}
