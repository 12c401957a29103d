// UI end-to-end: the packaged VSIX installed in code-server (no smoke-test flag), the workbench
// driven through Chromium the way a person uses it. Each check counts as one test; screenshots go
// to test-artifacts/screenshots/. Started by scripts/vscode-harness.sh (mode e2e).
//
// Environment: CS_URL, WS_DIR (a copy of test/fixture-ws), ART_DIR, CHROMIUM, PROFILE_DIR.
// Writes ART_DIR/totals-e2e-editor.json; the harness sums it into totals-e2e.json.
// These selectors are VS Code's internal DOM classes: code-server is pinned (4.139.1) for them.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assert, checker, openFolder, runFromPalette } from './checks.mjs';
import { OPTIMAL_TOKENS, OPTIMAL_TOKENS_PER_PARAM, RESIZED } from './expected.mjs';

const env = process.env;
const ART = resolve(env.ART_DIR ?? 'test-artifacts');
const SHOTS = join(ART, 'screenshots');
const WS = resolve(env.WS_DIR);
mkdirSync(SHOTS, { recursive: true });

const results = [];
let page;
let shotNo = 0;
const t0 = Date.now();

async function shot(name) {
  const file = join(SHOTS, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file }).catch(() => {});
  return file;
}

const check = checker(results, (name) => shot(name));

const editor = () => page.locator('.editor-group-container .monaco-editor').first();
const editorText = async () => (await editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
const lineWith = (text) => editor().locator('.view-line', { hasText: text }).first();
/** One syntax token of a line (e.g. the key `tokens` in `tokens: 100B`). */
const token = (line, text) => lineWith(line).locator('span > span', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Ctrl+. at a token until the Quick Fix menu lists `expect` (the first press can land before focus settles). */
async function quickFixMenu(line, text, expect) {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: expect }).first();
  for (let attempt = 1; ; attempt++) {
    await token(line, text).click();
    await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ state: 'visible', timeout: 8000 });
      return item;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

const palette = (title) => runFromPalette(page, title);

async function waitTitle(re) {
  await page.waitForFunction(
    (src) => new RegExp(src).test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''),
    re.source,
    { timeout: 15000 },
  );
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

