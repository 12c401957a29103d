import { strict as assert } from 'node:assert';
import { analyseFixture, at, findings, fixture, analyse, slice } from './helpers';

describe('dialect: axolotl', () => {
  it('reads examples/llama-3/qlora.yml: Meta-Llama-3-8B by Hub id, QLoRA r32 on all linear layers', () => {
    const a = analyseFixture('axolotl', 'llama-3-qlora.yml');
    assert.equal(a.dialect, 'axolotl');
    assert.equal(a.report!.model.paramsTotal, 8_030_261_248);
    const t = a.read!.run.training;
    assert.equal(t.finetune, 'qlora');
    assert.equal(t.lora!.baseBits, 4);
    assert.equal(t.lora!.rank, 32);
    // 32 x (q 8192 + k 5120 + v 5120 + o 8192 + gate/up/down 3 x 18432) x 32 layers
    assert.equal(a.report!.model.paramsTrainable, 83_886_080);
    assert.equal(t.microBatchSize, 2);
    assert.equal(t.precision, 'bf16');
    assert.equal(at(a, 'model.seq_len'), '4096');
    assert.equal(at(a, 'model.layers'), 'NousResearch/Meta-Llama-3-8B');
  });

  it('num_epochs: tokens are not derivable, and the finding says what to add', () => {
    const a = analyseFixture('axolotl', 'llama-3-qlora.yml');
    assert.equal(a.report!.data.tokens, null);
    const f = findings(a, 'missing-facts', 'data.tokens');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /num_epochs/);
    assert.match(f[0].message, /tokens=/);
    assert.equal(slice(a.text, f[0].span), '4');
  });

  it('max_steps with packing: 500 x 2 x 4 x 8 GPUs x 8192 tokens; ZeRO-2 from the DeepSpeed config name', () => {
    const a = analyseFixture('axolotl', 'mistral-lora-steps.yml');
    assert.equal(a.report!.model.paramsTotal, 7_241_732_096);
    assert.equal(a.read!.run.training.finetune, 'lora');
    assert.equal(a.report!.data.tokens, 500 * 2 * 4 * 8 * 8192);
    assert.equal(a.read!.run.training.zeroStage, 2);
    assert.equal(a.read!.run.training.optimizer, 'adam8bit');
    assert.equal(at(a, 'data.tokens'), '500');
  });

  it('an unknown base_model is an unknown-model warning until its size is declared', () => {
    const a = analyseFixture('axolotl', 'unknown-model.yml');
    const u = findings(a, 'unknown-model');
    assert.equal(u.length, 1);
    assert.match(u[0].message, /my-org\/my-private-model-3b/);
    assert.equal(slice(a.text, u[0].span), 'my-org/my-private-model-3b');
    const declared = analyse(`# scaling-planner: params=3B\n${fixture('axolotl', 'unknown-model.yml')}`, 'x.yml');
    assert.equal(findings(declared, 'unknown-model').length, 0);
    assert.equal(declared.report!.model.paramsTotal, 3e9);
  });
});
