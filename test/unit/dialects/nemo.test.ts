import { strict as assert } from 'node:assert';
import { analyse, analyseFixture, at, findings, fixture, slice, source } from './helpers';

describe('dialect: NeMo / Megatron', () => {
  it('reads megatron_llama_config: Llama-2-7B with the vocabulary from a fact comment', () => {
    const a = analyseFixture('nemo', 'megatron_llama_config.yaml');
    assert.equal(a.dialect, 'nemo');
    assert.equal(a.report!.model.paramsTotal, 6_738_415_616);
    assert.equal(source(a, 'model.vocab_size').origin, 'comment');
    // trainer.max_steps x model.global_batch_size x model.encoder_seq_length.
    assert.equal(a.report!.data.tokens, 100_000 * 8 * 4096);
    assert.equal(at(a, 'data.tokens'), '100000');
    assert.equal(a.read!.run.hardware.count, 1);
    assert.equal(a.read!.run.training.precision, 'fp32');
    assert.equal(at(a, 'model.ffn_hidden'), '11008');
    assert.equal(slice(a.text, source(a, 'model.layers').keySpan), 'num_layers');
  });

  it('treats `???` as unknown (information), never as an error', () => {
    // The fixture answers the `???` tokenizer with a fact comment: nothing left to report.
    const a = analyseFixture('nemo', 'megatron_llama_config.yaml');
    assert.equal(findings(a, 'unresolved').length, 0);
    // Without the fact comment the vocabulary stays unknown and the file says how to give it.
    const text = fixture('nemo', 'megatron_llama_config.yaml').replace('# scaling-planner: vocab=32000', '#');
    const b = analyse(text, 'megatron_llama_config.yaml');
    const u = findings(b, 'unresolved');
    assert.equal(u.length, 1);
    assert.equal(u[0].severity, 'information');
    assert.equal(slice(b.text, u[0].span), '???');
    assert.equal(b.report!.model.paramsTotal, null);
    assert.equal(findings(b, 'missing-facts', 'model.vocab_size').length, 1);
    assert.match(findings(b, 'missing-facts', 'model.vocab_size')[0].message, /vocab=/);
  });

  it('reads megatron_gpt_config: GPT-2 tokenizer padded to 50,304, devices x nodes, distributed optimizer', () => {
    const a = analyseFixture('nemo', 'megatron_gpt_config.yaml');
    const s = a.read!.run.model.shape!;
    assert.equal(s.vocabSize, 50_304);
    assert.equal(s.positions, 'learned');
    assert.equal(s.maxPositions, 2048); // ${.encoder_seq_length}
    assert.equal(s.tieEmbeddings, true);
    // 50,304 x 768 + 2,048 x 768 + 12 x (12 x 768^2 + 13 x 768) + 2 x 768
    assert.equal(a.report!.model.paramsTotal, 50_304 * 768 + 2048 * 768 + 12 * (12 * 768 * 768 + 13 * 768) + 2 * 768);
    assert.equal(a.read!.run.hardware.count, 16);
    assert.equal(source(a, 'hardware.count').origin, 'derived');
    assert.equal(a.read!.run.training.zeroStage, 1);
    assert.equal(at(a, 'training.zero_stage'), 'distributed_fused_adam');
    assert.equal(a.report!.data.tokens, 100_000 * 256 * 2048);
    assert.equal(a.read!.run.training.precision, 'bf16');
  });

  it('reads Megatron-core MoE: Mixtral 8x7B, 46,702,792,704 total and 12,879,925,248 active', () => {
    const a = analyseFixture('nemo', 'megatron_mixtral_moe.yaml');
    assert.equal(a.report!.model.paramsTotal, 46_702_792_704);
    assert.equal(a.report!.model.paramsActive, 12_879_925_248);
    assert.equal(at(a, 'model.moe.experts'), '8');
    assert.equal(at(a, 'model.kv_heads'), '8');
    assert.equal(a.read!.run.hardware.count, 64);
    assert.equal(a.read!.run.training.pipelineParallel, 4);
    assert.equal(a.read!.run.training.activationCheckpointing, 'selective');
    assert.equal(a.report!.data.tokens, 50_000 * 512 * 4096);
  });

  it('devices: -1 is unknown, not an error', () => {
    const text = fixture('nemo', 'megatron_gpt_config.yaml').replace('devices: 8', 'devices: -1');
    const a = analyse(text, 'x.yaml');
    assert.equal(a.read!.run.hardware.count, undefined);
    assert.equal(findings(a, 'invalid-value').length, 0);
    assert.equal(findings(a, 'missing-facts', 'hardware.count').length, 1);
  });

  it('num_nodes: ${oc.env:NUM_NODES,4} leaves the world size unknown: no one-node guess, no wall clock', () => {
    const text = fixture('nemo', 'megatron_gpt_config.yaml').replace('num_nodes: 2', 'num_nodes: ${oc.env:NUM_NODES,4}');
    const a = analyse(text, 'megatron_gpt_config.yaml');
    assert.equal(a.read!.run.hardware.count, undefined);
    assert.equal(a.report!.hardware.count, null);
    assert.equal(a.report!.cost.wallClockDays, null);
    const u = findings(a, 'unresolved', 'hardware.count');
    assert.equal(u.length, 1);
    assert.equal(u[0].severity, 'information');
    assert.equal(slice(text, u[0].span), '${oc.env:NUM_NODES,4}');
    assert.equal(a.located.filter((l) => l.severity === 'error').length, 0);
    // model.global_batch_size is in sequences: tokens need no world size.
    assert.equal(a.report!.data.tokens, 100_000 * 256 * 2048);
    assert.ok(a.report!.cost.gpuHours! > 0);
  });

  it('an unresolved trainer.max_steps is said once, as unresolved; -1 says training ends by epochs or time', () => {
    const text = fixture('nemo', 'megatron_gpt_config.yaml').replace(/max_steps: 100000/, 'max_steps: ${oc.env:MAX_STEPS}');
    const a = analyse(text, 'x.yaml');
    assert.equal(a.report!.data.tokens, null);
    const tokens = a.located.filter((l) => l.field === 'data.tokens');
    assert.deepEqual(tokens.map((l) => l.code), ['unresolved']);
    assert.doesNotMatch(tokens[0].message, /not set/);
    const b = analyse(fixture('nemo', 'megatron_gpt_config.yaml').replace(/max_steps: 100000/, 'max_steps: -1'), 'x.yaml');
    const m = b.located.filter((l) => l.field === 'data.tokens');
    assert.equal(m.length, 1);
    assert.equal(m[0].code, 'missing-facts');
    assert.match(m[0].message, /max_steps is -1: training ends by max_epochs or max_time/);
    assert.equal(findings(b, 'invalid-value').length, 0);
  });

  it('a Hydra defaults list is information that composition is not followed', () => {
    const head = 'defaults:\n  - _self_\n  - optional tp_overlap@model.ub_tp_comm_overlap_cfg:\n\n';
    const a = analyse(head + fixture('nemo', 'megatron_gpt_config.yaml'), 'megatron_gpt_config.yaml');
    const d = a.located.filter((l) => l.code === 'unresolved' && /Hydra composition/.test(l.message));
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'information');
    assert.match(d[0].message, /optional tp_overlap@model\.ub_tp_comm_overlap_cfg/);
    assert.equal(slice(a.text, d[0].span), 'defaults');
    assert.equal(a.report!.model.paramsTotal, 50_304 * 768 + 2048 * 768 + 12 * (12 * 768 * 768 + 13 * 768) + 2 * 768);
  });
});
