// UI end-to-end for the web extension: a VSIX whose manifest has only the `browser` entry (no
// `main`, no Node bundle inside) installed into code-server, so VS Code can run it only in the web
// worker extension host inside the browser page, as in vscode.dev and github.dev. Checks that it
// runs there, that a plan file gets its diagnostics (squiggle and Problems), inline hints, hover
// and quick fix, that the planning panel and the sidebar planner open, and that the example
// shipped inside the extension opens. Each check counts as one test; screenshots
// go to test-artifacts/screenshots/web-*.png. Started by scripts/vscode-harness.sh (mode e2e).
//
// Environment: CS_URL, WS_DIR (a copy of test/fixture-ws), ART_DIR, CHROMIUM, PROFILE_DIR.
// Writes ART_DIR/totals-e2e-web.json; the harness sums it into totals-e2e.json.
// These selectors are VS Code's internal DOM classes: code-server is pinned (4.139.1) for them.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assert, checker } from './checks.mjs';
import { OPTIMAL_TOKENS, OPTIMAL_TOKENS_PER_PARAM } from './expected.mjs';

const env = process.env;
const ART = resolve(env.ART_DIR ?? 'test-artifacts');
const SHOTS = join(ART, 'screenshots');
const WS = resolve(env.WS_DIR);
mkdirSync(SHOTS, { recursive: true });

const results = [];
let page;
const t0 = Date.now();

async function shot(name, target) {
  const file = join(SHOTS, `web-${name}.png`);
  await (target ?? page).screenshot({ path: file }).catch(() => {});
  return file;
}

const check = checker(results, (name) => shot(name));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const editor = () => page.locator('.editor-group-container .monaco-editor').first();
const lineWith = (text) => editor().locator('.view-line', { hasText: text }).first();

