// npm test: build, unit tests in Node, then integration and end-to-end tests in a real VS Code
// (code-server). Ends with the totals of every suite as one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const suites = ['lint', 'unit', 'integration', 'e2e'];
rmSync('test-artifacts', { recursive: true, force: true });
const sh = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;

// Lint (the folder boundaries in eslint.config.mjs) counts as one test.
const lintFailed = sh('npx', ['eslint']) ? 1 : 0;
mkdirSync('test-artifacts', { recursive: true });
writeFileSync('test-artifacts/totals-lint.json', JSON.stringify({ suite: 'lint', passed: 1 - lintFailed, failed: lintFailed }) + '\n');

let broken = 0;
if (sh('node', ['scripts/build.mjs'])) broken++;
if (sh('npx', ['tsc', '-p', 'tsconfig.test.json'])) broken++;
if (!broken) {
  sh('node', ['scripts/run-unit.mjs']);
  if (!process.env.SKIP_VSCODE) {
    if (existsSync('scripts/vscode-harness.sh')) sh('bash', ['scripts/vscode-harness.sh']);
  }
}

let passed = 0;
let failed = broken;
for (const s of suites) {
  const f = `test-artifacts/totals-${s}.json`;
  if (existsSync(f)) {
    const t = JSON.parse(readFileSync(f, 'utf8'));
    console.log(`${s}: ${t.passed} passed, ${t.failed} failed`);
    passed += t.passed;
    failed += t.failed;
  } else if (s === 'unit' || s === 'lint' || (!process.env.SKIP_VSCODE && existsSync('scripts/vscode-harness.sh'))) {
    console.log(`${s}: did not report (counted as 1 failure)`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