try {
  await check('workbench loads with the fixture folder in the Explorer', async () => {
    await openFolder(page, env.CS_URL, WS, 'under-trained.plan.yaml');
  });

  await check('opening an under-trained plan from the Explorer shows a warning squiggle', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'under-trained.plan.yaml' }).click();
    await lineWith('tokens: 100B').waitFor();
    await editor().locator('.squiggly-warning').first().waitFor({ timeout: 30000 });
    await editor().locator('.squiggly-info').first().waitFor({ timeout: 10000 });
  });

  await check('CodeLens and inlay hints are shown', async () => {
    await editor().locator('.codelens-decoration', { hasText: 'Open planning panel' }).waitFor({ timeout: 15000 });
    // The lens line can be drawn empty first and filled when the provider answers.
    const headline = /20B params · 100B tokens · 1\.20e22 FLOPs/;
    await editor().locator('.codelens-decoration', { hasText: headline }).first().waitFor({ timeout: 15000 }).catch(async () => {
      throw new Error(`CodeLens: ${await editor().locator('.codelens-decoration').first().innerText()}`);
    });
    await page.waitForFunction(() => /tok\/param/.test(document.querySelector('.editor-group-container .monaco-editor .view-lines')?.textContent ?? ''), null, { timeout: 15000 });
    const text = await editorText();
    if (!text.includes(`≈ 5.0 tok/param · optimum ≈ ${OPTIMAL_TOKENS_PER_PARAM}`)) throw new Error(`no tokens hint in: ${text}`);
    if (!/≈ 2\.7 d on 128×H100-SXM/.test(text)) throw new Error(`no hardware hint in: ${text}`);
    // The status bar's problem counts (one warning, one information) are drawn last.
    await page.waitForFunction(() => /1\D+1/.test(document.querySelector('[id="status.problems"]')?.textContent ?? ''), null, { timeout: 15000 });
    await sleep(300);
    await shot('editor-squiggles-hints-codelens');
  });

  await check('hover on the tokens key explains tokens per parameter', async () => {
    await token('tokens: 100B', 'tokens').hover();
    const hover = page.locator('.monaco-hover', { hasText: 'tokens per parameter' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    const text = await hover.innerText();
    if (!/5\.0 tokens per parameter/.test(text) || !text.includes(`${OPTIMAL_TOKENS} tokens`)) throw new Error(`hover: ${text}`);
    await sleep(400); // the hover fades in
    await shot('hover-tokens');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden' }).catch(() => {});
  });

  await check('hovering the squiggle shows the problem with its quick fix', async () => {
    await token('tokens: 100B', '100B').hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Under-trained: 100B tokens' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    await page.locator('.monaco-hover .action-container', { hasText: /Quick Fix/ }).first().waitFor({ timeout: 10000 });
    await sleep(400);
    await shot('hover-problem');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden' }).catch(() => {});
  });

  await check('the light bulb on the parameter count applies the resize fix (and Undo restores the file)', async () => {
    await token('params: 20B', '20B').click();
    // The light bulb lives in the gutter (a glyph-margin decoration) in this VS Code version.
    const bulb = editor().locator('.margin [class*="codicon-gutter-lightbulb"]').first();
    await bulb.waitFor({ state: 'visible', timeout: 15000 });
    await bulb.click();
    const item = page.locator('.action-widget .monaco-list-row', { hasText: `Resize to the compute-optimal ${RESIZED.params} params` }).first();
    await item.waitFor({ state: 'visible', timeout: 10000 });
    await sleep(300);
    await shot('light-bulb-menu');
    await item.click();
    // One edit of both scalars, each in the file's own suffix style.
    await lineWith(`params: ${RESIZED.params}`).waitFor({ timeout: 10000 });
    await lineWith(`tokens: ${RESIZED.tokens}`).waitFor({ timeout: 10000 });
    await shot('light-bulb-applied');
    await page.keyboard.press('Control+z');
    await lineWith('params: 20B').waitFor({ timeout: 10000 });
    await lineWith('tokens: 100B').waitFor({ timeout: 10000 });
  });

  await check('the Problems panel lists the finding with its source and position', async () => {
    await editor().click({ position: { x: 400, y: 300 } });
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: /Under-trained: 100B/ }).first();
    await row.waitFor({ timeout: 15000 });
    const text = await row.innerText();
    if (!/Under-trained: 100B tokens is 5\.0 tokens\/param/.test(text)) throw new Error(`row: ${text}`);
    if (!/Scaling Planner/.test(text) || !/under-trained/.test(text) || !/\[Ln 6, Col 11\]/.test(text)) throw new Error(`row: ${text}`);
    await page.locator('.markers-panel .monaco-list-row', { hasText: /Over-sized for its compute/ }).first().waitFor();
    await shot('problems-panel');
  });

  await check('a quick fix from Ctrl+. rewrites tokens in the same style', async () => {
    const item = await quickFixMenu('tokens: 100B', '100B', `Set tokens to the compute-optimal ${OPTIMAL_TOKENS}`);
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Disable under-trained for this line' }).first().waitFor();
    await sleep(300);
    await shot('quick-fix-menu');
    await item.click();
    await lineWith(`tokens: ${OPTIMAL_TOKENS}`).waitFor({ timeout: 10000 });
    if ((await editorText()).includes('tokens: 100B')) throw new Error('old value still there');
  });

  await check('after saving, the under-trained warning is gone', async () => {
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => !document.querySelector('.editor-group-container .monaco-editor .squiggly-warning'), null, { timeout: 15000 });
    await page.waitForFunction(() => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => /Under-trained:/.test(r.textContent ?? '')), null, { timeout: 15000 });
    const disk = readFileSync(join(WS, 'under-trained.plan.yaml'), 'utf8');
    if (!disk.includes(`tokens: ${OPTIMAL_TOKENS}`)) throw new Error('not saved to disk');
    // Every surface follows the saved version: CodeLens and hints too.
    await editor().locator('.codelens-decoration', { hasText: `${OPTIMAL_TOKENS} tokens` }).first().waitFor({ timeout: 15000 });
    await page.waitForFunction((k) => new RegExp(`≈\\s${k}\\stok/param`).test(document.querySelector('.editor-group-container .monaco-editor .view-lines')?.textContent ?? ''), OPTIMAL_TOKENS_PER_PARAM, { timeout: 15000 });
    await shot('after-quick-fix-saved');
  });

  await check('palette: "Estimate Cost of Current Config" shows the breakdown quick pick', async () => {
    await editor().click({ position: { x: 400, y: 300 } });
    await palette('Scaling Planner: Estimate Cost of Current Config');
    await waitTitle(/Scaling Planner: under-trained-20b/);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Copy as Markdown' }).first().waitFor();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Parameters' }).first().waitFor();
    const rows = (await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts()).join('\n');
    if (!/Parameters\s*20B/.test(rows) || !/Training FLOPs/.test(rows)) throw new Error(`quick pick rows: ${rows.slice(0, 300)}`);
    await sleep(400); // the quick pick fades in
    await shot('estimate-cost-quick-pick');
    await page.keyboard.press('Escape');
  });

  await check('palette: "Plan a Budget…" asks budget, accelerator and count, then shows the plan', async () => {
    await palette('Scaling Planner: Plan a Budget');
    await waitTitle(/plan a budget \(1\/3\)/);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dollars' }).first().waitFor();
    await sleep(400); // the quick pick fades in
    await shot('plan-budget-kind');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dollars' }).first().click();
    const input = page.locator('.quick-input-widget input');
    await page.waitForFunction(() => /Budget in Dollars/.test(document.querySelector('.quick-input-widget')?.textContent ?? ''));
    await input.fill('$500k');
    await page.keyboard.press('Enter');
    await waitTitle(/plan a budget \(2\/3\)/);
    await input.fill('H100-SXM');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'H100-SXM' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /How many devices/.test(document.querySelector('.quick-input-widget')?.textContent ?? ''));
    await input.fill('64');
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Scaling Planner:' }).first();
    await toast.waitFor({ state: 'visible', timeout: 15000 });
    const text = await toast.innerText();
    if (!/params on .* tokens \(loss [\d.]+\) · .* on 64×H100-SXM/.test(text)) throw new Error(`toast: ${text}`);
    await sleep(600); // the toast slides in
    await shot('plan-budget-notification');
  });

  await check('"Create plan file" from the notification opens a new plan, analysed and without problems', async () => {
    await page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Create plan file' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: /plan-[^ ]*\.plan\.yaml/ }).waitFor({ timeout: 15000 });
    await lineWith('tokens:').waitFor();
    await editor().locator('.codelens-decoration', { hasText: 'Open planning panel' }).waitFor({ timeout: 15000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /plan-[^ ]*\.plan\.yaml/ }).first().waitFor();
    // The plan made for a $500k budget fits in memory and is not over that budget once written down.
    await page.locator('.markers-panel', { hasText: 'No problems have been detected' }).waitFor({ timeout: 10000 });
    await sleep(500);
    await shot('created-plan-file');
  });

  await check('a mistyped key: Ctrl+. offers "Rename to tokens", which renames it and clears the warning', async () => {
    writeFileSync(join(WS, 'typo.plan.yaml'), 'model:\n  params: 7B\ndata:\n  toknes: 140B\nhardware:\n  accelerator: H100-SXM\n  count: 64\n');
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'typo.plan.yaml' }).first();
    await row.waitFor({ timeout: 15000 });
    await row.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'typo.plan.yaml' }).waitFor({ timeout: 15000 });
    await editor().locator('.squiggly-warning').first().waitFor({ timeout: 15000 });
    const item = await quickFixMenu('toknes: 140B', 'toknes', 'Rename to tokens');
    await sleep(300);
    await shot('rename-key-menu');
    await item.click();
    await lineWith('tokens: 140B').waitFor({ timeout: 10000 });
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => !document.querySelector('.editor-group-container .monaco-editor .squiggly-warning'), null, { timeout: 15000 });
    await shot('rename-key-applied');
  });

  await check('a plan over 32 KB with a custom tag: the Problems panel says which line is too complex', async () => {
    const runs = Array.from({ length: 1200 }, (_, i) => `  run_${i}: "sweep point ${i}: learning-rate warm-up as in the base run"`).join('\n');
    writeFileSync(join(WS, 'long-notes.plan.yaml'), `model:\n  params: 7B\ndata:\n  tokens: 140B\nnotes:\n${runs}\n  last: !custom note\n`);
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'long-notes.plan.yaml' }).first();
    await row.waitFor({ timeout: 15000 });
    await row.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'long-notes.plan.yaml' }).waitFor({ timeout: 15000 });
    await page.keyboard.press('Control+Shift+M');
    const marker = page.locator('.markers-panel .monaco-list-row', { hasText: 'File is too complex to analyse: line 1,206 has the tag !custom' }).first();
    await marker.waitFor({ timeout: 20000 });
    const text = await marker.innerText();
    assert(/\[Ln 1206, Col 9\]/.test(text), `row: ${text}`);
    await sleep(300);
    await shot('too-complex-line');
  });
} finally {
  await ctx.close().catch(() => {});
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
writeFileSync(join(ART, 'e2e-editor-results.json'), JSON.stringify({ seconds: (Date.now() - t0) / 1000, results }, null, 2) + '\n');
writeFileSync(join(ART, 'totals-e2e-editor.json'), JSON.stringify({ suite: 'e2e-editor', passed, failed }) + '\n');
console.log(`e2e (editor): ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
process.exit(failed ? 1 : 0);