async function palette(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** The frame of a webview ('panel' | 'sidebar'): the inner iframe where the app's script runs. */
async function webviewState(view, pred, timeout = 30000) {
  const until = Date.now() + timeout;
  let last = null;
  while (Date.now() < until) {
    for (const f of page.frames()) {
      const s = await f.evaluate(() => (window.__scalingPlanner ? JSON.parse(JSON.stringify(window.__scalingPlanner)) : null)).catch(() => null);
      if (s?.view === view) {
        last = s;
        if (pred(s)) return { frame: f, state: s };
      }
    }
    await sleep(200);
  }
  throw new Error(`${view} webview did not render (last state: ${JSON.stringify(last)?.slice(0, 300)})`);
}

const profile = env.PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'chromium-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 860 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
page = ctx.pages()[0] ?? (await ctx.newPage());
page.setDefaultTimeout(30000);

// Where the browser loaded the extension's code from: the web worker host fetches the browser
// bundle itself; a Node host would read dist/extension.js on the server (not in this VSIX).
const bundleRequests = [];
const decoded = (u) => {
  try {
    return decodeURIComponent(u);
  } catch {
    return u;
  }
};
const BUNDLE = /scaling-planner[^/]*\/dist\/(web\/)?extension\.js/;
ctx.on('request', (r) => {
  if (BUNDLE.test(decoded(r.url()))) bundleRequests.push(decoded(r.url()));
});
const workers = [];
page.on('worker', (w) => workers.push(w));

try {
  await check('workbench loads with the fixture folder in the Explorer', async () => {
    await page.goto(`${env.CS_URL}/?folder=${encodeURIComponent(WS)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'under-trained.plan.yaml' }).waitFor({ timeout: 60000 });
  });

  await check('a plan file gets its warning squiggle from the browser-only extension', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'under-trained.plan.yaml' }).click();
    await lineWith('tokens: 100B').waitFor();
    await editor().locator('.squiggly-warning').first().waitFor({ timeout: 45000 });
  });

  await check('a web worker of the page loaded dist/web/extension.js (and nothing loaded the Node bundle)', async () => {
    // The extension host worker lives in an iframe; its own resource timings list what it fetched.
    for (const w of workers) {
      const names = await w.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)).catch(() => []);
      for (const n of names.map(decoded)) if (BUNDLE.test(n)) bundleRequests.push(n);
    }
    assert(bundleRequests.some((u) => /\/dist\/web\/extension\.js/.test(u)), `bundle loads seen: ${JSON.stringify(bundleRequests)} (${workers.length} workers)`);
    assert(!bundleRequests.some((u) => /\/dist\/extension\.js/.test(u)), 'the Node bundle was loaded');
  });

  await check('inline hints and the CodeLens are shown', async () => {
    await page.waitForFunction(() => /tok\/param/.test(document.querySelector('.editor-group-container .monaco-editor .view-lines')?.textContent ?? ''), null, { timeout: 20000 });
    const text = (await editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert(text.includes(`≈ 5.0 tok/param · optimum ≈ ${OPTIMAL_TOKENS_PER_PARAM}`), `no tokens hint in: ${text}`);
    await editor().locator('.codelens-decoration', { hasText: 'Open planning panel' }).waitFor({ timeout: 15000 });
    const lens = await editor().locator('.codelens-decoration').first().innerText();
    assert(/20B params · 100B tokens · 1\.20e22 FLOPs/.test(lens), `CodeLens: ${lens}`);
  });

  await check('the Problems panel lists the finding with its source and position', async () => {
    await editor().click({ position: { x: 400, y: 300 } });
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: /Under-trained: 100B/ }).first();
    await row.waitFor({ timeout: 15000 });
    const text = await row.innerText();
    assert(/Scaling Planner/.test(text) && /under-trained/.test(text) && /\[Ln 6, Col 11\]/.test(text), `row: ${text}`);
    await page.waitForFunction(() => /1\D+1/.test(document.querySelector('[id="status.problems"]')?.textContent ?? ''), null, { timeout: 15000 });
    await sleep(400);
    await shot('editor-problems-hints');
  });

  await check('hover on the tokens key and a quick fix from Ctrl+. work in the web host (Undo restores)', async () => {
    const tokensKey = lineWith('tokens: 100B').locator('span > span', { hasText: /^tokens$/ }).first();
    await tokensKey.hover();
    const hover = page.locator('.monaco-hover', { hasText: 'tokens per parameter' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    assert(/5\.0 tokens per parameter/.test(await hover.innerText()), 'hover text');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: `Set tokens to the compute-optimal ${OPTIMAL_TOKENS}` }).first();
    for (let attempt = 1; ; attempt++) {
      await lineWith('tokens: 100B').locator('span > span', { hasText: /^100B$/ }).first().click();
      await page.keyboard.press('Control+.');
      try {
        await item.waitFor({ state: 'visible', timeout: 8000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        await page.keyboard.press('Escape');
      }
    }
    await sleep(300);
    await shot('quick-fix-menu');
    await item.click();
    await lineWith(`tokens: ${OPTIMAL_TOKENS}`).waitFor({ timeout: 10000 });
    await page.keyboard.press('Control+z');
    await lineWith('tokens: 100B').waitFor({ timeout: 10000 });
  });

  await check('"Show Logs" says the extension activated in the web worker extension host', async () => {
    await editor().click({ position: { x: 400, y: 300 } });
    await palette('Scaling Planner: Show Logs');
    const out = page.locator('.part.panel .monaco-editor .view-lines').first();
    await page.waitForFunction(() => /Scaling Planner activated in the/.test(document.querySelector('.part.panel .monaco-editor .view-lines')?.textContent?.replace(/\u00a0/g, ' ') ?? ''), null, { timeout: 15000 });
    const text = (await out.innerText()).replace(/\u00a0/g, ' ');
    assert(/activated in the web worker extension host, code-server [\d.]+, UI web/.test(text), `log: ${text.slice(0, 300)}`);
    await sleep(300);
    await shot('logs-web-worker');
  });

  await check('palette "Open Planning Panel" opens the panel on the plan', async () => {
    await page.locator('.tabs-container .tab', { hasText: 'under-trained.plan.yaml' }).first().click();
    await palette('Scaling Planner: Open Planning Panel');
    await page.locator('.tabs-container .tab', { hasText: 'Scaling Planner: under-trained.plan.yaml' }).first().waitFor({ timeout: 20000 });
    const { state } = await webviewState('panel', (s) => s.config === 'under-trained.plan.yaml' && s.renders > 0 && s.charts?.frontierCurve > 0);
    assert(state.cspViolations.length === 0, `CSP violations: ${state.cspViolations.join('; ')}`);
    await sleep(600);
    await shot('panel');
  });

  await check('the sidebar planner opens and computes a plan', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Scaling Planner"]').first().click();
    const { state } = await webviewState('sidebar', (s) => s.renders > 0);
    assert(state.cspViolations.length === 0, `CSP violations: ${state.cspViolations.join('; ')}`);
    await sleep(600);
    await shot('sidebar');
  });
  await check('"Open Example Config" reads the example shipped in the extension through workspace.fs', async () => {
    await page.locator('.editor-group-container').first().locator('.tabs-container .tab', { hasText: 'under-trained.plan.yaml' }).first().click();
    await palette('Scaling Planner: Open Example Config');
    // It opens as an untitled editor in the active group (which may be the panel's).
    const example = page.locator('.editor-group-container .monaco-editor', { has: page.locator('.view-line', { hasText: 'name: llama-7b-2T' }) }).first();
    await example.waitFor({ timeout: 15000 });
    await example.locator('.codelens-decoration', { hasText: 'Open planning panel' }).first().waitFor({ timeout: 20000 });
    await sleep(300);
    await shot('example-opened');
  });
} finally {
  await ctx.close().catch(() => {});
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
writeFileSync(join(ART, 'e2e-web-results.json'), JSON.stringify({ seconds: (Date.now() - t0) / 1000, bundleRequests, results }, null, 2) + '\n');
writeFileSync(join(ART, 'totals-e2e-web.json'), JSON.stringify({ suite: 'e2e-web', passed, failed }) + '\n');
console.log(`e2e (web worker host): ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
process.exit(failed ? 1 : 0);
