// Runs the unit suites with mocha and records the totals for scripts/test-all.mjs.
import Mocha from 'mocha';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) find(p, out);
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const mocha = new Mocha({ timeout: 20000, reporter: 'spec', color: false });
const grep = process.argv[2];
if (grep) mocha.grep(grep);
for (const f of find('out/test/unit').sort()) mocha.addFile(f);
const runner = mocha.run();
runner.on('end', () => {
  const { passes, failures } = runner.stats;
  mkdirSync('test-artifacts', { recursive: true });
  writeFileSync('test-artifacts/totals-unit.json', JSON.stringify({ suite: 'unit', passed: passes, failed: failures }));
  process.exitCode = failures ? 1 : 0;
});
