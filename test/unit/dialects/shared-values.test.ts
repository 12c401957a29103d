// One spelling, one meaning: the framework readers parse optimizer names and FSDP strategies with
// the same parsers (src/read/values.ts), so a value written in any dialect reads the same. The
// expected canonical values are the documented ones in test/fixtures/value-spellings.json.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, fixture, FIXTURES } from './helpers';

interface Group {
  values: unknown[];
  expect: unknown;
}
const SPELLINGS = JSON.parse(readFileSync(join(FIXTURES, 'value-spellings.json'), 'utf8')) as { optimizer: Group[]; fsdp: Group[] };
const meaning = (groups: Group[], v: string): unknown => groups.find((g) => g.values.includes(v))!.expect;

/** A fixture with one line changed (the line must be there). */
function edited(dialect: string, name: string, from: string, to: string): string {
  const text = fixture(dialect, name);
  assert.ok(text.includes(from), `${dialect}/${name} has ${from}`);
  return text.replace(from, to);
}

describe('dialects share the value parsers', () => {
  it('an optimizer name means the same optimizer in every dialect (Adam is Adam, AdamW is AdamW)', () => {
    const cases: Array<[string, string, string, string]> = [
      ['gpt-neox', 'pythia-1.4b.yml', '"type": "Adam"', '"type": "%s"'],
      ['llm-foundry', 'mpt-1b.yaml', 'name: decoupled_adamw', 'name: %s'],
      ['olmo', 'OLMo-1B.yaml', 'name: adamw', 'name: %s'],
      ['nemo', 'megatron_gpt_config.yaml', 'name: distributed_fused_adam', 'name: %s'],
      ['torchtune', '8B_full.yaml', '_component_: torch.optim.AdamW', '_component_: torch.optim.%s'],
      ['axolotl', 'deepseek-v2-lite-lora.yml', 'optimizer: adamw_torch_fused', 'optimizer: %s'],
    ];
    for (const [dialect, name, from, to] of cases) {
      for (const opt of ['Adam', 'AdamW', 'SGD', 'Adafactor']) {
        const a = analyse(edited(dialect, name, from, to.replace('%s', opt)), name);
        assert.equal(a.dialect, dialect);
        assert.equal(a.read!.run.training.optimizer, meaning(SPELLINGS.optimizer, opt), `${dialect}: ${opt}`);
      }
    }
  });

  it('an FSDP sharding strategy is the same ZeRO stage in llm-foundry, OLMo and axolotl', () => {
    const olmo = fixture('olmo', 'OLMo-1B.yaml');
    assert.match(olmo, /\nfsdp:\n/);
    for (const strategy of ['FULL_SHARD', 'SHARD_GRAD_OP', 'NO_SHARD', 'HYBRID_SHARD', '_HYBRID_SHARD_ZERO2']) {
      const want = meaning(SPELLINGS.fsdp, strategy);
      const foundry = analyse(edited('llm-foundry', 'mpt-1b.yaml', 'sharding_strategy: FULL_SHARD', `sharding_strategy: ${strategy}`), 'mpt-1b.yaml');
      const o = analyse(olmo.replace(/\nfsdp:\n/, `\nfsdp:\n  sharding_strategy: ${strategy}\n`), 'OLMo-1B.yaml');
      const axolotl = analyse(edited('axolotl', 'deepseek-v2-lite-lora.yml', 'fsdp_sharding_strategy: FULL_SHARD', `fsdp_sharding_strategy: ${strategy}`), 'deepseek-v2-lite-lora.yml');
      for (const a of [foundry, o, axolotl]) assert.equal(a.read!.run.training.zeroStage, want, `${a.dialect}: ${strategy}`);
    }
  });
});
