import { strict as assert } from 'node:assert';
import { analyse, analyseFixture, at, findings, fixture, slice } from './helpers';

describe('dialect: Hugging Face config.json', () => {
  const cases: Array<[string, number, number?, number?]> = [
    ['llama-2-7b', 6_738_415_616],
    ['mixtral-8x7b', 46_702_792_704, 12_879_925_248],
    ['qwen2.5-0.5b', 494_032_768, undefined, 357_898_112],
    ['gpt2', 124_439_808],
    ['gemma-2-9b', 9_241_705_984],
  ];
  for (const [dir, total, active, nonEmb] of cases) {
    it(`${dir}/config.json: ${total.toLocaleString('en-US')}`, () => {
      const a = analyseFixture('hf-config', `${dir}/config.json`);
      assert.equal(a.dialect, 'hf-config');
      assert.equal(a.report!.model.paramsTotal, total);
      if (active !== undefined) assert.equal(a.report!.model.paramsActive, active);
      if (nonEmb !== undefined) assert.equal(a.report!.model.paramsNonEmbedding, nonEmb);
    });
  }

  it('lands on the JSON keys', () => {
    const a = analyseFixture('hf-config', 'mixtral-8x7b/config.json');
    assert.equal(at(a, 'model.layers'), '32');
    assert.equal(at(a, 'model.moe.experts'), '8');
    assert.equal(at(a, 'model.moe.top_k'), '2');
    assert.equal(at(a, 'model.kv_heads'), '8');
    const g = analyseFixture('hf-config', 'gpt2/config.json');
    assert.equal(at(g, 'model.d_model'), '768');
  });

  it('a model-only file gets no errors, and is told where training facts go', () => {
    const a = analyseFixture('hf-config', 'mixtral-8x7b/config.json');
    assert.equal(a.located.filter((l) => l.severity === 'error' || l.severity === 'warning').length, 0);
    assert.match(findings(a, 'missing-facts', 'data.tokens')[0].message, /scalingPlanner\.facts/);
    const b = analyseFixture('hf-config', 'mixtral-8x7b/config.json', { facts: { 'data.tokens': '1T' } });
    assert.equal(b.report!.data.tokens, 1e12);
    assert.equal(findings(b, 'missing-facts', 'data.tokens').length, 0);
  });
});

describe('dialect: Hugging Face config.json, architectures without a countable shape', () => {
  it('DeepSeek-V2-Lite (MLA + MoE) is looked up by _name_or_path and carries its published counts', () => {
    const text = JSON.stringify({ _name_or_path: 'deepseek-ai/DeepSeek-V2-Lite', architectures: ['DeepseekV2ForCausalLM'], model_type: 'deepseek_v2', hidden_size: 2048, num_hidden_layers: 27, kv_lora_rank: 512, vocab_size: 102400 }, null, 2);
    const a = analyse(text, 'config.json');
    assert.equal(a.dialect, 'hf-config');
    assert.equal(a.report!.model.paramsTotal, 15.7e9);
    assert.equal(a.report!.model.paramsActive, 2.4e9);
    assert.equal(findings(a, 'unknown-model').length, 0);
  });
  it('an unknown model_type says which types are counted', () => {
    const a = analyse(JSON.stringify({ architectures: ['FalconForCausalLM'], model_type: 'falcon', hidden_size: 4544, num_hidden_layers: 32 }), 'config.json');
    const u = findings(a, 'unknown-model');
    assert.equal(u.length, 1);
    assert.match(u[0].message, /falcon/);
  });

  it('impossible sizes are errors on the JSON key, never a silent count', () => {
    // num_local_experts: 0 is not a dense Mixtral: no parameter count at all.
    const mix = fixture('hf-config', 'mixtral-8x7b/config.json').replace(/"num_local_experts": 8/, '"num_local_experts": 0');
    const m = analyse(mix, 'config.json');
    const e = findings(m, 'invalid-value');
    assert.equal(e.length, 1);
    assert.equal(e[0].severity, 'error');
    assert.match(e[0].message, /num_local_experts: 0 is not possible/);
    assert.equal(slice(mix, e[0].span), '0');
    assert.equal(m.report!.model.paramsTotal, null);
    // num_attention_heads: 0 on Llama: an error on that key, and the count says what it lacks.
    const llama = fixture('hf-config', 'llama-2-7b/config.json').replace(/"num_attention_heads": 32/, '"num_attention_heads": 0');
    const l = analyse(llama, 'config.json');
    const h = findings(l, 'invalid-value', 'model.heads');
    assert.equal(h.length, 1);
    assert.equal(h[0].severity, 'error');
    assert.match(h[0].message, /num_attention_heads: 0 is not possible: a model needs at least one attention head/);
    assert.equal(slice(llama, h[0].span), '0');
    assert.equal(l.report!.model.paramsTotal, null);
  });
});
