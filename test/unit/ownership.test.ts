// Owned-cluster cost (Epoch AI's cost model; reference frontier.md §7) and GPT-3 on V100s at 2020
// cloud prices against published estimates (test/fixtures/published-runs/gpt3-cost.json).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';
import type { Report } from '../../src/engine/analyze';
import { ownedHourlyCost } from '../../src/engine/ownership';
import { assertNear } from '../helpers';

const report = (text: string): Report => analyzeText(text, 'run.plan.yaml').report!;
const near = assertNear;

describe('owned cluster (Epoch AI cost model)', () => {
  it('H100 at $33,810, PUE 1.25: $1.2433 + $0.2916 + $0.0987 = $1.634 per GPU-hour (reference [D])', () => {
    const c = ownedHourlyCost({ purchasePrice: 33810, powerW: 700, pue: 1.25 });
    near(c.capex, 1.2433, 2e-3, 'capex');
    near(c.interconnect, 0.2916, 2e-3, 'interconnect');
    near(c.energy, 0.0987, 2e-3, 'energy');
    near(c.total, 1.634, 2e-3, 'total');
  });

  it('a plan with ownership: owned prices its device-hours from the purchase, with an assumption saying so', () => {
    const r = report('model:\n  params: 7B\ndata:\n  tokens: 1T\nhardware:\n  accelerator: H100-SXM\n  count: 64\n  pue: 1.25\n  ownership: owned\n');
    near(r.hardware.pricePerHour!, 1.634, 2e-3, 'price');
    assert.equal(r.hardware.ownership, 'owned');
    assert.ok(r.assumptions.some((a) => a.field === 'hardware.price_per_hour' && /owned/.test(a.note ?? '')));
    const four = report('model:\n  params: 7B\ndata:\n  tokens: 1T\nhardware:\n  accelerator: H100-SXM\n  ownership: owned\n  purchase_price: $40k\n  amortization_years: 4\n');
    assert.ok(Math.abs(four.hardware.ownedCost!.capex - 40000 / (4 * 8766)) < 1e-9);
  });

  it('an owned accelerator without a purchase price says what is missing', () => {
    const r = report('model:\n  params: 7B\ndata:\n  tokens: 1T\nhardware:\n  accelerator: A100-80GB\n  ownership: owned\n');
    assert.ok(r.findings.some((f) => f.code === 'missing-facts' && f.field === 'hardware.purchase_price'));
  });
});

describe('GPT-3 on V100s at 2020 cloud prices', () => {
  const fx = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/published-runs/gpt3-cost.json'), 'utf8'));
  const r = report(`model:\n  architecture: gpt\n  layers: 96\n  d_model: 12288\n  heads: 96\n  vocab_size: 50257\n  seq_len: 2048\n  positions: learned\ndata:\n  tokens: 300B\nhardware:\n  accelerator: V100\n  mfu: ${fx.mfu.value}\n`);

  it('3,640 PF-days', () => near(r.compute.pfDays!, 3640, 0.01, 'PF-days'));

  it('the catalog price lands inside the published 90% interval around $12M; its range spans Lambda\'s $4.6M to above $12M', () => {
    const [cottier, lambda] = fx.estimates;
    assert.ok(r.cost.usd! >= cottier.low && r.cost.usd! <= cottier.high, String(r.cost.usd));
    const low = r.cost.gpuHours! * r.hardware.priceRange!.low;
    const high = r.cost.gpuHours! * r.hardware.priceRange!.high;
    near(low, lambda.usd, 0.1, 'at $1.50/h');
    assert.ok(high >= cottier.usd, String(high));
  });
});
