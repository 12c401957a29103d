import { strict as assert } from 'node:assert';
import { finetuneFlopsPerToken } from '../../../src/engine/flops';
import { GIB, nf4ConstantBits } from '../../../src/engine/memory';
import { analyse, analyseFixture, at, findings, fixture, slice, source } from './helpers';

describe('dialect: torchtune', () => {
  it('reads llama3/8B_lora: Llama-3-8B from the builder, LoRA rank 8 on q and v', () => {
    const a = analyseFixture('torchtune', '8B_lora.yaml');
    assert.equal(a.dialect, 'torchtune');
    assert.equal(a.report!.model.paramsTotal, 8_030_261_248);
    const t = a.read!.run.training;
    assert.equal(t.finetune, 'lora');
    assert.deepEqual(t.lora, { rank: 8, alpha: 16, targets: ['q', 'v'], baseBits: undefined });
    // r (in + out) per adapted projection: q 8 x (4096 + 4096), v 8 x (4096 + 1024), 32 layers.
    assert.equal(a.report!.model.paramsTrainable, 3_407_872);
    assert.equal(t.precision, 'bf16-pure');
    assert.equal(source(a, 'model.layers').origin, 'lookup');
    assert.equal(at(a, 'model.layers'), 'torchtune.models.llama3.lora_llama3_8b');
    assert.equal(at(a, 'training.lora.rank'), '8');
  });

  it('names what the dataset tokens need instead of guessing', () => {
    const a = analyseFixture('torchtune', '8B_lora.yaml');
    assert.equal(a.report!.data.tokens, null);
    const f = findings(a, 'missing-facts', 'data.tokens');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /# scaling-planner: tokens=/);
    assert.match(f[0].message, /packed/);
    // A tokens fact settles it, and the fine-tune's FLOPs skip frozen weights' gradients.
    const b = analyse(`# scaling-planner: tokens=50M\n${a.text}`, '8B_lora.yaml');
    assert.equal(findings(b, 'missing-facts', 'data.tokens').length, 0);
    const N = 8_030_261_248;
    const T = 3_407_872;
    assert.equal(b.report!.compute.flops, finetuneFlopsPerToken(N + T, T) * 50e6);
    assert.ok(b.report!.compute.flops! < 6 * N * 50e6);
  });

  it('derives tokens for packed samples with a step budget: 3 x 1000 x 2 x 1 x 4 x 8192', () => {
    const a = analyseFixture('torchtune', '8B_full.yaml');
    assert.equal(a.read!.run.training.finetune, 'full');
    assert.equal(a.report!.model.paramsTrainable, 8_030_261_248);
    assert.equal(a.report!.data.tokens, 3 * 1000 * 2 * 1 * 4 * 8192);
    assert.equal(at(a, 'data.tokens'), '1000');
    assert.equal(a.read!.run.training.steps, 3000);
    assert.equal(a.read!.run.training.activationCheckpointing, 'full');
  });

  it('reads QLoRA builders: 4-bit base, adapters on attention and MLP', () => {
    const a = analyseFixture('torchtune', '8B_qlora_single_device.yaml');
    const t = a.read!.run.training;
    assert.equal(t.finetune, 'qlora');
    assert.equal(t.lora!.baseBits, 4);
    assert.deepEqual([...t.lora!.targets].sort(), ['down', 'gate', 'k', 'o', 'q', 'up', 'v']);
    assert.equal(a.report!.model.paramsTrainable, 20_971_520);
    assert.equal(t.lora!.doubleQuant, true);
    // The blocks' 6,979,321,856 linear weights in NF4 with double-quantized constants (4.127 bits),
    // embeddings, head and norms (1,050,939,392) in bf16, adapters in bf16 on top.
    const m = a.report!.memory;
    const bytes = (6_979_321_856 * (4 + nf4ConstantBits(true))) / 8 + 1_050_939_392 * 2 + 20_971_520 * 2;
    assert.ok(Math.abs(m.weightsGb! * GIB - bytes) < 1);
    assert.ok(Math.abs(m.optimizerGb! * GIB - 20_971_520 * 4) < 1);
  });

  it('an unknown builder is an unknown-model finding that says how to declare the shape', () => {
    const text = fixture('torchtune', '8B_lora.yaml').replace('torchtune.models.llama3.lora_llama3_8b', 'torchtune.models.mymodel.lora_mymodel_3b');
    const a = analyse(text, 'x.yaml');
    const u = findings(a, 'unknown-model');
    assert.equal(u.length, 1);
    assert.match(u[0].message, /lora_mymodel_3b/);
    assert.match(u[0].message, /# scaling-planner: layers=/);
    assert.equal(slice(text, u[0].span), 'torchtune.models.mymodel.lora_mymodel_3b');
    assert.equal(a.report!.model.paramsTotal, null);
  });
});
