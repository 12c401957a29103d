// Where the time of one analyzeText goes: directives, the YAML parse, the dialect reader, each
// engine stage of analyze() (in the order analyze.ts runs them) and the document layer's own
// work. Timed as the best of many short blocks (the parse, the read and the whole analysis in
// turn), so that on a loaded machine some blocks run without preemption and the minimum stays near
// the true cost. Used by bench.ts.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { analyzeText } from '../src/document/analyzeDocument';
import { parseDirectives } from '../src/read/directives';
import { readConfig } from '../src/read/read';
import { parseDocument } from 'yaml';
import { parseYaml } from '../src/read/yamlDoc';
import { LIBRARY_OPTIONS } from '../src/read/yamlFallback';
import { assembleReport } from '../src/engine/stages/assemble';
import { budgetFindings } from '../src/engine/stages/budget';
import { computeStage } from '../src/engine/stages/compute';
import { stageContext } from '../src/engine/stages/context';
import { countStage } from '../src/engine/stages/count';
import { hardwareStage } from '../src/engine/stages/hardware';
import { inferenceStage } from '../src/engine/stages/inference';
import { lifecycleStage } from '../src/engine/stages/lifecycle';
import { deviceCountFinding, memoryStage } from '../src/engine/stages/memory';
import { positionFindings } from '../src/engine/stages/positionFindings';
import { scalingStage } from '../src/engine/stages/scaling';
import { timeStage } from '../src/engine/stages/time';
import type { RunDescription } from '../src/engine/types';

export const STAGES = ['context', 'count', 'compute', 'scaling', 'position', 'inference', 'hardware', 'time', 'budget', 'memory', 'deviceCount', 'assemble', 'lifecycle'] as const;
export type StageName = (typeof STAGES)[number];

/** analyze(), stage by stage (the same calls in the same order as src/engine/analyze.ts), adding each stage's ms to `acc`. */
function timedAnalyze(run: RunDescription, acc: Record<StageName, number>): void {
  let t = performance.now();
  const lap = (s: StageName): void => {
    const now = performance.now();
    acc[s] += now - t;
    t = now;
  };
  const ctx = stageContext(run, {});
  lap('context');
  const counts = countStage(ctx);
  lap('count');
  const compute = computeStage(ctx, counts);
  lap('compute');
  const position = scalingStage(ctx, counts, compute);
  lap('scaling');
  positionFindings(ctx, counts, compute, position);
  lap('position');
  const inferenceAware = inferenceStage(ctx, compute, position);
  lap('inference');
  const hardware = hardwareStage(ctx);
  lap('hardware');
  const time = timeStage(ctx, counts, compute, hardware);
  lap('time');
  budgetFindings(ctx, compute, position, hardware, time);
  lap('budget');
  const memory = memoryStage(ctx, counts, hardware, time);
  lap('memory');
  deviceCountFinding(ctx, hardware, time, memory);
  lap('deviceCount');
  const report = assembleReport(ctx, { counts, compute, position, inferenceAware, hardware, time, memory });
  lap('assemble');
  lifecycleStage(ctx, report, counts.shape);
  lap('lifecycle');
}

/**
 * Best mean over `blocks` short blocks (about `blockMs` each), in ms per call. Short blocks let
 * some run without being preempted on a loaded machine; the minimum is the undisturbed cost.
 */
function best(fn: () => void, blocks: number, blockMs = 1): number {
  return bestInTurn([fn], blocks, blockMs)[0];
}

/**
 * `best` for several functions, their blocks taken in turn (a, b, c, a, b, c, ...), so that a
 * quiet or a loaded spell of the machine falls on all of them and their ratios stay meaningful.
 */
function bestInTurn(fns: Array<() => void>, blocks: number, blockMs = 1): number[] {
  const n = fns.map((fn) => {
    const t0 = performance.now();
    fn();
    return Math.max(1, Math.round(blockMs / Math.max(performance.now() - t0, 1e-3)));
  });
  const min = fns.map(() => Infinity);
  for (let b = 0; b < blocks; b++) {
    fns.forEach((fn, i) => {
      const t = performance.now();
      for (let k = 0; k < n[i]; k++) fn();
      min[i] = Math.min(min[i], (performance.now() - t) / n[i]);
    });
  }
  return min;
}

export interface StageTimes {
  directives: number;
  parse: number;
  /** readConfig less the parse it contains: detection and the dialect's reader. */
  reader: number;
  engine: Record<StageName, number>;
  engineTotal: number;
  /** analyzeText less directives, readConfig and analyze(): the document layer (facts, provenance, placing findings) and what the parts cost more when run together (caches, GC). */
  document: number;
  whole: number;
}

/**
 * The same texts parsed by the yaml library (yaml.parseDocument), as any Node caller of it pays
 * the parse, with the live process.env that the library reads on every token: best-block ms per
 * text, measured in a child process (this one runs with a plain copy of the environment, as the
 * worker and the CLI do). The child runs `libraryParseChild`.
 */
export function libraryParse(texts: string[]): number[] {
  const code = `require(${JSON.stringify(__filename)}).libraryParseChild()`;
  const r = spawnSync(process.execPath, ['-e', code], { input: JSON.stringify(texts), encoding: 'utf8', env: LIVE_ENV, maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`live-environment parse: ${r.stderr}`);
  return JSON.parse(r.stdout) as number[];
}

/** In the child of libraryParse: the texts on stdin, their best-block parse ms on stdout. */
export function libraryParseChild(): void {
  const texts = JSON.parse(readFileSync(0, 'utf8')) as string[];
  const out = texts.map((t) => {
    for (let i = 0; i < 50; i++) parseDocument(t, LIBRARY_OPTIONS);
    return best(() => parseDocument(t, LIBRARY_OPTIONS), 300);
  });
  process.stdout.write(JSON.stringify(out));
}

/** The environment this process started with, before main() replaces it with a plain copy. */
const LIVE_ENV = process.env;

/** Per-part ms of analyzeText on one text (a plan that reads without a fatal problem); stage figures are each stage's best block. */
export function stageTimes(text: string, fileName: string, blocks = 300): StageTimes {
  const a = analyzeText(text, fileName);
  if (!a.read) throw new Error(`${fileName}: ${a.kind}`);
  const run = a.read.run;
  for (let i = 0; i < 50; i++) analyzeText(text, fileName);
  const directives = best(() => parseDirectives(text), blocks);
  const [parse, read, whole] = bestInTurn([() => parseYaml(text), () => readConfig(text, fileName), () => analyzeText(text, fileName)], blocks);
  const engine = Object.fromEntries(STAGES.map((s) => [s, Infinity])) as Record<StageName, number>;
  let engineTotal = Infinity;
  const n = 10;
  for (let b = 0; b < blocks; b++) {
    const acc = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<StageName, number>;
    for (let i = 0; i < n; i++) timedAnalyze(run, acc);
    for (const s of STAGES) engine[s] = Math.min(engine[s], acc[s] / n);
    engineTotal = Math.min(engineTotal, STAGES.reduce((x, s) => x + acc[s], 0) / n);
  }
  return { directives, parse, reader: Math.max(0, read - parse), engine, engineTotal, document: Math.max(0, whole - read - directives - engineTotal), whole };
}
