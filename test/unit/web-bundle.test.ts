// The browser entry (dist/web/extension.js) runs in the web worker extension host of vscode.dev,
// github.dev and code-server, which has no Node: neither its inputs nor its text may pull in a
// Node built-in. Reads the bundle and esbuild's metafile that scripts/build.mjs writes.

import { strict as assert } from 'node:assert';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const BUNDLE = join(ROOT, 'dist/web/extension.js');
const META = join(ROOT, 'dist/web/meta.json');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface Metafile {
  inputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
}

describe('web extension bundle', function () {
  before(function () {
    if (!existsSync(BUNDLE) || !existsSync(META)) throw new Error('run `node scripts/build.mjs` first: dist/web/ is missing');
  });

  it('package.json names it as the browser entry, next to the Node one', function () {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main?: string; browser?: string };
    assert.equal(pkg.browser, './dist/web/extension.js');
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('imports no Node built-in (the metafile: only vscode is external)', function () {
    const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
    const external = new Set<string>();
    for (const [file, input] of Object.entries(meta.inputs)) {
      assert.ok(!BUILTINS.has(file), `${file} is a Node built-in`);
      for (const imp of input.imports) {
        if (imp.external) external.add(imp.path);
        // A built-in is only ever replaced by an empty module for the worker-thread runner of the
        // analysis service, which analyses in-process when it cannot start a worker.
        if (imp.path.startsWith('node-stub:')) {
          assert.match(file, /(analysis(Service|Worker|Runner)|workerRunner)[^/]*\.ts$/, `${file} imports ${imp.path.slice(10)}`);
          assert.match(imp.path, /^node-stub:(node:)?(worker_threads|path|url|os)$/, `${imp.path.slice(10)} would be missing at run time in the browser`);
        }
      }
    }
    assert.deepEqual([...external], ['vscode']);
    const sources = Object.keys(meta.inputs).filter((f) => f.startsWith('src/'));
    assert.ok(sources.includes('src/extension/main.ts') && sources.some((f) => f.startsWith('src/engine/')) && sources.some((f) => f.startsWith('src/read/')), 'the same entry, engine and readers');
  });

  it('requires nothing but vscode, and uses no Node global', function () {
    const js = readFileSync(BUNDLE, 'utf8');
    const required = new Set([...js.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
    assert.deepEqual([...required], ['vscode']);
    for (const m of ['fs', 'path', 'os', 'child_process', 'worker_threads']) {
      assert.ok(!new RegExp(`["'\`](node:)?${m}["'\`]`).test(js), `the bundle names the module ${m}`);
    }
    assert.ok(!/["'`]node:[a-z_/]+["'`]/.test(js), 'the bundle names a node: module');
    assert.ok(!/\bBuffer\.(from|alloc)|\b__dirname\b|\b__filename\b|\bsetImmediate\(|\bprocess\.(env|platform|cwd|versions)\b/.test(js), 'the bundle uses a Node global');
  });

  it('its analysis web worker (dist/web/analysisWorker.js) is a classic script that requires nothing', function () {
    const js = readFileSync(join(ROOT, 'dist/web/analysisWorker.js'), 'utf8');
    assert.ok(!/\brequire\(|\bimport\s*\(|^\s*(import|export)\s/m.test(js), 'a module or a require in the worker bundle');
    assert.ok(!/["'`](node:)?(fs|path|os|child_process|worker_threads)["'`]|\b__dirname\b|\bprocess\.(env|platform|cwd|versions)\b/.test(js), 'the worker bundle names a Node module or global');
  });
});
