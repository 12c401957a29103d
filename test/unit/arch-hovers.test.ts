import { strict as assert } from 'node:assert';
import { describeField, fieldAt } from '../../src/document/describe';
import { analyseFixture } from './dialects/helpers';

/** The hover text on a config.json key, as the editor shows it. */
function hoverOn(dir: string, key: string): { field: string; text: string } {
  const a = analyseFixture('hf-config', `${dir}/config.json`);
  const at = fieldAt(a, a.text.indexOf(`"${key}"`) + 2);
  assert.ok(at, `no field at ${key}`);
  return { field: at.field, text: describeField(a, at.field, at.source) };
}

describe('hovers on MLA and sliding-window keys of config.json', () => {
  it('DeepSeek-V3 kv_lora_rank explains MLA', () => {
    const h = hoverOn('deepseek-v3', 'kv_lora_rank');
    assert.equal(h.field, 'model.attention.kv_lora_rank');
    assert.match(h.text, /MLA/);
  });
  it('DeepSeek-V3 qk_rope_head_dim and q_lora_rank have their own explanations', () => {
    assert.equal(hoverOn('deepseek-v3', 'qk_rope_head_dim').field, 'model.attention.qk_rope_head_dim');
    assert.equal(hoverOn('deepseek-v3', 'q_lora_rank').field, 'model.attention.q_lora_rank');
  });
  it('Gemma 3 sliding_window explains local and global layers', () => {
    const h = hoverOn('gemma-3-4b', 'sliding_window');
    assert.match(h.field, /sliding_window/);
    assert.match(h.text, /window|previous tokens/i);
  });
});

describe('the tokens hover names its law once', () => {
  it('the Epoch law with its full citation (arXiv:2404.10102), not its short and long citations in two brackets', async () => {
    const { analyzeText } = await import('../../src/document/analyzeDocument');
    const a = analyzeText('model:\n  params: 20B\ndata:\n  tokens: 100B\n', 'x.plan.yaml');
    const text = describeField(a, 'data.tokens', a.read!.sources['data.tokens']!);
    assert.match(text, /under Epoch AI refit of Chinchilla \\?\(Besiroglu, Erdil, Barnett & You 2024, arXiv:2404\.10102/);
    assert.ok(!/\) \\?\(/.test(text), text);
  });
});
