// Save -> diagnostics latency in a real VS Code (code-server, see docs in scripts/vscode-harness.sh)
// for a typical plan file and a 5,000-line one. Writes test-artifacts/bench-vscode.json.
//   npm run bench:vscode                 (installs code-server into .vscode-test/ if missing)
//   npm run bench runs it after the engine figures; --if-installed skips it when code-server is missing
// SP_BENCH_ROUNDS sets the number of measured saves per file (default 20).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const CS = '.vscode-test/cs/node_modules/.bin/code-server';
if (process.argv.includes('--if-installed') && !existsSync(CS)) {
  console.log('bench:vscode skipped: code-server is not installed in .vscode-test/ (npm test or npm run bench:vscode installs it).');
  process.exit(0);
}
const out = 'test-artifacts/bench-vscode.json';
const r = spawnSync('bash', ['scripts/vscode-harness.sh', 'bench'], { stdio: 'inherit', env: { ...process.env, BENCH_FILE: out } });
if (r.status !== 0 || !existsSync(out)) {
  console.error('bench:vscode failed');
  process.exit(1);
}
const b = JSON.parse(readFileSync(out, 'utf8'));
const row = (x) =>
  `${x.file.padEnd(30)} ${String(x.lines).padStart(6)} ${String(x.kb).padStart(7)}  ${String(x.openToDiagnosticsMs).padStart(6)}  ${String(x.saveToDiagnosticsMs.median).padStart(8)}  ${String(x.saveToDiagnosticsMs.p90).padStart(6)}  ${String(x.analysisMs.median).padStart(8)}`;
console.log(`\nsave -> diagnostics in ${b.appName} ${b.vscode} (extension host on Node ${b.node}, analysis in ${b.analysisRunsIn ?? 'the extension host thread'}), ${b.rounds} saves per file`);
console.log(`${'file'.padEnd(30)} ${'lines'.padStart(6)} ${'KB'.padStart(7)}  ${'open'.padStart(6)}  ${'median'.padStart(8)}  ${'p90'.padStart(6)}  ${'analysis'.padStart(8)}   (ms)`);
console.log(row(b.typical));
console.log(row(b.large));
console.log(`written to ${out}`);
