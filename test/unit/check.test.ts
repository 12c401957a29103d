// scaling-planner check on test/fixtures/check-tree: plan files, GPT-NeoX, torchtune and a Hugging
// Face config.json found the editor's way, a memory error, an under-trained warning, a non-config
// YAML and an excluded docker-compose file skipped; node_modules and .git never entered;
// .vscode/settings.json include/exclude and rules honoured; the four formats.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

const ROOT = join(__dirname, '../../..');
const TREE = join(ROOT, 'test/fixtures/check-tree');

export function checkIn(cwd: string, ...argv: string[]): { code: number; stdout: string; stderr: string } {
  const before = process.cwd();
  let stdout = '';
  let stderr = '';
  process.chdir(cwd);
  try {
    const code = main(['check', ...argv], { out: (t) => (stdout += t), err: (t) => (stderr += t) }) as number;
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

const LINE = /^(\S+):(\d+):(\d+) (error|warning|information|hint) ([a-z-]+) (.+)$/;

function findingLines(stdout: string): Array<{ file: string; line: number; column: number; severity: string; code: string }> {
  const lines = stdout.trimEnd().split('\n');
  return lines.slice(0, -1).map((l) => {
    const m = LINE.exec(l);
    assert.ok(m, `file:line:col severity code message: ${l}`);
    return { file: m[1], line: +m[2], column: +m[3], severity: m[4], code: m[5] };
  });
}

describe('check: the fixture tree', () => {
  it('finds the configs of every dialect, skips the non-config YAML and the excluded compose file', () => {
    const r = checkIn(TREE);
    assert.equal(r.stderr, '');
    const files = new Set(findingLines(r.stdout).map((f) => f.file));
    for (const f of ['plans/memory-error.plan.yaml', 'plans/under-trained.plan.yaml', 'neox/pythia-1.4b.yml', 'torchtune/8B_lora.yaml', 'hf/gpt2/config.json']) assert.ok(files.has(f), f);
    assert.ok(![...files].some((f) => /mkdocs|docker-compose/.test(f)), [...files].join(', '));
    assert.match(r.stdout.trimEnd().split('\n').at(-1)!, /^6 training configs checked \(7 files looked at\): 1 error, 1 warning, \d+ information, \d+ hints?$/);
  });

  it('the memory error at its value (line 10, zero_stage: 0) exits 1', () => {
    const r = checkIn(TREE);
    assert.equal(r.code, 1);
    const err = findingLines(r.stdout).filter((f) => f.severity === 'error');
    assert.deepEqual(err, [{ file: 'plans/memory-error.plan.yaml', line: 10, column: 15, severity: 'error', code: 'memory-exceeded' }]);
  });

  it('a warning alone exits 0, and 1 with --max-severity warning', () => {
    const file = 'plans/under-trained.plan.yaml';
    const plain = checkIn(TREE, file);
    assert.equal(plain.code, 0, plain.stdout);
    assert.ok(findingLines(plain.stdout).some((f) => f.code === 'under-trained' && f.severity === 'warning' && f.line === 7 && f.column === 11));
    assert.equal(checkIn(TREE, file, '--max-severity', 'warning').code, 1);
    assert.equal(checkIn(TREE, 'neox', '--max-severity', 'warning').code, 0);
    assert.equal(checkIn(TREE, 'neox', '--max-severity', 'information').code, 1);
  });

  it('globs select files; a missing path and a bad --max-severity exit 2', () => {
    const r = checkIn(TREE, 'plans/*.plan.yaml');
    assert.deepEqual([...new Set(findingLines(r.stdout).map((f) => f.file))].sort(), ['plans/memory-error.plan.yaml', 'plans/under-trained.plan.yaml']);
    const missing = checkIn(TREE, 'no-such-folder');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^scaling-planner: cannot read no-such-folder: no such file or folder\n$/);
    assert.equal(checkIn(TREE, '--max-severity', 'fatal').code, 2);
  });

  it('a named non-config file is skipped, not an error', () => {
    const r = checkIn(TREE, 'mkdocs.yml');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '0 training configs checked (1 file looked at): 0 errors, 0 warnings, 0 information, 0 hints\n');
  });
});

