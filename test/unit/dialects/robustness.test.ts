import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { DIALECTS } from '../../../src/read/dialects';
import { parseYaml, YamlView } from '../../../src/read/yamlDoc';
import { analyse, fixture } from './helpers';

// Shapes every reader looks into, filled with the wrong kinds of values.
const ODD: unknown[] = [
  [],
  'just a string',
  42,
  { model: [1, 2, 3] },
  { model: 'llama', trainer: [] },
  { model: { _component_: 42, lora_attn_modules: 'q_proj' }, batch_size: 'two' },
  { model: { d_model: 'wide', n_layers: -3, n_heads: 0 }, max_duration: 'forever', global_train_batch_size: [] },
  { model: { name: 'mpt_causal_lm', attn_config: 'flash', ffn_config: [1] }, max_duration: '12xyz', variables: 'x' },
  { model: { num_layers: '${oc.env:L}', hidden_size: '???', tokenizer: 'spm' }, trainer: { devices: 'auto', num_nodes: null, max_steps: '-1' } },
  { 'num-layers': [24], 'hidden-size': { a: 1 }, 'num-attention-heads': 'x', 'train-iters': 1e30, 'vocab-file': 7, fp16: 'yes' },
  { base_model: ['a', 'b'], adapter: 7, lora_target_modules: { q: 1 }, lora_r: 'r', deepspeed: true, fsdp: 'full_shard' },
  { model_name: 12, model_config: { n_layer: 'x', padded_vocab_size: -1 }, train: 'fast', devices: [1] },
  { model_config: [1], checkpoint_dir: {}, lora_r: 8, train: { max_tokens: 'all' } },
  { model_type: 'llama', hidden_size: 'big', num_hidden_layers: 2, num_local_experts: 'many', architectures: 'x' },
  { model_type: 'deepseek_v2', architectures: ['DeepseekV2ForCausalLM'], hidden_size: 2048, _name_or_path: 5 },
  { max_seq_len: '${variables.max_seq_len}', variables: { max_seq_len: '${max_seq_len}' }, model: { name: 'mpt_causal_lm', max_seq_len: '${max_seq_len}' }, max_duration: '1ba', global_train_batch_size: 1 },
];

function readAll(text: string): void {
  const parsed = parseYaml(text);
  for (const d of DIALECTS) {
    const view = new YamlView(parsed, d.keys);
    d.detect(view, 'config.json');
    const r = d.read(view, 'config.json', { facts: { 'hardware.count': 'x' } });
    assert.ok(r && r.run && Array.isArray(r.problems));
  }
}

describe('readers never throw on odd input', () => {
  it('hand-made odd documents, read by every dialect', () => {
    for (const doc of ODD) readAll(stringify(doc));
    readAll('');
    readAll('a: &x [*x]\n');
    readAll('a: &a\n  <<: *a\n  b: 1\nmodel: *a\n');
  });

  it('random documents, read by every dialect', () => {
    const keys = fc.constantFrom('model', 'trainer', 'train', 'num_layers', 'hidden_size', 'n_layers', 'd_model', 'max_duration', 'global_train_batch_size', 'base_model', 'adapter', 'lora_r', 'model_type', 'vocab_size', 'devices', 'num_nodes', 'max_steps', '_component_', 'tokenizer', 'epochs', 'batch_size', 'model_config', 'model_name', 'fsdp', 'precision');
    const leaf = fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.string(), fc.boolean(), fc.constant(null), fc.constantFrom('???', '${variables.x}', '1000ba', '2e12T', 'auto', '-1', 'mpt_causal_lm', 'llama', 'torchtune.models.llama3.lora_llama3_8b'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(keys, tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(keys, value, { maxKeys: 8 }), (doc) => {
        readAll(stringify(doc));
      }),
      { numRuns: 300 },
    );
  });
});

describe('readers say what was written in their messages', () => {
  // 1e400 is Infinity to a YAML parser: messages quote the file or name the problem, never "null".
  const cases: Array<[string, string, string]> = [
    ['axolotl', 'llama-3-qlora.yml', 'micro_batch_size: 2=>micro_batch_size: 1e400'],
    ['olmo', 'OLMo-1B.yaml', 'max_duration: 739_328=>max_duration: 1e400'],
    ['llm-foundry', 'mpt-7b.yaml', 'max_duration: 63900ba=>max_duration: 1e400ba'],
    ['gpt-neox', 'pythia-1.4b.yml', '"train-iters": 143000=>"train-iters": 1e400'],
  ];
  for (const [dialect, file, change] of cases) {
    it(`${dialect}: ${change.split('=>')[1]}`, () => {
      const [from, to] = change.split('=>');
      const text = fixture(dialect, file).replace(from, to);
      assert.notEqual(text, fixture(dialect, file));
      const errors = analyse(text, file).located.filter((l) => l.code === 'invalid-value');
      assert.equal(errors.length, 1, JSON.stringify(errors.map((e) => e.message)));
      assert.doesNotMatch(errors[0].message, /null|undefined|NaN/);
      assert.match(errors[0].message, /1e400|infinite|finite/);
    });
  }
});
