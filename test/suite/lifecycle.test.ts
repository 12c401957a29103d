// The lifecycle blocks in the real editor: inlay hints at serve: and distill:, the lifetime CodeLens
// at serve: and hovers on the blocks.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyzeText } from '../../src/document/analyzeDocument';
import { fitHint } from '../../src/document/describe';
import { lifecycleHintLabels, lifecycleLensTitle } from '../../src/document/describeLifecycle';
import { analysed, closeAll, extensionApi, hintLabel, hintsOf, hoverText, lineOf, open, writeFile } from './helpers';

const PLAN = `name: lifecycle-8b
model:
  architecture: llama
  layers: 32
  d_model: 4096
  heads: 32
  kv_heads: 8
  ffn_hidden: 14336
  vocab_size: 128256
  seq_len: 8192
data:
  tokens: 15T
hardware:
  accelerator: H100
  count: 1024
distill:
  teacher: Llama-3-70B
  teacher_tokens: 15T
  tokens: 1T
serve:
  accelerator: H100
  devices_per_replica: 1
  requests_per_day: 5M
  prompt_tokens: 500
  reasoning_tokens: 2000
  output_tokens: 300
  horizon_days: 365
`;

suite('Lifecycle blocks in the editor', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  teardown(closeAll);

  test('lifecycle hints at serve: and distill:, the lifetime CodeLens at serve:', async () => {
    const { doc } = await open(await writeFile('lifecycle-hints.plan.yaml', PLAN));
    await analysed(doc);
    const expected = lifecycleHintLabels(analyzeText(PLAN, 'lifecycle-hints.plan.yaml').report!);
    const hints = await hintsOf(doc);
    const at = (prefix: string) => hints.filter((h) => h.position.line === lineOf(doc, prefix)).map(hintLabel);
    assert.deepEqual(at('serve:'), [fitHint(expected.serve!, 43)]);
    assert.match(at('serve:')[0], /^≈ \$[\d.]+\/M output tokens · \d+ replicas/);
    assert.deepEqual(at('distill:'), [fitHint(expected.distill!, 43)]);
    assert.match(at('distill:')[0], /^≈ student loss \d\.\d{3} · supervised \d\.\d{3}$/);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    const lens = lenses.find((l) => l.range.start.line === lineOf(doc, 'serve:'));
    assert.equal(lens?.command?.title, `$(graph) ${lifecycleLensTitle(analyzeText(PLAN, 'x.plan.yaml').report!)}`);
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(lineOf(doc, 'requests_per_day:'), 4)));
    assert.ok(hover.includes('Serving'), hover);
  });
});
