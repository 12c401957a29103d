// The documentation keeps up with the code: a section per finding code, every catalog row and law
// constant in docs/sources.md, every report key in docs/report-schema.md.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/engine/analyze';
import { R_D_STAR, R_N_STAR } from '../../src/engine/dataConstrained';
import { ACCELERATORS, DEFAULT_GRID_GCO2_PER_KWH, DEFAULT_MFU, DEFAULT_PUE, SOURCES } from '../../src/engine/hardware';
import { SARDANA } from '../../src/engine/inferenceAware';
import { CHINCHILLA_A1, KAPLAN, LAWS } from '../../src/engine/laws';
import { emptyRun } from '../../src/engine/types';

const ROOT = join(__dirname, '../../..');
const doc = (name: string): string => readFileSync(join(ROOT, 'docs', name), 'utf8');

const CODES = [
  'under-trained', 'over-trained', 'over-sized', 'data-repeated', 'memory-exceeded', 'over-budget', 'misses-deadline',
  'unknown-accelerator', 'unknown-model', 'missing-facts', 'invalid-value', 'inference-heavy', 'serving-capacity', 'unknown-key', 'yaml-syntax', 'unresolved', 'too-large', 'too-complex',
];

describe('docs', () => {
  it('findings.md has an anchored section for every finding code', () => {
    const md = doc('findings.md');
    for (const code of CODES) {
      assert.ok(md.includes(`<a id="${code}"></a>`), `anchor ${code}`);
      assert.ok(new RegExp(`^## ${code}$`, 'm').test(md), `section ${code}`);
    }
  });

  it('sources.md lists every accelerator, source key, law constant and default', () => {
    const md = doc('sources.md');
    for (const a of ACCELERATORS) {
      assert.ok(new RegExp(`^\\| ${a.id.replace(/[-()]/g, '\\$&')}[ |]`, 'm').test(md), `catalog row ${a.id}`);
      if (a.price) assert.ok(md.includes(a.price.checked), `${a.id} price date`);
    }
    for (const k of Object.keys(SOURCES)) assert.ok(md.includes(`**${k}**`), `source ${k}`);
    for (const law of Object.values(LAWS)) {
      assert.ok(md.includes(`\`${law.id}\``), `law ${law.id}`);
      if (law.kind === 'parametric') for (const v of Object.values(law.coefficients)) assert.ok(md.includes(String(v)), `${law.id} ${v}`);
    }
    for (const v of [CHINCHILLA_A1.coef, CHINCHILLA_A1.exp, KAPLAN.Nc, KAPLAN.Dc, KAPLAN.alphaN, KAPLAN.alphaD, KAPLAN.optCoef, KAPLAN.optExp]) {
      assert.ok(md.includes(String(v)) || md.includes(v.toExponential().replace('+', '')), `constant ${v}`);
    }
    for (const v of [R_D_STAR, R_N_STAR, SARDANA.alpha, SARDANA.beta, DEFAULT_PUE.toFixed(2), DEFAULT_GRID_GCO2_PER_KWH, DEFAULT_MFU.toFixed(2)]) assert.ok(md.includes(String(v)), `constant ${v}`);
  });

  it('report-schema.md documents every key of the report', () => {
    const md = doc('report-schema.md');
    const run = emptyRun();
    run.model.params = 7e9;
    run.data = { tokens: 140e9, uniqueTokens: 100e9 };
    run.inference.tokens = 1e12;
    run.hardware = { accelerator: 'H100', count: 8 };
    const r = analyze(run);
    for (const [block, value] of Object.entries(r)) {
      assert.ok(md.includes(`\`${block}\``), block);
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const k of Object.keys(value)) assert.ok(md.includes(`\`${k}\``), `${block}.${k}`);
    }
    for (const k of ['line', 'column', 'fix', 'file', 'dialect']) assert.ok(md.includes(`\`${k}\``), k);
  });
});
