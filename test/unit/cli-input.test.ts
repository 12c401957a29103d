// The CLI's input defects (../shared review D4, D5, D9): devices, FIFOs and directories refused
// before any read, reads bounded by the size limit, UTF-16 with a byte-order mark decoded, files
// without a YAML mapping refused whatever their name, extra arguments and unknown flags refused,
// and answers that would be no model at all refused instead of printed with exit 0.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { readBounded } from '../../src/cli/input';
import { analyzeText } from '../../src/document/analyzeDocument';
import { configTextProblem, notConfigMessage } from '../../src/read/read';

const ROOT = join(__dirname, '../../..');
const PLAN = 'model:\n  params: 7B\ndata:\n  tokens: 140B\nhardware:\n  accelerator: H100-SXM\n  count: 64\n';

function cli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t) }) as number;
  return { code, stdout, stderr };
}

/** Exit 2, nothing on stdout, one `scaling-planner: …` line on stderr matching `pattern`. */
function refused(pattern: RegExp, ...argv: string[]): void {
  const r = cli(...argv);
  assert.equal(r.code, 2, `${argv.join(' ')}: exit ${r.code}, ${r.stdout.slice(0, 200)}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^scaling-planner: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(lines[0], /Infinity|NaN|internal error|undefined/);
}

describe('CLI input: only regular files, bounded reads (D4)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sp-input-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('/dev/zero and /dev/urandom are refused at once (a character device), never read', () => {
    refused(/\/dev\/zero is a character device, not a regular file/, 'analyze', '/dev/zero');
    refused(/\/dev\/urandom is a character device/, 'analyze', '/dev/urandom');
    refused(/\/dev\/null is a character device/, 'analyze', '/dev/null');
  });

  it('a FIFO with no writer is refused without opening it (no blocking)', function () {
    const fifo = join(dir, 'f.plan.yaml');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    refused(/f\.plan\.yaml is a FIFO \(named pipe\), not a regular file/, 'analyze', fifo);
  });

  it('a directory is refused', () => refused(/ is a directory; give a config file/, 'analyze', dir));

  it('an endless source gives at most the limit plus one byte', () => {
    const fd = openSync('/dev/zero', 'r');
    try {
      assert.equal(readBounded(fd, 4096, false).length, 4097);
    } finally {
      closeSync(fd);
    }
  });

  it('a file above the limit is refused by its size', () => {
    const big = join(dir, 'big.plan.yaml');
    writeFileSync(big, 'model:\n  params: 7B\n' + '#'.repeat(3 * 1024 * 1024));
    refused(/big\.plan\.yaml is 3072 KB, above the 2048 KB limit/, 'analyze', big);
  });
});

describe('CLI input: bytes that are not a config exit 2 whatever the name (D5)', () => {
  let dir: string;
  const file = (name: string, content: string | Uint8Array): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sp-bytes-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a PNG renamed to .plan.yaml', () => {
    const png = join(dir, 'icon.plan.yaml');
    copyFileSync(join(ROOT, 'media/icon.png'), png);
    refused(/icon\.plan\.yaml is not a training config: .*(NUL|binary)/, 'analyze', png);
  });

  it('1,000 NUL bytes', () => refused(/is not a training config: it looks like UTF-16 text read without decoding \(NUL bytes between the characters\)/, 'analyze', file('nul.plan.yaml', new Uint8Array(1000))));
  it('an empty file', () => refused(/e\.plan\.yaml is not a training config: it is empty/, 'analyze', file('e.plan.yaml', '')));
  it('whitespace only', () => refused(/is not a training config: it holds only whitespace/, 'analyze', file('ws.plan.yaml', ' \n\t\n  ')));
  it('a bare scalar, a list, comments only', () => {
    refused(/is not a training config: it has no YAML mapping at its top/, 'analyze', file('scalar.plan.yaml', 'just some words\n'));
    refused(/is not a training config: it has no YAML mapping at its top/, 'analyze', file('list.plan.yaml', '- model\n- data\n'));
    refused(/is not a training config: it holds no YAML mapping \(only comments or an empty document\)/, 'analyze', file('comments.plan.yaml', '# model: 7B\n---\n'));
  });
  it('the CLI refuses what the editor calls no config, in the same words (one rule: readConfig)', () => {
    const texts: Array<[string, string | Uint8Array]> = [
      ['e2.plan.yaml', ''],
      ['ws2.plan.yaml', ' \n'],
      ['nul2.plan.yaml', new Uint8Array(64)],
      ['u16.plan.yaml', '\uFFFD\uFFFDm\0o\0d\0e\0l\0:\0\n\0'],
      ['scalar2.plan.yaml', 'hello\n'],
      ['list2.yaml', '- a\n'],
      ['comments2.plan.yaml', '# nothing here\n'],
    ];
    for (const [name, content] of texts) {
      const path = file(name, content);
      const why = analyzeText(typeof content === 'string' ? content : new TextDecoder().decode(content), name).notConfig;
      assert.ok(why, name);
      const r = cli('analyze', path);
      assert.equal(r.code, 2, name);
      assert.equal(r.stderr, `scaling-planner: ${notConfigMessage(path, why)}\n`);
    }
  });
  it('invalid UTF-8 without NUL bytes', () => refused(/is not UTF-8 text/, 'analyze', file('latin1.plan.yaml', Uint8Array.from([0x6d, 0x3a, 0x20, 0xe9, 0xff, 0x0a]))));

  it('UTF-16 LE and BE with a byte-order mark read the same as UTF-8', () => {
    const plain = cli('analyze', file('u8.plan.yaml', PLAN), '--json');
    const utf8 = JSON.parse(plain.stdout);
    const units = Array.from(PLAN, (c) => c.charCodeAt(0));
    const le = Uint8Array.from([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
    const be = Uint8Array.from([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
    for (const [name, bytes] of [['le.plan.yaml', le], ['be.plan.yaml', be]] as const) {
      const r = cli('analyze', file(name, bytes), '--json');
      assert.equal(r.code, plain.code, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.model.paramsTotal, 7e9);
      assert.equal(out.data.tokens, 140e9);
      assert.deepEqual(out.cost, utf8.cost);
    }
  });

  it('a UTF-16 byte-order mark with an odd byte count is refused clearly', () => {
    refused(/UTF-16 byte-order mark but has an odd number of bytes/, 'analyze', file('odd.plan.yaml', Uint8Array.from([0xff, 0xfe, 0x6d, 0x00, 0x3a])));
  });

  it('mappings are recognised in their usual forms (the readers\' rule, src/read/read.ts)', () => {
    for (const t of ['model: {params: 7B}', '# c\n\nmodel:\n', '--- &a\n<<: {x: 1}\n', '{"model_type": "gpt2"}', '"num-layers": 24', '? model\n: x', '%YAML 1.2\n---\nmodel: 1', '--- !tag\nkey: 1']) {
      assert.equal(configTextProblem(t), undefined, t);
    }
    for (const t of ['- a: 1', 'hello', '[1, 2]', '"just a string"', '|\n  text', '']) assert.ok(configTextProblem(t), t);
  });
});

describe('CLI arguments: every extra argument or unknown flag exits 2 (D9)', () => {
  let plan: string;
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sp-args-'));
    plan = join(dir, 'a.plan.yaml');
    writeFileSync(plan, PLAN);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a second FILE', () => refused(/unexpected extra argument ".*a\.plan\.yaml"/, 'analyze', plan, plan));
  it('unknown single-dash flags', () => {
    refused(/unknown option -x/, 'analyze', plan, '-x');
    refused(/unknown option -j/, 'optimal', '--flops', '1e21', '-j');
    refused(/unknown option -x/, '-x');
  });
  it('an argument to a command that takes none', () => refused(/unexpected argument "extra"/, 'optimal', '--flops', '1e21', 'extra'));
  it('a value on a switch', () => refused(/--json takes no value/, 'optimal', '--flops', '1e21', '--json=yes'));
  it('an unknown --format', () => refused(/unknown format "xml"/, 'analyze', plan, '--format', 'xml'));
});

describe('CLI answers that are no model at all exit 2 (D9)', () => {
  it('plan --price 0 with a dollar budget names the price, not a missing budget', () => {
    refused(/--price 0: a dollar budget at \$0 per device-hour buys unlimited compute/, 'plan', '--budget-usd', '1e6', '--accelerator', 'H100-SXM', '--price', '0');
  });

  it('plan --price 0 with another budget still plans (the price only makes dollars unusable)', () => {
    const r = cli('plan', '--gpu-hours', '1000', '--accelerator', 'H100-SXM', '--price', '0', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).usd, 0);
  });

  it('optimal --flops 1e-300 is outside every law: no "0 params on 0 tokens"', () => {
    for (const law of ['epoch', 'chinchilla', 'kaplan']) refused(/--flops 1e-300: .*under one parameter or one token/, 'optimal', '--flops', '1e-300', '--law', law);
  });

  it('plan --unique-tokens 1 recommends no 605T-parameter model', () => {
    refused(/--unique-tokens 1: too few unique tokens .*Muennighoff et al\. 2023/, 'plan', '--budget-usd', '1e6', '--accelerator', 'H100-SXM', '--unique-tokens', '1');
  });

  it('a data-constrained plan with enough unique tokens still answers (100B unique, $1M on 256 H100)', () => {
    const r = cli('plan', '--budget-usd', '1e6', '--accelerator', 'H100-SXM', '--count', '256', '--unique-tokens', '100B', '--json');
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout);
    assert.equal(p.dataConstrained, true);
    assert.ok(p.tokens >= p.params);
  });
});
