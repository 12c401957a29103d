// A multi-root workspace (test/fixture-ws/multi-root/multi-root.code-workspace): the same plan in two
// folders whose .vscode/settings.json choose different laws and thresholds. Resource-scoped
// settings must be read per document.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analysed, closeAll, extensionApi, fixtureUri, folder, open, setSetting, waitCodes, waitFor } from '../helpers';

suite('Multi-root workspace', () => {
  let alpha: vscode.Uri;
  let beta: vscode.Uri;

  suiteSetup(async () => {
    await extensionApi();
    assert.equal(vscode.workspace.workspaceFolders?.length, 2);
    assert.deepEqual(vscode.workspace.workspaceFolders!.map((f) => f.name), ['alpha', 'beta']);
    alpha = fixtureUri('run.plan.yaml', 0);
    beta = fixtureUri('run.plan.yaml', 1);
  });
  suiteTeardown(closeAll);

  test('each folder uses its own law and thresholds', async () => {
    const a = await extensionApi();
    const da = (await open(alpha)).doc;
    const db = (await open(beta)).doc;
    assert.equal((await analysed(da)).analysis.report?.scaling.law, 'chinchilla');
    assert.equal((await analysed(db)).analysis.report?.scaling.law, 'kaplan');
    await waitCodes(alpha, ['over-sized', 'under-trained']);
    await waitCodes(beta, []);
    assert.equal(a.analysisFor(alpha)!.analysis.report!.model.paramsTotal, a.analysisFor(beta)!.analysis.report!.model.paramsTotal);
  });

  test('a folder setting changed in one folder re-runs only what it affects', async () => {
    const a = await extensionApi();
    await open(alpha);
    await open(beta);
    await waitCodes(alpha, ['over-sized', 'under-trained']);
    const alphaVersionBefore = a.analysisFor(alpha)!.version;
    const target = vscode.ConfigurationTarget.WorkspaceFolder;
    await setSetting('law', 'chinchilla', target, folder(1));
    await setSetting('thresholds.underTrainedRatio', 0.9, target, folder(1));
    try {
      await waitFor('beta on chinchilla', () => a.analysisFor(beta)?.analysis.report?.scaling.law === 'chinchilla');
      await waitCodes(beta, ['over-sized', 'under-trained']);
      assert.equal(a.analysisFor(alpha)!.analysis.report!.scaling.law, 'chinchilla');
      assert.equal(a.analysisFor(alpha)!.version, alphaVersionBefore);
    } finally {
      await setSetting('law', 'kaplan', target, folder(1));
      await setSetting('thresholds.underTrainedRatio', 0.1, target, folder(1));
    }
    await waitCodes(beta, []);
  });

  test('a workspace-level rule applies to every folder', async () => {
    await open(alpha);
    await waitCodes(alpha, ['over-sized', 'under-trained']);
    await setSetting('rules', { 'over-sized': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitCodes(alpha, ['under-trained']);
    } finally {
      await setSetting('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitCodes(alpha, ['over-sized', 'under-trained']);
  });
});
