// Which extension host runs this code: VS Code's Node host (desktop, Remote, code-server's
// server) or the web worker host (vscode.dev, github.dev, code-server's browser side), where
// there is no Node and files are reached only through vscode.workspace.fs.

import * as vscode from 'vscode';

/** True in a web worker extension host (a worker global scope, no Node `process`). */
export function inWebWorker(): boolean {
  const g = globalThis as { importScripts?: unknown; process?: { versions?: { node?: string } } };
  return typeof g.importScripts === 'function' && !g.process?.versions?.node;
}

export function hostDescription(): string {
  const where = inWebWorker() ? 'web worker extension host' : 'Node extension host';
  return `${where}, ${vscode.env.appName} ${vscode.version}, UI ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}`;
}

/**
 * A file shipped with the extension: through workspace.fs (every host), else with fetch when the
 * extension is served over http(s) and no file system provider answers for that scheme.
 */
export async function readExtensionFile(uri: vscode.Uri): Promise<Uint8Array> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if ((uri.scheme !== 'https' && uri.scheme !== 'http') || typeof fetch !== 'function') throw e;
    const res = await fetch(uri.toString(true));
    if (!res.ok) throw new Error(`${res.status} ${res.statusText} for ${uri.toString(true)}`);
    return new Uint8Array(await res.arrayBuffer());
  }
}

/**
 * Text to the clipboard. A browser can refuse (no permission, page not focused): then the text
 * opens in a new editor, with a message saying so, instead of failing. Returns where it went.
 */
export async function copyText(text: string, language = 'markdown'): Promise<'copied' | 'opened'> {
  try {
    await vscode.env.clipboard.writeText(text);
    return 'copied';
  } catch {
    const doc = await vscode.workspace.openTextDocument({ language, content: text });
    await vscode.window.showTextDocument(doc);
    void vscode.window.showWarningMessage(vscode.l10n.t('Scaling Planner: this browser did not allow writing to the clipboard; the text is open in a new editor instead.'));
    return 'opened';
  }
}
