// The distill and serve subcommands and the MoE forms of optimal and loss, run with a buffer CliIo.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError, type CliIo } from '../../src/cli/command';
import { LIFECYCLE_COMMANDS, moeLoss, moeOptimal, parseExperts } from '../../src/cli/commands/lifecycle';

function run(name: string, ...argv: string[]): { code: number; out: string } {
  const cmd = LIFECYCLE_COMMANDS.find((c) => c.name === name)!;
  const out: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t) };
  return { code: cmd.run(argv, io) as number, out: out.join('') };
}
const usage = (re: RegExp, name: string, ...argv: string[]): void => assert.throws(() => run(name, ...argv), (e: unknown) => e instanceof CliUsageError && re.test((e as Error).message) && !/\n/.test((e as Error).message));

describe('scaling-planner distill', () => {
  it('--json gives the documented keys; teacher from size and tokens', () => {
    const r = run('distill', '--student-params', '546M', '--student-tokens', '10.92B', '--teacher-params', '7.75B', '--teacher-tokens', '155B', '--json');
    assert.equal(r.code, 0);
    const o = JSON.parse(r.out);
    for (const k of ['law', 'studentLoss', 'supervisedLoss', 'teacherLoss', 'bestTeacherLoss', 'studentLossAtBestTeacher', 'flops']) assert.ok(k in o, k);
    assert.deepEqual(Object.keys(o.flops).sort(), ['bestCase', 'teacherInference', 'teacherPretraining', 'teacherPretrainingAndInference'].sort());
    assert.ok(Math.abs(o.studentLoss - 2.376) < 1e-3);
  });
  it('a stated teacher loss leaves the teacher-cost scenarios unknown', () => {
    const o = JSON.parse(run('distill', '--student-params', '1B', '--student-tokens', '20B', '--teacher-loss', '2.1', '--json').out);
    assert.equal(o.flops.teacherInference, null);
    assert.ok(o.flops.bestCase > 0);
  });
  it('help says parameters are non-embedding; text output prints the finding', () => {
    assert.match(run('distill', '--help').out, /NON-EMBEDDING/);
    assert.match(run('distill', '--student-params', '1B', '--student-tokens', '20B', '--teacher-loss', '2.1').out, /student loss/);
  });
  it('bad flags are one-line usage errors', () => {
    usage(/unknown option --bogus/, 'distill', '--bogus');
    usage(/--student-params is required/, 'distill', '--student-tokens', '1B', '--teacher-loss', '2');
    usage(/--teacher-loss, or both/, 'distill', '--student-params', '1B', '--student-tokens', '1B');
    usage(/--student-params: -5 is negative/, 'distill', '--student-params=-5', '--student-tokens', '1B', '--teacher-loss', '2');
    usage(/irreducible/, 'distill', '--student-params', '1B', '--student-tokens', '1B', '--teacher-loss', '1.1');
    usage(/unexpected argument/, 'distill', 'extra');
  });
});

describe('scaling-planner serve', () => {
  it('the scaling book example: Llama-3-70B int8 on 8 TPU v5e, batch 32 at 8k: ≈ 17 ms ideal', () => {
    const o = JSON.parse(run('serve', '--model', 'Llama-3-70B', '--accelerator', 'TPU-v5e', '--count', '8', '--context', '8192', '--batch', '32', '--precision', 'int8', '--json').out);
    for (const k of ['kvCacheBytesPerToken', 'decode', 'prefill', 'memory', 'usdPerMillionOutputTokens']) assert.ok(k in o, k);
    for (const k of ['stepMsIdeal', 'tokensPerSecondIdeal', 'stepMs', 'tokensPerSecond']) assert.ok(k in o.decode, k);
    for (const k of ['weightsGb', 'kvCacheGb', 'fits']) assert.ok(k in o.memory, k);
    assert.equal(o.kvCacheBytesPerToken, 163840);
    assert.ok(Math.abs(o.decode.stepMsIdeal - 17) / 17 < 0.05, String(o.decode.stepMsIdeal));
  });
  it('reads a Hugging Face config.json FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-serve-'));
    try {
      const f = join(dir, 'config.json');
      writeFileSync(f, JSON.stringify({ model_type: 'llama', architectures: ['LlamaForCausalLM'], num_hidden_layers: 80, hidden_size: 8192, num_attention_heads: 64, num_key_value_heads: 8, intermediate_size: 28672, vocab_size: 128256 }));
      const o = JSON.parse(run('serve', f, '--accelerator', 'H100', '--count', '4', '--context', '4096', '--batch', '8', '--json').out);
      assert.equal(o.kvCacheBytesPerToken, 327680);
      assert.ok(o.usdPerMillionOutputTokens > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('--params needs the attention shape; bad values are one-line errors', () => {
    usage(/attention shape/, 'serve', '--params', '7B', '--accelerator', 'H100', '--context', '4096', '--batch', '8');
    const o = JSON.parse(run('serve', '--params', '7B', '--layers', '32', '--kv-heads', '8', '--head-dim', '128', '--accelerator', 'H100', '--context', '4096', '--batch', '8', '--json').out);
    assert.equal(o.kvCacheBytesPerToken, 2 * 32 * 8 * 128 * 2);
    usage(/unknown accelerator/, 'serve', '--model', 'Llama-3-8B', '--accelerator', 'Z9', '--context', '4096', '--batch', '8');
    usage(/--precision must be one of/, 'serve', '--model', 'Llama-3-8B', '--accelerator', 'H100', '--context', '4096', '--batch', '8', '--precision', 'fp4');
    usage(/--batch 0/, 'serve', '--model', 'Llama-3-8B', '--accelerator', 'H100', '--context', '4096', '--batch', '0');
    usage(/--context is required/, 'serve', '--model', 'Llama-3-8B', '--accelerator', 'H100', '--batch', '8');
    usage(/--count needs a value/, 'serve', '--model', 'Llama-3-8B', '--accelerator', 'H100', '--count');
  });
});

describe('optimal and loss with --law moe --experts E', () => {
  it('the same keys as optimal, with total parameters; Table 1 at 1e21 FLOPs and E = 8', () => {
    const o = moeOptimal({ flops: 1e21, experts: 8 });
    for (const k of ['law', 'flops', 'params', 'tokens', 'tokensPerParam', 'loss', 'totalParams', 'experts']) assert.ok(k in o, k);
    assert.ok(Math.abs(o.params / 3.8e9 - 1) < 0.02);
    assert.ok(o.totalParams > o.params);
  });
  it('loss keys, with a warning beyond 2.7B active', () => {
    const l = moeLoss({ params: 70e9, tokens: 1.4e12, experts: 8 });
    for (const k of ['law', 'params', 'tokens', 'loss']) assert.ok(k in l, k);
    assert.match(l.warnings![0], /2\.7B/);
  });
  it('--experts is a whole number from 1', () => {
    assert.equal(parseExperts('8'), 8);
    assert.throws(() => parseExperts('0'), CliUsageError);
    assert.throws(() => parseExperts('2.5'), CliUsageError);
    assert.throws(() => parseExperts('x'), CliUsageError);
  });
});
