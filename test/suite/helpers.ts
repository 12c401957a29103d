// Shared by the integration tests: the extension's test API, fixtures copied per test, and waits
// on what the extension publishes (never fixed sleeps where an event or a version can be awaited).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'scaling-planner.scaling-planner';
export const SOURCE = 'Scaling Planner';

export interface Entry {
  uri: vscode.Uri;
  version: number;
  analysis: {
    kind: string;
    dialect: string | null;
    report?: {
      name: string | null;
      model: { paramsTotal: number | null };
      scaling: { law: string; tokensPerParam: number | null };
    };
    located: Array<{ code: string }>;
  };
  tooLarge?: { sizeKb: number; limitKb: number };
}

export interface TestApi {
  analysisFor(uri: vscode.Uri): Entry | undefined;
  /** "worker thread", or "in process" where workers did not start. */
  analysisRunsIn(): string;
}

let api: TestApi | undefined;
export async function extensionApi(): Promise<TestApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  api = await ext.activate();
  assert.equal(typeof api.analysisFor, 'function');
  return api;
}

export function folder(index = 0): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[index];
  assert.ok(f, `no workspace folder ${index}`);
  return f.uri;
}

export function fixtureUri(name: string, index = 0): vscode.Uri {
  return vscode.Uri.joinPath(folder(index), name);
}

let copies = 0;
/** A fresh copy of a fixture next to it (same folder, so the same settings and globs apply). */
export async function copyFixture(name: string, index = 0): Promise<vscode.Uri> {
  const src = fixtureUri(name, index);
  const dest = vscode.Uri.joinPath(folder(index), `tmp-${++copies}-${name}`);
  await vscode.workspace.fs.copy(src, dest, { overwrite: true });
  return dest;
}

export async function writeFile(name: string, text: string, index = 0): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder(index), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

export async function readDisk(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function open(uri: vscode.Uri): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

/** Codes of what the Problems panel lists: everything of ours but hints (the editor only marks those). */
export function codes(uri: vscode.Uri): string[] {
  return ours(uri)
    .filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint)
    .map(codeOf)
    .sort();
}

export function hintCodes(uri: vscode.Uri): string[] {
  return ours(uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Hint)
    .map(codeOf)
    .sort();
}

export function byCode(uri: vscode.Uri, code: string): vscode.Diagnostic {
  const d = ours(uri).find((x) => codeOf(x) === code);
  assert.ok(d, `no ${code} diagnostic on ${uri.path}; have: ${codes(uri).join(', ') || 'none'}`);
  return d;
}

/** Resolves when `check` holds, re-checking on every diagnostics change and every 50 ms. */
export function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 15000): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (ok: boolean, v?: T, err?: Error): void => {
      if (done) return;
      done = true;
      sub.dispose();
      clearInterval(poll);
      clearTimeout(timer);
      if (ok) resolve(v as T);
      else reject(err);
    };
    const test = (): void => {
      try {
        const v = check();
        if (v !== undefined && v !== false) finish(true, v);
      } catch (e) {
        finish(false, undefined, e as Error);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(test);
    const poll = setInterval(test, 50);
    const timer = setTimeout(() => finish(false, undefined, new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    test();
  });
}

/** The analysis of the document's current version (and its diagnostics published). */
export async function analysed(doc: vscode.TextDocument, timeoutMs = 15000): Promise<Entry> {
  const a = await extensionApi();
  return waitFor(`analysis of ${doc.uri.path} v${doc.version}`, () => {
    const e = a.analysisFor(doc.uri);
    return e && e.version === doc.version ? e : undefined;
  }, timeoutMs);
}

export async function waitCodes(uri: vscode.Uri, expected: string[], timeoutMs = 15000): Promise<vscode.Diagnostic[]> {
  const want = [...expected].sort().join(',');
  try {
    return await waitFor(`codes [${want}] on ${uri.path}`, () => (codes(uri).join(',') === want ? ours(uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint) : undefined), timeoutMs);
  } catch (e) {
    throw new Error(`${(e as Error).message}; have [${codes(uri).join(',')}]`);
  }
}

/** Text of a range, for asserting that a diagnostic sits on the exact YAML value. */
export function textAt(doc: vscode.TextDocument, r: vscode.Range): string {
  return doc.getText(r);
}

export function assertRange(d: vscode.Diagnostic, line: number, start: number, end: number): void {
  assert.deepEqual(
    [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    [line, start, line, end],
    `range of ${codeOf(d)}`,
  );
}

/** Make the document dirty with a harmless edit (a newline at the end), then save it. */
export async function touchAndSave(doc: vscode.TextDocument): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, '\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await doc.save(), 'save failed');
}

export async function setSetting(key: string, value: unknown, target = vscode.ConfigurationTarget.Workspace, scope?: vscode.Uri): Promise<void> {
  await vscode.workspace.getConfiguration('scalingPlanner', scope).update(key, value, target);
}

/** Revert whatever a test left unsaved (closing would ask), then close every editor. */
export async function closeAll(): Promise<void> {
  for (const d of vscode.workspace.textDocuments) {
    if (!d.isDirty || d.isUntitled || !vscode.workspace.getWorkspaceFolder(d.uri)) continue;
    await vscode.window.showTextDocument(d, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function codeActions(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

export function lineOf(doc: vscode.TextDocument, prefix: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.trimStart().startsWith(prefix)) return i;
  assert.fail(`no line starting with "${prefix}" in ${doc.uri.path}`);
}

/** The text of every hover part, as the editor would show it. */
export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export function hintLabel(h: vscode.InlayHint): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

/** Inlay hints for the whole document, as the editor asks for them. */
export async function hintsOf(doc: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  return (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all)) ?? [];
}
