// Benchmarks: time per analysis against the YAML parse of the same text, scaling-law sweeps,
// the budget planner, and heap. Prints a table; asserts nothing. Run with `npm run bench`
// (compiled by tsconfig.test.json to out/scripts/bench.js).

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeText } from '../src/config/analyzeDocument';
import { parseYaml } from '../src/config/yamlDoc';
import { analyze } from '../src/engine/analyze';
import { frontierCurve, isoFlopCurve, LAWS, optimalFor } from '../src/engine/laws';
import { planBudget } from '../src/engine/plan';
import type { LawId } from '../src/engine/types';

const ROOT = join(__dirname, '../..');

interface Timing {
  median: number;
  p95: number;
  runs: number;
}

/** Runs fn repeatedly (after a warm-up) for about `budgetMs`, at least `minRuns` times. */
function time(fn: () => unknown, budgetMs = 300, minRuns = 5): Timing {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || performance.now() - start < budgetMs) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
    if (samples.length >= 100_000) break;
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p95: samples[Math.floor(samples.length * 0.95)], runs: samples.length };
}

const ms = (x: number): string => (x < 0.01 ? `${(x * 1000).toFixed(2)} µs` : x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function table(title: string, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** A plan followed by thousands of lines of nested, commented YAML the reader must step past. */
function generatedPlan(lines: number): string {
  const out = [
    '# Generated for the benchmark: a plan with a long tail of run notes.',
    'name: generated',
    'model:',
    '  architecture: llama',
    '  layers: 32',
    '  d_model: 4096',
    '  heads: 32',
    '  kv_heads: 8',
    '  vocab_size: 128256',
    '  seq_len: 8192',
    'data:',
    '  tokens: 2T',
    '  unique_tokens: 1.5T',
    'training:',
    '  precision: bf16',
    '  zero_stage: 1',
    'hardware:',
    '  accelerator: H100-SXM',
    '  count: 256',
    '  mfu: 40%',
    'budget:',
    '  usd: $2M',
    '  days: 30d',
    'notes:',
  ];
  let i = 0;
  while (out.length < lines) {
    out.push(`  run_${i}:  # sweep point ${i}`);
    out.push(`    lr: ${(3e-4 * (1 + (i % 7) / 10)).toExponential(2)}`);
    out.push(`    batch_tokens: ${(2 + (i % 5)) * 1_000_000}`);
    out.push(`    tags: [ablation, "seed-${i % 13}", warmup]`);
    out.push(`    owner: team-${i % 11}`);
    i++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function main(): void {
  const heapStart = process.memoryUsage().heapUsed;
  console.log(`Scaling Planner benchmark · Node ${process.version} · ${new Date().toISOString()}`);

  // ---- analysis vs YAML parse
  const exampleDir = join(ROOT, 'examples');
  const docs = readdirSync(exampleDir)
    .filter((f) => f.endsWith('.plan.yaml'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(exampleDir, f), 'utf8') }));
  const big = generatedPlan(5000);
  docs.push({ name: 'generated (5,000 lines)', text: big });
  const rows: string[][] = [];
  for (const d of docs) {
    const a = analyzeText(d.text, d.name.endsWith('.yaml') ? d.name : 'generated.plan.yaml');
    if (a.kind !== 'ok') throw new Error(`${d.name}: ${a.kind}`);
    // Large documents get a longer window so the median rests on more than a handful of runs.
    const window = d.text.length > 50_000 ? 3000 : 300;
    // The reader's own parse (yaml.parseDocument with its options: uniqueKeys false, strict false),
    // so the ratio is analysis over the parse it contains.
    const parse = time(() => parseYaml(d.text), window);
    const full = time(() => analyzeText(d.text, 'bench.plan.yaml'), window);
    rows.push([d.name, String(d.text.split('\n').length - 1), ms(full.median), ms(full.p95), ms(parse.median), `${(full.median / parse.median).toFixed(2)}×`, String(a.located.length)]);
  }
  table('Analysis (analyzeText) vs YAML parse (parseYaml: yaml.parseDocument with the reader\'s options) of the same text', ['document', 'lines', 'analysis', 'p95', 'parse', 'ratio', 'findings'], rows);

  // ---- engine alone on an already-read run
  const run = analyzeText(docs[0].text, docs[0].name).read!.run;
  const eng = time(() => analyze(run));
  table('Engine only (analyze on a read run)', ['run', 'median', 'p95', 'runs'], [[docs[0].name, ms(eng.median), ms(eng.p95), String(eng.runs)]]);

  // ---- time and cost stage: layout search + throughput model, on plans that state no MFU or layout
  const stageRows: string[][] = [];
  const noMfu = (text: string): string => text.replace(/^\s*mfu:.*$/m, '').replace(/^\s*(zero_stage|tensor_parallel|pipeline_parallel):.*$/gm, '');
  const runsDir = join(ROOT, 'test/fixtures/published-runs');
  const stageDocs = [
    ...docs.slice(0, 2).map((d) => ({ name: `${d.name} (no mfu, no layout)`, text: noMfu(d.text) })),
    ...['llama31-405b.plan.yaml', 'deepseek-v3.plan.yaml'].map((f) => ({ name: f, text: readFileSync(join(runsDir, f), 'utf8') })),
  ];
  for (const d of stageDocs) {
    const a = analyzeText(d.text, 'bench.plan.yaml');
    if (a.kind !== 'ok' || !a.read) throw new Error(`${d.name}: ${a.kind}`);
    const r = a.read.run;
    const withMfu = structuredClone(r);
    withMfu.hardware.mfu = a.report!.hardware.mfu;
    withMfu.training.zeroStage = a.report!.training.layout?.zeroStage ?? 0;
    withMfu.training.tensorParallel = a.report!.training.layout?.tensorParallel ?? 1;
    withMfu.training.pipelineParallel = a.report!.training.layout?.pipelineParallel ?? 1;
    const full = time(() => analyze(r));
    const fixed = time(() => analyze(withMfu));
    const whole = time(() => analyzeText(d.text, 'bench.plan.yaml'));
    const share = Math.max(0, full.median - fixed.median) / whole.median;
    stageRows.push([d.name, ms(full.median), ms(fixed.median), ms(whole.median), `${(share * 100).toFixed(1)}%`]);
  }
  table('Throughput model and layout chooser: analyze with MFU predicted and layout chosen vs the same run with both stated', ['run', 'predicted', 'stated', 'whole analysis', 'share of analysis'], stageRows);

  // ---- sweeps
  const sweepRows: string[][] = [];
  for (const id of Object.keys(LAWS) as LawId[]) {
    const law = LAWS[id];
    const frontier = time(() => frontierCurve(law, 1e18, 1e27, 200));
    const o = optimalFor(law, 1e23);
    const iso = time(() => isoFlopCurve(law, 1e23, o.params / 100, o.params * 100, 200));
    sweepRows.push([id, ms(frontier.median), ms(iso.median), ms(frontier.median / 200)]);
  }
  table('Scaling-law sweeps (200 points each)', ['law', 'frontier', 'isoFLOP at 1e23', 'per frontier point'], sweepRows);

  // ---- budget planner
  const planRows: string[][] = [];
  const requests: Array<[string, Parameters<typeof planBudget>[0]]> = [
    ['$1M on 256 H100', { usd: 1e6, accelerator: 'H100-SXM', count: 256 }],
    ['$1M, 100B unique tokens', { usd: 1e6, accelerator: 'H100-SXM', count: 256, uniqueTokens: 100e9 }],
    ['$1M, 10T inference tokens', { usd: 1e6, accelerator: 'H100-SXM', count: 256, inferenceTokens: 10e12 }],
    ['30 days on 64 A100, kaplan', { days: 30, accelerator: 'A100-80GB', count: 64, law: 'kaplan' }],
  ];
  for (const [label, req] of requests) {
    const t = time(() => planBudget(req));
    planRows.push([label, ms(t.median), ms(t.p95)]);
  }
  table('Budget planner (planBudget)', ['request', 'median', 'p95'], planRows);

  // ---- heap
  const heapEnd = process.memoryUsage().heapUsed;
  table('Heap', ['measure', 'value'], [
    ['heap used at start', mb(heapStart)],
    ['heap used at end', mb(heapEnd)],
    ['generated document size', `${(big.length / 1024).toFixed(0)} KB`],
    ['resident set size', mb(process.memoryUsage().rss)],
  ]);
  console.log(`\n(${basename(__filename)}: figures only; nothing is asserted)`);
}

main();
