import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import { fixEdits } from '../../src/document/fixEdits';
import { parseQuantity } from '../../src/read/quantity';
import { analyze } from '../../src/engine/analyze';
import { fmtCount } from '../../src/engine/format';
import { FLOPS_PER_PARAM_TOKEN } from '../../src/engine/laws';
import { countParams, type CompleteShape } from '../../src/engine/params';
import { emptyRun, type RunDescription } from '../../src/engine/types';
import { isShapeField, whatIfValues, withValues } from '../../src/engine/whatIf';
import { isFixValue } from '../../src/shared/protocol';
import { closeRel } from '../helpers';

const root = join(__dirname, '../../..');
const close = closeRel;

/** An MoE given by counts only (no shape): 47B total, 13B active per token. */
const MOE_PLAN = `name: moe-counts
model:
  params: 47B
  active_params: 13B
data:
  tokens: 1T
hardware:
  accelerator: H100-SXM
  count: 64
`;

function moeRun(): RunDescription {
  const a = analyzeText(MOE_PLAN, 'moe.plan.yaml');
  assert.equal(a.kind, 'ok');
  return a.read!.run;
}

describe('webview what-if: model size of an MoE given by counts', () => {
  const run = moeRun();
  const base = analyze(run);
  const D = 1e12;

  it('keeps the active share: 94B total gives 26B active, not a dense 94B', () => {
    assert.equal(base.model.paramsTotal, 47e9);
    assert.equal(base.model.paramsActive, 13e9);
    const v = whatIfValues(run, { params: 94e9 });
    assert.deepEqual(v, [
      { field: 'model.params', value: 94e9 },
      { field: 'model.active_params', value: 26e9 },
    ]);
    const r = analyze(withValues(run, v));
    assert.equal(r.model.paramsTotal, 94e9);
    assert.equal(r.model.paramsActive, 26e9);
    // Training FLOPs follow the active count: 6·N_active·D, twice the file's, not ×7.
    assert.ok(close(r.compute.flops!, FLOPS_PER_PARAM_TOKEN * 26e9 * D));
    assert.ok(close(r.compute.flops! / base.compute.flops!, 2));
  });

  it('scales active_params in withValues when only model.params arrives, and lets an explicit one win', () => {
    assert.equal(analyze(withValues(run, [{ field: 'model.params', value: 94e9 }])).model.paramsActive, 26e9);
    for (const values of [
      [{ field: 'model.active_params', value: 20e9 }, { field: 'model.params', value: 94e9 }],
      [{ field: 'model.params', value: 94e9 }, { field: 'model.active_params', value: 20e9 }],
    ]) {
      const r = analyze(withValues(run, values));
      assert.equal(r.model.paramsTotal, 94e9);
      assert.equal(r.model.paramsActive, 20e9);
    }
  });

  it('leaves a dense model dense', () => {
    const dense: RunDescription = { ...emptyRun(), model: { params: 7e9 }, data: { tokens: 1e12 } };
    assert.deepEqual(whatIfValues(dense, { params: 13e9 }), [{ field: 'model.params', value: 13e9 }]);
    const r = analyze(withValues(dense, [{ field: 'model.params', value: 13e9 }]));
    assert.equal(r.model.paramsActive, 13e9);
  });

  it('accepts model.active_params over the protocol, as a what-if field and not a shape field', () => {
    assert.equal(isFixValue({ field: 'model.active_params', value: 26e9 }), true);
    assert.equal(isFixValue({ field: 'model.active_params', value: -1 }), false);
    assert.equal(isShapeField('model.active_params'), false);
    assert.equal(isShapeField('model.ffn_hidden'), true);
  });

  it('writes both counts into a plan file with "Apply to file" (fixEdits)', () => {
    const a = analyzeText(MOE_PLAN, 'moe.plan.yaml');
    const values = whatIfValues(a.read!.run, { params: 94e9 });
    const edits = fixEdits(a, MOE_PLAN, { title: 'What-if values', values });
    assert.equal(edits.length, 2);
    let text = MOE_PLAN;
    for (const e of [...edits].sort((x, y) => y.span.start - x.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
    const after = analyzeText(text, 'moe.plan.yaml').report!;
    assert.equal(after.model.paramsTotal, 94e9);
    assert.equal(after.model.paramsActive, 26e9);
  });

  it('makes no change when the size re-entered is the one shown (three significant digits)', () => {
    const odd: RunDescription = { ...emptyRun(), model: { params: 46_702_792_704, activeParams: 12_879_921_152 }, data: { tokens: 1e12 } };
    const shown = parseQuantity(fmtCount(46_702_792_704), 'count');
    assert.ok(shown.ok);
    assert.deepEqual(whatIfValues(odd, { params: shown.value }), []);
  });
});

describe('webview what-if: model size of a shaped MoE', () => {
  const text = readFileSync(join(root, 'examples', 'mixtral-moe.plan.yaml'), 'utf8');
  const a = analyzeText(text, 'mixtral-moe.plan.yaml');
  const run = a.read!.run;
  const total = countParams({ architecture: 'llama', ...run.model.shape } as CompleteShape).total;

  it('re-entering the displayed total gives no shape edits', () => {
    assert.equal(a.report!.model.paramsTotal, total);
    const shown = fmtCount(total);
    assert.equal(shown, '46.7B');
    const parsed = parseQuantity(shown, 'count');
    assert.ok(parsed.ok);
    assert.notEqual(parsed.value, total, 'the shown value is rounded');
    assert.deepEqual(whatIfValues(run, { params: parsed.value }), []);
    assert.deepEqual(whatIfValues(run, { params: total }), []);
  });

  it('still resizes to the nearest shape for a size that shows differently', () => {
    const v = whatIfValues(run, { params: 94e9 });
    assert.ok(v.length > 0);
    assert.ok(v.every((x) => isShapeField(x.field)), JSON.stringify(v));
    const r = analyze(withValues(run, v));
    assert.ok(Math.abs(Math.log(r.model.paramsTotal! / 94e9)) < 0.1, `${r.model.paramsTotal}`);
    // top_k is in the shape, so the active count follows from it (no active_params is written).
    assert.ok(r.model.paramsActive! < r.model.paramsTotal!);
  });

  it('scales active_params with the new total when the shape has no top_k (the count comes from the file)', () => {
    const noTopK = text.replace('    top_k: 2\n', '').replace('  moe:', '  active_params: 12.9B\n  moe:');
    const b = analyzeText(noTopK, 'x.plan.yaml');
    assert.equal(b.report!.model.paramsActive, 12.9e9);
    const v = whatIfValues(b.read!.run, { params: 94e9 });
    const act = v.find((x) => x.field === 'model.active_params');
    assert.ok(act, JSON.stringify(v));
    const r = analyze(withValues(b.read!.run, v));
    assert.ok(close(r.model.paramsActive!, (12.9e9 * r.model.paramsTotal!) / total, 1e-9));
  });
});
