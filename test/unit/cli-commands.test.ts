// The command table and the conventions every subcommand follows: --help, --version from
// package.json, colour only on a terminal without NO_COLOR, `-` for standard input, and the
// editor's file-selection defaults kept equal to package.json and the extension's lockfile test.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { colorWanted } from '../../src/cli/color';
import { COMMANDS } from '../../src/cli/commands';
import { LOCKFILE } from '../../src/cli/discover';
import { LOCKFILE as FILES_LOCKFILE } from '../../src/read/files';
import { globToRegExp } from '../../src/cli/glob';
import { main, run, usage } from '../../src/cli/main';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_KB } from '../../src/cli/workspace';

const ROOT = join(__dirname, '../../..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const PLAN = join(ROOT, 'test/fixtures/plans/memory-error.plan.yaml');

describe('CLI commands and conventions', () => {
  it('one table: unique names, each help starts with its usage line, the usage lists them all', () => {
    const names = COMMANDS.map((c) => c.name);
    assert.deepEqual(names, [...new Set(names)]);
    for (const c of COMMANDS) {
      assert.ok(c.help.startsWith(`scaling-planner ${c.name}`), c.name);
      assert.match(usage(), new RegExp(`\\n  ${c.name} +${c.summary.replace(/[()[\]|.*+?]/g, '\\$&')}`));
    }
    for (const n of ['analyze', 'check', 'optimal', 'loss', 'plan']) assert.ok(names.includes(n), n);
  });

  it('--help, -h and help NAME print the command help with exit 0, ignoring other flags', () => {
    for (const c of COMMANDS) {
      for (const argv of [[c.name, '--help'], [c.name, '-h'], ['help', c.name], [c.name, '--json', '--help']]) {
        const r = run(argv);
        assert.equal(r.code, 0, argv.join(' '));
        assert.equal(r.stdout, c.help + '\n', argv.join(' '));
      }
    }
  });

  it('--version prints package.json\'s version, unbundled and from the built bundle (inlined at build time)', () => {
    assert.equal(run(['--version']).stdout, `${PKG.version}\n`);
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), '--version'], { encoding: 'utf8' });
    assert.equal(r.stdout, `${PKG.version}\n`);
    assert.doesNotMatch(readFileSync(join(ROOT, 'dist/cli-main.js'), 'utf8'), /package\.json/);
  });

  it('colour only on a terminal, never with NO_COLOR or TERM=dumb', () => {
    assert.equal(colorWanted({ isTTY: true }, {}), true);
    assert.equal(colorWanted({ isTTY: false }, {}), false);
    assert.equal(colorWanted({}, {}), false);
    assert.equal(colorWanted({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colorWanted({ isTTY: true }, { TERM: 'dumb' }), false);
    const out = (color: boolean): string => {
      let s = '';
      main(['analyze', PLAN], { out: (t) => (s += t), err: () => undefined, color });
      return s;
    };
    assert.match(out(true), /\u001b\[31merror\u001b\[0m memory-exceeded/);
    assert.doesNotMatch(out(false), /\u001b\[/);
    // A pipe is no terminal: the built CLI writes no escape codes.
    const piped = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'analyze', PLAN], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } });
    assert.doesNotMatch(piped.stdout, /\u001b\[/);
  });

  it('analyze - reads standard input; --stdin-name gives the name detection sees', () => {
    const text = readFileSync(PLAN, 'utf8');
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'analyze', '-', '--json', '--stdin-name', 'x.plan.yaml'], { input: text, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.file, 'x.plan.yaml');
    assert.equal(out.dialect, 'plan');
    assert.ok(out.findings.some((f: { code: string; line: number }) => f.code === 'memory-exceeded' && f.line === 10));
    const empty = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'analyze', '-'], { input: '', encoding: 'utf8' });
    assert.equal(empty.status, 2);
    assert.equal(empty.stderr, 'scaling-planner: standard input is not a training config: it is empty\n');
  });

  it('the file-selection defaults equal package.json scalingPlanner.files.* and maxFileSizeKb', () => {
    const props = Object.assign({}, ...PKG.contributes.configuration.map((c: { properties: object }) => c.properties));
    assert.deepEqual(DEFAULT_INCLUDE, props['scalingPlanner.files.include'].default);
    assert.deepEqual(DEFAULT_EXCLUDE, props['scalingPlanner.files.exclude'].default);
    assert.equal(DEFAULT_MAX_FILE_KB, props['scalingPlanner.maxFileSizeKb'].default);
  });

  it('the lockfile test is the extension\'s (one regular expression in src/read/files.ts)', () => {
    assert.equal(LOCKFILE, FILES_LOCKFILE, 'the CLI uses the shared one');
    const src = readFileSync(join(ROOT, 'src/extension/analysisService.ts'), 'utf8');
    assert.ok(/import \{ LOCKFILE \} from '\.\.\/read\/files'/.test(src) && !src.includes('LOCKFILE = '), 'the extension imports it too');
  });

  it('globs follow VS Code: ** spans folders, * stays in one, {a,b} alternates', () => {
    const m = (g: string, p: string): boolean => globToRegExp(g).test(p);
    assert.ok(m('**/*.{yaml,yml}', 'a/b/c.yml'));
    assert.ok(m('**/*.{yaml,yml}', 'c.yaml'));
    assert.ok(!m('*.yaml', 'a/c.yaml'));
    assert.ok(m('**/node_modules/**', 'x/node_modules/y/z.yaml'));
    assert.ok(m('**/docker-compose*.{yaml,yml}', 'docker-compose.prod.yml'));
    assert.ok(m('**/{package-lock.json,*-lock.{yaml,yml,json}}', 'sub/pnpm-lock.yaml'));
    assert.ok(m('conf?/[ab].yaml', 'conf1/a.yaml'));
    assert.ok(!m('conf?/[!ab].yaml', 'conf1/a.yaml'));
  });
});
