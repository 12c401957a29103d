// The field registry (src/engine/fields.ts) and what is generated from it: the committed JSON
// Schema and the field table of docs/plan-format.md equal what scripts/schema.ts produces, and the
// registry's columns agree with each other and with the readers' word tables.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { docsText, DOCS_FILE, SCHEMA_FILE, schemaText } from '../../scripts/schema';
import { factField, FIELD_IDS, FIELDS, FLAG_FIELDS, getField, hasField, isNumericKind, PLAN_BLOCKS, PLAN_KEYS, setField, WHAT_IF_FIELDS } from '../../src/engine/fields';
import { emptyRun } from '../../src/engine/types';
import { checkValue } from '../../src/engine/validate';
import { optimizerOf, precisionOf } from '../../src/read/values';
import { applyFact } from '../../src/read/fields';

const REGENERATE = 'run `npx tsc -p tsconfig.test.json && node out/scripts/schema.js` after changing src/engine/fields';

describe('field registry: generated files', () => {
  it('schemas/plan.schema.json is the schema generated from the registry', () => {
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), schemaText(), REGENERATE);
  });

  it('the field table of docs/plan-format.md is the one generated from the registry', () => {
    const docs = readFileSync(DOCS_FILE, 'utf8');
    assert.equal(docs, docsText(docs), REGENERATE);
  });
});

describe('field registry: columns', () => {
  it('ranges belong to numbers, words to enums, and every plan key is described with an example', () => {
    for (const id of FIELD_IDS) {
      const f = FIELDS[id];
      if (f.range || f.flagRange) assert.ok(isNumericKind(f.kind), `${id}: a range on a ${f.kind}`);
      if (f.kind === 'enum') assert.ok(f.values?.length, `${id}: an enum without values`);
      if (f.planKey !== false) assert.ok((f.doc ?? '').length > 10 && f.example !== undefined, `${id}: doc and example`);
      if (f.fact || f.whatIf || f.range) assert.ok(f.path, `${id}: settable or checked fields have a run path`);
    }
  });

  it('aliases and flags name one field each, and every field with aliases takes facts', () => {
    const aliases = FIELD_IDS.flatMap((id) => FIELDS[id].aliases ?? []);
    assert.equal(new Set(aliases).size, aliases.length);
    const flags = FIELD_IDS.flatMap((id) => FIELDS[id].flags ?? []);
    assert.equal(new Set(flags).size, flags.length);
    for (const id of FIELD_IDS) if (FIELDS[id].aliases) assert.ok(FIELDS[id].fact, id);
  });

  it('the words a plan may write for precision and optimizer are the ones the reader maps onto the values', () => {
    for (const w of FIELDS['training.precision'].words!) assert.ok(FIELDS['training.precision'].values!.includes(precisionOf(w)!), w);
    for (const w of FIELDS['training.optimizer'].words!) assert.ok(FIELDS['training.optimizer'].values!.includes(optimizerOf(w)!), w);
  });

  it('get, set and has follow the run path', () => {
    const run = emptyRun();
    setField(run, 'model.d_model', 4096);
    setField(run, 'serve.batch', 8);
    assert.equal(run.model.shape?.dModel, 4096);
    assert.equal(run.serve?.batch, 8);
    assert.equal(getField(run, 'model.d_model'), 4096);
    assert.ok(hasField(run, 'serve.batch'));
    assert.ok(!hasField(run, 'model.layers'));
    assert.ok(!hasField(run, 'not.a.field'));
  });

  it('comment names, flags and what-ifs reach the fields they name', () => {
    // The names docs/plan-format.md documents for comments and the CLI's flags.
    assert.equal(factField('gpus'), 'hardware.count');
    assert.equal(factField('world_size'), 'hardware.count');
    assert.equal(factField('vocab'), 'model.vocab_size');
    assert.equal(factField('training.micro_batch_size'), 'training.micro_batch_size');
    assert.equal(factField('model.mamba.heads'), undefined);
    assert.equal(FLAG_FIELDS['student-tokens'], 'data.tokens');
    assert.equal(FLAG_FIELDS['gpu-hours'], 'budget.gpu_hours');
    assert.deepEqual([...WHAT_IF_FIELDS].sort(), ['data.tokens', 'hardware.accelerator', 'hardware.count', 'hardware.mfu', 'law', 'model.active_params', 'model.d_model', 'model.ffn_hidden', 'model.heads', 'model.kv_heads', 'model.layers', 'model.params']);
  });

  it('facts are parsed by the field kind: counts, precisions, ZeRO stages', () => {
    const run = emptyRun();
    assert.equal(applyFact(run, 'data.tokens', '2T'), undefined);
    assert.equal(run.data.tokens, 2e12);
    assert.equal(applyFact(run, 'training.precision', 'bfloat16'), undefined);
    assert.equal(run.training.precision, 'bf16');
    assert.match(applyFact(run, 'training.zero_stage', '5') ?? '', /not a valid value/);
    assert.match(applyFact(run, 'model.moe.experts', '8') ?? '', /cannot be set this way/);
  });

  it('the --experts flag has a range of its own; the plan checks the MoE block as a whole', () => {
    assert.match(checkValue('model.moe.experts', 2e5) ?? '', /expert count must be a whole number at least 1 and at most 100000/);
    assert.equal(checkValue('model.moe.experts', 64), undefined);
  });

  it('the plan keys are the registry ids with a plan key, blocks as nested tables', () => {
    const leaves: string[] = [];
    const walk = (t: typeof PLAN_KEYS, p: string): void => {
      for (const [k, v] of Object.entries(t)) v === true ? leaves.push(p + k) : walk(v, `${p}${k}.`);
    };
    walk(PLAN_KEYS, '');
    assert.deepEqual(leaves, FIELD_IDS.filter((id) => FIELDS[id].planKey !== false));
  });
});

describe('field registry: ids written in code', () => {
  // The readers name their dialects' own keys (model.n_layers, model.encoder_seq_length) in
  // messages; everywhere else a text that looks like a plan key must be a field or block id.
  const ROOT = join(__dirname, '../../..');
  const NOT_FIELDS = new Set([
    'hardware.peak_flops', // a report figure named in a message (figureChecks.ts)
    'training.layout', // an assumption: the parallel layout chosen to fit memory (stages/time.ts)
    'hardware.prices', // a setting, scalingPlanner.hardware.prices (extension/settings.ts)
  ]);
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });
  it('every such id outside the readers is in the registry', () => {
    const known = new Set<string>([...FIELD_IDS, ...Object.keys(PLAN_BLOCKS)]);
    const id = /['"`]((?:model|data|training|hardware|budget|inference|distill|serve|post_train)\.[a-z_]+(?:\.[a-z_]+)*)['"`]/g;
    const dirs = ['src/engine', 'src/document', 'src/extension', 'src/shared', 'src/cli', 'webview'].map((d) => join(ROOT, d));
    const unknown: string[] = [];
    for (const f of dirs.flatMap(files)) for (const m of readFileSync(f, 'utf8').matchAll(id)) if (!known.has(m[1]) && !NOT_FIELDS.has(m[1])) unknown.push(`${f.slice(ROOT.length + 1)}: ${m[1]}`);
    assert.deepEqual(unknown, []);
  });
});
