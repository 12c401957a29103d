// UI end-to-end for the web extension: a VSIX whose manifest has only the `browser` entry (no
// `main`, no Node bundle inside) installed into code-server, so VS Code can run it only in the web
// worker extension host inside the browser page, as in vscode.dev and github.dev. Checks that it
// runs there, that a plan file gets its diagnostics (squiggle and Problems), inline hints, hover
// and quick fix, that the planning panel and the sidebar planner open, that the example
// shipped inside the extension opens, and that the analyses ran in the extension's own web worker
// (dist/web/analysisWorker.js) while the host kept answering: a worker made to spin on the merge
// bomb is stopped at the deadline (the `too-complex` finding) and a fresh worker takes over. Each check counts as one test; screenshots
// go to test-artifacts/screenshots/web-*.png. Started by scripts/vscode-harness.sh (mode e2e).
//
// Environment: CS_URL, WS_DIR (a copy of test/fixture-ws), ART_DIR, CHROMIUM, PROFILE_DIR.
// Writes ART_DIR/totals-e2e-web.json; the harness sums it into totals-e2e.json.
// These selectors are VS Code's internal DOM classes: code-server is pinned (4.139.1) for them.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assert, checker, openFolder, runFromPalette } from './checks.mjs';
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

const palette = (title) => runFromPalette(page, title);

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
const workerNames = [];
const workerStats = [];
/** The workers of the page (at any depth) whose name matches. */
async function findWorkers(name) {
  workerNames.length = 0;
  const found = [];
  for (const w of page.workers()) {
    const n = await w.evaluate(() => self.name).catch(() => '?');
    workerNames.push(n);
    if (name.test(n)) found.push(w);
  }
  return found;
}
const consoleErrors = [];
page.on('console', (m) => {
  if (m.type() === 'error' && /worker|analysis/i.test(m.text())) consoleErrors.push(m.text().slice(0, 300));
});
const timings = {};

