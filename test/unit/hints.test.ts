// Inline hints fit VS Code's per-line limit (editor.inlayHints.maximumLength, 43 by default, counted
// over all the hints of a line): leading parts are kept, the last ones dropped.

import { strict as assert } from 'node:assert';
import { analyzeText } from '../../src/document/analyzeDocument';
import { fitHint, hintLabels } from '../../src/document/describe';

describe('inline hints', () => {
  it('keep the leading parts that fit in 43 characters', () => {
    // Inputs shaped like a hardware hint (42 and 45 characters), not figures the engine computes.
    const short = '≈ 10 d on 512×A100-80GB · $100k · 10 tCO2e';
    const long = '≈ 1.0 d on 128×H100-SXM · $10.0k · 1.00 tCO2e';
    assert.deepEqual([short.length, long.length], [42, 45]);
    assert.equal(fitHint(short, 43), short);
    assert.equal(fitHint(long, 43), '≈ 1.0 d on 128×H100-SXM · $10.0k');
    assert.equal(fitHint('a much longer single part than the limit allows for', 10), 'a much longer single part than the limit allows for');
    assert.equal(fitHint('a · b', 0), 'a · b', 'a limit of 0 means none');
  });

  it('the hardware hint of a plan states time, cost and CO2 under one ≈', () => {
    const a = analyzeText('model:\n  params: 20B\ndata:\n  tokens: 400B\ntraining:\n  zero_stage: 3\nhardware:\n  accelerator: H100-SXM\n  count: 128\n', 'x.plan.yaml');
    const hw = hintLabels(a.report!).hardware!;
    assert.match(hw, /^≈ [\d.]+ d( \([\d.]+–[\d.]+\))? on 128×H100-SXM · \$[\d.]+k · [\d.]+ tCO2e$/);
  });
});
