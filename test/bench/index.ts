// Save -> diagnostics latency in the real VS Code (code-server's extension host), run by
// scripts/bench-vscode.mjs through scripts/vscode-harness.sh (mode bench). Same layout as the
// integration tests: the host loads this module and awaits run(). Results are logged as one line
// "BENCH_RESULT {json}" that the runner writes to test-artifacts/bench-vscode.json.

import * as vscode from 'vscode';

interface Api {
  analysisFor(uri: vscode.Uri): { version: number; ms: number } | undefined;
  /** Where analyses run ("worker thread" or "in process"); absent in builds before it existed. */
  analysisRunsIn?(): string;
}

const ROUNDS = Number(process.env.SP_BENCH_ROUNDS ?? 20);
const WARMUP = 3;

function typicalConfig(tokens: string): string {
  return [
    '# A Llama-2-7B-shaped run: the kind of plan file people edit.',
    'name: llama-7b-bench',
    'model:',
    '  architecture: llama',
    '  layers: 32',
    '  d_model: 4096',
    '  heads: 32',
    '  ffn_hidden: 11008',
    '  vocab_size: 32000',
    '  seq_len: 4096',
    'data:',
    `  tokens: ${tokens}`,
    'training:',
    '  precision: bf16',
    '  optimizer: adamw',
    '  zero_stage: 1',
    '  micro_batch_size: 1',
    '  activation_checkpointing: selective',
    'hardware:',
    '  accelerator: A100-80GB',
    '  count: 512',
    '  mfu: 0.39',
    'budget:',
    '  usd: $400k',
    '  days: 21d',
    '',
  ].join('\n');
}

/** The typical config followed by a 5,000-line data mixture (one source per line). */
function largeConfig(tokens: string): string {
  const head = typicalConfig(tokens).trimEnd().split('\n');
  const lines = [...head, 'mixture:'];
  for (let i = 0; lines.length < 4999; i++) lines.push(`  - { path: /data/shard-${String(i).padStart(5, '0')}.jsonl, weight: 0.0002 }`);
  return lines.join('\n') + '\n';
}

function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Scaling Planner');
}

/** Resolves with the time at which `uri`'s diagnostics first satisfy `check`. */
function diagnosticsWhen(uri: vscode.Uri, check: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 30000): Promise<number> {
  return new Promise((resolve, reject) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && check(ourDiagnostics(uri))) {
        sub.dispose();
        clearTimeout(timer);
        resolve(performance.now());
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics change on ${uri.path} within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

function stats(xs: number[]): { n: number; median: number; p90: number; min: number; max: number; mean: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const r = (x: number): number => Math.round(x * 10) / 10;
  return { n: s.length, median: r(at(0.5)), p90: r(at(0.9)), min: r(s[0]), max: r(s[s.length - 1]), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

async function measure(api: Api, name: string, make: (tokens: string) => string): Promise<Record<string, unknown>> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, `bench-${name}.plan.yaml`);
  const first = make('10B');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(first));
  // Open -> first diagnostics.
  const opened = diagnosticsWhen(uri, (d) => d.some((x) => x.message.includes('10B tokens')));
  const t0 = performance.now();
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  const openMs = (await opened) - t0;

  const saveMs: number[] = [];
  const analysisMs: number[] = [];
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    // Alternate the token count so every save changes the under-trained message.
    const tokens = `${20 + (i % 40)}B`;
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('  tokens: '));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(line, 10, line, doc.lineAt(line).text.length), tokens);
    await vscode.workspace.applyEdit(edit);
    const published = diagnosticsWhen(uri, (d) => d.some((x) => x.message.includes(`${tokens} tokens`)));
    const s0 = performance.now();
    await doc.save();
    const ms = (await published) - s0;
    if (i >= WARMUP) {
      saveMs.push(ms);
      const e = api.analysisFor(uri);
      if (e) analysisMs.push(e.ms);
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  const result = { file: `bench-${name}.plan.yaml`, lines: doc.lineCount, kb: Math.round(first.length / 102.4) / 10, openToDiagnosticsMs: Math.round(openMs), saveToDiagnosticsMs: stats(saveMs), analysisMs: stats(analysisMs) };
  console.log(`${name}: ${result.lines} lines, ${result.kb} KB: open -> diagnostics ${result.openToDiagnosticsMs} ms; save -> diagnostics median ${result.saveToDiagnosticsMs.median} ms, p90 ${result.saveToDiagnosticsMs.p90} ms (analysis ${result.analysisMs.median} ms) over ${ROUNDS} saves`);
  return result;
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<Api>('scaling-planner.scaling-planner');
  if (!ext) throw new Error('extension not loaded');
  const api = await ext.activate();
  const typical = await measure(api, 'typical', typicalConfig);
  const large = await measure(api, '5000-lines', largeConfig);
  const result = {
    when: new Date().toISOString(),
    vscode: vscode.version,
    appName: vscode.env.appName,
    node: process.version,
    analysisRunsIn: api.analysisRunsIn?.() ?? 'extension host thread',
    rounds: ROUNDS,
    typical,
    large,
  };
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  console.log('2 passed, 0 failed');
}
