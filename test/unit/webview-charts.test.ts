import { strict as assert } from 'node:assert';
import { analyzeText } from '../../src/document/analyzeDocument';
import { planToYaml } from '../../src/document/planYaml';
import { analyze, type Report } from '../../src/engine/analyze';
import {
  acceleratorCsv,
  acceleratorData,
  acceleratorSummary,
  CURVE_POINTS,
  FAMILY_MULTIPLES,
  familyCsv,
  familyData,
  FRONTIER_SPAN,
  frontierCsv,
  frontierData,
  frontierSummary,
  isoFlopCsv,
  isoFlopData,
  isoFlopSummary,
  isoFlopTokens,
  lawCompute,
  memoryCsv,
  memoryData,
  panelCharts,
  pointCounts,
  toCsv,
  uniqueTokenLimit,
  wallClockKnown,
} from '../../src/engine/charts';
import { gpuHoursFor } from '../../src/engine/cost';
import { dataConstrainedLoss } from '../../src/engine/dataConstrained';
import { fmtCount, fmtFlops } from '../../src/engine/format';
import { ACCELERATORS, DEFAULT_MFU, findAccelerator, peakFlops } from '../../src/engine/hardware';
import { EPOCH, FLOPS_PER_PARAM_TOKEN, frontierLoss, LAWS, lossAt, optimalFor } from '../../src/engine/laws';
import { optimumAt, planBudget } from '../../src/engine/plan';
import { planToRun } from '../../src/engine/planRun';
import { emptyRun, type RunDescription } from '../../src/engine/types';
import { whatIfValues, withValues } from '../../src/engine/whatIf';
import { closeRel, readExample } from '../helpers';

const example = readExample;

function reportOf(name: string): { report: Report; run: RunDescription } {
  const a = analyzeText(example(name), name);
  assert.equal(a.kind, 'ok');
  return { report: a.report!, run: a.read!.run };
}

const close = closeRel;

describe('webview chart data: frontier', () => {
  const { report } = reportOf('llama-7b.plan.yaml');
  const d = frontierData(report)!;

  it('spans C/1000 to C×1000 around the config with CURVE_POINTS points on L*(C)', () => {
    const C = 6 * report.model.paramsActive! * report.data.tokens!;
    assert.ok(close(d.compute, C));
    assert.equal(d.frontier.length, CURVE_POINTS);
    assert.ok(close(d.frontier[0].x, C / FRONTIER_SPAN));
    assert.ok(close(d.frontier[d.frontier.length - 1].x, C * FRONTIER_SPAN));
    for (const p of d.frontier) assert.ok(close(p.y, frontierLoss(LAWS.epoch, p.x)));
    for (let i = 1; i < d.frontier.length; i++) assert.ok(d.frontier[i].y < d.frontier[i - 1].y, 'the frontier falls with compute');
  });

  it('puts the config at (6ND, predicted loss) and the optimum on the frontier at the same compute', () => {
    assert.ok(close(d.config.x, d.compute));
    assert.equal(d.config.y, report.scaling.loss);
    assert.equal(d.optimum.x, d.config.x);
    assert.equal(d.optimum.y, report.scaling.optimalLoss);
    assert.ok(close(d.optimum.y, frontierLoss(LAWS.epoch, d.compute), 1e-9));
    assert.ok(d.optimum.y <= d.config.y, 'nothing beats the frontier');
  });

  it('overlays a second law only when it differs from the selected one', () => {
    assert.equal(frontierData(report, { overlay: 'epoch' })!.overlay, null);
    const o = frontierData(report, { overlay: 'chinchilla' })!.overlay!;
    assert.equal(o.law, 'chinchilla');
    assert.equal(o.points.length, CURVE_POINTS);
    assert.deepEqual(o.points.map((p) => p.x), d.frontier.map((p) => p.x));
    for (const p of o.points) assert.ok(close(p.y, frontierLoss(LAWS.chinchilla, p.x)));
  });

  it('marks the family along the frontier at 0.1× to 10× the compute', () => {
    assert.equal(d.family.length, FAMILY_MULTIPLES.length);
    d.family.forEach((p, i) => assert.ok(close(p.x, d.compute * FAMILY_MULTIPLES[i])));
    for (const p of d.family) assert.ok(close(p.y, frontierLoss(LAWS.epoch, p.x), 1e-9));
  });

  it('is absent when there is no loss to place (missing tokens, fine-tunes)', () => {
    const run = emptyRun();
    run.model.params = 7e9;
    const r = analyze(run);
    assert.equal(lawCompute(r), null);
    assert.equal(frontierData(r), null);
    assert.equal(isoFlopData(r), null);
    assert.deepEqual(familyData(r), []);
    const ft = analyze({ ...emptyRun(), model: { params: 7e9 }, data: { tokens: 1e9 }, training: { finetune: 'full' } });
    assert.equal(frontierData(ft), null);
  });

  it('uses non-embedding parameters for Kaplan, as analyze does', () => {
    const a = analyzeText(example('llama-7b.plan.yaml').replace('name: llama-7b-2T', 'name: llama-7b-2T\nlaw: kaplan'), 'k.plan.yaml');
    const r = a.report!;
    assert.equal(r.scaling.law, 'kaplan');
    const k = frontierData(r)!;
    assert.ok(close(k.compute, 6 * r.model.paramsNonEmbedding! * r.data.tokens!));
    assert.ok(close(k.config.y, lossAt(LAWS.kaplan, r.model.paramsNonEmbedding!, r.data.tokens!)));
  });
});

