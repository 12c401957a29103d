// Host -> webview messages added for one display policy and correlated replies.

import { strict as assert } from 'node:assert';
import { isHostMessage, isPlanInputs, PLAN_INPUT_KEYS } from '../../src/shared/protocol';

describe('webview protocol: replies and findings', () => {
  it('a reply carries the id of the request it answers', () => {
    assert.equal(isHostMessage({ type: 'reply', id: 3, ok: true }), true);
    assert.equal(isHostMessage({ type: 'reply', id: 3, ok: false, message: 'no' }), true);
    assert.equal(isHostMessage({ type: 'reply', id: 1.5, ok: true }), false);
    assert.equal(isHostMessage({ type: 'reply', ok: true }), false);
    assert.equal(isHostMessage({ type: 'reply', id: 3, ok: 'yes' }), false);
  });

  it('an analysis carries the findings as shown and their policy', () => {
    const config = { uri: 'file:///w/a.plan.yaml', run: {}, findings: [], policy: { hidden: [], severity: {} } };
    assert.equal(isHostMessage({ type: 'analysis', config }), true);
    assert.equal(isHostMessage({ type: 'analysis', config: { ...config, findings: undefined } }), false);
    assert.equal(isHostMessage({ type: 'analysis', config: { ...config, policy: undefined } }), false);
  });

  it('planner inputs accept exactly the listed keys', () => {
    assert.equal(PLAN_INPUT_KEYS.length, 10);
    assert.equal(isPlanInputs({ usd: 1e6, accelerator: 'H100-SXM' }), true);
    assert.equal(isPlanInputs({ usd: 1e6, accelerator: 'H100-SXM', pricePerHour: 1 }), false);
  });
});
