// Runs a test entry (test-electron layout: a module exporting run()) inside code-server's
// extension host. code-server must already run with `--vscode-option enable-smoke-test-driver`
// (scripts/vscode-harness.sh starts it). The workbench gets the extension and the tests through its
// `payload` query parameter, prints through window.codeAutomationLog and reports the end through
// window.codeAutomationExit.
//
// Environment: CS_URL, WS_DIR (folder or .code-workspace), EXT_DIR, TESTS_ENTRY, CHROMIUM,
// optional RESULT_FILE ({passed, failed, exitCode}), LOG_FILE (everything the host printed),
// BENCH_FILE (lines "BENCH_RESULT {json}" are written there), PROFILE_DIR, TIMEOUT_MS.
// The closing line is "N passed, N failed".
import { chromium } from 'playwright-core';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { format } from 'node:util';

const env = process.env;
const base = env.CS_URL;
const ext = resolve(env.EXT_DIR ?? '.');
const tests = resolve(env.TESTS_ENTRY ?? 'out/test/suite/index.js');
const target = resolve(env.WS_DIR);
const timeoutMs = Number(env.TIMEOUT_MS ?? 300000);
if (!base || !env.WS_DIR) {
  console.error('CS_URL and WS_DIR are required');
  process.exit(2);
}

const remote = (p) => `vscode-remote://${new URL(base).host}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(ext)],
  ['extensionTestsPath', remote(tests)],
  ['skipWelcome', 'true'],
];
const open = target.endsWith('.code-workspace') ? `workspace=${encodeURIComponent(target)}` : `folder=${encodeURIComponent(target)}`;
const url = `${base}/?${open}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

if (env.LOG_FILE) {
  mkdirSync(dirname(env.LOG_FILE), { recursive: true });
  writeFileSync(env.LOG_FILE, '');
}
// The workbench's own chatter stays in LOG_FILE; the console gets the tests' output.
const NOISE = /^(Resolving connection|Resolved connection|Creating a socket|\[reconnection-grace-time\]|Ignoring fetching|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|Updating additional builtin|Timed out waiting for authentication provider)/;
const out = (line) => {
  if (env.LOG_FILE) appendFileSync(env.LOG_FILE, line + '\n');
  if (NOISE.test(line)) return;
  // Host errors with stack traces: first line only, unless they come from a test.
  const lines = line.split('\n');
  if (lines.length > 2 && !/out\/test\/|^\s+\d+\) /.test(line)) console.log(`${lines[0]} (stack in ${env.LOG_FILE ?? 'the log'})`);
  else console.log(line);
};

const profile = env.PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'chromium-'));
mkdirSync(profile, { recursive: true });
let ctx;
let code;
let summary = '';
const bench = [];
const t0 = Date.now();
try {
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  let done;
  const exited = new Promise((r) => (done = r));
  await page.exposeFunction('codeAutomationLog', (_level, args) => {
    const line = format(...(args ?? [])).replace(/%c/g, '');
    if (/^\s*(INFO|WARN)?\s*color: #/.test(line)) return; // the workbench's own styled info lines
    const trimmed = line.trim();
    if (/^\d+ passed, \d+ failed$/.test(trimmed)) summary = trimmed;
    if (trimmed.startsWith('BENCH_RESULT ')) bench.push(JSON.parse(trimmed.slice('BENCH_RESULT '.length)));
    out(line);
  });
  await page.exposeFunction('codeAutomationExit', (c) => done(c));
  page.on('crash', () => done('page crashed'));
  await page.goto(url);
  const timer = setTimeout(() => done('timeout'), timeoutMs);
  code = await exited;
  clearTimeout(timer);
  if (code !== 0 && env.LOG_FILE) {
    await page.screenshot({ path: env.LOG_FILE.replace(/\.log$/, '') + '-end.png' }).catch(() => {});
  }
} catch (e) {
  code = `runner error: ${e?.stack ?? e}`;
} finally {
  await ctx?.close().catch(() => {});
  if (!env.PROFILE_DIR) rmSync(profile, { recursive: true, force: true });
}

const m = /^(\d+) passed, (\d+) failed$/.exec(summary);
let passed = m ? Number(m[1]) : 0;
let failed = m ? Number(m[2]) : 0;
if (code !== 0 && failed === 0) failed = 1; // crashed, timed out or never started
if (env.RESULT_FILE) writeFileSync(env.RESULT_FILE, JSON.stringify({ passed, failed, exitCode: code, seconds: (Date.now() - t0) / 1000 }));
if (env.BENCH_FILE && bench.length) {
  mkdirSync(dirname(env.BENCH_FILE), { recursive: true });
  writeFileSync(env.BENCH_FILE, JSON.stringify(bench.length === 1 ? bench[0] : bench, null, 2) + '\n');
}
out(`extension host exit code: ${code} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
out(`${passed} passed, ${failed} failed`);
process.exit(code === 0 ? 0 : 1);
