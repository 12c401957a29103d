// Integration tests inside the extension host, in @vscode/test-electron's layout: the host loads
// this module and awaits run(). A single-folder window runs test/suite/*.test.ts; a multi-root
// window (a .code-workspace) runs test/suite/multi-root/*.test.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

function find(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) find(p, out);
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec' });
  if (process.env.SP_GREP) mocha.grep(process.env.SP_GREP);
  const multiRoot = !!vscode.workspace.workspaceFile && vscode.workspace.workspaceFile.path.endsWith('.code-workspace');
  const files = find(__dirname)
    .filter((f) => (path.dirname(f) === path.join(__dirname, 'multi-root')) === multiRoot)
    .sort();
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`);
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
    } catch (e) {
      console.error(e);
      console.log('0 passed, 1 failed');
      reject(e);
    }
  });
}
