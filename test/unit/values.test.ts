// The value parsers the readers share (src/read/values.ts), against the spellings frameworks
// document (test/fixtures/value-spellings.json, a source per group).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boolOf, checkpointingOf, COMPOSER_UNITS, durationOf, fsdpStage, OLMO_UNITS, optimizerOf, precisionOf, type DurationUnit } from '../../src/read/values';

interface Group {
  values: unknown[];
  expect: unknown;
  source: string;
}
interface DurationCase {
  value: unknown;
  expect?: { value: number; unit: string };
  error?: string;
  source: string;
}
interface Spellings {
  bool: Group[];
  precision: Group[];
  optimizer: Group[];
  fsdp: Group[];
  checkpointing: Group[];
  duration: { composer: DurationCase[]; olmo: DurationCase[]; invalid: DurationCase[] };
}

const SPELLINGS = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/value-spellings.json'), 'utf8')) as Spellings;

function checkGroups(groups: Group[], parse: (v: unknown) => unknown): void {
  assert.ok(groups.length > 0);
  for (const g of groups) {
    assert.ok(g.source, 'every group has a source');
    for (const v of g.values) assert.equal(parse(v), g.expect ?? undefined, `${JSON.stringify(v)} (${g.source})`);
  }
}

describe('value parsers (src/read/values.ts)', () => {
  it('booleans: the YAML 1.1 words PyYAML and OmegaConf resolve, numbers by their truth value; "none" is not a boolean', () => {
    checkGroups(SPELLINGS.bool, boolOf);
    assert.equal(boolOf(' yes '), true, 'surrounding space is ignored');
  });

  it('precisions: Lightning, Composer, GPT-NeoX and torch spellings', () => {
    checkGroups(SPELLINGS.precision, precisionOf);
  });

  it('optimizers: torch.optim classes, Hugging Face Trainer names, llm-foundry and bitsandbytes, by family when unlisted', () => {
    checkGroups(SPELLINGS.optimizer, optimizerOf);
  });

  it('FSDP sharding strategies as ZeRO stages: FULL_SHARD 3, SHARD_GRAD_OP 2, NO_SHARD 0, HYBRID_SHARD 3, _HYBRID_SHARD_ZERO2 2', () => {
    checkGroups(SPELLINGS.fsdp, fsdpStage);
  });

  it('activation checkpointing: NeMo/Megatron granularity and OLMo strategies', () => {
    checkGroups(SPELLINGS.checkpointing, checkpointingOf);
  });

  it('durations: Composer time strings (10ba, 2ep, 1000tok, 1000sp, 0.5dur) and OLMo max_duration (2e12T, 739_328, 3ep)', () => {
    const cases: Array<[DurationCase[], Readonly<Record<string, DurationUnit>>]> = [
      [SPELLINGS.duration.composer, COMPOSER_UNITS],
      [SPELLINGS.duration.olmo, OLMO_UNITS],
    ];
    for (const [list, units] of cases) {
      for (const d of list) assert.deepEqual(durationOf(d.value, units, 'steps'), d.expect, `${String(d.value)} (${d.source})`);
    }
    for (const d of SPELLINGS.duration.invalid) {
      const got = durationOf(d.value, COMPOSER_UNITS, 'steps');
      assert.ok('error' in got && got.error.startsWith(d.error!), `${String(d.value)}: ${JSON.stringify(got)}`);
    }
  });
});
