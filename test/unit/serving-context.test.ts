// One serving context on every surface: the report, the serving card and the KV-cache card show the
// mean KV length a decode step attends to, prompt + (reasoning + output) / 2 (serveWorkload.ts).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { fmtCount } from '../../src/engine/format';
import { kvSummary, lifecycleCharts, servingSummary } from '../../src/engine/lifecycleCharts';
import { renderText } from '../../src/engine/render';
import { servingContext } from '../../src/engine/serveWorkload';

const EXAMPLE = join(__dirname, '../../../examples/lifecycle.plan.yaml');

describe('serving context', () => {
  it('is prompt + half the generated tokens: 500 + (2,000 + 300) / 2 = 1,650 for the example plan', () => {
    assert.equal(servingContext({ promptTokens: 500, reasoningTokens: 2000, outputTokens: 300 }), 1650);
    assert.equal(servingContext({ promptTokens: 500, reasoningTokens: 2000, outputTokens: 300, context: 4096 }), 4096);
  });

  it('the report, the serving card and the KV-cache card state the same figure', () => {
    const a = analyzeText(readFileSync(EXAMPLE, 'utf8'), 'lifecycle.plan.yaml');
    const r = a.report!;
    assert.equal(r.serve!.context, 1650);
    const c = lifecycleCharts(a.read!.run, r);
    assert.equal(c.throughput!.context, r.serve!.context);
    assert.equal(c.kv!.context, r.serve!.context);
    assert.equal(c.kv!.atContext.context, r.serve!.context);
    const shown = `${fmtCount(r.serve!.context)} tokens of mean context`;
    assert.ok(servingSummary(c.throughput!).includes(shown), servingSummary(c.throughput!));
    assert.ok(kvSummary(c.kv!).includes(shown), kvSummary(c.kv!));
    assert.ok(renderText(r).includes(shown), 'the text report');
    // The KV card's figure is the cache at that exact context, not the nearest chart point.
    const perToken = r.serve!.snapshot.kvCacheBytesPerToken;
    assert.ok(Math.abs(c.kv!.atContext.perSequenceGb - (perToken * 1650) / 2 ** 30) < 1e-12);
  });
});