describe('webview chart data: isoFLOP profile', () => {
  const { report } = reportOf('llama-7b.plan.yaml');
  const d = isoFlopData(report)!;

  it('draws L(N | C) with D = C/(6N) over a range holding the config and the minimum', () => {
    assert.equal(d.curve.length, CURVE_POINTS);
    for (const p of d.curve) assert.ok(close(p.y, lossAt(LAWS.epoch, p.x, d.compute / (6 * p.x))));
    assert.ok(d.range[0] < Math.min(d.config.x, d.minimum.x) && d.range[1] > Math.max(d.config.x, d.minimum.x));
  });

  it('marks the minimum, which for a parametric law is the closed-form optimum', () => {
    const o = optimalFor(LAWS.epoch, d.compute);
    assert.ok(close(d.minimum.x, o.params, 1e-4));
    assert.ok(close(d.minimum.y, o.loss, 1e-9));
    for (const p of d.curve) assert.ok(p.y >= d.minimum.y - 1e-12);
    assert.equal(d.lawOptimum, null);
  });

  it("puts the config at its own N with the report's loss", () => {
    assert.equal(d.config.x, report.model.paramsActive);
    assert.equal(d.config.y, report.scaling.loss);
    assert.equal(d.config.tokens, report.data.tokens);
  });

  it("shows the law's own rule separately when it is not the curve's minimum (Approach 1)", () => {
    const r = analyze({ ...emptyRun(), model: { params: 1e9 }, data: { tokens: 2e10 }, law: 'chinchilla-a1' });
    const i = isoFlopData(r)!;
    assert.ok(i.lawOptimum);
    assert.ok(close(i.lawOptimum.x, r.scaling.optimalParams!));
    assert.ok(i.lawOptimum.y >= i.minimum.y);
  });
});

describe('webview chart data: accelerators, memory and family', () => {
  const { report } = reportOf('llama-7b.plan.yaml');

  it('costs the same FLOPs on every accelerator with a bf16 peak, cheapest first, with price ranges', () => {
    const rows = acceleratorData(report);
    assert.equal(rows.length, ACCELERATORS.filter((a) => peakFlops(a, 'bf16')).length);
    assert.deepEqual(rows.filter((r) => r.current).map((r) => r.id), ['A100-80GB']);
    const priced = rows.filter((r) => r.usd !== null);
    for (let i = 1; i < priced.length; i++) assert.ok(priced[i].usd! >= priced[i - 1].usd!);
    for (const r of rows) {
      if (r.usdLow !== null) assert.ok(r.usdLow <= r.usd! + 1e-6 && r.usd! <= r.usdHigh! + 1e-6, r.id);
    }
    const a100 = rows.find((r) => r.current)!;
    assert.ok(close(a100.gpuHours, report.cost.gpuHours!));
    assert.ok(close(a100.days!, report.cost.wallClockDays!));
  });

  it('stacks weights, gradients, optimizer states and activations to the per-device total', () => {
    const m = memoryData(report)!;
    assert.deepEqual(m.segments.map((s) => s.id), ['weights', 'gradients', 'optimizer', 'activations']);
    assert.ok(close(m.segments.reduce((s, x) => s + x.gb, 0), m.totalGb));
    assert.equal(m.capacityGb, 80);
    assert.ok(close(m.usableGb!, 72));
    assert.equal(m.fits, m.totalGb <= 72);
    assert.equal(memoryData(report, { thresholds: { memoryHeadroom: 0.5 } })!.usableGb, 40);
  });

  it('lists the compute-optimal family for 0.1× to 10× the compute, costed on the same fleet', () => {
    const f = familyData(report);
    assert.deepEqual(f.map((x) => x.multiple), [...FAMILY_MULTIPLES]);
    for (let i = 1; i < f.length; i++) {
      assert.ok(f[i].params > f[i - 1].params && f[i].tokens > f[i - 1].tokens && f[i].loss < f[i - 1].loss);
    }
    const one = f[2];
    assert.ok(close(one.params, report.scaling.optimalParams!, 1e-9));
    assert.ok(close(f[4].usd!, 100 * f[0].usd!, 1e-9));
    assert.ok(close(one.usd!, report.cost.usd!, 1e-9));
    for (const x of f) assert.ok(close(6 * x.params * x.tokens, x.flops, 1e-9));
  });

  it('counts what the panel draws', () => {
    const c = panelCharts(report, {}, 'kaplan');
    assert.deepEqual(pointCounts(c), {
      frontier: CURVE_POINTS,
      overlay: CURVE_POINTS,
      family: 5,
      isoFlop: CURVE_POINTS,
      accelerators: c.accelerators.length,
      memory: 4,
    });
  });
});

