import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DIALECTS } from '../../../src/read/dialects';
import { readConfig } from '../../../src/read/read';
import { FIXTURES } from './helpers';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

describe('dialect detection', () => {
  it('every dialect of the issue is registered', () => {
    assert.deepEqual(DIALECTS.map((d) => d.id).sort(), ['axolotl', 'gpt-neox', 'hf-config', 'litgpt', 'llm-foundry', 'nemo', 'olmo', 'plan', 'torchtune']);
  });

  const root = join(FIXTURES, 'dialects');
  // One folder per dialect; files beside them (finetune-figures.json) hold published figures.
  for (const dialect of readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory())) {
    for (const f of files(join(root, dialect))) {
      it(`${dialect}/${f.slice(root.length + dialect.length + 2)} is read as ${dialect}`, () => {
        const out = readConfig(readFileSync(f, 'utf8'), basename(f));
        assert.equal(out.fatal, undefined);
        assert.equal(out.result?.dialect, dialect);
      });
    }
  }

  it('plan files stay plan files; other YAML is left alone', () => {
    const repo = join(FIXTURES, '..', '..');
    for (const f of files(join(repo, 'examples')).filter((x) => x.endsWith('.plan.yaml'))) {
      assert.equal(readConfig(readFileSync(f, 'utf8'), basename(f)).result?.dialect, 'plan', f);
    }
    const plan = 'model:\n  layers: 32\n  d_model: 4096\n  heads: 32\ndata:\n  tokens: 1T\n';
    assert.equal(readConfig(plan, 'run.yaml').result?.dialect, 'plan');
    assert.equal(readConfig('title: notes\nitems:\n  - a\n', 'notes.yaml').result, undefined);
    assert.equal(readConfig('{"name": "pkg", "version": "1.0.0"}', 'package.json').result, undefined);
    // A bare DeepSpeed config is not a NeoX run.
    assert.equal(readConfig('{"train_batch_size": 32, "zero_optimization": {"stage": 2}, "fp16": {"enabled": true}}', 'ds_config.json').result, undefined);
  });

  it('the plan reader does not claim OLMo or llm-foundry files (model: and data: blocks)', () => {
    const olmo = 'model:\n  d_model: 512\n  n_layers: 8\n  n_heads: 8\n  mlp_ratio: 8\n  weight_tying: false\ndata:\n  paths: [a.npy]\nmax_duration: 1000\nglobal_train_batch_size: 64\n';
    assert.equal(readConfig(olmo, 'olmo.yaml').result?.dialect, 'olmo');
  });
});
