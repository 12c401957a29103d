// One messenger per webview: holds host messages until the webview says `ready` (and again after
// it was hidden and reloaded), validates every inbound message with the shared guards and drops
// anything else, and records what tests need.

import * as vscode from 'vscode';
import { isWebviewMessage, PROTOCOL_VERSION, type HostMessage, type RenderedState, type ViewKind, type WebviewMessage } from '../../shared/protocol';
import { log } from '../log';

/** What integration and end-to-end tests read through the extension's API. */
export class TestRecorder {
  readonly cspViolations: string[] = [];
  lastMessageFromWebview: WebviewMessage | undefined;
  readonly rendered: Partial<Record<ViewKind, RenderedState>> = {};
  ignoredCount = 0;
  readonly received: Record<string, number> = {};

  record(m: WebviewMessage): void {
    this.lastMessageFromWebview = m;
    this.received[m.type] = (this.received[m.type] ?? 0) + 1;
    if (m.type === 'cspViolation') this.cspViolations.push(`${m.directive} ${m.blockedUri} ${m.sample}`.trim());
    if (m.type === 'rendered') this.rendered[m.state.view] = m.state;
  }

  api(): Record<string, unknown> {
    return {
      panelState: () => this.rendered.panel,
      sidebarState: () => this.rendered.sidebar,
      cspViolations: this.cspViolations,
      lastMessageFromWebview: () => this.lastMessageFromWebview,
      received: this.received,
      ignoredMessages: () => this.ignoredCount,
    };
  }
}

/** Messages that carry state: when the webview (re)loads, the host resends them fresh instead. */
const STATEFUL = new Set<HostMessage['type']>(['init', 'analysis', 'theme']);

export class Messenger implements vscode.Disposable {
  private ready = false;
  private queue: HostMessage[] = [];
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    private readonly view: ViewKind,
    private readonly recorder: TestRecorder,
    /** Called on every `ready`: send init and the current state. */
    private readonly onReady: () => void,
    private readonly onMessage: (m: WebviewMessage) => void | Promise<void>,
  ) {
    this.subs.push(webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
  }

  /** The webview was hidden (its document is gone until it is shown and says `ready` again). */
  hidden(): void {
    this.ready = false;
  }

  post(m: HostMessage): void {
    if (!this.ready) {
      if (STATEFUL.has(m.type)) this.queue = this.queue.filter((q) => q.type !== m.type);
      this.queue.push(m);
      return;
    }
    void this.webview.postMessage(m);
  }

  private receive(raw: unknown): void {
    if (!isWebviewMessage(raw)) {
      this.recorder.ignoredCount += 1;
      log().warn(`${this.view} webview: ignored a malformed or unknown message`);
      return;
    }
    this.recorder.record(raw);
    if (raw.type === 'ready') {
      if (raw.protocol !== PROTOCOL_VERSION) log().warn(`${this.view} webview speaks protocol ${raw.protocol}, host ${PROTOCOL_VERSION}`);
      this.ready = true;
      const pending = this.queue.filter((q) => !STATEFUL.has(q.type));
      this.queue = [];
      this.onReady();
      for (const q of pending) void this.webview.postMessage(q);
      return;
    }
    if (raw.type === 'cspViolation') log().warn(`${this.view} webview CSP violation: ${raw.directive} ${raw.blockedUri}`);
    Promise.resolve(this.onMessage(raw)).catch((e: unknown) => {
      log().error(`${this.view} webview: handling ${raw.type} failed: ${(e as Error).stack ?? e}`);
      this.post({ type: 'notice', level: 'error', message: `Could not ${raw.type}: ${(e as Error).message ?? e}` });
    });
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
  }
}