describe('webview chart data: no device count', () => {
  // 7B on 1T tokens on A100s, the count not given: one device used to be assumed (≈ 1229 days).
  // MFU stated, so the comparison is the FLOPs alone (no goodput, which needs the count).
  const base = { ...emptyRun(), model: { params: 7e9 }, data: { tokens: 1e12 }, hardware: { accelerator: 'A100-80GB', mfu: DEFAULT_MFU } };
  const r = analyze(base);
  const rows = acceleratorData(r);
  const flops = FLOPS_PER_PARAM_TOKEN * 7e9 * 1e12;

  it('leaves the wall clock unknown and costs GPU-hours and dollars from the FLOPs alone', () => {
    assert.equal(r.hardware.count, null);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((a) => a.days === null));
    assert.equal(wallClockKnown(rows), false);
    for (const a of rows) {
      const acc = findAccelerator(a.id)!;
      const gh = gpuHoursFor(flops, peakFlops(acc, 'bf16')!, DEFAULT_MFU);
      assert.ok(close(a.gpuHours, gh), a.id);
      assert.equal(a.usd === null, !acc.price, a.id);
      if (acc.price) assert.ok(close(a.usd!, gh * acc.price.default), a.id);
    }
    assert.ok(acceleratorCsv(rows).split('\r\n')[1].split(',')[4] === '', 'no wall clock in the CSV either');
  });

  it('gives the same GPU-hours and cost once a count is set, and days = GPU-hours / count / 24', () => {
    const counted = acceleratorData(analyze({ ...base, hardware: { ...base.hardware, count: 64 } }));
    assert.equal(wallClockKnown(counted), true);
    assert.deepEqual(counted.map((a) => a.id), rows.map((a) => a.id));
    counted.forEach((a, i) => {
      assert.ok(close(a.gpuHours, rows[i].gpuHours));
      assert.equal(a.usd, rows[i].usd);
      assert.ok(close(a.days!, a.gpuHours / 64 / 24));
    });
  });

  it('says in the summary that the count is not given, with no wall clock in it', () => {
    const s = acceleratorSummary(rows, r, { metric: 'days' });
    assert.match(s, /device count is not given/);
    assert.match(s, /GPU-hours and cost do not depend on it/);
    assert.doesNotMatch(s, /\d d\)/, 'no days');
    const fewest = [...rows].sort((a, b) => a.gpuHours - b.gpuHours)[0];
    assert.ok(s.includes(`fewest GPU-hours: ${fewest.id} (${fmtCount(fewest.gpuHours)})`), s);
    const cheapest = rows.find((a) => a.usd !== null)!;
    assert.ok(s.includes(`Cheapest: ${cheapest.id} ($${fmtCount(cheapest.usd!)})`), s);
    const counted = analyze({ ...base, hardware: { ...base.hardware, count: 64 } });
    assert.match(acceleratorSummary(acceleratorData(counted), counted), /on 64 devices at 40% MFU\. Cheapest: .*; fastest: /);
  });

  it('leaves the family’s time unknown too, but not its cost', () => {
    const f = familyData(r);
    assert.equal(f.length, FAMILY_MULTIPLES.length);
    for (const x of f) {
      assert.equal(x.days, null);
      assert.ok(close(x.gpuHours!, gpuHoursFor(x.flops, peakFlops(findAccelerator('A100-80GB')!, 'bf16')!, DEFAULT_MFU)));
    }
  });
});

