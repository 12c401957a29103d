// Diagnostics for each fixture: codes, the exact characters of the YAML value, severity, source,
// the docs link and related information.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analysed, assertRange, byCode, closeAll, codeOf, codes, copyFixture, extensionApi, fixtureUri, open, ours, readDisk, sleep, textAt, touchAndSave, waitCodes, waitFor, writeFile } from './helpers';

const S = vscode.DiagnosticSeverity;

suite('Diagnostics', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  teardown(closeAll);

  test('the extension activates and registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension('scaling-planner.scaling-planner')!;
    assert.ok(ext.isActive);
    const all = await vscode.commands.getCommands(true);
    const contributed = (ext.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.length >= 8);
    for (const c of contributed) assert.ok(all.includes(c), `${c} is not registered`);
  });

  test('optimal config: analysed, no diagnostics', async () => {
    const { doc } = await open(fixtureUri('optimal.plan.yaml'));
    const e = await analysed(doc);
    assert.equal(e.analysis.kind, 'ok');
    assert.equal(e.analysis.dialect, 'plan');
    const n = e.analysis.report!.model.paramsTotal!;
    assert.ok(n > 1.2e9 && n < 1.45e9, `params ${n}`);
    assert.deepEqual(ours(doc.uri), []);
  });

  test('under-trained: warning on the tokens value, related to params, docs link, after save', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    await touchAndSave(doc);
    await analysed(doc);
    const [d] = (await waitCodes(uri, ['over-sized', 'under-trained'])).filter((x) => x.severity === S.Warning);
    assert.equal(d.source, 'Scaling Planner');
    assert.equal(d.severity, S.Warning);
    assertRange(d, 5, 10, 14);
    assert.equal(textAt(doc, d.range), '100B');
    assert.match(d.message, /Under-trained: 100B tokens is 5\.0 tokens\/param/);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'under-trained');
    assert.ok(code.target.path.endsWith('/docs/findings.md'), code.target.toString());
    // The link opens the docs at the finding's own heading (`#L<line>` is an editor selection).
    const docsText = await readDisk(code.target.with({ fragment: '' }));
    const heading = docsText.split(/\r?\n/).indexOf('## under-trained');
    assert.ok(heading > 0);
    assert.equal(code.target.fragment, `L${heading + 1}`);
    assert.equal(d.relatedInformation?.length, 1);
    const rel = d.relatedInformation![0];
    assert.equal(rel.location.uri.toString(), uri.toString());
    assert.equal(textAt(doc, rel.location.range), '20B');
    assert.match(rel.message, /model\.params/);

    const o = byCode(uri, 'over-sized');
    assert.equal(o.severity, S.Information);
    assertRange(o, 3, 10, 13);
    assert.equal(textAt(doc, o.range), '20B');
  });

  test('a parameter count without a shape: a hint (not a problem) on the model block naming the missing keys', async () => {
    const uri = fixtureUri('under-trained.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    const hint = ours(uri).find((d) => d.severity === S.Hint);
    assert.ok(hint, 'no hint');
    assert.equal(codeOf(hint), 'missing-facts');
    assert.equal(textAt(doc, hint.range), 'model');
    assert.match(hint.message, /model\.layers, model\.d_model/);
  });

  test('over-sized: information on the parameter count (underscore style)', async () => {
    const uri = fixtureUri('over-sized.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    const o = byCode(uri, 'over-sized');
    assert.equal(o.severity, S.Information);
    assertRange(o, 3, 10, 24);
    assert.equal(textAt(doc, o.range), '30_000_000_000');
    const u = byCode(uri, 'under-trained');
    assert.equal(textAt(doc, u.range), '6e10');
  });

  test('repeated data: data-repeated warning on tokens, related to unique_tokens', async () => {
    const uri = fixtureUri('repeated-data.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['data-repeated', 'over-trained']);
    const d = byCode(uri, 'data-repeated');
    assert.equal(d.severity, S.Warning);
    assertRange(d, 5, 10, 14);
    assert.match(d.message, /repeated 12\.0 times/);
    assert.equal(textAt(doc, d.relatedInformation![0].location.range), '25B');
    assert.equal(byCode(uri, 'over-trained').severity, S.Information);
  });

  test('does not fit in memory: the only error-level finding, on zero_stage', async () => {
    const uri = fixtureUri('does-not-fit.plan.yaml');
    const { doc } = await open(uri);
    await waitCodes(uri, ['memory-exceeded']);
    const d = byCode(uri, 'memory-exceeded');
    assert.equal(d.severity, S.Error);
    assertRange(d, 8, 14, 15);
    assert.equal(textAt(doc, d.range), '0');
    assert.match(d.message, /Does not fit: ≈ 1043\.1 GiB per device/);
    const related = d.relatedInformation!.map((r) => textAt(doc, r.location.range)).sort();
    assert.deepEqual(related, ['70B', 'A100-80GB']);
  });

  test('malformed YAML: exactly one yaml-syntax error, no cascade', async () => {
    const uri = fixtureUri('malformed.plan.yaml');
    const { doc } = await open(uri);
    const e = await analysed(doc);
    assert.equal(e.analysis.kind, 'fatal');
    const all = await waitCodes(uri, ['yaml-syntax']);
    assert.equal(all.length, 1);
    assert.equal(all[0].severity, S.Error);
    assert.equal(all[0].range.start.line, 3);
    assert.match(all[0].message, /^YAML syntax error: /);
    // Nothing else in the Problems panel for this file from us.
    assert.equal(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Scaling Planner').length, 1);
  });

  test('alias bomb: read without expanding, a finding on the alias within seconds', async () => {
    const uri = fixtureUri('alias-bomb.plan.yaml');
    const t0 = Date.now();
    const { doc } = await open(uri);
    await waitCodes(uri, ['invalid-value'], 5000);
    assert.ok(Date.now() - t0 < 5000);
    const d = byCode(uri, 'invalid-value');
    assert.equal(d.severity, S.Error);
    assert.equal(textAt(doc, d.range), '*a11');
    assert.match(d.message, /expected a number, found a sequence/);
    // The host is still responsive: another file analyses normally.
    const other = await open(fixtureUri('under-trained.plan.yaml'));
    await analysed(other.doc);
  });

  test('a file over maxFileSizeKb: one information diagnostic "too-large", no analysis', async () => {
    const rows: string[] = ['# Generated by the test: a config with a very large embedded sample list.', 'model:', '  params: 7B', 'data:', '  tokens: 140B', 'samples:'];
    let size = 0;
    for (let i = 0; size < 1100 * 1024; i++) {
      const row = `  - text: "sample ${i} lorem ipsum dolor sit amet, consectetur adipiscing elit"`;
      rows.push(row);
      size += row.length + 1;
    }
    const uri = await writeFile('huge-config.yaml', rows.join('\n') + '\n');
    const { doc } = await open(uri);
    const e = await analysed(doc);
    assert.ok(e.tooLarge, 'expected the too-large entry');
    assert.equal(e.tooLarge!.limitKb, 1024);
    const all = await waitCodes(uri, ['too-large']);
    assert.equal(all[0].severity, S.Information);
    assertRange(all[0], 0, 0, 0);
    assert.match(all[0].message, /above scalingPlanner\.maxFileSizeKb \(1024 KB\)/);
  });

  test('YAML configs are not written in: read up to 32 KB, "too-large" on its line beyond', async () => {
    const head = 'model:\n  params: 7B\ndata:\n  tokens: 140B\nnotes:\n  first: !custom a note with a tag\n';
    const small = await writeFile('folded-note.plan.yaml', head);
    const s = await analysed((await open(small)).doc);
    assert.equal(s.analysis.kind, 'ok');
    assert.equal(s.analysis.report!.model.paramsTotal, 7e9);

    const runs = Array.from({ length: 1200 }, (_, i) => `  run_${i}: "sweep point ${i}: learning-rate warm-up as in the base run"`).join('\n');
    const uri = await writeFile('long-notes.plan.yaml', `${runs.replace(/^ {2}run_0/, 'model:\n  params: 7B\ndata:\n  tokens: 140B\nnotes:\n  run_0')}\n  last: !custom note\n`);
    const { doc } = await open(uri);
    const e = await analysed(doc);
    assert.equal(e.analysis.kind, 'fatal');
    const [d] = await waitCodes(uri, ['too-large']);
    assert.equal(d.severity, S.Information);
    assert.equal(d.range.start.line, 1205);
    assert.equal(textAt(doc, new vscode.Range(d.range.start, d.range.start.translate(0, 7))), '!custom');
    assert.match(d.message, /^File is too complex to analyse: line 1,206 has the tag !custom \(only files up to 32 KB are read as full YAML\); not analysed\.$/);
  });

  test('suppression comments: file-wide and line suppressions hide those findings', async () => {
    const uri = fixtureUri('suppressed.plan.yaml');
    const { doc } = await open(uri);
    const e = await analysed(doc);
    assert.equal(e.analysis.kind, 'ok');
    assert.deepEqual(codes(uri), []);
    // The same config without its comments has both findings.
    const bare = (await readDisk(uri)).replace(/# scaling-planner-disable under-trained\n/, '').replace(/ # scaling-planner-disable-line over-sized/, '');
    const copy = await writeFile('tmp-unsuppressed.plan.yaml', bare);
    await open(copy);
    await waitCodes(copy, ['over-sized', 'under-trained']);
  });

  test('a YAML file that is not a training config gets nothing', async () => {
    const uri = fixtureUri('notes.yaml');
    const { doc } = await open(uri);
    assert.equal(doc.languageId, 'yaml');
    await sleep(500);
    const a = await extensionApi();
    assert.equal(a.analysisFor(uri), undefined);
    assert.deepEqual(ours(uri), []);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = await copyFixture('under-trained.plan.yaml');
    // Opened as a user would (not held open by the test), so closing the editor closes the document.
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitCodes(uri, ['over-sized', 'under-trained']);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('diagnostics cleared on close', () => ours(uri).length === 0, 30000);
    const a = await extensionApi();
    assert.equal(a.analysisFor(uri), undefined);
  });

  test('opening and analysing never modifies a file', async () => {
    const names = ['optimal.plan.yaml', 'under-trained.plan.yaml', 'over-sized.plan.yaml', 'repeated-data.plan.yaml', 'does-not-fit.plan.yaml', 'malformed.plan.yaml', 'alias-bomb.plan.yaml', 'suppressed.plan.yaml', 'llama-7b.plan.yaml', 'notes.yaml'];
    const before = new Map<string, string>();
    for (const n of names) before.set(n, await readDisk(fixtureUri(n)));
    const docs: vscode.TextDocument[] = [];
    for (const n of names) {
      const { doc } = await open(fixtureUri(n));
      docs.push(doc);
      if (n !== 'notes.yaml') await analysed(doc);
    }
    await vscode.commands.executeCommand('scalingPlanner.reanalyze');
    await sleep(300);
    for (const [i, n] of names.entries()) {
      assert.equal(docs[i].isDirty, false, `${n} became dirty`);
      assert.equal(docs[i].getText(), before.get(n), `${n} changed in the editor`);
      assert.equal(await readDisk(fixtureUri(n)), before.get(n), `${n} changed on disk`);
    }
  });
});