describe('check: folders skipped and workspace settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sp-check-'));
    cpSync(TREE, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never enters node_modules or .git', () => {
    for (const d of ['node_modules/pkg', '.git/objects', 'sub/node_modules']) {
      mkdirSync(join(dir, d), { recursive: true });
      cpSync(join(TREE, 'plans/memory-error.plan.yaml'), join(dir, d, 'bad.plan.yaml'));
    }
    const files = findingLines(checkIn(dir).stdout).map((f) => f.file);
    assert.ok(!files.some((f) => /node_modules|\.git/.test(f)), files.join(', '));
  });

  it('honours files.exclude, files.include and rules from .vscode/settings.json (JSON with comments)', () => {
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(
      join(dir, '.vscode/settings.json'),
      `{
        // only the plans folder, and not the memory error
        "scalingPlanner.files.include": ["plans/**/*.yaml"],
        "scalingPlanner.files.exclude": ["**/memory-error.plan.yaml"],
        /* severities */
        "scalingPlanner.rules": { "under-trained": "error", "missing-facts": "off" },
      }`,
    );
    const r = checkIn(dir);
    assert.deepEqual(findingLines(r.stdout).map((f) => `${f.file} ${f.severity} ${f.code}`), [
      'plans/under-trained.plan.yaml error under-trained',
      'plans/under-trained.plan.yaml information over-sized',
    ]);
    assert.equal(r.code, 1, 'the rule made the warning an error');
    // Named explicitly, an excluded file stays excluded.
    assert.doesNotMatch(checkIn(dir, 'plans/memory-error.plan.yaml').stdout, /memory-exceeded/);
  });

  it('a config with a YAML syntax error is an error at its position; devices and FIFOs are never read', () => {
    cpSync(join(ROOT, 'test/fixtures/plans/malformed.plan.yaml'), join(dir, 'plans/malformed.plan.yaml'));
    const fifo = join(dir, 'plans/pipe.plan.yaml');
    const hasFifo = spawnSync('mkfifo', [fifo]).status === 0;
    const r = checkIn(dir, 'plans');
    assert.equal(r.code, 1);
    assert.ok(findingLines(r.stdout).some((f) => f.file === 'plans/malformed.plan.yaml' && f.severity === 'error' && f.code === 'yaml-syntax'), r.stdout);
    assert.doesNotMatch(r.stdout, /pipe\.plan\.yaml/);
    if (hasFifo) assert.match(checkIn(dir, 'plans/pipe.plan.yaml').stderr, /^scaling-planner: plans\/pipe\.plan\.yaml is a FIFO \(named pipe\), not a regular file/);
    const dev = checkIn(dir, '/dev/zero');
    assert.equal(dev.code, 2);
    assert.match(dev.stderr, /\/dev\/zero is a character device/);
  });

  it('an unreadable settings file is one line and exit 2', () => {
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(join(dir, '.vscode/settings.json'), '{ "scalingPlanner.rules": ');
    const r = checkIn(dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^scaling-planner: cannot read .*settings\.json: /);
  });
});

describe('check: formats', () => {
  it('json: every file with its dialect, findings and the summary', () => {
    const r = checkIn(TREE, '--format', 'json');
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.configs, 6);
    assert.equal(out.summary.error, 1);
    const dialects = Object.fromEntries(out.files.map((f: { file: string; dialect: string }) => [f.file, f.dialect]));
    assert.equal(dialects['neox/pythia-1.4b.yml'], 'gpt-neox');
    assert.equal(dialects['torchtune/8B_lora.yaml'], 'torchtune');
    assert.equal(dialects['hf/gpt2/config.json'], 'hf-config');
    assert.equal(dialects['plans/memory-error.plan.yaml'], 'plan');
    const mem = out.files.find((f: { file: string }) => f.file === 'plans/memory-error.plan.yaml');
    assert.equal(mem.report.memory.fits, false);
    assert.deepEqual(
      mem.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { code: string; line: number; column: number }) => [f.code, f.line, f.column]),
      [['memory-exceeded', 10, 15]],
    );
  });

  it('markdown: a table of headline figures and one of findings per file, linked to docs/findings.md', () => {
    const md = checkIn(TREE, '--format', 'markdown').stdout;
    assert.match(md, /^## Scaling Planner: 6 configs, 1 error, 1 warning, \d+ notes\n/);
    assert.match(md, /### `plans\/memory-error\.plan\.yaml` \(plan\)\n\n\| Parameters \| Tokens \| FLOPs \| Loss \| Time \| Cost \| Memory \|\n\|( --- \|){7}\n\| 70B \| 1\.4T \| 5\.88e23 \|/);
    assert.match(md, /\| 10:15 \| error \| \[memory-exceeded\]\(\S+\/docs\/findings\.md#memory-exceeded\) \| Does not fit: /);
    assert.match(md, /does not fit \|/);
    assert.match(md, /### `neox\/pythia-1\.4b\.yml` \(gpt-neox\)/);
  });

  it('analyze takes --format markdown and sarif too', () => {
    const file = join(TREE, 'plans/memory-error.plan.yaml');
    let out = '';
    const code = main(['analyze', file, '--format', 'markdown'], { out: (t) => (out += t), err: () => undefined });
    assert.equal(code, 1);
    assert.match(out, /\| 10:15 \| error \| \[memory-exceeded\]/);
  });
});