describe('webview chart data: repeated data', () => {
  // 1.4B on 300B tokens from 25B unique (12 epochs): the loss uses Muennighoff's D′.
  const { report } = reportOf('repeated-data.plan.yaml');
  const U = report.data.uniqueTokens!;
  const c = EPOCH.coefficients;
  const f = frontierData(report)!;
  const i = isoFlopData(report)!;
  const family = familyData(report);

  it('applies the limit exactly where analyze() does', () => {
    assert.equal(report.scaling.law, 'epoch');
    assert.ok(report.data.epochs! > 1);
    assert.equal(uniqueTokenLimit(report), U);
    assert.equal(f.uniqueTokens, U);
    assert.equal(i.uniqueTokens, U);
    const { report: plain } = reportOf('llama-7b.plan.yaml');
    assert.equal(uniqueTokenLimit(plain), null);
    // Kaplan has no parametric form for D′, and analyze() does not apply it there.
    const k = analyze({ ...emptyRun(), model: { params: 1.4e9 }, data: { tokens: 3e11, uniqueTokens: 2.5e10 }, law: 'kaplan' });
    assert.equal(uniqueTokenLimit(k), null);
    assert.ok(close(k.scaling.loss!, lossAt(LAWS.kaplan, 1.4e9, 3e11)));
  });

  it('puts the config on its own isoFLOP curve, both with the data-constrained loss', () => {
    const N = report.model.paramsActive!;
    const D = report.data.tokens!;
    assert.equal(i.config.x, N);
    assert.ok(close(i.config.y, dataConstrainedLoss(c, N, D, U), 1e-12));
    assert.ok(close(i.config.y, dataConstrainedLoss(c, N, isoFlopTokens(i, N), U), 1e-12), 'the curve through N passes through the config');
    assert.ok(!close(i.config.y, lossAt(LAWS.epoch, N, D), 1e-3), 'the unconstrained loss would be off the curve');
    for (const p of i.curve) assert.ok(close(p.y, dataConstrainedLoss(c, p.x, isoFlopTokens(i, p.x), U), 1e-12));
    for (const p of i.curve) assert.ok(p.y >= i.minimum.y - 1e-12);
    assert.ok(i.config.y >= i.minimum.y);
  });

  it('draws the data-constrained frontier, with the optimum and the 1× family row from the same optimumAt()', () => {
    for (const p of f.frontier) assert.ok(close(p.y, optimumAt('epoch', p.x, U).loss, 1e-12));
    const o = optimumAt('epoch', f.compute, U);
    assert.ok(o.constrained);
    assert.equal(f.optimum.y, o.loss);
    assert.equal(f.optimum.params, o.params);
    const one = family.find((x) => x.multiple === 1)!;
    assert.equal(one.loss, f.optimum.y);
    assert.equal(one.params, f.optimum.params);
    assert.ok(close(i.minimum.x, o.params, 1e-6), 'the isoFLOP minimum is the same optimum');
    assert.ok(close(i.minimum.y, o.loss, 1e-12));
    assert.ok(f.config.y >= f.optimum.y);
    f.family.forEach((p, k) => assert.ok(close(p.y, optimumAt('epoch', p.x, U).loss, 1e-12), `family ${k}`));
  });

  it('labels the limit and names the unconstrained optimum (the report’s) as such', () => {
    const plain = optimalFor(LAWS.epoch, f.compute);
    assert.ok(close(report.scaling.optimalLoss!, plain.loss));
    assert.ok(f.unconstrainedOptimum);
    assert.ok(close(f.unconstrainedOptimum.y, plain.loss));
    const s = frontierSummary(f);
    assert.ok(s.includes(`account for the ${fmtCount(U)} unique-token limit`), s);
    assert.ok(s.includes(`reaches ${o3(f.optimum.y)}`), s);
    assert.ok(s.includes(`With unlimited fresh data the optimum would reach ${o3(plain.loss)}`), s);
    assert.ok(isoFlopSummary(i).includes(`${fmtCount(U)} unique-token limit`));
    const { report: plainReport } = reportOf('llama-7b.plan.yaml');
    assert.doesNotMatch(frontierSummary(frontierData(plainReport)!), /unique-token/);
  });

  it('overlays a second parametric law with the same limit, and Kaplan without it (said so)', () => {
    const ch = frontierData(report, { overlay: 'chinchilla' })!;
    for (const p of ch.overlay!.points) assert.ok(close(p.y, optimumAt('chinchilla', p.x, U).loss, 1e-12));
    const k = frontierData(report, { overlay: 'kaplan' })!;
    for (const p of k.overlay!.points) assert.ok(close(p.y, frontierLoss(LAWS.kaplan, p.x), 1e-12));
    assert.match(frontierSummary(k), /no data-constrained form/);
  });
});

