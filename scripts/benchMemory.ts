// Memory of an analysis, as multiples of the text's size (UTF-16 code units, as the editor holds it):
//  (a) what the extension host keeps per analysed document: the worker's result after the structured
//      clone that carries it to the host (the Entry's DocumentAnalysis), measured as the heap it
//      holds after a full GC, with the text itself not counted (the editor owns it either way);
//  (b) the worker's transient peak: the YAML tree alive while the reader walks it (retained heap of
//      parseYaml after a full GC), and the heap growth during one analysis, garbage included.
// Needs a callable gc (bench.ts sets --expose-gc). Used by bench.ts.

import { runAnalysis } from '../src/extension/analysisJob';
import { MAX_ENTRIES } from '../src/read/limits';
import { parseYaml } from '../src/read/yamlDoc';

export interface MemoryRow {
  name: string;
  bytes: number;
  result: string;
  /** Heap the host keeps per document, bytes. */
  retained: number;
  /** Retained heap of the parsed YAML tree, bytes (0 when the text is refused before parsing). */
  tree: number;
  /** Heap growth during one analysis, garbage included, bytes. */
  transient: number;
}

/** The JS heap and the typed arrays' buffers (a YamlTree's nodes live in one, outside the heap). */
const used = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const heap = (gc: () => void): number => {
  gc();
  gc();
  return used();
};

/**
 * Retained bytes per value of `make()`: the slope of the heap (after full GCs) between keeping a
 * few values and keeping `copies` more, so that what the first calls leave behind (compiled code,
 * caches of the last text) does not count.
 */
function retainedBy(gc: () => void, make: () => unknown, copies: number): number {
  const keep: unknown[] = [make(), make()];
  const before = heap(gc);
  for (let i = 0; i < copies; i++) keep.push(make());
  const after = heap(gc);
  if (keep.length !== copies + 2) throw new Error('unreachable');
  return Math.max(0, (after - before) / copies);
}

export function memoryRow(gc: () => void, name: string, fileName: string, text: string): MemoryRow {
  const request = { text, fileName, maxFileSizeKb: 1024, options: {} };
  const first = runAnalysis(request);
  const result = first.kind === 'done' ? `${first.analysis.kind}, ${first.analysis.located.length} findings${first.analysis.kind === 'fatal' ? ` (${first.analysis.located[0]?.code})` : ''}` : first.kind;
  const copies = text.length > 100_000 ? 20 : 60;
  // The host's copy: what postMessage's structured clone makes of the worker's result.
  const retained = retainedBy(gc, () => structuredClone(runAnalysis(request)), copies);
  const tree = first.kind === 'done' && first.analysis.kind !== 'fatal' ? retainedBy(gc, () => parseYaml(text), text.length > 100_000 ? 3 : copies) : 0;
  const before = heap(gc);
  const probe = runAnalysis(request);
  const grown = used() - before;
  if (!probe) throw new Error('unreachable');
  return { name, bytes: text.length, result, retained, tree, transient: Math.max(0, grown) };
}

/** A plan of about `bytes` characters that stays under the complexity limit (long lines of run notes). */
export function planOfSize(bytes: number): string {
  const head = 'name: big\nmodel:\n  params: 7B\n  seq_len: 4096\ndata:\n  tokens: 1T\nhardware:\n  accelerator: H100-SXM\n  count: 64\nnotes:\n';
  const out = [head];
  let n = head.length;
  for (let i = 0; n < bytes - 200; i++) {
    const line = `  run_${i}: "sweep point ${i}: ${'lr warm-up and decay schedule and data mix as in the base run; '.repeat(2)}"\n`;
    out.push(line);
    n += line.length;
  }
  return out.join('');
}

/** A plan with as many short notes as the entry limit lets through (the largest YAML tree a file can make). */
export function planAtEntryLimit(): string {
  const head = 'name: keys\nmodel:\n  params: 7B\ndata:\n  tokens: 1T\nhardware:\n  accelerator: H100-SXM\n  count: 64\nnotes:\n';
  const lines = [head];
  // Each non-blank line is one entry; the head has 9.
  for (let i = 0; i < MAX_ENTRIES - 10; i++) lines.push(`  k${i}: ${i}\n`);
  return lines.join('');
}
