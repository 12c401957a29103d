// The built CLI (dist/cli.js) as a user runs it: documented JSON keys, exit codes, the other
// commands against the reference cases, and one-line errors for bad input.

import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { flopsWithinBudget } from '../../src/engine/cost';
import { findAccelerator, peakFlops } from '../../src/engine/hardware';
import { FLOPS_PER_PARAM_TOKEN, LAWS, optimalFor } from '../../src/engine/laws';
import { assertNear } from '../helpers';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const PLANS = join(ROOT, 'test/fixtures/plans');

/** Newest modification time of the sources bundled into the CLI. */
function newestSource(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Rebuild dist/cli.js and dist/cli-main.js (the CLI bundles only) when older than their sources. */
function ensureBuilt(): void {
  const newest = Math.max(...['src/cli', 'src/read', 'src/document', 'src/engine'].map((d) => newestSource(join(ROOT, d))));
  const bundle = join(ROOT, 'dist/cli-main.js');
  if (existsSync(CLI) && existsSync(bundle) && statSync(bundle).mtimeMs >= newest) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--cli'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function spawnCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// Every invocation the tests make, started together (node start-up dominates their time).
const runs = new Map<string, Promise<Run>>();
function cliAsync(...args: string[]): Promise<Run> {
  const key = JSON.stringify(args);
  if (!runs.has(key)) runs.set(key, spawnCli(args));
  return runs.get(key)!;
}

async function json(...args: string[]): Promise<{ code: number; out: any }> {
  const r = await cliAsync(...args, '--json');
  assert.equal(r.stderr, '', r.stderr);
  return { code: r.code, out: JSON.parse(r.stdout) };
}

const near = assertNear;

function assertOneLineError(r: Run, pattern: RegExp): void {
  assert.ok(r.code !== 0, `non-zero exit (got ${r.code})`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one line on stderr: ${JSON.stringify(r.stderr)}`);
  assert.match(lines[0], /^scaling-planner: /);
  assert.match(lines[0], pattern);
  assert.ok(!/\n\s+at |Error:|\.ts:\d+|\.js:\d+/.test(r.stderr), `no stack trace: ${r.stderr}`);
}

describe('CLI (dist/cli.js)', function () {
  this.timeout(60000);
  before(() => {
    ensureBuilt();
    // Start the invocations below in parallel; each test awaits its own (unlisted ones start on demand).
    const plan = (f: string) => join(PLANS, f);
    for (const args of [
      ['analyze', plan('sound-7b.plan.yaml'), '--json'],
      ['analyze', plan('memory-error.plan.yaml'), '--json'],
      ['analyze', plan('missing-tokens.plan.yaml'), '--json'],
      ['analyze', plan('sound-7b.plan.yaml'), '--accelerator', 'a100', '--count', '128', '--mfu', '50%', '--law', 'chinchilla', '--json'],
      ['analyze', plan('off.plan.yaml'), '--json'],
      ['analyze', plan('memory-error.plan.yaml')],
      ['optimal', '--flops', '1e21', '--json'],
      ['loss', '--params', '70B', '--tokens', '1.4T', '--law', 'chinchilla', '--json'],
      ['loss', '--params', '1B', '--tokens', '100B', '--unique-tokens', '10B', '--json'],
      ['loss', '--params', '1B', '--tokens', '100B', '--json'],
      ['plan', '--budget-usd', '$100k', '--accelerator', 'H100', '--count', '64', '--json'],
      ['help'],
      ['analyze', plan('no-such-file.plan.yaml')],
      ['optimal', '--flops', '1e21', '--frobnicate'],
      ['optimal', '--flops', 'abc'],
      ['analyze', plan('malformed.plan.yaml')],
      ['frobnicate'],
      ['optimal', '--flops'],
      ['optimal'],
      ['plan', '--budget-usd', '1k'],
      ['optimal', '--flops', '1e21', '--law', 'moore'],
      ['plan', '--flops', '1e21', '--accelerator', 'Z9000'],
      ['analyze', join(ROOT, 'package.json')],
    ]) {
      void cliAsync(...args);
    }
  });

  describe('analyze --json', () => {
    it('reports every documented key', async () => {
      const { code, out } = await json('analyze', join(PLANS, 'sound-7b.plan.yaml'));
      assert.equal(code, 0);
      const documented: Record<string, string[]> = {
        model: ['paramsTotal', 'paramsActive', 'paramsNonEmbedding'],
        data: ['tokens', 'uniqueTokens', 'epochs'],
        compute: ['flops', 'flopsWithAttention', 'pfDays'],
        scaling: ['law', 'loss', 'optimalParams', 'optimalTokens', 'optimalLoss', 'tokensPerParam', 'optimalTokensPerParam', 'computeEfficiency'],
        hardware: ['accelerator', 'count', 'mfu', 'peakFlops'],
        cost: ['gpuHours', 'wallClockDays', 'usd', 'energyKwh', 'co2Kg'],
        memory: ['perDeviceGb', 'capacityGb', 'fits'],
      };
      for (const [block, keys] of Object.entries(documented)) {
        assert.equal(typeof out[block], 'object', block);
        for (const k of keys) assert.ok(k in out[block], `${block}.${k}`);
      }
      assert.equal(out.dialect, 'plan');
      assert.ok(Array.isArray(out.findings));
      // Figures for the Llama-2-7B shape on 140B tokens.
      assert.equal(out.model.paramsTotal, 6_738_415_616);
      assert.equal(out.data.tokens, 140e9);
      assert.equal(out.data.uniqueTokens, null);
      near(out.compute.flops, FLOPS_PER_PARAM_TOKEN * 6_738_415_616 * 140e9, 1e-12, 'flops');
      assert.ok(out.compute.flopsWithAttention > out.compute.flops);
      assert.equal(out.scaling.law, 'epoch');
      assert.equal(out.hardware.accelerator, 'H100-SXM');
      assert.equal(out.hardware.peakFlops, 989e12);
      assert.equal(out.memory.capacityGb, 80);
      assert.equal(out.memory.fits, true);
      assert.ok(out.cost.usd > 0 && out.cost.energyKwh > 0 && out.cost.co2Kg > 0);
      assert.ok(!out.findings.some((f: { severity: string }) => f.severity === 'error' || f.severity === 'warning'), JSON.stringify(out.findings));
    });

    it('findings carry code, severity, message and field; an error finding exits 1', async () => {
      const { code, out } = await json('analyze', join(PLANS, 'memory-error.plan.yaml'));
      assert.equal(code, 1);
      const f = out.findings.find((x: { code: string }) => x.code === 'memory-exceeded');
      assert.ok(f, JSON.stringify(out.findings));
      for (const k of ['code', 'severity', 'message', 'field']) assert.ok(k in f, k);
      assert.equal(f.severity, 'error');
      assert.equal(f.field, 'training.zero_stage');
      assert.equal(typeof f.message, 'string');
      assert.equal(f.line, 10);
      assert.ok(f.fix && Array.isArray(f.fix.values));
      assert.equal(out.memory.fits, false);
    });

    it('a mistyped key\'s finding names the key a quick fix renames it to; others carry rename: null', async () => {
      const { out } = await json('analyze', join(PLANS, 'typo.plan.yaml'));
      const u = out.findings.find((x: { code: string }) => x.code === 'unknown-key');
      assert.ok(u, JSON.stringify(out.findings));
      assert.equal(u.rename, 'tokens');
      assert.equal(u.line, 5);
      assert.ok(out.findings.filter((x: { code: string }) => x.code !== 'unknown-key').every((x: { rename: unknown }) => x.rename === null));
    });

    it('unknown facts are null, with a finding', async () => {
      const { code, out } = await json('analyze', join(PLANS, 'missing-tokens.plan.yaml'));
      assert.equal(code, 0);
      for (const [b, k] of [['data', 'tokens'], ['compute', 'flops'], ['compute', 'pfDays'], ['scaling', 'loss'], ['cost', 'gpuHours'], ['cost', 'usd']]) {
        assert.equal(out[b][k], null, `${b}.${k}`);
      }
      assert.ok(out.findings.some((f: { code: string; field: string }) => f.code === 'missing-facts' && f.field === 'data.tokens'));
    });

    it('flags override the file', async () => {
      const { out } = await json('analyze', join(PLANS, 'sound-7b.plan.yaml'), '--accelerator', 'a100', '--count', '128', '--mfu', '50%', '--law', 'chinchilla');
      assert.equal(out.hardware.accelerator, 'A100-80GB');
      assert.equal(out.hardware.count, 128);
      assert.equal(out.hardware.mfu, 0.5);
      assert.equal(out.scaling.law, 'chinchilla');
    });

    it('a file turned off says so', async () => {
      const { code, out } = await json('analyze', join(PLANS, 'off.plan.yaml'));
      assert.equal(code, 0);
      assert.deepEqual(out, { off: true });
    });

    it('text output lists findings as file:line:column', async () => {
      const r = await cliAsync('analyze', join(PLANS, 'memory-error.plan.yaml'));
      assert.equal(r.code, 1);
      assert.match(r.stdout, /memory-error\.plan\.yaml:10:\d+ error memory-exceeded: /);
    });
  });

  describe('optimal, loss, plan', () => {
    const ref = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/reference-cases.json'), 'utf8')) as Array<{ id: string; expected: Record<string, number>; tolerance_rel: number }>;

    it('optimal --flops 1e21 equals the Epoch reference case', async () => {
      const c = ref.find((x) => x.id === 'epoch_opt_C1e+21')!;
      const { code, out } = await json('optimal', '--flops', '1e21');
      assert.equal(code, 0);
      assert.equal(out.law, 'epoch');
      near(out.params, c.expected.N_opt, c.tolerance_rel, 'params');
      near(out.tokens, c.expected.D_opt, c.tolerance_rel, 'tokens');
      near(out.tokensPerParam, c.expected.tokens_per_param, c.tolerance_rel, 'tokens/param');
      near(out.loss, c.expected.loss_at_opt, c.tolerance_rel, 'loss');
    });

    it('loss --params 70B --tokens 1.4T --law chinchilla equals Hoffmann Eq. 10', async () => {
      const c = ref.find((x) => x.id === 'chin_a3_loss_chinchilla_70B_1.4T')!;
      const { out } = await json('loss', '--params', '70B', '--tokens', '1.4T', '--law', 'chinchilla');
      near(out.loss, c.expected.loss, c.tolerance_rel, 'loss');
    });

    it('loss with --unique-tokens uses the data-constrained law', async () => {
      const { out } = await json('loss', '--params', '1B', '--tokens', '100B', '--unique-tokens', '10B');
      const fresh = (await json('loss', '--params', '1B', '--tokens', '100B')).out;
      assert.equal(out.uniqueTokens, 10e9);
      assert.ok(out.loss > fresh.loss);
    });

    it('plan --budget-usd 100k on 64 H100: the compute the money buys, spent compute-optimally', async () => {
      const { code, out } = await json('plan', '--budget-usd', '$100k', '--accelerator', 'H100', '--count', '64', '--mfu', '40%');
      assert.equal(code, 0);
      assert.equal(out.mfuSource, 'stated');
      const acc = findAccelerator('H100')!;
      const C = flopsWithinBudget({ peakFlops: peakFlops(acc)!, mfu: 0.4, count: 64, pricePerHour: acc.price!.default, usd: 100e3 })!;
      near(out.flops, C, 1e-9, 'flops');
      const o = optimalFor(LAWS.epoch, C);
      near(out.params, o.params, 1e-9, 'params');
      near(out.tokens, o.tokens, 1e-9, 'tokens');
      near(out.usd, 100e3, 1e-9, 'spends the budget');
      assert.equal(out.family.length, 5);
    });

    it('plan with no --mfu predicts it for the planned model and its chosen layout, with the FLOPs range', async () => {
      const { code, out } = await json('plan', '--budget-usd', '$100k', '--accelerator', 'H100', '--count', '64');
      assert.equal(code, 0);
      assert.equal(out.mfuSource, 'prior');
      assert.ok(out.mfu > 0.1 && out.mfu < 0.6, String(out.mfu));
      assert.equal(out.layout.assumed, true);
      assert.equal(out.layout.dataParallel * out.layout.tensorParallel * out.layout.pipelineParallel <= 64, true);
      const acc = findAccelerator('H100')!;
      near(out.flops, flopsWithinBudget({ peakFlops: peakFlops(acc)!, mfu: out.mfu, count: 64, pricePerHour: acc.price!.default, usd: 100e3 })!, 1e-9, 'flops at the predicted MFU');
      assert.ok(out.flopsRange[0] < out.flops && out.flops < out.flopsRange[1]);
    });

    it('help prints the usage', async () => {
      const r = await cliAsync('help');
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^usage:/);
    });
  });

  describe('bad input: one line on stderr, non-zero exit, no stack trace', () => {
    it('missing file', async () => assertOneLineError(await cliAsync('analyze', join(PLANS, 'no-such-file.plan.yaml')), /no such file/));
    it('unknown flag', async () => assertOneLineError(await cliAsync('optimal', '--flops', '1e21', '--frobnicate'), /unknown option --frobnicate/));
    it('--flops abc', async () => assertOneLineError(await cliAsync('optimal', '--flops', 'abc'), /--flops: "abc" is not a count/));
    it('malformed YAML, with file:line:column', async () => assertOneLineError(await cliAsync('analyze', join(PLANS, 'malformed.plan.yaml')), /malformed\.plan\.yaml:\d+:\d+: YAML syntax error/));
    it('unknown command', async () => assertOneLineError(await cliAsync('frobnicate'), /unknown command "frobnicate"/));
    it('missing value and missing required flag', async () => {
      assertOneLineError(await cliAsync('optimal', '--flops'), /--flops needs a value/);
      assertOneLineError(await cliAsync('optimal'), /--flops is required/);
      assertOneLineError(await cliAsync('plan', '--budget-usd', '1k'), /--accelerator is required/);
    });
    it('unknown law and unknown accelerator', async () => {
      assertOneLineError(await cliAsync('optimal', '--flops', '1e21', '--law', 'moore'), /unknown law "moore"/);
      assertOneLineError(await cliAsync('plan', '--flops', '1e21', '--accelerator', 'Z9000'), /unknown accelerator "Z9000"/);
    });
    it('a file that is not a training config', async () => assertOneLineError(await cliAsync('analyze', join(ROOT, 'package.json')), /not a training config/));
  });
});
