// Editor words for the lifecycle blocks (src/document/describeLifecycle.ts) on examples/lifecycle.plan.yaml.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { describeField } from '../../src/document/describe';
import { lifecycleAnchors, lifecycleHintLabels, lifecycleLensTitle } from '../../src/document/describeLifecycle';
import { fmtMoney } from '../../src/engine/format';

const text = readFileSync(join(__dirname, '../../../examples/lifecycle.plan.yaml'), 'utf8');

describe('lifecycle hints, hovers and lens', () => {
  const a = analyzeText(text, 'lifecycle.plan.yaml');
  const r = a.report!;
  it('a hint at serve: with $/M output tokens and the replicas, one at distill: with the student loss beside supervised', () => {
    const h = lifecycleHintLabels(r);
    assert.ok(r.serve && r.distill);
    assert.match(h.serve!, /^≈ \$[\d.]+\/M output tokens · \d+ replicas · \$[\d.,kM]+\/day$/);
    // No replicas stated: the fleet is the replicas needed, rounded up.
    assert.ok(h.serve!.includes(`${Math.ceil(r.serve.replicasNeeded)} replicas`));
    assert.ok(h.serve!.includes(fmtMoney(r.serve.snapshot.usdPerMillionOutputTokens!)));
    assert.equal(h.distill, `≈ student loss ${r.distill.studentLoss.toFixed(3)} · supervised ${r.distill.supervisedLoss.toFixed(3)}`);
  });
  it('anchors at the end of the block keys', () => {
    const at = lifecycleAnchors(a);
    assert.equal(text.slice(at.serve! - 'serve'.length, at.serve!), 'serve');
    assert.equal(text.slice(at.distill! - 'distill'.length, at.distill!), 'distill');
  });
  it('the lens names the lifetime total and every stage share; hovers on the blocks explain them', () => {
    const t = lifecycleLensTitle(r)!;
    assert.match(t, /^Lifetime ≈ \$\S+ over 365 days: pre-training \d+(\.\d)?% · distillation .* · RL post-training .* · serving /);
    const hover = describeField(a, 'serve.requests_per_day', a.read!.sources['serve.requests_per_day']!);
    assert.ok(hover.includes('**Serving** on'), hover);
    assert.ok(describeField(a, 'distill', a.read!.sources.distill!).includes('**Student loss'));
  });
  it('a plan without lifecycle blocks has none of these', () => {
    const b = analyzeText('model:\n  params: 7B\ndata:\n  tokens: 1T\n', 'x.plan.yaml');
    assert.deepEqual(lifecycleHintLabels(b.report!), {});
    assert.equal(lifecycleLensTitle(b.report!), undefined);
  });
});
