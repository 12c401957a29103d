// Which files are analysed (content, lockfiles, globs, the off comment, malformed non-configs,
// Windows line ends), the real-world dialects in the editor, and the commands that copy a report.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analysed, assertRange, byCode, closeAll, codes, extensionApi, fixtureUri, hintLabel, hintsOf, hoverText, lineOf, open, ours, setSetting, sleep, textAt, waitCodes, writeFile } from './helpers';

const UNDER = 'model:\n  params: 20B\ndata:\n  tokens: 100B\nhardware:\n  accelerator: H100-SXM\n  count: 128\ntraining:\n  zero_stage: 3\n';

async function notAnalysed(uri: vscode.Uri): Promise<void> {
  const { doc } = await open(uri);
  await sleep(600);
  const a = await extensionApi();
  assert.equal(a.analysisFor(doc.uri), undefined, `${uri.path} was analysed`);
  assert.deepEqual(ours(uri), []);
}

suite('Files and dialects', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  teardown(async () => {
    for (const k of ['files.include', 'files.exclude']) await setSetting(k, undefined);
    await closeAll();
  });

  test('lockfiles are never analysed, but a config whose name merely contains "lock" is', async () => {
    await notAnalysed(await writeFile('pnpm-lock.yaml', UNDER));
    await notAnalysed(await writeFile('conda-lock.yml', UNDER));
    const uri = await writeFile('moe_blocks.plan.yaml', UNDER);
    await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
  });

  test('files.exclude and files.include globs decide, per folder', async () => {
    const uri = await writeFile('excluded-run.plan.yaml', UNDER);
    await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    await setSetting('files.exclude', ['**/excluded-*.yaml']);
    await waitCodes(uri, []);
    await setSetting('files.exclude', undefined);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    await setSetting('files.include', ['**/only-these/**']);
    await waitCodes(uri, []);
  });

  test('a setting of the wrong type (a string where a list belongs) is read sensibly, never thrown', async () => {
    const uri = await writeFile('typed-settings.plan.yaml', UNDER);
    await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    await setSetting('files.exclude', '**/typed-*.yaml');
    await waitCodes(uri, []);
    await setSetting('files.exclude', 42);
    await waitCodes(uri, ['over-sized', 'under-trained']);
  });

  test('# scaling-planner: off turns a file off', async () => {
    const uri = await writeFile('turned-off.plan.yaml', `# scaling-planner: off\n${UNDER}`);
    const { doc } = await open(uri);
    const e = await analysed(doc);
    assert.equal(e.analysis.kind, 'off');
    await sleep(300);
    assert.deepEqual(ours(uri), []);
  });

  test('a broken YAML file that is not a training config gets no syntax error from us', async () => {
    await notAnalysed(await writeFile('chart-values.yaml', 'replicaCount: 1\nimage:\n  repository: {{ .Values.repo }\n  tag: [a\n'));
  });

  test('Windows line ends: suppression comments and ranges still land on the right characters', async () => {
    const text = `# scaling-planner-disable over-sized\r\n${UNDER.replace(/\n/g, '\r\n')}`;
    const uri = await writeFile('crlf.plan.yaml', text);
    const { doc } = await open(uri);
    await waitCodes(uri, ['under-trained']);
    const d = byCode(uri, 'under-trained');
    assertRange(d, 4, 10, 14);
    assert.equal(textAt(doc, d.range), '100B');
  });

  test('GPT-NeoX (Pythia-1.4B): detected, 1,414,647,808 parameters, hints and hover on its own keys', async () => {
    const uri = fixtureUri('dialects/pythia-1.4b.yml');
    const { doc } = await open(uri);
    const e = await analysed(doc);
    assert.equal(e.analysis.dialect, 'gpt-neox');
    assert.equal(e.analysis.report!.model.paramsTotal, 1414647808);
    await waitCodes(uri, ['over-trained']);
    const d = byCode(uri, 'over-trained');
    assert.equal(d.range.start.line, lineOf(doc, '"train-iters"'));
    const labels = (await hintsOf(doc)).map(hintLabel);
    assert.ok(labels.some((l) => l.startsWith('≈ 1.41B params')), labels.join(' | '));
    const line = lineOf(doc, '"num-layers"');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('24')));
    const text = hoverText(hovers);
    assert.match(text, /model\.layers/);
    assert.match(text, /1\.41B parameters/);
  });

  test('Hugging Face config.json (Llama-2-7B): 6,738,415,616 parameters, and a model-only file raises nothing above information', async () => {
    const uri = fixtureUri('dialects/llama-2-7b/config.json');
    const { doc } = await open(uri);
    const e = await analysed(doc);
    assert.equal(e.analysis.dialect, 'hf-config');
    assert.equal(e.analysis.report!.model.paramsTotal, 6738415616);
    await sleep(300);
    for (const d of ours(uri)) assert.ok(d.severity >= vscode.DiagnosticSeverity.Information, `${codes(uri)}`);
  });

  for (const [dir, total, label] of [['deepseek-v3', 671026419200, '671B'], ['gemma-3-4b', 3880263168, '3.88B']] as const) {
    test(`Hugging Face config.json (${dir}): ${label} parameters in the inline hint and the headline`, async () => {
      const uri = fixtureUri(`dialects/${dir}/config.json`);
      const { doc } = await open(uri);
      const e = await analysed(doc);
      assert.equal(e.analysis.dialect, 'hf-config');
      assert.equal(e.analysis.report!.model.paramsTotal, total);
      const labels = (await hintsOf(doc)).map(hintLabel);
      assert.ok(labels.some((l) => l.startsWith(`≈ ${label} params`)), labels.join(' | '));
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      assert.ok(lenses[0]?.command?.title.startsWith(`$(graph) ${label} params`), lenses.map((l) => l.command?.title).join(' | '));
      for (const d of ours(uri)) assert.ok(d.severity >= vscode.DiagnosticSeverity.Information, `${codes(uri)}`);
    });
  }

  test('"Copy Report as Markdown" puts the active config\'s report on the clipboard', async () => {
    const { doc } = await open(fixtureUri('llama-7b.plan.yaml'));
    await analysed(doc);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('scalingPlanner.copyReport');
    const md = await vscode.env.clipboard.readText();
    assert.match(md, /^### llama-7b-2T/);
    assert.match(md, /\| Parameters \| 6\.74B/);
    assert.match(md, /\| Predicted loss \| 2\.067 \|/);
  });
});
