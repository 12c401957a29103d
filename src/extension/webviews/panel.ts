// The planning panel (WebviewPanel `scalingPlanner.panel`): follows the active training config,
// switches when another config becomes active, and comes back after a reload
// through the serializer. One panel at a time; opening it again reveals it.

import * as vscode from 'vscode';
import type { HostMessage, PlanInputs, WebviewMessage } from '../../shared/protocol';
import type { AnalysisService, Entry } from '../analysisService';
import { log } from '../log';
import * as actions from './actions';
import { webviewOptions } from './html';
import { WebviewHost } from './host';
import type { TestRecorder } from './messenger';

export const PANEL_VIEW_TYPE = 'scalingPlanner.panel';

/** What the panel's webview keeps with setState; the serializer hands it back after a reload. */
interface PanelState {
  uri?: string;
}

function isPanelState(x: unknown): x is PanelState {
  return typeof x === 'object' && x !== null && (typeof (x as PanelState).uri === 'string' || (x as PanelState).uri === undefined);
}

export class PlanningPanel extends WebviewHost {
  private static current: PlanningPanel | undefined;

  /** The followed config (a document uri), or a plan preview from the sidebar. */
  private followed: string | undefined;
  private preview: Entry | undefined;

  static async show(context: vscode.ExtensionContext, service: AnalysisService, recorder: TestRecorder, doc?: vscode.TextDocument, inputs?: PlanInputs): Promise<void> {
    const target = doc ?? (await PlanningPanel.activeConfig(service));
    let p = PlanningPanel.current;
    if (!p) {
      const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, vscode.l10n.t('Scaling Planner'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, webviewOptions(context.extensionUri));
      p = new PlanningPanel(panel, context, service, recorder);
    } else p.panel.reveal(undefined, false);
    if (inputs) p.showPlan(inputs);
    else if (target) p.follow(target.uri.toString());
    else p.push();
  }

  /** After a reload: the same panel, following the config it showed (opened in the background if needed). */
  static async revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, service: AnalysisService, recorder: TestRecorder, state: unknown): Promise<void> {
    PlanningPanel.current?.panel.dispose();
    panel.webview.options = webviewOptions(context.extensionUri);
    const p = new PlanningPanel(panel, context, service, recorder);
    const uri = isPanelState(state) ? state.uri : undefined;
    let doc = uri ? actions.documentFor(uri) : undefined;
    // A preview (an untitled plan from the sidebar) is gone after a reload: follow the active config.
    if (!doc && uri && !uri.startsWith('untitled:')) doc = await Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true))).catch(() => undefined);
    p.follow((doc ?? (await PlanningPanel.activeConfig(service)))?.uri.toString());
  }

  /** The active editor's document when it is a training config the engine can read. */
  private static async activeConfig(service: AnalysisService): Promise<vscode.TextDocument | undefined> {
    for (const e of [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors]) {
      if (e && (await service.analysed(e.document))?.analysis.report) return e.document;
    }
    return undefined;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    service: AnalysisService,
    recorder: TestRecorder,
  ) {
    super('panel', context, service, recorder);
    PlanningPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'activity.svg');
    const messenger = this.connect(panel.webview);
    this.subs.push(
      messenger,
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) messenger.hidden();
      }),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        if (ed && ed.document.uri.toString() !== this.followed && service.get(ed.document)?.analysis.report) this.follow(ed.document.uri.toString());
      }),
      service.onDidChange((e) => {
        if (this.preview) return;
        const uri = e.uri.toString();
        if (uri === this.followed) this.push();
        // A config that became active before its first analysis finished is followed once it has one.
        else if (!('cleared' in e) && e.analysis.report && uri === vscode.window.activeTextEditor?.document.uri.toString()) this.follow(uri);
      }),
    );
  }

  private follow(uri: string | undefined): void {
    this.followed = uri;
    this.preview = undefined;
    this.push();
  }

  private showPlan(inputs: PlanInputs): void {
    try {
      this.preview = actions.planPreview(inputs);
    } catch (e) {
      this.post({ type: 'notice', level: 'error', message: (e as Error).message });
      return;
    }
    this.push();
  }

  private entry(): Entry | undefined {
    if (this.preview) return this.preview;
    const doc = this.followed ? actions.documentFor(this.followed) : undefined;
    return doc ? this.service.get(doc) : undefined;
  }

  protected settingsScope(): vscode.TextDocument | undefined {
    return this.followed ? actions.documentFor(this.followed) : undefined;
  }

  /** Send the followed config's analysis (data only; the webview renders text with textContent). */
  protected push(): void {
    const entry = this.entry();
    const config = entry ? actions.configPayload(entry, !this.preview) : null;
    this.panel.title = config ? vscode.l10n.t('Scaling Planner: {0}', config.fileName) : vscode.l10n.t('Scaling Planner');
    const msg: HostMessage = config
      ? { type: 'analysis', config }
      : { type: 'analysis', config: null, reason: this.followed ? vscode.l10n.t('The followed file is closed or is no longer a training config.') : vscode.l10n.t('Open a training config to see it on the frontier.') };
    this.post(msg);
  }

  protected async handleOwn(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'applyValues': {
        if (this.preview || m.uri !== this.followed) {
          this.post({ type: 'notice', level: 'warning', message: vscode.l10n.t('This view has no file to apply to; create a plan file first.') });
          return;
        }
        const r = await actions.applyValues(this.service, m.uri, m.values);
        if (r) this.post({ type: 'notice', level: r.level, message: r.message, applied: r.applied });
        if (r?.applied) this.push(); // the edited (unsaved) text, analysed now
        return;
      }
      case 'copyMarkdown': {
        const ok = await actions.copyMarkdown(this.service, m.uri ?? this.followed, m.values, this.preview);
        this.post(
          ok === 'copied'
            ? { type: 'notice', level: 'info', message: vscode.l10n.t('Report copied as Markdown.') }
            : { type: 'notice', level: 'warning', message: ok ? vscode.l10n.t('No clipboard here: the report is open in a new editor.') : vscode.l10n.t('No report to copy.') },
        );
        return;
      }
      case 'openInPanel':
        if (m.inputs) this.showPlan(m.inputs);
        return;
    }
  }

  dispose(): void {
    if (PlanningPanel.current === this) PlanningPanel.current = undefined;
    super.dispose();
    log().debug('planning panel closed');
  }
}
