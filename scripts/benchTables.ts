// Table printing for the benchmark (bench.ts): the figures' formats, and the tables of where the
// analysis spends its time (benchStages.ts) and what memory it keeps (benchMemory.ts).

import { flowList } from '../test/hostile/corpus';
import { memoryRow, planAtEntryLimit, planOfSize } from './benchMemory';
import { libraryParse, STAGES, stageTimes } from './benchStages';

export const ms = (x: number): string => (x < 0.01 ? `${(x * 1000).toFixed(2)} µs` : x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function table(title: string, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Where analyzeText's time goes per example plan (scripts/benchStages.ts), and the stage that dominates what is not the parse. */
export function stageTable(docs: Array<{ name: string; text: string }>): void {
  const library = libraryParse(docs.map((d) => d.text));
  const times = docs.map((d) => ({ name: d.name, t: stageTimes(d.text, d.name) }));
  const parts: Array<[string, (t: ReturnType<typeof stageTimes>) => number]> = [
    ['YAML parse', (t) => t.parse],
    ['directives', (t) => t.directives],
    ['reader (detect + dialect)', (t) => t.reader],
    ...STAGES.map((s): [string, (t: ReturnType<typeof stageTimes>) => number] => [`engine: ${s}`, (t) => t.engine[s]]),
    ['engine total', (t) => t.engineTotal],
    ['the rest (document layer; parts run together share caches and GC)', (t) => t.document],
    ['analyzeText', (t) => t.whole],
  ];
  const rows = parts.map(([label, f]) => [label, ...times.map(({ t }) => ms(f(t)))]);
  rows.push(['ratio to its parse', ...times.map(({ t }) => `${(t.whole / t.parse).toFixed(2)}×`)]);
  rows.push(['the yaml library\'s parse of the text (yaml.parseDocument, as any Node caller pays it)', ...library.map(ms)]);
  rows.push(['ratio to the yaml library\'s parse (target ≤ 1.3×)', ...times.map(({ t }, i) => `${(t.whole / library[i]).toFixed(2)}×`)]);
  rows.push(['largest stage after the parse', ...times.map(({ t }) => {
    // The rest is not one stage (it is mostly the parts' cost together), so it is not named here.
    const cands: Array<[string, number]> = [['reader', t.reader], ...STAGES.map((s): [string, number] => [`engine: ${s}`, t.engine[s]])];
    return cands.sort((a, b) => b[1] - a[1])[0][0];
  })]);
  table('Where analyzeText spends its time (scripts/benchStages.ts: per part, the best of 300 blocks of about 1 ms, per call; with a plain copy of process.env as the worker and the CLI run; the yaml library\'s parse measured in another process with the live one)', ['part', ...times.map((x) => x.name.replace('.plan.yaml', ''))], rows);
}

/** What the extension host keeps per analysed document, and the worker's transient memory (scripts/benchMemory.ts). */
export function memoryTable(gc: () => void, docs: Array<{ name: string; text: string }>, big: string): void {
  const inputs: Array<[string, string, string]> = [
    ...docs.filter((d) => d.name.endsWith('.plan.yaml')).map((d): [string, string, string] => [d.name, d.name, d.text]),
    ['generated (5,000 lines)', 'generated.plan.yaml', big],
    ['1 MiB plan (6,600 lines of notes)', 'big.plan.yaml', planOfSize(1024 * 1024 - 200)],
    ['20,000 short notes (the entry limit)', 'keys.plan.yaml', planAtEntryLimit()],
    ['1 MiB flow list (refused: too complex)', 'flow.plan.yaml', flowList(1024 * 1024 - 64)],
    ['19,000 lines of `- a: 1` (refused: tree > 3× and 1 MiB)', 'dense.plan.yaml', `model:\n  params: 7B\nsweep:\n${'- a: 1\n'.repeat(19_000)}`],
  ];
  const kb = (b: number): string => (b >= 1024 * 1024 ? mb(b) : `${(b / 1024).toFixed(1)} KB`);
  const x = (b: number, text: number): string => `${(b / Math.max(text, 1)).toFixed(b / text < 1 ? 3 : 1)}×`;
  const rows = inputs.map(([name, fileName, text]) => {
    const r = memoryRow(gc, name, fileName, text);
    return [name, kb(r.bytes), r.result, kb(r.retained), x(r.retained, r.bytes), r.tree ? kb(r.tree) : '-', r.tree ? x(r.tree, r.bytes) : '-', kb(r.transient), x(r.transient, r.bytes)];
  });
  table(
    'Memory per analysed document (target: ≤ 3× the text above the baseline; the YAML tree is refused past 3× the text and 1 MiB): (a) retained by the extension host = the worker\'s result after the structured clone, heap after GC; (b) worker transient: the YAML tree alive while reading, and heap growth during one analysis (garbage included)',
    ['document', 'text', 'result', '(a) host keeps', '× text', '(b) YAML tree', '× text', 'heap growth', '× text'],
    rows,
  );
}

