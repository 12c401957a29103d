// Two serving contexts, each under its own words on every surface: throughput and latency use the
// mean KV length a decode step attends to, prompt + (reasoning + output) / 2; memory that must fit
// uses the peak a sequence reaches at its last token, prompt + reasoning + output (serveWorkload.ts).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { lifecycleHover } from '../../src/document/describeLifecycle';
import { kvSummary, lifecycleCharts, servingSummary } from '../../src/engine/lifecycleCharts';
import { renderText } from '../../src/engine/render';
import { meanContextWords, peakContextWords, peakServingContext, servingContext } from '../../src/engine/serveWorkload';

const EXAMPLE = join(__dirname, '../../../examples/lifecycle.plan.yaml');
const GIB = 2 ** 30;

describe('serving context', () => {
  it('the mean is prompt + half the generated tokens: 500 + (2,000 + 300) / 2 = 1,650 for the example plan', () => {
    assert.equal(servingContext({ promptTokens: 500, reasoningTokens: 2000, outputTokens: 300 }), 1650);
    assert.equal(servingContext({ promptTokens: 500, reasoningTokens: 2000, outputTokens: 300, context: 4096 }), 4096);
  });

  it('the peak is prompt + all the generated tokens: 500 + 2,000 + 300 = 2,800, never below a stated mean', () => {
    assert.equal(peakServingContext({ promptTokens: 500, reasoningTokens: 2000, outputTokens: 300 }), 2800);
    assert.equal(peakServingContext({ promptTokens: 500, reasoningTokens: 2000, outputTokens: 300, context: 4096 }), 4096);
    assert.equal(peakServingContext({ promptTokens: 0, reasoningTokens: 0, outputTokens: 0, context: 1000 }), 1000);
  });

  it('the report, the serving card, the KV-cache card and the hover state each figure under its own words', () => {
    const a = analyzeText(readFileSync(EXAMPLE, 'utf8'), 'lifecycle.plan.yaml');
    const r = a.report!;
    assert.equal(r.serve!.context, 1650);
    assert.equal(r.serve!.peakContext, 2800);
    const c = lifecycleCharts(a.read!.run, r);
    assert.equal(c.throughput!.context, 1650);
    assert.equal(c.throughput!.peakContext, 2800);
    assert.equal(c.kv!.peakContext, 2800);
    const mean = meanContextWords(1650);
    const peak = peakContextWords(2800);
    assert.equal(mean, '1.65k tokens of context on average');
    assert.equal(peak, 'at most 2.8k tokens of context');
    const surfaces = { serving: servingSummary(c.throughput!), kv: kvSummary(c.kv!), text: renderText(r), hover: lifecycleHover('serve.batch', r).join('\n') };
    for (const [name, text] of Object.entries(surfaces)) {
      assert.ok(text.includes(peak), `${name}: ${text}`);
      // No surface names a context other than these two.
      for (const m of text.matchAll(/([\d.]+k?) tokens of context/g)) assert.ok(['1.65k', '2.8k'].includes(m[1]), `${name}: ${m[0]}`);
    }
    for (const name of ['serving', 'text', 'hover'] as const) assert.ok(surfaces[name].includes(mean), `${name}: ${surfaces[name]}`);
  });

  it('the memory fit holds every sequence at the peak: Llama-3-8B bf16 on one H100 fits 190 sequences of 2,800 tokens', () => {
    const a = analyzeText(readFileSync(EXAMPLE, 'utf8'), 'lifecycle.plan.yaml');
    const r = a.report!;
    // KV bytes per token: 2 (K and V) · 32 layers · 8 KV heads · 128 head dim · 2 bytes = 131,072.
    const perToken = 2 * 32 * 8 * 128 * 2;
    assert.equal(r.serve!.snapshot.kvCacheBytesPerToken, perToken);
    // Weights: 8,030,261,248 params (meta-llama/Meta-Llama-3-8B) · 2 bytes = 14.96 GiB of 80 GiB;
    // free 65.04 GiB / (2,800 · 131,072 B = 0.342 GiB) = 190.3 → 190 (at the 1,650 mean it would be 322).
    const free = 80 * GIB - 8030261248 * 2;
    assert.equal(Math.floor(free / (perToken * 2800)), 190);
    assert.equal(r.serve!.snapshot.maxBatch, 190);
    // The 30 ms latency target picks a batch below that, and the cache it holds is at the peak.
    const batch = r.serve!.batch;
    assert.ok(batch <= 190, String(batch));
    assert.ok(Math.abs(r.serve!.snapshot.memory.kvCacheGb - (batch * 2800 * perToken) / GIB) < 1e-9);
    const c = lifecycleCharts(a.read!.run, r);
    assert.ok(Math.abs(c.kv!.atPeak.perSequenceGb - (perToken * 2800) / GIB) < 1e-12);
    assert.ok(Math.abs(c.kv!.atPeak.batchGb - (batch * perToken * 2800) / GIB) < 1e-9);
  });
});
