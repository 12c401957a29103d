// Settings: per-rule severity and "off" re-run open configs at once; run mode onType with its
// debounce versus onSave; enable; resource scope read per document.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analysed, byCode, closeAll, codes, copyFixture, extensionApi, lineOf, open, setSetting, sleep, waitCodes, waitFor } from './helpers';

async function replaceTokens(doc: vscode.TextDocument, value: string): Promise<void> {
  const line = lineOf(doc, 'tokens:');
  const text = doc.lineAt(line).text;
  const at = text.indexOf(':') + 2;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(line, at, line, text.length), value);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

suite('Settings', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  teardown(async () => {
    for (const k of ['rules', 'run', 'debounceMs', 'enable', 'law']) await setSetting(k, undefined);
    await closeAll();
  });

  test('scalingPlanner.rules {"under-trained": "off"} re-runs open configs and removes it', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    await setSetting('rules', { 'under-trained': 'off' });
    await waitCodes(uri, ['over-sized']);
    await setSetting('rules', undefined);
    await waitCodes(uri, ['over-sized', 'under-trained']);
  });

  test('per-rule severity override', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    await setSetting('rules', { 'over-sized': 'error', 'under-trained': 'hint' });
    await waitFor('severities changed', () => byCode(uri, 'over-sized').severity === vscode.DiagnosticSeverity.Error);
    assert.equal(byCode(uri, 'under-trained').severity, vscode.DiagnosticSeverity.Hint);
  });

  test('law setting changes the analysis', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    const { doc } = await open(uri);
    const a = await extensionApi();
    assert.equal((await analysed(doc)).analysis.report?.scaling.law, 'epoch');
    await setSetting('law', 'chinchilla');
    await waitFor('law chinchilla', () => a.analysisFor(uri)?.analysis.report?.scaling.law === 'chinchilla');
    assert.match(byCode(uri, 'under-trained').message, /Chinchilla Approach 3/);
  });

  test('run onType: diagnostics follow typing after the debounce, without saving', async () => {
    await setSetting('debounceMs', 300);
    await setSetting('run', 'onType');
    const uri = await copyFixture('under-trained.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    const t0 = Date.now();
    await replaceTokens(doc, '400B');
    await sleep(100);
    assert.ok(codes(uri).includes('under-trained'), 'not before the debounce');
    await waitCodes(uri, []);
    const ms = Date.now() - t0;
    assert.ok(ms >= 280, `re-analysed after ${ms} ms, before the 300 ms debounce`);
    assert.ok(doc.isDirty, 'nothing saved the file');
  });

  test('run onSave (default): typing alone does not re-publish; saving does', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    await replaceTokens(doc, '400B');
    // Ask the providers for the new version, as the editor does while typing.
    await vscode.commands.executeCommand('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, doc.lineCount, 0));
    await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri);
    await sleep(800);
    assert.deepEqual(codes(uri), ['over-sized', 'under-trained'], 'unchanged until saved');
    assert.ok(await doc.save());
    await waitCodes(uri, []);
  });

  test('scalingPlanner.enable false clears diagnostics; true brings them back', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    await setSetting('enable', false);
    await waitCodes(uri, []);
    await setSetting('enable', undefined);
    await waitCodes(uri, ['over-sized', 'under-trained']);
  });
});
