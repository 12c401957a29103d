// Training settings many dialects write the same way: a precision, an optimizer and an
// activation-checkpointing mode at a key, parsed by the shared value parsers (values.ts).

import type { Collector, Path } from '../collector';
import { checkpointingOf, optimizerOf, precisionOf, str } from '../values';

/** training.precision from the first of `paths` that holds a known precision name; whether one was found. */
export function readPrecision(c: Collector, paths: Path[]): boolean {
  const f = c.first(paths);
  const p = f && precisionOf(f.hit.value);
  if (!f || !p) return false;
  c.run.training.precision = p;
  c.record('training.precision', f.path, f.hit);
  return true;
}

/** training.optimizer from the first of `paths` that holds a name (unknown names leave it unset, so AdamW is assumed). */
export function readOptimizer(c: Collector, paths: Path[]): void {
  const name = paths.map((p) => str(c.hit(p)?.value)).find((v) => v !== undefined);
  const o = optimizerOf(name);
  if (o) c.run.training.optimizer = o;
}

/** training.activation_checkpointing from a key that names a mode or a flag. */
export function readCheckpointing(c: Collector, path: Path): void {
  const f = c.first([path]);
  const mode = f && checkpointingOf(f.hit.value);
  if (!f || !mode) return;
  c.run.training.activationCheckpointing = mode;
  c.record('training.activation_checkpointing', f.path, f.hit);
}
