// Hovers, inlay hints and CodeLens through the execute*Provider commands, as the editor asks for them.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fitHint } from '../../src/document/describe';
import { fmtCo2, fmtCount, fmtDays, fmtFlops, fmtMoney } from '../../src/engine/format';
import { DEFAULT_GRID_GCO2_PER_KWH, DEFAULT_PUE, findAccelerator } from '../../src/engine/hardware';
import { epochOptimalTokens } from '../helpers';
import { analysed, closeAll, extensionApi, fixtureUri, hintLabel, hintsOf, hoverText, lineOf, open, setSetting, writeFile } from './helpers';

const label = hintLabel;

/**
 * llama-7b.plan.yaml from published facts and the catalog, not from our output: the Llama-2-7B
 * checkpoint's 6,738,415,616 parameters (test/fixtures/published-param-counts.json), the file's 2T
 * tokens on 512 A100-80GB at 39% MFU, 6ND training FLOPs, and the catalog's peak, price and power
 * with the default PUE and grid intensity. A catalog price update moves both sides.
 */
function llama7b(): { flops: number; days: number; usd: number; co2Kg: number } {
  const a100 = findAccelerator('A100-80GB')!;
  const flops = 6 * 6_738_415_616 * 2e12;
  const gpuHours = flops / (a100.peakTflops.bf16! * 1e12 * 0.39) / 3600;
  const kwh = (gpuHours * a100.powerW! * DEFAULT_PUE) / 1000;
  return { flops, days: gpuHours / 512 / 24, usd: gpuHours * a100.price!.default, co2Kg: (kwh * DEFAULT_GRID_GCO2_PER_KWH) / 1000 };
}

/** Labels per line, joined (one hint per line).  */
function labelsByLine(hints: vscode.InlayHint[]): Map<number, string> {
  const m = new Map<number, string>();
  for (const h of hints) m.set(h.position.line, m.has(h.position.line) ? `${m.get(h.position.line)} · ${label(h)}` : label(h));
  return m;
}

