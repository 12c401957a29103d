// The pre-commit hook (.pre-commit-hooks.yaml) as pre-commit runs it: the entry's command with the
// staged files its `files` pattern selects, on test/fixtures/check-tree; the error stops the commit.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../../..');
const TREE = join(ROOT, 'test/fixtures/check-tree');

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  args?: string[];
  pass_filenames?: boolean;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** pre-commit runs `entry args… files…`; the entry's executable is the package's bin. */
function runHook(hook: Hook, files: string[]): { status: number | null; stdout: string; stderr: string } {
  const [exe, ...entryArgs] = hook.entry.split(/\s+/);
  const bin = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin[exe];
  assert.ok(bin, `package.json bin has ${exe}`);
  const args = [...entryArgs, ...(hook.args ?? []), ...(hook.pass_filenames === false ? [] : files)];
  return spawnSync(process.execPath, [join(ROOT, bin), ...args], { cwd: TREE, encoding: 'utf8', timeout: 20000 });
}

describe('pre-commit hook', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks.find((h) => h.id === 'scaling-planner')!;
  // pre-commit's `files` is a Python regular expression over repository-relative paths.
  const staged = filesUnder(TREE).map((f) => relative(TREE, f).split('\\').join('/')).filter((f) => new RegExp(hook.files).test(f)).sort();

  it('is a node hook whose entry is `scaling-planner check`, selecting YAML and JSON', () => {
    assert.equal(hook.language, 'node');
    assert.match(hook.entry, /^scaling-planner check\b/);
    assert.ok(staged.includes('plans/memory-error.plan.yaml') && staged.includes('hf/gpt2/config.json') && staged.includes('mkdocs.yml'));
    assert.ok(!staged.some((f) => f.endsWith('.md')));
  });

  it('stops the commit on the memory error, and names it as file:line:col', () => {
    const r = runHook(hook, staged);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^plans\/memory-error\.plan\.yaml:10:15 error memory-exceeded /m);
    assert.doesNotMatch(r.stdout, /mkdocs|docker-compose/);
    assert.match(r.stdout, /6 training configs checked \(7 files looked at\)/);
  });

  it('lets a commit without errors through', () => {
    const r = runHook(hook, staged.filter((f) => !f.includes('memory-error')));
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
