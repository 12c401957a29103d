// Bundles the extension host code (and its analysis worker), the CLI and the webview apps with esbuild.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';

const prod = !process.argv.includes('--dev');
const common = { bundle: true, minify: prod, sourcemap: !prod, logLevel: 'warning', legalComments: 'none' };

const jobs = [
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', target: 'node20', format: 'cjs', banner: { js: '#!/usr/bin/env node' } }),
];
if (existsSync('src/extension/main.ts')) {
  jobs.push(build({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'] }));
  // The analysis worker thread the extension host starts (src/extension/workerRunner.ts): its own file.
  jobs.push(build({ ...common, entryPoints: ['src/extension/analysisWorker.ts'], outfile: 'dist/analysisWorker.js', platform: 'node', target: 'node20', format: 'cjs' }));
}
for (const app of ['panel', 'sidebar']) {
  if (existsSync(`webview/${app}.ts`)) {
    jobs.push(build({ ...common, entryPoints: [`webview/${app}.ts`], outfile: `dist/webview/${app}.js`, platform: 'browser', target: 'es2022', format: 'esm' }));
  }
}
await Promise.all(jobs);
chmodSync('dist/cli.js', 0o755);
if (existsSync('node_modules/@vscode-elements/elements/dist/bundled.js')) {
  mkdirSync('dist/webview', { recursive: true });
  copyFileSync('node_modules/@vscode-elements/elements/dist/bundled.js', 'dist/webview/elements.js');
}
