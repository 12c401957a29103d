// Bundles the extension host code (and its analysis worker), the CLI and the webview apps with esbuild.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

const prod = !process.argv.includes('--dev');
const cliOnly = process.argv.includes('--cli');
const common = { bundle: true, minify: prod, sourcemap: !prod, logLevel: 'warning', legalComments: 'none' };

// The CLI: dist/cli.js turns on the compile cache and loads dist/cli-main.js (the version and the
// repository URL inlined, so the bundle reads no package.json at run time).
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const cli = { ...common, platform: 'node', target: 'node20', format: 'cjs' };
const jobs = [
  build({ ...cli, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', external: ['./cli-main.js'], banner: { js: '#!/usr/bin/env node' } }),
  build({
    ...cli,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli-main.js',
    define: { __SP_VERSION__: JSON.stringify(pkg.version), __SP_REPOSITORY__: JSON.stringify(pkg.repository?.url ?? '') },
  }),
];
if (cliOnly) {
  // only the two CLI bundles
} else if (existsSync('src/extension/main.ts')) {
  jobs.push(build({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'] }));
  // The analysis worker thread the extension host starts (src/extension/workerRunner.ts): its own file.
  jobs.push(build({ ...common, entryPoints: ['src/extension/analysisWorker.ts'], outfile: 'dist/analysisWorker.js', platform: 'node', target: 'node20', format: 'cjs' }));
}
if (!cliOnly && existsSync('src/extension/main.ts')) jobs.push(browserHost());
for (const app of cliOnly ? [] : ['panel', 'sidebar']) {
  if (existsSync(`webview/${app}.ts`)) {
    jobs.push(build({ ...common, entryPoints: [`webview/${app}.ts`], outfile: `dist/webview/${app}.js`, platform: 'browser', target: 'es2022', format: 'esm' }));
  }
}
await Promise.all(jobs);
chmodSync('dist/cli.js', 0o755);
if (!cliOnly && existsSync('node_modules/@vscode-elements/elements/dist/bundled.js')) {
  mkdirSync('dist/webview', { recursive: true });
  copyFileSync('node_modules/@vscode-elements/elements/dist/bundled.js', 'dist/webview/elements.js');
}

/**
 * No Node built-ins in the browser bundles. With `stubs`, an import of one from the worker-thread
 * runner of the analysis service resolves to an empty module (that code is not used in the
 * browser host); anywhere else it fails the build.
 */
function noNode(stubs) {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  return {
    name: 'no-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const id = args.path;
        if (!builtins.has(id) && !id.startsWith('node:')) return undefined;
        if (stubs && /(analysis(Service|Worker|Runner)|workerRunner)[^/]*\.ts$/.test(args.importer)) return { path: id, namespace: 'node-stub' };
        return { errors: [{ text: `"${id}" is a Node built-in; the web extension host has none (imported by ${args.importer})` }] };
      });
      b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    },
  };
}

/**
 * The same extension for the web worker extension host (vscode.dev, github.dev, code-server's
 * browser host), and its analysis web worker. The metafile (dist/web/meta.json) lets a unit test
 * check the host bundle.
 */
function browserHost() {
  const web = { ...common, platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'], define: { 'process.env.NODE_ENV': '"production"' } };
  // The analysis web worker the browser host starts (src/extension/webWorkerRunner.ts): a classic
  // script (VS Code loads nested workers with importScripts), with no Node built-in and no stub.
  const worker = build({ ...web, entryPoints: ['src/extension/webAnalysisWorker.ts'], outfile: 'dist/web/analysisWorker.js', format: 'iife', plugins: [noNode(false)] });
  const host = build({
    ...web,
    entryPoints: ['src/extension/main.ts'],
    outfile: 'dist/web/extension.js',
    format: 'cjs',
    external: ['vscode'],
    plugins: [noNode(true)],
    metafile: true,
  }).then((r) => {
    writeFileSync('dist/web/meta.json', JSON.stringify(r.metafile));
    return r;
  });
  return Promise.all([host, worker]);
}
