// The npm package as a user gets it: `npm pack` holds the CLI bundles, README, LICENSE and
// package.json only; installed offline from the tarball into an empty folder, `npx scaling-planner`
// prints the version and runs analyze and check.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../../..');
const exec = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** npm without the settings of an outer `npm test` (npm_config_*), with its own cache. */
function npmEnv(cache: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, npm_config_cache: cache, npm_config_update_notifier: 'false', NO_COLOR: '1' };
}

describe('npm package', function () {
  this.timeout(90000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let tarball: string;
  let files: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sp-pack-'));
    env = npmEnv(join(dir, 'cache'));
    const { stdout } = await exec(NPM, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, env });
    const info = JSON.parse(stdout)[0];
    tarball = join(dir, info.filename);
    files = info.files.map((f: { path: string }) => f.path).sort();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the tarball holds the CLI, README, LICENSE and package.json, nothing from test/ or node_modules', () => {
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli-main.js', 'dist/cli.js', 'package.json']);
  });

  it('installs offline from the file and runs --version, analyze and check through npx', async () => {
    const app = join(dir, 'app');
    cpSync(join(ROOT, 'test/fixtures/check-tree'), join(app, 'configs'), { recursive: true });
    writeFileSync(join(app, 'package.json'), '{ "name": "uses-scaling-planner", "private": true }\n');
    await exec(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: app, env });
    const npx = (...args: string[]) => exec(NPX, ['--offline', 'scaling-planner', ...args], { cwd: app, env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    const version = await npx('--version');
    assert.equal(version.stdout, `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    const analyze = await npx('analyze', 'configs/plans/sound-7b.plan.yaml', '--json');
    assert.equal(analyze.code, 0, analyze.stderr);
    assert.equal(JSON.parse(analyze.stdout).model.paramsTotal, 6_738_415_616);
    const check = await npx('check', 'configs');
    assert.equal(check.code, 1, check.stderr);
    assert.match(check.stdout, /^configs\/plans\/memory-error\.plan\.yaml:10:15 error memory-exceeded /m);
  });
});
