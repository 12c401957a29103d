import { strict as assert } from 'node:assert';
import { analyse, analyseFixture, at, findings, fixture, slice, source } from './helpers';

describe('dialect: llm-foundry', () => {
  it('reads the mpt-7b recipe exactly: 6,658,859,008 parameters, 63900ba x 1024 x 2048 tokens', () => {
    const a = analyseFixture('llm-foundry', 'mpt-7b.yaml');
    assert.equal(a.dialect, 'llm-foundry');
    assert.equal(a.report!.model.paramsTotal, 6_658_859_008);
    assert.equal(a.report!.data.tokens, 63_900 * 1024 * 2048);
    assert.equal(a.read!.run.training.steps, 63_900);
    assert.equal(a.read!.run.training.zeroStage, 3);
    assert.equal(a.read!.run.training.precision, 'bf16');
    assert.equal(a.read!.run.training.activationCheckpointing, 'full');
  });

  it('resolves ${variables.*} to where the number is written', () => {
    const a = analyseFixture('llm-foundry', 'mpt-7b.yaml');
    const seq = source(a, 'model.seq_len');
    assert.equal(at(a, 'model.seq_len'), '2048');
    // The value lives in the variables block; the key is the one that refers to it.
    assert.ok(seq.span!.start < a.text.indexOf('max_seq_len: ${variables.max_seq_len}'));
    assert.equal(slice(a.text, seq.keySpan), 'max_seq_len');
    assert.equal(at(a, 'data.tokens'), '63900');
    assert.equal(source(a, 'data.tokens').scale, 1024 * 2048);
    assert.equal(findings(a, 'unresolved').length, 0);
  });

  it('reads mpt-1b (older ${max_seq_len} layout): 1,315,950,592 parameters', () => {
    const a = analyseFixture('llm-foundry', 'mpt-1b.yaml');
    assert.equal(a.report!.model.paramsTotal, 1_315_950_592);
    assert.equal(a.report!.data.tokens, 24_800 * 512 * 2048);
  });

  it('takes MPT defaults for keys the file leaves out, and says so', () => {
    const text = ['model:', '  name: mpt_causal_lm', '  n_layers: 32', '  d_model: 4096', '  n_heads: 32', 'max_duration: 1000ba', 'global_train_batch_size: 512', 'precision: amp_bf16'].join('\n');
    const a = analyse(text, 'x.yaml');
    assert.equal(a.dialect, 'llm-foundry');
    // expansion_ratio 4, vocab 50,368, max_seq_len 2,048, learned positions, biases, tied.
    assert.equal(a.report!.model.paramsTotal, 6_658_859_008);
    assert.equal(source(a, 'model.vocab_size').origin, 'default');
    assert.match(source(a, 'model.vocab_size').note!, /MPT default/);
    assert.equal(a.report!.data.tokens, 1000 * 512 * 2048);
  });

  it('understands the Composer units tok, sp and ep', () => {
    const base = ['model:', '  name: mpt_causal_lm', '  n_layers: 2', '  d_model: 256', '  n_heads: 4', '  max_seq_len: 1024', 'global_train_batch_size: 8'];
    const tokensOf = (d: string): number | null => analyse([...base, `max_duration: ${d}`].join('\n'), 'x.yaml').report!.data.tokens;
    assert.equal(tokensOf('5000000tok'), 5_000_000);
    assert.equal(tokensOf('1000sp'), 1000 * 1024);
    assert.equal(tokensOf('10ba'), 10 * 8 * 1024);
    const ep = analyse([...base, 'max_duration: 2ep'].join('\n'), 'x.yaml');
    assert.equal(ep.report!.data.tokens, null);
    assert.equal(findings(ep, 'missing-facts', 'data.tokens').length, 1);
  });

  it('an interpolation it cannot resolve is unknown (information), never an error', () => {
    const text = ['model:', '  name: mpt_causal_lm', '  n_layers: ${oc.env:N_LAYERS}', '  d_model: 256', '  n_heads: 4', 'max_duration: 10ba', 'global_train_batch_size: 8'].join('\n');
    const a = analyse(text, 'x.yaml');
    const u = findings(a, 'unresolved');
    assert.equal(u.length, 1);
    assert.equal(u[0].severity, 'information');
    assert.equal(slice(text, u[0].span), '${oc.env:N_LAYERS}');
    assert.equal(a.located.filter((l) => l.severity === 'error' && l.code !== 'memory-exceeded').length, 0);
  });

  it('reads hf_causal_lm models by name and PEFT LoRA', () => {
    const text = ['model:', '  name: hf_causal_lm', '  pretrained: true', '  pretrained_model_name_or_path: mistralai/Mistral-7B-v0.1', '  peft_config:', '    peft_type: LORA', '    r: 16', '    lora_alpha: 32', '    target_modules: [q_proj, v_proj]', 'max_seq_len: 2048', 'max_duration: 1ep', 'global_train_batch_size: 16', 'train_loader:', '  name: finetuning'].join('\n');
    const a = analyse(text, 'ft.yaml');
    assert.equal(a.dialect, 'llm-foundry');
    assert.equal(a.report!.model.paramsTotal, 7_241_732_096);
    assert.equal(a.read!.run.training.finetune, 'lora');
    assert.equal(a.report!.model.paramsTrainable, 32 * (16 * (4096 + 4096) + 16 * (4096 + 1024)));
    assert.match(findings(a, 'missing-facts', 'data.tokens')[0].message, /tokens=/);
  });

  it('memory fit under FSDP waits for the device count instead of assuming one device', () => {
    const a = analyseFixture('llm-foundry', 'mpt-7b.yaml');
    assert.equal(findings(a, 'memory-exceeded').length, 0);
    assert.equal(a.report!.memory.fits, null);
    assert.match(findings(a, 'missing-facts', 'hardware.count')[0].message, /memory fit/);
    const b = analyse(`# scaling-planner: gpus=8\n${a.text}`, 'mpt-7b.yaml');
    assert.equal(b.report!.memory.fits, true);
    assert.equal(b.read!.run.hardware.count, 8);
    assert.equal(findings(b, 'memory-exceeded').length, 0);
    assert.ok(b.report!.cost.wallClockDays! > 0);
  });

  it('run_name: ${variables.run_name} is followed to the name written under variables', () => {
    const text = fixture('llm-foundry', 'mpt-7b.yaml').replace('  run_name:  # If left blank', '  run_name: mpt-7b-c4  # If left blank');
    assert.equal(analyse(text, 'mpt-7b.yaml').report!.name, 'mpt-7b-c4');
    // Left blank (read from $RUN_NAME at launch): no name, and no finding about it.
    const blank = analyseFixture('llm-foundry', 'mpt-7b.yaml');
    assert.equal(blank.report!.name, null);
    assert.equal(blank.located.filter((l) => l.field === 'name').length, 0);
  });

  it('max_duration: ${variables.gbs}0ba is unknown once, never also "not set"', () => {
    const text = fixture('llm-foundry', 'mpt-7b.yaml').replace('max_duration: 63900ba', 'max_duration: ${variables.gbs}0ba');
    const a = analyse(text, 'mpt-7b.yaml');
    assert.equal(a.report!.data.tokens, null);
    const t = a.located.filter((l) => l.field === 'data.tokens');
    assert.deepEqual(t.map((l) => l.code), ['unresolved']);
    assert.equal(slice(text, t[0].span), '${variables.gbs}0ba');
    assert.doesNotMatch(t[0].message, /not set/);
  });
});
