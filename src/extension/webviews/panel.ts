// The planning panel (WebviewPanel `scalingPlanner.panel`): follows the active training config,
// re-renders when it is saved or another config becomes active, and comes back after a reload
// through the serializer. One panel at a time; opening it again reveals it.

import * as vscode from 'vscode';
import type { HostMessage, PlanInputs, WebviewMessage } from '../../shared/protocol';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import type { AnalysisService, Entry } from '../analysisService';
import { log } from '../log';
import { readSettings } from '../settings';
import * as actions from './actions';
import { shellHtml, webviewOptions } from './html';
import { Messenger, type TestRecorder } from './messenger';

export const PANEL_VIEW_TYPE = 'scalingPlanner.panel';

/** What the panel's webview keeps with setState; the serializer hands it back after a reload. */
interface PanelState {
  uri?: string;
}

function isPanelState(x: unknown): x is PanelState {
  return typeof x === 'object' && x !== null && (typeof (x as PanelState).uri === 'string' || (x as PanelState).uri === undefined);
}

export class PlanningPanel implements vscode.Disposable {
  private static current: PlanningPanel | undefined;

  /** The followed config (a document uri), or a plan preview from the sidebar. */
  private followed: string | undefined;
  private preview: Entry | undefined;
  private readonly messenger: Messenger;
  private readonly subs: vscode.Disposable[] = [];

  static async show(context: vscode.ExtensionContext, service: AnalysisService, recorder: TestRecorder, doc?: vscode.TextDocument, inputs?: PlanInputs): Promise<void> {
    const target = doc ?? PlanningPanel.activeConfig(service);
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
    p.follow((doc ?? PlanningPanel.activeConfig(service))?.uri.toString());
  }

  /** The active editor's document when it is a training config the engine can read. */
  private static activeConfig(service: AnalysisService): vscode.TextDocument | undefined {
    const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors];
    return editors.find((e) => e && service.get(e.document)?.analysis.report)?.document;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly service: AnalysisService,
    recorder: TestRecorder,
  ) {
    PlanningPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'activity.svg');
    this.messenger = new Messenger(panel.webview, 'panel', recorder, () => this.sendAll(), (m) => this.handle(m));
    panel.webview.html = shellHtml(panel.webview, context.extensionUri, 'panel');
    this.subs.push(
      this.messenger,
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.messenger.hidden();
      }),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        if (ed && ed.document.uri.toString() !== this.followed && service.get(ed.document)?.analysis.report) this.follow(ed.document.uri.toString());
      }),
      service.onDidChange((e) => {
        if (e.uri.toString() === this.followed && !this.preview) this.push();
      }),
      vscode.window.onDidChangeActiveColorTheme((t) => this.messenger.post({ type: 'theme', kind: actions.themeKind(t.kind) })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('scalingPlanner')) this.sendAll();
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
      this.messenger.post({ type: 'notice', level: 'error', message: (e as Error).message });
      return;
    }
    this.push();
  }

  private entry(): Entry | undefined {
    if (this.preview) return this.preview;
    const doc = this.followed ? actions.documentFor(this.followed) : undefined;
    return doc ? this.service.get(doc) : undefined;
  }

  private sendAll(): void {
    const doc = this.followed ? actions.documentFor(this.followed) : undefined;
    const settings = readSettings(doc);
    this.messenger.post({ type: 'init', protocol: PROTOCOL_VERSION, view: 'panel', settings: actions.engineSettings(settings), theme: actions.themeKind() });
    this.push();
  }

  /** Send the followed config's analysis (data only; the webview renders text with textContent). */
  private push(): void {
    const entry = this.entry();
    const config = entry ? actions.configPayload(entry, !this.preview) : null;
    this.panel.title = config ? vscode.l10n.t('Scaling Planner: {0}', config.fileName) : vscode.l10n.t('Scaling Planner');
    const msg: HostMessage = config
      ? { type: 'analysis', config }
      : { type: 'analysis', config: null, reason: this.followed ? vscode.l10n.t('The followed file is closed or is no longer a training config.') : vscode.l10n.t('Open a training config to see it on the frontier.') };
    this.messenger.post(msg);
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'request':
        this.sendAll();
        return;
      case 'applyValues': {
        if (this.preview || m.uri !== this.followed) {
          this.messenger.post({ type: 'notice', level: 'warning', message: vscode.l10n.t('This view has no file to apply to; create a plan file first.') });
          return;
        }
        const r = await actions.applyValues(this.service, m.uri, m.values);
        if (r) this.messenger.post({ type: 'notice', level: r.level, message: r.message, applied: r.applied });
        if (r?.applied) this.push(); // the edited (unsaved) text, analysed now
        return;
      }
      case 'copyMarkdown': {
        const ok = await actions.copyMarkdown(this.service, m.uri ?? this.followed, m.values, this.preview);
        this.messenger.post(
          ok === 'copied'
            ? { type: 'notice', level: 'info', message: vscode.l10n.t('Report copied as Markdown.') }
            : { type: 'notice', level: 'warning', message: ok ? vscode.l10n.t('No clipboard here: the report is open in a new editor.') : vscode.l10n.t('No report to copy.') },
        );
        return;
      }
      case 'createPlanFile': {
        const r = await actions.createPlan(m.inputs, m.name);
        this.messenger.post({ type: 'planResult', ...r });
        return;
      }
      case 'saveCsv': {
        const saved = await actions.saveCsv(m.fileName, m.csv);
        if (saved) this.messenger.post({ type: 'notice', level: 'info', message: vscode.l10n.t('Saved {0}.', saved) });
        return;
      }
      case 'savePng': {
        const saved = await actions.savePng(m.fileName, m.dataUrl);
        if (saved) this.messenger.post({ type: 'notice', level: 'info', message: vscode.l10n.t('Saved {0}.', saved) });
        return;
      }
      case 'openInPanel':
        if (m.inputs) this.showPlan(m.inputs);
        return;
      case 'cspViolation':
      case 'rendered':
      case 'ready':
        return;
    }
  }

  dispose(): void {
    if (PlanningPanel.current === this) PlanningPanel.current = undefined;
    this.subs.forEach((s) => s.dispose());
    this.subs.length = 0;
    log().debug('planning panel closed');
  }
}