const o3 = (x: number): string => x.toFixed(3);

describe('webview chart data: MoE and Kaplan parameter counts', () => {
  it('names active parameters on an MoE’s isoFLOP profile and frontier', () => {
    const { report } = reportOf('mixtral-moe.plan.yaml');
    assert.notEqual(report.model.paramsActive, report.model.paramsTotal);
    const i = isoFlopData(report)!;
    assert.equal(i.config.x, report.model.paramsActive);
    assert.equal(i.params.label, 'active parameters');
    const s = isoFlopSummary(i);
    assert.match(s, /splits of active parameters and tokens/);
    const ratio = i.minimum.x / i.config.x;
    assert.ok(s.includes(`This config has ${ratio.toFixed(1)}× fewer active parameters than the minimum (${fmtCount(i.minimum.x)} active params`), s);
    assert.match(frontierSummary(frontierData(report)!), /active params on/);
    const { report: dense } = reportOf('llama-7b.plan.yaml');
    assert.equal(isoFlopData(dense)!.params.label, 'parameters');
  });

  it('explains Kaplan’s non-embedding compute next to the training FLOPs', () => {
    const a = analyzeText(example('llama-7b.plan.yaml').replace('name: llama-7b-2T', 'name: llama-7b-2T\nlaw: kaplan'), 'k.plan.yaml');
    const r = a.report!;
    const C = FLOPS_PER_PARAM_TOKEN * r.model.paramsNonEmbedding! * r.data.tokens!;
    const train = FLOPS_PER_PARAM_TOKEN * r.model.paramsActive! * r.data.tokens!;
    assert.ok(close(r.compute.flops!, train));
    assert.notEqual(fmtFlops(C), fmtFlops(train));
    const f = frontierData(r)!;
    assert.ok(close(f.compute, C));
    for (const s of [frontierSummary(f), isoFlopSummary(isoFlopData(r)!)]) {
      assert.match(s, /Kaplan et al\. 2020 count non-embedding parameters \(Sec\. 2\.1\)/);
      assert.ok(s.includes(`N = ${fmtCount(r.model.paramsNonEmbedding!)} non-embedding, ${fmtFlops(C)} FLOPs`), s);
      assert.ok(s.includes(`not the ${fmtFlops(train)} training FLOPs`), s);
    }
    assert.equal(isoFlopData(r)!.params.label, 'non-embedding parameters');
    const { report: epoch } = reportOf('llama-7b.plan.yaml');
    assert.doesNotMatch(frontierSummary(frontierData(epoch)!), /Kaplan/);
    const bare = analyze({ ...emptyRun(), model: { params: 7e9 }, data: { tokens: 1e12 }, law: 'kaplan' });
    assert.match(frontierSummary(frontierData(bare)!), /shape is not known, so all parameters are used/);
  });
});

