// Quick fixes through vscode.executeCodeActionProvider: each applied with workspace.applyEdit,
// the edited text checked (the user's number style kept), undo restoring it, and the finding gone
// after save.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fmtCount } from '../../src/engine/format';
import { epochOptimalTokens } from '../helpers';
import { analysed, byCode, closeAll, codeActions, codes, copyFixture, extensionApi, lineOf, open, waitCodes, writeFile } from './helpers';

/** Quick fixes offered at a diagnostic's range (the command's results carry no `diagnostics`). */
async function fixesFor(doc: vscode.TextDocument, code: string): Promise<vscode.CodeAction[]> {
  const d = byCode(doc.uri, code);
  return codeActions(doc, d.range);
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `${action.title} has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

async function undo(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false });
  await vscode.commands.executeCommand('undo');
}

suite('Quick fixes', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  teardown(closeAll);

  test('under-trained: "Set tokens to the compute-optimal …" keeps the B suffix; undo restores; save clears', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    const { doc, editor } = await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    const original = doc.getText();
    // The fixture's 20B parameters: the Epoch refit's compute-optimal tokens for that size (392B).
    const optimal = fmtCount(epochOptimalTokens(20e9));
    const actions = await fixesFor(doc, 'under-trained');
    assert.deepEqual(
      actions.map((a) => a.title),
      [`Set tokens to the compute-optimal ${optimal} for this model size`, 'Disable under-trained for this line', 'Disable under-trained for this file'],
    );
    const fix = actions[0];
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    await apply(fix);
    const line = doc.lineAt(lineOf(doc, 'tokens:')).text;
    assert.equal(line, `  tokens: ${optimal}`);
    // Only that scalar changed.
    assert.equal(doc.getText(), original.replace('tokens: 100B', `tokens: ${optimal}`));

    await undo(editor);
    assert.equal(doc.getText(), original, 'undo restores the text');
    await apply((await fixesFor(doc, 'under-trained'))[0]);
    assert.ok(await doc.save());
    await analysed(doc);
    const left = await waitCodes(uri, []);
    assert.deepEqual(left, []);
  });

  test('over-sized: resize keeps underscores and scientific notation', async () => {
    const uri = await copyFixture('over-sized.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    const actions = await fixesFor(doc, 'over-sized');
    assert.match(actions[0].title, /^Resize to the compute-optimal 9\.41B params on 191B tokens/);
    await apply(actions[0]);
    assert.equal(doc.lineAt(3).text, '  params: 9_409_132_716');
    assert.equal(doc.lineAt(5).text, '  tokens: 1.91e11');
    assert.ok(await doc.save());
    await analysed(doc);
    assert.ok(!codes(uri).includes('over-sized'), `still over-sized: ${codes(uri)}`);
  });

  test('data-repeated: cap tokens at 4 epochs', async () => {
    const uri = await copyFixture('repeated-data.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['data-repeated', 'over-trained']);
    const actions = await fixesFor(doc, 'data-repeated');
    assert.equal(actions[0].title, 'Cap tokens at 4 epochs (100B)');
    await apply(actions[0]);
    assert.equal(doc.lineAt(5).text, '  tokens: 100B');
    assert.ok(await doc.save());
    await analysed(doc);
    await waitCodes(uri, []);
  });

  test('memory-exceeded: more devices and ZeRO stage 3, both scalars replaced', async () => {
    const uri = await copyFixture('does-not-fit.plan.yaml');
    const { doc, editor } = await open(uri);
    await waitCodes(uri, ['memory-exceeded']);
    const original = doc.getText();
    const actions = await fixesFor(doc, 'memory-exceeded');
    assert.equal(actions[0].title, 'Use 15 devices with ZeRO stage 3');
    await apply(actions[0]);
    assert.equal(doc.lineAt(lineOf(doc, 'zero_stage:')).text, '  zero_stage: 3');
    assert.equal(doc.lineAt(lineOf(doc, 'count:')).text, '  count: 15');
    await undo(editor);
    assert.equal(doc.getText(), original);
    await apply((await fixesFor(doc, 'memory-exceeded'))[0]);
    assert.ok(await doc.save());
    await analysed(doc);
    await waitCodes(uri, []);
  });

  // A stated layout (tensor_parallel) is used as stated, ZeRO 0 by default; with no layout stated one that fits is chosen.
  test('a fix adds a key the plan does not state (zero_stage into the training block)', async () => {
    const uri = await writeFile('tmp-no-zero.plan.yaml', 'name: eight-gpus\nmodel:\n  params: 7B\ndata:\n  tokens: 140B\nhardware:\n  accelerator: H100-SXM\n  count: 8\ntraining:\n  tensor_parallel: 1\n');
    const { doc } = await open(uri);
    await waitCodes(uri, ['memory-exceeded']);
    assert.equal(doc.getText(byCode(uri, 'memory-exceeded').range), '8');
    const [fix] = await fixesFor(doc, 'memory-exceeded');
    assert.equal(fix.title, 'Raise ZeRO stage to 1');
    await apply(fix);
    assert.ok(doc.getText().endsWith('training:\n  zero_stage: 1\n  tensor_parallel: 1\n'), doc.getText());
    assert.ok(await doc.save());
    await analysed(doc);
    await waitCodes(uri, []);
  });

  test('"Disable X for this line" adds the comment; the diagnostic goes after save', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    const action = (await fixesFor(doc, 'under-trained')).find((a) => a.title === 'Disable under-trained for this line');
    assert.ok(action);
    await apply(action);
    assert.equal(doc.lineAt(5).text, '  tokens: 100B # scaling-planner-disable-line under-trained');
    assert.ok(await doc.save());
    await analysed(doc);
    await waitCodes(uri, ['over-sized']);
  });

  test('"Disable X for this file" adds a comment at the top; a second rule extends it', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    const a1 = (await fixesFor(doc, 'over-sized')).find((a) => a.title === 'Disable over-sized for this file');
    assert.ok(a1);
    await apply(a1);
    assert.equal(doc.lineAt(0).text, '# scaling-planner-disable over-sized');
    assert.ok(await doc.save());
    await analysed(doc);
    await waitCodes(uri, ['under-trained']);
    const a2 = (await fixesFor(doc, 'under-trained')).find((a) => a.title === 'Disable under-trained for this file');
    assert.ok(a2);
    await apply(a2);
    assert.equal(doc.lineAt(0).text, '# scaling-planner-disable over-sized, under-trained');
    assert.ok(await doc.save());
    await analysed(doc);
    await waitCodes(uri, []);
  });

  test('unknown-key: "Rename to tokens" renames the mistyped key; undo restores; save clears', async () => {
    const uri = await writeFile('typo.plan.yaml', 'model:\n  params: 7B\ndata:\n  toknes: 140B\nhardware:\n  accelerator: H100-SXM\n  count: 64\n');
    const { doc, editor } = await open(uri);
    // With the tokens unread, the run also lacks its training tokens (information).
    await waitCodes(uri, ['missing-facts', 'unknown-key']);
    const original = doc.getText();
    const actions = await fixesFor(doc, 'unknown-key');
    assert.deepEqual(actions.map((a) => a.title), ['Rename to tokens', 'Disable unknown-key for this line', 'Disable unknown-key for this file']);
    assert.equal(actions[0].isPreferred, true);
    await apply(actions[0]);
    assert.equal(doc.getText(), original.replace('toknes:', 'tokens:'), 'only the key changed');
    await undo(editor);
    assert.equal(doc.getText(), original, 'undo restores the text');
    await apply((await fixesFor(doc, 'unknown-key'))[0]);
    assert.ok(await doc.save());
    await analysed(doc);
    await waitCodes(uri, []);
  });

  test('no suppression actions for YAML syntax errors', async () => {
    const uri = await copyFixture('malformed.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['yaml-syntax']);
    const actions = await fixesFor(doc, 'yaml-syntax');
    assert.deepEqual(actions.map((a) => a.title), []);
  });
});
