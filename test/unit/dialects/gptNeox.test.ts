import { strict as assert } from 'node:assert';
import { fixEdits } from '../../../src/document/fixEdits';
import { analyse, analyseFixture, at, findings, slice, source } from './helpers';

describe('dialect: GPT-NeoX', () => {
  it('reads Pythia-1.4B exactly: 1,414,647,808 parameters, 299,892,736,000 tokens', () => {
    const a = analyseFixture('gpt-neox', 'pythia-1.4b.yml');
    assert.equal(a.dialect, 'gpt-neox');
    assert.equal(a.report!.model.paramsTotal, 1_414_647_808);
    assert.equal(a.report!.model.paramsNonEmbedding, 1_208_602_624);
    // 143,000 iterations x (16 per GPU x 1 accumulation x 64 GPUs) x 2,048 tokens.
    assert.equal(a.report!.data.tokens, 143_000 * 1024 * 2048);
    assert.equal(a.report!.data.tokens, 299_892_736_000);
    assert.equal(a.read!.run.training.globalBatchTokens, 1024 * 2048);
    assert.equal(a.read!.run.hardware.count, 64);
    assert.equal(source(a, 'hardware.count').origin, 'comment');
    assert.equal(a.read!.run.model.shape!.vocabSize, 50_304);
    assert.equal(a.read!.run.training.precision, 'fp16');
    assert.equal(a.read!.run.training.zeroStage, 1);
  });

  it('puts every value on the NeoX key it came from ("-" and "_" alike)', () => {
    const a = analyseFixture('gpt-neox', 'pythia-1.4b.yml');
    assert.equal(at(a, 'model.layers'), '24');
    assert.equal(slice(a.text, source(a, 'model.layers').keySpan), '"num-layers"');
    assert.equal(source(a, 'model.layers').key, 'num_layers');
    assert.equal(at(a, 'model.d_model'), '2048');
    assert.equal(at(a, 'model.vocab_size'), '"/fsx/pile/20B_tokenizer.json"');
    assert.equal(source(a, 'model.vocab_size').origin, 'tokenizer');
    // Tokens are derived: the range is train_iters, the inputs name every factor.
    const tokens = source(a, 'data.tokens');
    assert.equal(tokens.origin, 'derived');
    assert.equal(at(a, 'data.tokens'), '143000');
    assert.equal(tokens.key, 'train_iters');
    assert.deepEqual(tokens.inputs!.map((i) => slice(a.text, i.span)), ['143000', '16', '1', '# scaling-planner: gpus=64', '2048']);
    assert.equal(at(a, 'training.zero_stage'), '1');
  });

  it('a token fix rewrites train_iters in the file', () => {
    const a = analyseFixture('gpt-neox', 'pythia-1.4b.yml');
    const edits = fixEdits(a, a.text, { title: 'double', values: [{ field: 'data.tokens', value: 2 * 299_892_736_000 }] });
    assert.equal(edits.length, 1);
    assert.equal(slice(a.text, edits[0].span), '143000');
    assert.equal(edits[0].newText, '286000');
  });

  it('pads Pythia-6.9B\'s vocabulary for tensor parallel 2 (50,432) and counts 6,857,302,016', () => {
    const a = analyseFixture('gpt-neox', 'pythia-6.9b.yml');
    assert.equal(a.read!.run.model.shape!.vocabSize, 50_432);
    assert.equal(a.report!.model.paramsTotal, 6_857_302_016);
    assert.equal(a.read!.run.hardware.count, 128);
    assert.equal(source(a, 'hardware.count').origin, 'derived');
    // 8 per GPU x 2 accumulation x (128 GPUs / TP 2) = 1,024 sequences per step.
    assert.equal(a.report!.data.tokens, 299_892_736_000);
  });

  it('pads for tensor parallel 4 as Pythia-12B (50,688)', () => {
    const text = ['{', '"num-layers": 36, "hidden-size": 5120, "num-attention-heads": 40, "seq-length": 2048,', '"pos-emb": "rotary", "no-weight-tying": true, "model-parallel-size": 4,', '"vocab-file": "/fsx/pile/20B_tokenizer.json", "train-iters": 143000,', '}'].join('\n');
    const a = analyse(text, 'pythia-12b.yml');
    assert.equal(a.dialect, 'gpt-neox');
    assert.equal(a.read!.run.model.shape!.vocabSize, 50_688);
    assert.equal(a.report!.model.paramsTotal, 11_846_072_320);
  });

  it('applies NeoX\'s gated-MLP rule: Llama-2-7B\'s intermediate_size 32768 is an MLP width of 11,008', () => {
    const a = analyseFixture('gpt-neox', 'llama2-7b.yml');
    assert.equal(a.read!.run.model.shape!.ffnHidden, 11_008);
    assert.equal(at(a, 'model.ffn_hidden'), '32768');
    assert.equal(a.read!.run.model.shape!.vocabSize, 32_000);
    assert.equal(a.report!.model.paramsTotal, 6_738_415_616);
    assert.equal(a.report!.data.tokens, 500_000 * 1024 * 4096);
    assert.equal(a.read!.run.training.precision, 'bf16');
  });

  it('rounds the gated width to mlp_multiple_of (default 1) and knows the older mlp_type "llama"', () => {
    const base = '"num_layers": 32, "hidden_size": 4096, "num_attention_heads": 32, "seq_length": 4096, "make_vocab_size_divisible_by": 1';
    const ffn = (extra: string): number | undefined => analyse(`{${base}, ${extra}}`, 'x.yml').read!.run.model.shape!.ffnHidden;
    assert.equal(ffn('"activation": "swiglu", "intermediate_size": 32768'), 10_922);
    assert.equal(ffn('"activation": "swiglu", "intermediate_size": 32768, "mlp_multiple_of": 256'), 11_008);
    assert.equal(ffn('"mlp_type": "llama", "activation": "silu"'), 11_008);
    assert.equal(ffn('"activation": "gelu"'), 16_384);
    assert.equal(ffn('"activation": "gelu", "expansion_factor": 2'), 8_192);
  });

  it('says what is missing instead of guessing: no device count, unknown tokenizer', () => {
    const text = '{\n"num_layers": 24, "hidden_size": 2048, "num_attention_heads": 16, "seq_length": 2048,\n"train_micro_batch_size_per_gpu": 16, "train_iters": 1000,\n"vocab_file": "data/my-tokenizer.json",\n}';
    const a = analyse(text, 'x.yml');
    const tokens = findings(a, 'missing-facts', 'data.tokens');
    assert.equal(tokens.length, 1);
    assert.match(tokens[0].message, /gpus=/);
    assert.equal(slice(text, tokens[0].span), '1000');
    const vocab = findings(a, 'missing-facts', 'model.vocab_size');
    assert.equal(vocab.length, 1);
    assert.equal(slice(text, vocab[0].span), '"data/my-tokenizer.json"');
    assert.equal(a.report!.data.tokens, null);
    // Supplying the facts in comments clears both findings.
    const b = analyse(`# scaling-planner: gpus=8 vocab=50304\n${text}`, 'x.yml');
    assert.equal(findings(b, 'missing-facts', 'model.vocab_size').length, 0);
    assert.equal(findings(b, 'missing-facts', 'data.tokens').length, 0);
    assert.equal(b.report!.data.tokens, 1000 * 16 * 8 * 2048);
  });

  it('takes num_gpus alone as one node and settings as a last resort', () => {
    const text = '{"num_layers": 2, "hidden_size": 64, "num_attention_heads": 2, "seq_length": 128, "train_micro_batch_size_per_gpu": 4, "train_iters": 10, "num_gpus": 8, "vocab_file": "gpt2-vocab.json"}';
    assert.equal(analyse(text, 'x.yml').report!.data.tokens, 10 * 4 * 8 * 128);
    const noGpus = text.replace('"num_gpus": 8, ', '');
    assert.equal(analyse(noGpus, 'x.yml', { defaults: { count: 2 } }).report!.data.tokens, 10 * 4 * 2 * 128);
    assert.equal(analyse(noGpus, 'x.yml', { facts: { 'hardware.count': 4 } }).report!.data.tokens, 10 * 4 * 4 * 128);
  });

  it('reads MoE keys', () => {
    const text = '{"num_layers": 12, "hidden_size": 768, "num_attention_heads": 12, "seq_length": 2048, "moe_num_experts": 8, "moe_top_k": 2, "vocab_file": "gpt2-vocab.json", "pos_emb": "rotary"}';
    const a = analyse(text, 'x.yml');
    assert.deepEqual(a.read!.run.model.shape!.moe, { experts: 8, topK: 2 });
    assert.ok(a.report!.model.paramsActive! < a.report!.model.paramsTotal!);
  });

  it('reads moe_expert_parallel_size as training.expert_parallel', () => {
    const text = '{"num_layers": 12, "hidden_size": 768, "num_attention_heads": 12, "seq_length": 2048, "moe_num_experts": 8, "moe_top_k": 2, "moe_expert_interval": 2, "moe_expert_parallel_size": 4, "vocab_file": "gpt2-vocab.json", "pos_emb": "rotary"}';
    const a = analyse(text, 'x.yml');
    assert.equal(a.read!.run.training.expertParallel, 4);
    assert.equal(source(a, 'training.expert_parallel').origin, 'file');
  });

  it('does not rewrite intermediate_size from a width: NeoX transforms it', () => {
    const a = analyseFixture('gpt-neox', 'llama2-7b.yml');
    assert.equal(source(a, 'model.ffn_hidden').origin, 'derived');
    assert.equal(fixEdits(a, a.text, { title: 'w', values: [{ field: 'model.ffn_hidden', value: 8192 }] }).length, 0);
    const layers = fixEdits(a, a.text, { title: 'l', values: [{ field: 'model.layers', value: 24 }] });
    assert.equal(slice(a.text, layers[0].span), '32');
    assert.equal(layers[0].newText, '24');
  });

  it('configs/llama/7B.yml: a versionless Llama tokenizer.model is the 32,000-piece SentencePiece model, said so', () => {
    const a = analyseFixture('gpt-neox', 'llama-7b.yml');
    assert.equal(a.read!.run.model.shape!.vocabSize, 32_000);
    // mlp_type llama: int(2 x 4 x 4096 / 3) rounded up to 256 = 11,008, the LLaMA-7B shape.
    assert.equal(a.report!.model.paramsTotal, 6_738_415_616);
    const v = source(a, 'model.vocab_size');
    assert.equal(v.origin, 'tokenizer');
    assert.equal(at(a, 'model.vocab_size'), '"./data/llama/tokenizer.model"');
    assert.match(v.note!, /Llama 1 and 2 share/);
    assert.equal(a.report!.sources['model.vocab_size'].origin, 'tokenizer');
  });

  it('num_nodes -1 (every host in the hostfile) is an unknown device count, not an error and not one node', () => {
    const a = analyseFixture('gpt-neox', 'llama-7b.yml');
    assert.equal(findings(a, 'invalid-value').length, 0);
    assert.equal(a.read!.run.hardware.count, undefined);
    assert.equal(a.report!.hardware.count, null);
    const n = findings(a, 'missing-facts', 'hardware.count');
    assert.equal(n.length, 1);
    assert.equal(n[0].severity, 'information');
    assert.equal(slice(a.text, n[0].span), '-1');
    // The global batch needs the world size here, so tokens are a finding, not a guess.
    assert.equal(a.report!.data.tokens, null);
    assert.match(findings(a, 'missing-facts', 'data.tokens')[0].message, /train_batch_size/);
    assert.equal(a.report!.cost.wallClockDays, null);
    // A global batch in sequences gives tokens without the world size, still with no wall clock.
    const b = analyse(a.text.replace('"train_iters": 250000,', '"train_iters": 250000,\n  "train_batch_size": 1024,'), 'llama-7b.yml');
    assert.equal(b.report!.data.tokens, 250_000 * 1024 * 2048);
    assert.equal(b.report!.hardware.count, null);
    assert.equal(b.report!.cost.wallClockDays, null);
    assert.ok(b.report!.cost.gpuHours! > 0);
  });
});
