// The MFU prior against published pre-training runs (test/fixtures/published-runs: each run's
// device-hours and source in index.json). Fails when a catalog, layout or prior change moves the
// predictions past the bounds below, or when src/engine/mfuPrior.ts is not the fit of the fixtures
// (regenerate with scripts/calibration.ts).

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrate, fitPrior } from '../../src/engine/calibration';
import { MFU_PRIOR } from '../../src/engine/mfuPrior';
import { analysedRuns, publishedRuns, RUNS_DIR } from '../../scripts/calibration-data';

describe('calibration on published runs', () => {
  const runs = analysedRuns();
  const res = calibrate(runs.map((r) => r.sample));

  it('at least 20 runs, each with a source, none stating an MFU, over A100, Hopper, TPU and a mixture of experts', () => {
    const idx = publishedRuns();
    assert.ok(idx.length >= 20);
    for (const r of idx) {
      assert.ok(existsSync(join(RUNS_DIR, r.file)), r.file);
      assert.ok(r.source.length > 20 && r.deviceHours > 0, r.id);
      assert.doesNotMatch(readFileSync(join(RUNS_DIR, r.file), 'utf8'), /mfu/i, r.id);
    }
    const accs = new Set(runs.map((r) => r.report.hardware.accelerator));
    for (const a of ['A100-80GB', 'H100-SXM', 'TPU-v4']) assert.ok(accs.has(a), a);
    assert.ok(runs.some((r) => r.report.model.paramsActive! < r.report.model.paramsTotal!), 'a mixture of experts');
  });

  it('src/engine/mfuPrior.ts is the fit of the fixtures', () => {
    for (const c of ['ampere', 'hopper', 'tpu', 'pooled'] as const) {
      assert.ok(Math.abs(MFU_PRIOR.logUtilisation[c] - res.logUtilisation[c]) < 1e-5, c);
      assert.equal(MFU_PRIOR.runs[c], res.runs[c], c);
    }
    assert.ok(Math.abs(MFU_PRIOR.heldOutP10 - res.p10) < 1e-5 && Math.abs(MFU_PRIOR.heldOutP90 - res.p90) < 1e-5);
  });

  it('in-sample predictions reproduce the analyses (the fit is what the engine uses)', () => {
    res.rows.forEach((row, i) => assert.ok(Math.abs(row.inSample / runs[i].report.cost.gpuHours! - 1) < 1e-4, row.id));
  });

  // Targets (issue): held-out median |error| <= 15%, no run beyond ±45%, coverage >= 80%. Reached:
  // the median (13.3%) and the coverage; Llama 3.1 8B misses by 55% (docs/calibration.md says why).
  // The bounds hold what is reached so a regression fails.
  it('held-out median absolute error at most 13.5% (target 15%), in-sample at most 11%', () => {
    assert.ok(res.heldOutMedianAbsError <= 0.135, String(res.heldOutMedianAbsError));
    assert.ok(res.inSampleMedianAbsError <= 0.11, String(res.inSampleMedianAbsError));
  });

  it('the held-out P10-P90 range covers at least 80% of the published runs', () => {
    assert.ok(res.coverage >= 0.8, String(res.coverage));
  });

  it('at most one run beyond ±45% held out (target none), none beyond ±56%', () => {
    const far = res.rows.filter((r) => Math.abs(r.heldOutError) > 0.45).map((r) => r.id);
    assert.ok(far.length <= 1, far.join(', '));
    assert.ok(Math.abs(res.worstHeldOutError) <= 0.56, String(res.worstHeldOutError));
  });

  it('the prior of a class is the median of its runs (least absolute deviations in log space)', () => {
    const s = (b: number, priorClass: 'ampere' | 'hopper' = 'ampere') => ({ id: String(b), priorClass, b, published: 1 });
    const fit = fitPrior([s(-1), s(-0.8), s(-0.1), s(-2, 'hopper'), s(-0.5, 'hopper')]);
    assert.equal(fit.logUtilisation.ampere, -0.8);
    assert.equal(fit.logUtilisation.hopper, -1.25);
    assert.equal(fit.logUtilisation.pooled, -0.8);
    assert.equal(fit.logUtilisation.tpu, -0.8);
  });

  it('docs/calibration.md carries the current table', () => {
    const md = readFileSync(join(__dirname, '../../../docs/calibration.md'), 'utf8');
    for (const r of res.rows) assert.ok(md.includes(`| ${r.id} |`), r.id);
    assert.ok(md.includes(`${(res.heldOutMedianAbsError * 100).toFixed(1)}%`), 'held-out median');
  });
});
