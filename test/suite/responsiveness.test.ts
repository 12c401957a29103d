// The extension host stays responsive while files that are slow to analyse are open: analysis
// runs in a worker thread with a deadline, so commands and hovers answer meanwhile, and each slow
// file ends with either its analysis or the one "too-complex" information finding.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analysed, closeAll, codeOf, extensionApi, fixtureUri, hoverText, lineOf, open, ours, writeFile, type Entry } from './helpers';

/** Longest gap between ticks of a 50 ms timer on this thread (the extension host's) while it runs. */
function lagProbe(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(Math.max(worst, performance.now() - last));
    },
  };
}

/** `x: [0, 1, 2, ...]` of just under `bytes` characters, named like a plan. */
function flowList(bytes: number): string {
  const parts: string[] = [];
  let size = 'x: []\n'.length;
  for (let i = 0; size + String(i).length + 2 < bytes; i++) {
    parts.push(String(i));
    size += String(i).length + 2;
  }
  return `x: [${parts.join(', ')}]\n`;
}

async function timed<T>(f: () => Thenable<T> | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: Math.round(performance.now() - t0) };
}

async function hoverOnTokens(doc: vscode.TextDocument): Promise<{ value: string; ms: number }> {
  const at = new vscode.Position(lineOf(doc, 'tokens:'), 4);
  const r = await timed(() => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
  return { value: hoverText(r.value), ms: r.ms };
}

/**
 * Either analysed, refused up front by the complexity limit (`too-large`, "too complex to analyse"),
 * or stopped at the deadline (`too-complex`): in each case one information finding.
 */
function assertAnalysedOrTooComplex(doc: vscode.TextDocument, e: Entry): void {
  if (e.analysis.kind === 'ok') return;
  const codes = e.analysis.located.map((l) => l.code);
  assert.ok(codes.length === 1 && ['too-complex', 'too-large'].includes(codes[0]), `${doc.uri.path}: ${e.analysis.kind} ${codes.join(', ')}`);
  const shown = ours(doc.uri);
  assert.deepEqual(shown.map(codeOf), codes);
  assert.equal(shown[0].severity, vscode.DiagnosticSeverity.Information);
  assert.match(shown[0].message, codes[0] === 'too-complex' ? /^Analysis stopped: the file is too complex to analyse in time/ : /too complex to analyse/);
}

suite('Responsiveness', () => {
  suiteSetup(async () => {
    await extensionApi();
  });
  teardown(closeAll);

  test('the analysis runs in a worker thread of the Node extension host', async () => {
    const normal = await open(fixtureUri('optimal.plan.yaml'));
    await analysed(normal.doc);
    assert.equal((await extensionApi()).analysisRunsIn(), 'worker thread');
  });

  test('a merge bomb and a 1 MiB flow list open: commands and hovers on normal configs still answer', async () => {
    const normal = await open(fixtureUri('under-trained.plan.yaml'));
    await analysed(normal.doc);
    const flowUri = await writeFile('tmp-flow-1mib.plan.yaml', flowList(1024 * 1024 - 64));
    const lag = lagProbe();
    const bomb = await open(fixtureUri('merge-bomb.plan.yaml'));
    const flow = await open(flowUri);
    assert.ok(flow.doc.getText().length > 1000 * 1024);

    const command = await timed(() => vscode.commands.executeCommand('scalingPlanner.reanalyze'));
    const builtIn = await timed(() => vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup'));
    await vscode.window.showTextDocument(normal.doc, { preview: false });
    const hover = await hoverOnTokens(normal.doc);
    // A config opened now waits at most for a worker to finish or pass its deadline.
    const other = await open(fixtureUri('over-sized.plan.yaml'));
    const otherHover = await hoverOnTokens(other.doc);
    const gap = lag.stop();
    console.log(`responsiveness: reanalyze ${command.ms} ms, built-in command ${builtIn.ms} ms, hover ${hover.ms} ms, hover on a config opened meanwhile ${otherHover.ms} ms, longest host stall ${gap} ms`);

    assert.ok(command.ms < 3000, `reanalyze took ${command.ms} ms`);
    assert.ok(builtIn.ms < 3000, `a built-in command took ${builtIn.ms} ms`);
    assert.match(hover.value, /tokens per parameter/);
    assert.ok(hover.ms < 3000, `hover took ${hover.ms} ms`);
    assert.match(otherHover.value, /`data\.tokens`/);
    assert.ok(otherHover.ms < 8000, `hover on a newly opened config took ${otherHover.ms} ms`);
    assert.ok(gap < 1500, `the extension host stalled for ${gap} ms`);

    const ends: string[] = [];
    for (const d of [bomb.doc, flow.doc]) {
      const e = await analysed(d, 30000);
      assertAnalysedOrTooComplex(d, e);
      ends.push(`${d.uri.path.split('/').pop()}: ${e.analysis.kind === 'ok' ? 'analysed' : 'too complex'}`);
    }
    console.log(`responsiveness: ${ends.join(', ')}`);
    await vscode.workspace.fs.delete(flowUri);
  });
});
