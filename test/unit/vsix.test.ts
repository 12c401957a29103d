// The VSIX as users get it: only what the extension loads (no sources, tests, build scripts or
// the CLI bundle, which is the npm package's), every file the manifest names, and under 1 MB.
// Packs the built dist/ with vsce into a temporary folder (a few seconds).

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const VSCE = join(ROOT, 'node_modules/@vscode/vsce/vsce');
const FLAGS = ['--no-dependencies'];

function vsce(...args: string[]): string {
  return execFileSync(process.execPath, [VSCE, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('VSIX contents', function () {
  this.timeout(120000);
  let files: string[] = [];

  before(function () {
    if (!existsSync(join(ROOT, 'dist/web/extension.js'))) throw new Error('run `node scripts/build.mjs` first');
    files = vsce('ls', ...FLAGS).split('\n').map((l) => l.trim()).filter(Boolean);
  });

  it('lists only what users need', function () {
    const unwanted = files.filter((f) => /^(src|test|out|scripts|webview|node_modules|\.vscode-test|test-artifacts)\//.test(f) || f === 'dist/cli.js' || f === 'dist/cli-main.js' || /\.(map|ts|mjs)$/.test(f) || /tsconfig|meta\.json$/.test(f));
    assert.deepEqual(unwanted, []);
  });

  it('has every file the manifest and the code load', function () {
    const pkg = require(join(ROOT, 'package.json')) as { main: string; browser: string; icon: string; contributes: { walkthroughs: Array<{ steps: Array<{ media: { markdown?: string } }> }> } };
    const needed = [pkg.main, 'dist/analysisWorker.js', pkg.browser, 'dist/web/analysisWorker.js', pkg.icon, 'package.nls.json', 'l10n/bundle.l10n.json', 'dist/webview/panel.js', 'dist/webview/sidebar.js', 'dist/webview/elements.js', 'media/webview.css', 'docs/findings.md', 'examples/llama-7b.plan.yaml', 'schemas/plan.schema.json'];
    for (const w of pkg.contributes.walkthroughs) for (const s of w.steps) if (s.media.markdown) needed.push(s.media.markdown);
    const have = new Set(files);
    assert.deepEqual(needed.map((f) => f.replace(/^\.\//, '')).filter((f) => !have.has(f)), []);
  });

  it('packs to under 1 MB', function () {
    const dir = mkdtempSync(join(tmpdir(), 'vsix-'));
    try {
      const out = join(dir, 'scaling-planner.vsix');
      vsce('package', ...FLAGS, '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out);
      const bytes = statSync(out).size;
      console.log(`      VSIX: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
      assert.ok(bytes < 1024 * 1024, `${bytes} bytes`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
