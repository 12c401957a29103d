// The one HTML shell both webviews use: a strict Content Security Policy with a fresh nonce, the
// stylesheet and two module scripts (the elements library and the app), all from dist/webview or
// media through asWebviewUri. The shell is set once; everything after that is messages.

import * as vscode from 'vscode';
import type { ViewKind } from '../../shared/protocol';

/** 128 random bits as hex, from Web Crypto (present in the Node and web extension hosts). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: webviewRoots(extensionUri) };
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

const titles = (): Record<ViewKind, string> => ({ panel: vscode.l10n.t('Scaling Planner'), sidebar: vscode.l10n.t('Scaling Planner: planner') });

/** Attribute-safe text (the shell only interpolates URIs, a nonce and a language tag, but escape anyway). */
function attr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function shellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind): string {
  const nonce = makeNonce();
  const asset = (...p: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(vscode.env.language) ? vscode.env.language : 'en';
  return `<!DOCTYPE html>
<html lang="${attr(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${attr(titles()[view])}</title>
<link rel="stylesheet" href="${attr(asset('media', 'webview.css'))}">
<script type="module" nonce="${nonce}" src="${attr(asset('dist', 'webview', 'elements.js'))}"></script>
<script type="module" nonce="${nonce}" src="${attr(asset('dist', 'webview', `${view}.js`))}"></script>
</head>
<body class="sp-${view}">
<main id="app" class="app" aria-busy="true"><p class="muted">${attr(vscode.l10n.t('Loading…'))}</p></main>
</body>
</html>`;
}
