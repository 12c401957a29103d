import { strict as assert } from 'node:assert';
import {
  isFixValue,
  isHostMessage,
  isPlanInputs,
  isRenderedState,
  isWebviewMessage,
  LIMITS,
  PROTOCOL_VERSION,
  toPlanRequest,
  type WebviewMessage,
} from '../../src/shared/protocol';

const rendered = { view: 'panel', config: 'a.plan.yaml', charts: { frontier: 61 }, points: { 'frontier.config': { x: 8e22, y: 2.1 } }, numbers: { loss: '2.100' } };

const valid: WebviewMessage[] = [
  { type: 'ready', protocol: PROTOCOL_VERSION, view: 'panel' },
  { type: 'ready', protocol: PROTOCOL_VERSION, view: 'sidebar' },
  { type: 'request', id: 1, method: 'refresh' },
  { type: 'applyValues', uri: 'file:///w/a.plan.yaml', values: [{ field: 'data.tokens', value: 1e12 }, { field: 'hardware.accelerator', value: 'H100-SXM' }, { field: 'law', value: 'kaplan' }] },
  { type: 'createPlanFile', inputs: { usd: 5e5, accelerator: 'H100-SXM', count: 64 } },
  { type: 'createPlanFile', inputs: { days: 30, accelerator: 'A100-80GB', law: 'chinchilla', uniqueTokens: 1e12, inferenceTokens: 1e13 }, name: 'my plan' },
  { type: 'openInPanel' },
  { type: 'openInPanel', inputs: { flops: 1e23, accelerator: 'H100-SXM' } },
  { type: 'copyMarkdown', uri: 'file:///w/a.plan.yaml', values: [] },
  { type: 'saveCsv', fileName: 'llama-7b-frontier.csv', csv: 'a,b\r\n1,2\r\n' },
  { type: 'savePng', fileName: 'llama-7b-frontier.png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
  { type: 'cspViolation', directive: 'style-src-elem', blockedUri: 'inline', sample: '' },
  { type: 'rendered', state: rendered as never },
];

describe('webview protocol: inbound guards accept every well-formed message', () => {
  for (const m of valid) {
    it(`${m.type} ${JSON.stringify(m).slice(0, 60)}`, () => assert.equal(isWebviewMessage(m), true));
  }
});

describe('webview protocol: inbound guards refuse everything else', () => {
  const bad: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'ready'],
    ['an array', [{ type: 'ready' }]],
    ['no type', { protocol: 1 }],
    ['an unknown type', { type: 'eval', code: 'alert(1)' }],
    ['a prototype key as type', { type: 'constructor' }],
    ['ready without a view', { type: 'ready', protocol: 1 }],
    ['ready with extra keys', { type: 'ready', protocol: 1, view: 'panel', html: '<b>' }],
    ['request for an unknown method', { type: 'request', id: 1, method: 'exec' }],
    ['request with a fractional id', { type: 'request', id: 1.5, method: 'refresh' }],
    ['apply with no values', { type: 'applyValues', uri: 'file:///a', values: [] }],
    ['apply to a field outside the what-if set', { type: 'applyValues', uri: 'file:///a', values: [{ field: 'budget.usd', value: 1 }] }],
    ['apply with a negative number', { type: 'applyValues', uri: 'file:///a', values: [{ field: 'data.tokens', value: -1 }] }],
    ['apply with NaN', { type: 'applyValues', uri: 'file:///a', values: [{ field: 'data.tokens', value: NaN }] }],
    ['apply with Infinity', { type: 'applyValues', uri: 'file:///a', values: [{ field: 'hardware.count', value: Infinity }] }],
    ['apply with a number as a string', { type: 'applyValues', uri: 'file:///a', values: [{ field: 'data.tokens', value: '1e12' }] }],
    ['apply with markup as an accelerator', { type: 'applyValues', uri: 'file:///a', values: [{ field: 'hardware.accelerator', value: '<img src=x onerror=alert(1)>' }] }],
    ['apply with a YAML-breaking accelerator', { type: 'applyValues', uri: 'file:///a', values: [{ field: 'hardware.accelerator', value: 'x\nmodel: {}' }] }],
    ['apply with an unknown law', { type: 'applyValues', uri: 'file:///a', values: [{ field: 'law', value: 'moore' }] }],
    ['apply with too many values', { type: 'applyValues', uri: 'file:///a', values: Array.from({ length: LIMITS.values + 1 }, () => ({ field: 'data.tokens', value: 1 })) }],
    ['apply with extra keys in a value', { type: 'applyValues', uri: 'file:///a', values: [{ field: 'data.tokens', value: 1, span: { start: 0 } }] }],
    ['a plan without a budget', { type: 'createPlanFile', inputs: { accelerator: 'H100-SXM' } }],
    ['a plan with MFU above 1', { type: 'createPlanFile', inputs: { usd: 1, accelerator: 'H100-SXM', mfu: 40 } }],
    ['a plan with zero dollars', { type: 'createPlanFile', inputs: { usd: 0, accelerator: 'H100-SXM' } }],
    ['a plan with an unknown key', { type: 'createPlanFile', inputs: { usd: 1, accelerator: 'H100-SXM', pricePerHour: 0 } }],
    ['a plan with an empty accelerator', { type: 'createPlanFile', inputs: { usd: 1, accelerator: ' ' } }],
    ['CSV with a path in its name', { type: 'saveCsv', fileName: '../../etc/x.csv', csv: '' }],
    ['CSV with the wrong extension', { type: 'saveCsv', fileName: 'x.sh', csv: '' }],
    ['CSV that is too large', { type: 'saveCsv', fileName: 'x.csv', csv: 'x'.repeat(LIMITS.csvChars + 1) }],
    ['PNG that is not a PNG data URL', { type: 'savePng', fileName: 'x.png', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }],
    ['PNG with a javascript URL', { type: 'savePng', fileName: 'x.png', dataUrl: 'javascript:alert(1)' }],
    ['PNG saved under a CSV name', { type: 'savePng', fileName: 'x.csv', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
    ['CSP report with a non-string directive', { type: 'cspViolation', directive: 1, blockedUri: '', sample: '' }],
    ['rendered with NaN coordinates', { type: 'rendered', state: { ...rendered, points: { p: { x: NaN, y: 1 } } } }],
    ['rendered with a negative count', { type: 'rendered', state: { ...rendered, charts: { frontier: -1 } } }],
    ['rendered for an unknown view', { type: 'rendered', state: { ...rendered, view: 'editor' } }],
  ];
  for (const [what, m] of bad) {
    it(what, () => assert.equal(isWebviewMessage(m), false));
  }
});

describe('webview protocol: pieces', () => {
  it('accepts what-if values only for known fields with values of the right type', () => {
    assert.equal(isFixValue({ field: 'hardware.mfu', value: 0.4 }), true);
    assert.equal(isFixValue({ field: 'model.d_model', value: 4096 }), true);
    assert.equal(isFixValue({ field: 'hardware.accelerator', value: 'TPU-v5p' }), true);
    assert.equal(isFixValue({ field: 'hardware.accelerator', value: 5 }), false);
    assert.equal(isFixValue({ field: 'data.tokens', value: 0 }), false);
    assert.equal(isFixValue({ field: '__proto__', value: 1 }), false);
  });

  it('requires a budget and a positive amount for planner inputs', () => {
    assert.equal(isPlanInputs({ gpuHours: 2e5, accelerator: 'H100-SXM' }), true);
    assert.equal(isPlanInputs({ gpuHours: 2e5 }), false);
    assert.equal(isPlanInputs({ gpuHours: -1, accelerator: 'H100-SXM' }), false);
    assert.equal(isPlanInputs({ usd: 1, accelerator: 'H100-SXM', law: 'kaplan' }), true);
    assert.equal(isPlanInputs({ usd: 1, accelerator: 'H100-SXM', law: 'toString' }), false);
  });

  it('checks rendered states', () => {
    assert.equal(isRenderedState(rendered), true);
    assert.equal(isRenderedState({ ...rendered, numbers: { a: 1 } }), false);
    assert.equal(isRenderedState({ ...rendered, config: null }), true);
  });

  it('lets the webview ignore unknown or malformed host messages', () => {
    assert.equal(isHostMessage({ type: 'analysis', config: null }), true);
    assert.equal(isHostMessage({ type: 'theme', kind: 'dark' }), true);
    assert.equal(isHostMessage({ type: 'planResult', ok: true, message: 'Created' }), true);
    assert.equal(isHostMessage({ type: 'notice', level: 'info', message: 'x' }), true);
    assert.equal(isHostMessage({ type: 'notice', level: 'info', message: 'x', applied: true }), true);
    assert.equal(isHostMessage({ type: 'notice', level: 'info', message: 'x', applied: 'yes' }), false);
    assert.equal(isHostMessage({ type: 'init', protocol: 1, view: 'panel', settings: {} }), true);
    assert.equal(isHostMessage({ type: 'theme', kind: 'neon' }), false);
    assert.equal(isHostMessage({ type: 'html', html: '<script>' }), false);
    assert.equal(isHostMessage({ type: 'analysis', config: { run: {} } }), false);
  });

  it('builds the same plan request on both ends, with settings filling the gaps', () => {
    const r = toPlanRequest(
      { usd: 5e5, accelerator: 'H100-SXM' },
      { law: 'chinchilla', defaults: { count: 32, mfu: 0.35, pue: 1.2, gridGco2PerKwh: 100 }, prices: { 'H100-SXM': 2.2 } },
    );
    assert.deepEqual(
      { usd: r.usd, accelerator: r.accelerator, count: r.count, mfu: r.mfu, law: r.law, price: r.pricePerHour, pue: r.pue, grid: r.gridGco2PerKwh },
      { usd: 5e5, accelerator: 'H100-SXM', count: 32, mfu: 0.35, law: 'chinchilla', price: 2.2, pue: 1.2, grid: 100 },
    );
    const explicit = toPlanRequest({ days: 10, accelerator: 'A100-80GB', count: 8, mfu: 0.5, law: 'epoch' }, { law: 'kaplan', defaults: { count: 32 } });
    assert.equal(explicit.count, 8);
    assert.equal(explicit.mfu, 0.5);
    assert.equal(explicit.law, 'epoch');
    assert.equal(explicit.pricePerHour, undefined);
  });
});
