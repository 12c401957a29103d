// Bundles the extension host code (and its analysis worker), the CLI and the webview apps with esbuild.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';

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
