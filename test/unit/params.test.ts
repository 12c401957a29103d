import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countParams, type CompleteShape } from '../../src/engine/params';

interface Published {
  model: string;
  shape: CompleteShape;
  total: number;
  active?: number;
  nonEmbedding?: number;
  source: string;
}

const table: Published[] = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/published-param-counts.json'), 'utf8')).models;

describe('parameter counts match published figures exactly', () => {
  for (const m of table) {
    it(`${m.model}: ${m.total.toLocaleString('en-US')}`, () => {
      const c = countParams(m.shape);
      assert.equal(c.total, m.total);
      if (m.active !== undefined) assert.equal(c.active, m.active);
      if (m.nonEmbedding !== undefined) assert.equal(c.nonEmbedding, m.nonEmbedding);
    });
  }
});