describe('webview chart data: CSV export', () => {
  it('writes RFC 4180 rows with quoting and CRLF line ends', () => {
    const csv = toCsv(['a', 'b'], [['x,y', 'say "hi"'], [1.5, null], [true, 'line\nbreak']]);
    assert.equal(csv, 'a,b\r\n"x,y","say ""hi"""\r\n1.5,\r\ntrue,"line\nbreak"\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    assert.equal(toCsv(['id'], [['=HYPERLINK("x")'], ['+1'], ['@SUM(A1)']]), `id\r\n"'=HYPERLINK(""x"")"\r\n'+1\r\n'@SUM(A1)\r\n`);
    assert.equal(toCsv(['n'], [[-1]]), 'n\r\n-1\r\n', 'negative numbers stay numbers');
  });

  it('exports every chart with full-precision numbers', () => {
    const { report } = reportOf('llama-7b.plan.yaml');
    const c = panelCharts(report);
    const lines = (s: string) => s.trimEnd().split('\r\n');
    const f = lines(frontierCsv(c.frontier!));
    assert.equal(f[0], 'series,compute_flops,loss');
    assert.equal(f.length, 1 + CURVE_POINTS + 2 + 5);
    assert.ok(f.includes(`this config,${c.frontier!.config.x},${c.frontier!.config.y}`));
    assert.equal(lines(isoFlopCsv(c.isoFlop!)).length, 1 + CURVE_POINTS + 2);
    assert.equal(lines(acceleratorCsv(c.accelerators)).length, 1 + c.accelerators.length);
    assert.equal(lines(memoryCsv(c.memory!)).length, 1 + 4 + 3);
    assert.equal(lines(familyCsv(c.family))[0], 'compute_multiple,compute_flops,params,tokens,loss,usd,wall_clock_days,gpu_hours');
  });
});

describe('webview what-if', () => {
  const { run, report } = reportOf('llama-7b.plan.yaml');

  it('yields no values when nothing changes', () => {
    assert.deepEqual(whatIfValues(run, {}), []);
    assert.deepEqual(whatIfValues(run, { tokens: run.data.tokens, count: run.hardware.count, accelerator: run.hardware.accelerator }), []);
  });

  it('turns tokens, devices, MFU, accelerator and law into field values', () => {
    const v = whatIfValues(run, { tokens: 1.4e11, count: 256, mfu: 0.5, accelerator: 'H100-SXM', law: 'chinchilla' });
    assert.deepEqual(v, [
      { field: 'hardware.accelerator', value: 'H100-SXM' },
      { field: 'hardware.count', value: 256 },
      { field: 'hardware.mfu', value: 0.5 },
      { field: 'law', value: 'chinchilla' },
      { field: 'data.tokens', value: 1.4e11 },
    ]);
    const r = analyze(withValues(run, v));
    assert.equal(r.data.tokens, 1.4e11);
    assert.equal(r.hardware.accelerator, 'H100-SXM');
    assert.equal(r.scaling.law, 'chinchilla');
    assert.ok(r.cost.usd! < report.cost.usd!);
  });

  it('resizes a shaped model to the nearest shape and an unshaped one by its count', () => {
    const v = whatIfValues(run, { params: 13e9 });
    assert.ok(v.every((x) => ['model.layers', 'model.d_model', 'model.heads', 'model.kv_heads', 'model.ffn_hidden'].includes(x.field)));
    const r = analyze(withValues(run, v));
    assert.ok(Math.abs(Math.log(r.model.paramsTotal! / 13e9)) < 0.1, `${r.model.paramsTotal}`);
    const bare: RunDescription = { ...emptyRun(), model: { params: 7e9 }, data: { tokens: 1e12 } };
    assert.deepEqual(whatIfValues(bare, { params: 13e9 }), [{ field: 'model.params', value: 13e9 }]);
  });

  it('ignores fields it does not know and values of the wrong type, and never mutates the run', () => {
    const before = JSON.stringify(run);
    const r = withValues(run, [
      { field: 'budget.usd', value: 1 },
      { field: 'data.tokens', value: -5 },
      { field: 'hardware.count', value: 'many' },
      { field: 'law', value: 'nonsense' },
      { field: 'hardware.mfu', value: 0.3 },
    ]);
    assert.equal(JSON.stringify(run), before);
    assert.equal(r.data.tokens, run.data.tokens);
    assert.equal(r.hardware.count, run.hardware.count);
    assert.equal(r.law, run.law);
    assert.equal(r.hardware.mfu, 0.3);
    assert.equal(r.budget.usd, run.budget.usd);
  });
});

describe('planner: a plan as a run matches the plan file it writes', () => {
  it('has the same shape, parameters and memory as analysing planToYaml', () => {
    const plan = planBudget({ usd: 5e5, accelerator: 'H100-SXM', count: 64 });
    const fromRun = analyze(planToRun(plan));
    const fromYaml = analyzeText(planToYaml(plan), 'p.plan.yaml').report!;
    assert.equal(fromRun.model.paramsTotal, fromYaml.model.paramsTotal);
    assert.ok(close(fromRun.memory.perDeviceGb!, fromYaml.memory.perDeviceGb!, 1e-12));
    assert.equal(fromRun.memory!.fits, fromYaml.memory!.fits);
    assert.equal(fromRun.hardware.accelerator, fromYaml.hardware.accelerator);
  });
});
