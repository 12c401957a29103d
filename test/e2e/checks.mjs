// The small runner the end-to-end scripts share: named checks that record their outcome and time,
// with a screenshot of the moment a check fails.

/** A `check(name, fn)` that pushes `{name, ok, ms, error?}` to `results` and calls `shot` on failure. */
export function checker(results, shot) {
  return async function check(name, fn) {
    const start = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - start });
      console.log(`  ✔ ${name} (${Date.now() - start} ms)`);
    } catch (e) {
      const msg = String(e?.message ?? e).split('\n')[0];
      results.push({ name, ok: false, ms: Date.now() - start, error: msg });
      console.log(`  ✘ ${name}: ${msg}`);
      await shot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60)}`);
    }
  };
}

export function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/**
 * Run a command from the palette. The quick input can be re-rendered between opening and typing
 * (a notification or a view taking focus), so a try that cannot type closes it and opens it again.
 */
export async function runFromPalette(page, title, tries = 3) {
  for (let i = 1; ; i++) {
    try {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(`>${title}`, { timeout: 10000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      if (i >= tries) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
    }
  }
}

/** Open code-server on a folder and wait for the workbench and an Explorer row (`file`, or any). */
export async function openFolder(page, csUrl, folder, file) {
  await page.goto(`${csUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  await page.locator('.explorer-folders-view .monaco-list-row', file ? { hasText: file } : {}).first().waitFor({ timeout: 60000 });
}