suite('Hovers, inlay hints, CodeLens', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  teardown(closeAll);

  test('hover on `tokens:` gives tokens per parameter against the optimum', async () => {
    const { doc } = await open(fixtureUri('under-trained.plan.yaml'));
    await analysed(doc);
    const line = lineOf(doc, 'tokens:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 4));
    const text = hoverText(hovers);
    assert.match(text, /Scaling Planner/);
    assert.match(text, /`data\.tokens`/);
    // 100B tokens on 20B parameters; the Epoch refit's optimum for 20B (19.6 per parameter, 392B).
    const optimal = epochOptimalTokens(20e9);
    assert.ok(text.includes(`**5.0 tokens per parameter**; the optimum for this size is ≈ ${(optimal / 20e9).toFixed(1)} (${fmtCount(optimal)} tokens)`), text);
    const ours = hovers.find((h) => hoverText([h]).includes('data.tokens'))!;
    assert.equal(ours.range?.start.line, line);
    assert.equal(doc.getText(ours.range), 'tokens: 100B');
  });

  test('hover on the value of `accelerator:` gives peak FLOPs, price and source', async () => {
    const { doc } = await open(fixtureUri('under-trained.plan.yaml'));
    await analysed(doc);
    const line = lineOf(doc, 'accelerator:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 17));
    const text = hoverText(hovers);
    assert.match(text, /NVIDIA H100 SXM 80GB\*\*: 989 TFLOP\/s dense bf16, 80 GiB/);
    assert.match(text, /Catalog price \$[\d.]+\/h \(range \$[\d.]+–\$[\d.]+, checked \d{4}-\d\d-\d\d; /);
    assert.match(text, /Source: /);
  });

  test('hover on `accelerator:` says when the price is the user\'s own, not the catalog\'s', async () => {
    await setSetting('hardware.prices', { 'H100-SXM': 2.2 });
    try {
      const { doc } = await open(fixtureUri('under-trained.plan.yaml'));
      await analysed(doc);
      const line = lineOf(doc, 'accelerator:');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 17));
      assert.match(hoverText(hovers), /Price \$2\.2\/h, set in the config or settings \(catalog range/);
    } finally {
      await setSetting('hardware.prices', undefined);
    }
  });

  test('no hover on lines the analysis did not use', async () => {
    const { doc } = await open(fixtureUri('under-trained.plan.yaml'));
    await analysed(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 3));
    assert.doesNotMatch(hoverText(hovers), /Scaling Planner/);
  });

  test('inlay hints: parameters at the model block, tokens per parameter, time and cost at the hardware block', async () => {
    const { doc } = await open(fixtureUri('llama-7b.plan.yaml'));
    await analysed(doc);
    const hints = await hintsOf(doc);
    const byLine = labelsByLine(hints);
    assert.equal(byLine.get(lineOf(doc, 'model:')), '≈ 6.74B params (6.48B non-emb)');
    // 2T tokens on the checkpoint's 6,738,415,616 parameters; the Epoch refit's optimum for that size.
    const n = 6_738_415_616;
    assert.equal(byLine.get(lineOf(doc, 'tokens:')), `≈ ${(2e12 / n).toFixed(0)} tok/param · optimum ≈ ${(epochOptimalTokens(n) / n).toFixed(0)}`);
    const e = llama7b();
    assert.equal(byLine.get(lineOf(doc, 'hardware:')), fitHint(`≈ ${fmtDays(e.days)} on 512×A100-80GB · ${fmtMoney(e.usd)} · ${fmtCo2(e.co2Kg)}`, 43));
    for (const h of hints) assert.equal(h.position.character, doc.lineAt(h.position.line).text.length, 'hints sit at the end of the line');
    // Each hint fits VS Code's default maximum length (43), so none is cut with "…".
    for (const h of hints) assert.ok(label(h).length <= 43, `too long: ${label(h)}`);
    // VS Code cuts a line's hints at 43 characters in all: one hint per line, within that.
    for (const line of labelsByLine(hints).values()) assert.ok(line.length <= 43, `too long: ${line}`);
  });

  test('no MFU in the file: the hint, hover and CodeLens show the predicted time with its P10-P90 range', async () => {
    const uri = await writeFile('predicted-mfu.plan.yaml', 'model:\n  params: 20B\ndata:\n  tokens: 100B\ntraining:\n  zero_stage: 3\nhardware:\n  accelerator: H100-SXM\n  count: 128\n');
    const { doc } = await open(uri);
    await analysed(doc);
    const hw = labelsByLine(await hintsOf(doc)).get(lineOf(doc, 'hardware:'))!;
    assert.match(hw, /^≈ [\d.]+ d \([\d.]+–[\d.]+\) on 128×H100-SXM/);
    assert.ok(hw.length <= 43, hw);
    const line = lineOf(doc, 'accelerator:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 17));
    const text = hoverText(hovers);
    assert.match(text, /GPU-hours at \d+% MFU \(predicted from published runs\)/);
    assert.match(text, /P10–P90/);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    assert.match(lenses[0].command!.title, /d \([\d.]+–[\d.]+\) on 128×H100-SXM/);
  });

  test('each inlay hint kind has its own setting', async () => {
    const { doc } = await open(fixtureUri('llama-7b.plan.yaml'));
    await analysed(doc);
    await setSetting('inlayHints.tokens', false, vscode.ConfigurationTarget.Global);
    try {
      const labels = [...labelsByLine(await hintsOf(doc)).values()];
      assert.equal(labels.length, 2);
      assert.ok(!labels.some((l) => l.includes('tok/param')));
    } finally {
      await setSetting('inlayHints.tokens', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(labelsByLine(await hintsOf(doc)).size, 3);
  });

  test('CodeLens: the headline and "Open planning panel" at the top', async () => {
    const { doc } = await open(fixtureUri('llama-7b.plan.yaml'));
    await analysed(doc);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    assert.equal(lenses.length, 2);
    for (const l of lenses) assert.equal(l.range.start.line, 0);
    const e = llama7b();
    assert.equal(lenses[0].command?.title, `$(graph) ${fmtCount(6_738_415_616)} params · 2T tokens · ${fmtFlops(e.flops)} FLOPs · ${fmtDays(e.days)} on 512×A100-80GB · ${fmtMoney(e.usd)}`);
    assert.equal(lenses[0].command?.command, 'scalingPlanner.estimateCost');
    assert.equal(lenses[1].command?.title, 'Open planning panel');
    assert.equal(lenses[1].command?.command, 'scalingPlanner.openPanel');
  });

  test('no CodeLens or inlay hints on a file that is not a training config', async () => {
    const { doc } = await open(fixtureUri('notes.yaml'));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    assert.equal(lenses.length, 0);
    assert.equal((await hintsOf(doc)).length, 0);
  });
});