try {
  await check('workbench loads with the fixture folder in the Explorer', async () => {
    await openFolder(page, env.CS_URL, WS, 'under-trained.plan.yaml');
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

  await check('the merge bomb gets its findings while the host keeps answering (a hover on another plan)', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+p');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('merge-bomb.plan.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'merge-bomb.plan.yaml' }).first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
    const t1 = Date.now();
    const bomb = page.locator('.editor-group-container .monaco-editor', { has: page.locator('.view-line', { hasText: '<<: [*a, *a' }) }).first();
    await bomb.waitFor({ timeout: 15000 });
    await bomb.locator('.squiggly-info, .squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30000 });
    timings.mergeBombToSquiggleMs = Date.now() - t1;
    await page.locator('.editor-group-container').first().locator('.tabs-container .tab', { hasText: 'under-trained.plan.yaml' }).first().click();
    const t2 = Date.now();
    await lineWith('tokens: 100B').locator('span > span', { hasText: /^tokens$/ }).first().hover();
    await page.locator('.monaco-hover', { hasText: 'tokens per parameter' }).first().waitFor({ state: 'visible', timeout: 15000 });
    timings.hoverAfterBombMs = Date.now() - t2;
    await page.mouse.move(5, 400);
    // The analysis web worker itself (VS Code names it "<extension host worker> -> <name>").
    const analysisWorkers = await findWorkers(/-> scaling-planner-analysis$/);
    assert(analysisWorkers.length > 0, `no analysis worker among ${JSON.stringify(workerNames)}`);
    for (const w of analysisWorkers) workerStats.push(await w.evaluate(() => self.scalingPlannerWorker).catch(() => null));
    assert(workerStats.some((s) => s?.lastFile === 'merge-bomb.plan.yaml'), `the analysis workers served ${JSON.stringify(workerStats)}`);
  });

  await check('a runaway analysis in the web worker is stopped at the deadline (too-complex), the host answers meanwhile, a new worker takes over', async () => {
    // Make the running analysis workers hang on the merge bomb, as a runaway analysis would; a
    // worker started later is the shipped one again.
    const stuck = await findWorkers(/-> scaling-planner-analysis$/);
    for (const w of stuck) {
      await w.evaluate(() => {
        const real = self.onmessage;
        self.onmessage = (e) => {
          if (e.data?.request?.fileName === 'merge-bomb.plan.yaml') for (;;);
          real(e);
        };
      });
    }
    const tabs = page.locator('.editor-group-container').first().locator('.tabs-container .tab');
    const bomb = page.locator('.editor-group-container .monaco-editor', { has: page.locator('.view-line', { hasText: '<<: [*a, *a' }) }).first();
    await tabs.filter({ hasText: 'merge-bomb.plan.yaml' }).first().click();
    await bomb.locator('.view-line', { hasText: 'data: {}' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' '); // one edit: one new version for the workers to analyse
    await page.keyboard.press('Control+s');
    const t1 = Date.now();
    // The extension host still answers: a hover on another plan while the worker spins.
    await tabs.filter({ hasText: 'under-trained.plan.yaml' }).first().click();
    await lineWith('tokens: 100B').locator('span > span', { hasText: /^tokens$/ }).first().hover();
    await page.locator('.monaco-hover', { hasText: 'tokens per parameter' }).first().waitFor({ state: 'visible', timeout: 15000 });
    timings.hoverDuringRunawayMs = Date.now() - t1;
    await page.mouse.move(5, 400);
    await page.keyboard.press('Control+Shift+M');
    const stopped = page.locator('.markers-panel .monaco-list-row', { hasText: 'Analysis stopped: the file is too complex to analyse in time' }).first();
    await stopped.waitFor({ timeout: 30000 });
    timings.runawayToTooComplexMs = Date.now() - t1;
    await sleep(300);
    await shot('too-complex');
    // The next version is analysed by a fresh worker: the finding goes, the file's findings return.
    await tabs.filter({ hasText: 'merge-bomb.plan.yaml' }).first().click();
    await bomb.locator('.view-line', { hasText: 'data: {}' }).first().click();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+s');
    await stopped.waitFor({ state: 'detached', timeout: 30000 });
    await bomb.locator('.squiggly-info, .squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30000 });
    const fresh = await findWorkers(/-> scaling-planner-analysis$/);
    const stats = [];
    for (const w of fresh) stats.push(await w.evaluate(() => self.scalingPlannerWorker).catch(() => null));
    workerStats.push(...stats);
    assert(stats.some((x) => x?.lastFile === 'merge-bomb.plan.yaml'), `after the restart the analysis workers served ${JSON.stringify(stats)}`);
  });

  await check('the analyses ran in a web worker the extension started (the log says which, once; no fallback)', async () => {
    await editor().click({ position: { x: 400, y: 300 } });
    await palette('Scaling Planner: Show Logs');
    const out = page.locator('.part.panel .monaco-editor .view-lines').first();
    await page.waitForFunction(() => /analyses run in/.test(document.querySelector('.part.panel .monaco-editor .view-lines')?.textContent?.replace(/\u00a0/g, ' ') ?? ''), null, { timeout: 15000 });
    const text = (await out.innerText()).replace(/\u00a0/g, ' ');
    assert(/\(analysis: web worker\)/.test(text), `activation line: ${text.slice(0, 400)}`);
    assert((text.match(/analyses run in a web worker/g) ?? []).length === 1, `runner line: ${text.slice(0, 600)}`);
    assert(!/does not start|analysing in process|did not start/.test(text), `fallback in the log: ${text.slice(0, 600)}`);
    assert(/analysis of merge-bomb\.plan\.yaml passed \d+ ms: worker restarted/.test(text), `no restart in the log: ${text.slice(0, 600)}`);
    await sleep(300);
    await shot('logs-analysis-web-worker');
  });
} finally {
  await ctx.close().catch(() => {});
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
writeFileSync(join(ART, 'e2e-web-results.json'), JSON.stringify({ seconds: (Date.now() - t0) / 1000, bundleRequests, workerNames, workerStats, timings, consoleErrors, results }, null, 2) + '\n');
writeFileSync(join(ART, 'totals-e2e-web.json'), JSON.stringify({ suite: 'e2e-web', passed, failed }) + '\n');
console.log(`e2e (web worker host): ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
process.exit(failed ? 1 : 0);
