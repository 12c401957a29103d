// What the two webview hosts (planning panel, sidebar planner) share: a messenger that waits for
// the webview's `ready` before posting, `sendAll` (init with the settings, then the state), replies
// correlated with the webview's requests, and the actions both offer (plan files, CSV and PNG).
// A host adds its own state (`push`) and its own actions (`handleOwn`).

import * as vscode from 'vscode';
import { PROTOCOL_VERSION, type HostMessage, type ViewKind, type WebviewMessage } from '../../shared/protocol';
import type { AnalysisService } from '../analysisService';
import { readSettings } from '../settings';
import * as actions from './actions';
import { shellHtml } from './html';
import { Messenger, type TestRecorder } from './messenger';

export abstract class WebviewHost implements vscode.Disposable {
  protected messenger: Messenger | undefined;
  protected readonly subs: vscode.Disposable[] = [];

  protected constructor(
    protected readonly kind: ViewKind,
    protected readonly context: vscode.ExtensionContext,
    protected readonly service: AnalysisService,
    private readonly recorder: TestRecorder,
  ) {
    this.subs.push(
      vscode.window.onDidChangeActiveColorTheme((t) => this.post({ type: 'theme', kind: actions.themeKind(t.kind) })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('scalingPlanner')) this.sendAll();
      }),
    );
  }

  /** The document whose settings the webview gets (its folder's settings in a multi-root workspace). */
  protected abstract settingsScope(): vscode.TextDocument | undefined;
  /** Send the current state (after init, and whenever it changes). */
  protected abstract push(): void;
  /** The actions only this host offers. */
  protected abstract handleOwn(m: WebviewMessage): Promise<void>;

  /** Load the webview's app into `webview` and talk to it through a new messenger. */
  protected connect(webview: vscode.Webview): Messenger {
    const messenger = new Messenger(webview, this.kind, this.recorder, () => this.sendAll(), (m) => this.handle(m));
    this.messenger = messenger;
    webview.html = shellHtml(webview, this.context.extensionUri, this.kind);
    return messenger;
  }

  protected post(m: HostMessage): void {
    this.messenger?.post(m);
  }

  protected info(message: string): void {
    this.post({ type: 'notice', level: 'info', message });
  }

  protected sendAll(): void {
    if (!this.messenger) return;
    const settings = readSettings(this.settingsScope());
    this.post({ type: 'init', protocol: PROTOCOL_VERSION, view: this.kind, settings: actions.engineSettings(settings), theme: actions.themeKind() });
    this.push();
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'request':
        this.sendAll();
        this.post({ type: 'reply', id: m.id, ok: true });
        return;
      case 'createPlanFile':
        this.post({ type: 'planResult', ...(await actions.createPlan(m.inputs, m.name)) });
        return;
      case 'saveCsv': {
        const saved = await actions.saveCsv(m.fileName, m.csv);
        if (saved) this.info(vscode.l10n.t('Saved {0}.', saved));
        return;
      }
      case 'savePng': {
        const saved = await actions.savePng(m.fileName, m.dataUrl);
        if (saved) this.info(vscode.l10n.t('Saved {0}.', saved));
        return;
      }
      case 'cspViolation':
      case 'rendered':
      case 'ready':
        return; // recorded by the messenger
      default:
        return this.handleOwn(m);
    }
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.subs.length = 0;
  }
}
