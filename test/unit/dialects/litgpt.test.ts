import { strict as assert } from 'node:assert';
import { analyse, analyseFixture, at, findings, fixture, slice, source } from './helpers';

describe('dialect: LitGPT', () => {
  it('reads config_hub/pretrain/tinyllama.yaml: tiny-llama-1.1b by name, 3T max_tokens', () => {
    const a = analyseFixture('litgpt', 'tinyllama.yaml');
    assert.equal(a.dialect, 'litgpt');
    assert.equal(a.report!.model.paramsTotal, 1_100_048_384);
    assert.equal(a.report!.data.tokens, 3_000_000_000_000);
    assert.equal(at(a, 'data.tokens'), '3000000000000');
    assert.equal(a.read!.run.training.globalBatchTokens, 512 * 2048);
    assert.equal(a.read!.run.training.finetune, undefined);
    assert.equal(at(a, 'model.layers'), 'tiny-llama-1.1b');
  });

  it('devices: auto is unknown (information), not an error', () => {
    const a = analyseFixture('litgpt', 'tinyllama.yaml');
    assert.equal(findings(a, 'invalid-value').length, 0);
    const f = findings(a, 'missing-facts', 'hardware.count');
    assert.equal(f.length, 1);
    assert.equal(slice(a.text, f[0].span), 'auto');
  });

  it('counts an inline model_config (Pythia-160M layout): 162,322,944, vocab 50,254 padded to 50,304', () => {
    const a = analyseFixture('litgpt', 'pythia-model-config.yaml');
    assert.equal(a.read!.run.model.shape!.vocabSize, 50_304);
    assert.equal(a.report!.model.paramsTotal, 162_322_944);
    assert.equal(a.report!.data.tokens, 143_000 * 1024 * 2048);
    assert.equal(a.read!.run.hardware.count, 16);
    assert.equal(a.read!.run.training.precision, 'bf16');
    assert.equal(at(a, 'model.layers'), '12');
    assert.match(source(a, 'model.vocab_size').note!, /padding_multiple 128/);
  });

  it('reads finetune/llama-2-7b/lora.yaml: model from checkpoint_dir, LoRA r32 on q and v', () => {
    const a = analyseFixture('litgpt', 'llama-2-7b-lora.yaml');
    assert.equal(a.report!.model.paramsTotal, 6_738_415_616);
    assert.equal(a.read!.run.training.finetune, 'lora');
    assert.deepEqual(a.read!.run.training.lora!.targets, ['q', 'v']);
    assert.equal(a.report!.model.paramsTrainable, 32 * 2 * 32 * (4096 + 4096));
    assert.equal(a.read!.run.training.precision, 'bf16-pure');
    assert.equal(a.read!.run.hardware.count, 1);
    assert.match(findings(a, 'missing-facts', 'data.tokens')[0].message, /epochs/);
  });

  it('a model_name lookup carries its block_size: steps x global batch x 2,048 without max_seq_length', () => {
    const text = fixture('litgpt', 'tinyllama.yaml')
      .replace('max_tokens: 3000000000000', 'max_tokens:')
      .replace(/max_steps:\n/, 'max_steps: 10000\n')
      .replace('max_seq_length: 2048', 'max_seq_length:');
    const a = analyse(text, 'tinyllama.yaml');
    assert.equal(a.read!.run.model.shape!.seqLen, 2048);
    assert.equal(source(a, 'model.seq_len').origin, 'lookup');
    assert.match(source(a, 'model.seq_len').note!, /block_size 2,048 of TinyLlama-1.1B/);
    assert.equal(a.report!.data.tokens, 10_000 * 512 * 2048);
    assert.ok(a.report!.compute.flopsWithAttention! > a.report!.compute.flops!);
    // train.max_seq_length caps it, as LitGPT does.
    const capped = analyse(text.replace('max_seq_length:', 'max_seq_length: 1024'), 'tinyllama.yaml');
    assert.equal(capped.report!.data.tokens, 10_000 * 512 * 1024);
  });
});
