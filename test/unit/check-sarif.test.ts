// SARIF from check and analyze validates against the OASIS SARIF 2.1.0 JSON Schema
// (test/fixtures/sarif, with its source), with a rule per finding code linked to its section of
// docs/findings.md, levels from severities and the region of each finding's YAML value.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { findingSectionLines } from '../../src/document/display';
import { main } from '../../src/cli/main';
import { RULE_DESCRIPTIONS } from '../../src/cli/rules';
import { checkIn } from './check.test';

const ROOT = join(__dirname, '../../..');
const TREE = join(ROOT, 'test/fixtures/check-tree');

function validator(): (data: unknown) => string | null {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  // Draft-04 `id` is draft-06+ `$id`; nothing else in the schema is draft-04 only.
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? null : ajv.errorsText(validate.errors));
}

describe('SARIF 2.1.0 output', () => {
  const validate = validator();
  const sarif = JSON.parse(checkIn(TREE, '--format', 'sarif').stdout);
  const run = sarif.runs[0];

  it('validates against the SARIF 2.1.0 schema', () => {
    assert.equal(validate(sarif), null);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
  });

  it('the schema check is not vacuous: a result without a message fails it', () => {
    const broken = structuredClone(sarif);
    delete broken.runs[0].results[0].message;
    assert.notEqual(validate(broken), null);
  });

  it('the driver has a rule for every finding code, each with a description and a docs/findings.md anchor', () => {
    const driver = run.tool.driver;
    assert.equal(driver.name, 'scaling-planner');
    assert.equal(driver.version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const anchors = findingSectionLines(readFileSync(join(ROOT, 'docs/findings.md'), 'utf8'));
    const ids = driver.rules.map((r: { id: string }) => r.id);
    for (const code of Object.keys(anchors)) assert.ok(ids.includes(code), `rule ${code}`);
    for (const r of driver.rules) {
      assert.ok(r.shortDescription.text.length > 10, r.id);
      const m = /\/docs\/findings\.md#([a-z-]+)$/.exec(r.helpUri);
      assert.ok(m && anchors[m[1]] !== undefined, `${r.id}: ${r.helpUri}`);
    }
    assert.deepEqual(Object.keys(RULE_DESCRIPTIONS).sort(), Object.keys(anchors).sort());
  });

  it('results: rule ids, levels from severities, 1-based regions at the YAML value', () => {
    for (const res of run.results) assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    const mem = run.results.find((r: { ruleId: string; level: string }) => r.ruleId === 'memory-exceeded' && r.level === 'error');
    assert.ok(mem);
    const loc = mem.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'plans/memory-error.plan.yaml', uriBaseId: '%SRCROOT%' });
    assert.equal(loc.region.startLine, 10);
    assert.equal(loc.region.startColumn, 15);
    const under = run.results.find((r: { ruleId: string }) => r.ruleId === 'under-trained');
    assert.equal(under.level, 'warning');
    assert.equal(under.locations[0].physicalLocation.region.startLine, 7);
    const levels = new Set(run.results.map((r: { level: string }) => r.level));
    assert.ok(levels.has('note') && !levels.has('information') && !levels.has('hint'));
  });

  it('analyze --format sarif validates too', () => {
    let out = '';
    main(['analyze', join(TREE, 'neox/pythia-1.4b.yml'), '--format', 'sarif'], { out: (t) => (out += t), err: () => undefined });
    const one = JSON.parse(out);
    assert.equal(validate(one), null);
    assert.ok(one.runs[0].results.length > 0);
  });

  it('a finding with a quick fix carries it as a SARIF fix: the values written, or the key renamed', () => {
    // memory-error.plan.yaml states zero_stage: 0 on line 10, column 15; its fix writes a sharded layout there.
    const mem = run.results.find((r: { ruleId: string; level: string }) => r.ruleId === 'memory-exceeded' && r.level === 'error');
    const change = mem.fixes[0].artifactChanges[0];
    assert.deepEqual(change.artifactLocation, { uri: 'plans/memory-error.plan.yaml', uriBaseId: '%SRCROOT%' });
    const zero = change.replacements.find((x: { deletedRegion: { startLine: number } }) => x.deletedRegion.startLine === 10);
    assert.ok(zero, JSON.stringify(change.replacements));
    assert.deepEqual(zero.deletedRegion, { startLine: 10, startColumn: 15, endLine: 10, endColumn: 16 });
    assert.match(zero.insertedContent.text, /^[123]$/);
    assert.ok(mem.fixes[0].description.text.length > 0);

    let out = '';
    main(['analyze', join(ROOT, 'test/fixtures/plans/typo.plan.yaml'), '--format', 'sarif'], { out: (t) => (out += t), err: () => undefined });
    const one = JSON.parse(out);
    assert.equal(validate(one), null);
    const typo = one.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'unknown-key');
    // `  toknes: 140B` on line 5: the key's six characters become `tokens`.
    assert.deepEqual(typo.fixes, [
      {
        description: { text: 'Rename to tokens' },
        artifactChanges: [{ artifactLocation: typo.locations[0].physicalLocation.artifactLocation, replacements: [{ deletedRegion: { startLine: 5, startColumn: 3, endLine: 5, endColumn: 9 }, insertedContent: { text: 'tokens' } }] }],
      },
    ]);
  });
});
