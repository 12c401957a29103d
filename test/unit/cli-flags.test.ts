// Every CLI flag is checked against the range of the plan key it stands for, with one clear line
// (exit 2 through main); answers outside a law's fitted range carry a warning; Kaplan's optimum at
// 1e21 FLOPs is Chinchilla App. D.4's 4.68B; a plan without a device count exits 0.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, run, UsageError } from '../../src/cli/main';
import { assertNear } from '../helpers';

const near = assertNear;

/** main() with stdout and stderr captured. */
function cli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(s), true)) as typeof process.stderr.write;
  try {
    return { code: main(argv) as number, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

function refused(pattern: RegExp, ...argv: string[]): void {
  const r = cli(...argv);
  assert.equal(r.code, 2, `${argv.join(' ')} exits 2 (got ${r.code}: ${r.stdout})`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^scaling-planner: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(lines[0], /Infinity|NaN|internal error|"null"/);
}

describe('CLI flags are validated', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sp-cli-'));
    file = join(dir, 'run.plan.yaml');
    writeFileSync(file, 'model:\n  params: 70B\ndata:\n  tokens: 1.4T\ntraining:\n  zero_stage: 3\nhardware:\n  accelerator: H100-SXM\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--count must be a whole number from 1 to 1e7', () => {
    refused(/--count 0: 0 is not possible: the device count must be a whole number at least 1/, 'analyze', file, '--count', '0');
    refused(/--count 2\.5: .*whole number/, 'analyze', file, '--count', '2.5');
    refused(/--count 1e30: .*at most 1e7/, 'analyze', file, '--count', '1e30');
    refused(/--count 0/, 'plan', '--budget-usd', '100k', '--accelerator', 'H100', '--count', '0');
  });

  it('--mfu is a fraction: 0.4 or 40%, never a bare 40 or 1.5', () => {
    refused(/--mfu: 40 is above 1; .*write 0\.4 or 40%/, 'analyze', file, '--mfu', '40');
    refused(/--mfu: 1\.5 is above 1/, 'analyze', file, '--mfu', '1.5');
    refused(/--mfu 0: .*MFU/, 'analyze', file, '--mfu', '0');
    assert.equal(JSON.parse(run(['analyze', file, '--mfu', '40%', '--json']).stdout).hardware.mfu, 0.4);
  });

  it('--price ≥ 0, --unique-tokens > 0, --flops > 0 and finite, --days > 0', () => {
    refused(/--price: -1 is negative/, 'analyze', file, '--price', '-1');
    refused(/--unique-tokens 0: .*unique token count must be at least 1/, 'loss', '--params', '1B', '--tokens', '100B', '--unique-tokens', '0');
    refused(/--flops 0: .*FLOP budget must be above 0/, 'optimal', '--flops', '0');
    refused(/--flops: "1e400" is infinite/, 'optimal', '--flops', '1e400');
    refused(/--days 0: .*deadline must be above 0/, 'plan', '--days', '0', '--accelerator', 'H100', '--count', '8');
    refused(/--params 0/, 'loss', '--params', '0', '--tokens', '1T');
  });

  it('analyze on a directory says so', () => {
    refused(/ is a directory/, 'analyze', dir);
  });

  it('a plan without a device count exits 0: no memory error from an assumed single device', () => {
    const r = cli('analyze', file, '--json');
    assert.equal(r.code, 0, r.stdout);
    const out = JSON.parse(r.stdout);
    assert.equal(out.memory.fits, null);
    assert.equal(out.cost.wallClockDays, null);
    assert.ok(out.cost.gpuHours > 0);
    assert.ok(out.findings.some((f: { code: string; field: string; fix: unknown }) => f.code === 'missing-facts' && f.field === 'hardware.count' && f.fix));
  });

  it('UsageError is what run() throws for a bad flag (main turns it into exit 2)', () => {
    assert.throws(() => run(['optimal', '--flops', '-5']), UsageError);
  });
});

describe('CLI answers outside the fitted range still come, with a warning', () => {
  it('optimal --flops 1e5 answers and warns with the fitted range and its citation', () => {
    const out = JSON.parse(run(['optimal', '--flops', '1e5', '--json']).stdout);
    assert.ok(out.params > 0 && out.tokens > 0);
    assert.equal(out.warnings.length, 1);
    assert.match(out.warnings[0], /70M–16B/);
    assert.match(out.warnings[0], /Hoffmann et al\. 2022/);
    const text = run(['optimal', '--flops', '1e5']).stdout;
    assert.match(text, /\nwarning: the optimum is outside the range the law was fitted on/);
  });

  it('optimal --flops 1e21 has no warning', () => {
    assert.equal(JSON.parse(run(['optimal', '--flops', '1e21', '--json']).stdout).warnings, undefined);
  });

  it('optimal --flops 1e21 --law kaplan gives the 4.68B Chinchilla App. D.4 quotes for Kaplan', () => {
    near(JSON.parse(run(['optimal', '--flops', '1e21', '--law', 'kaplan', '--json']).stdout).params, 4.68e9, 0.005);
  });

  it('loss with --unique-tokens flags Muennighoff et al.\'s constants on another base law', () => {
    const out = JSON.parse(run(['loss', '--params', '1B', '--tokens', '100B', '--unique-tokens', '10B', '--json']).stdout);
    assert.ok(out.warnings.some((w: string) => /R_D\* = 15\.387756/.test(w) && /C4/.test(w)));
  });
});
