// Training settings many dialects write the same way: a precision, an optimizer, an
// activation-checkpointing mode and an FSDP block, parsed by the shared value parsers (values.ts).

import type { Collector, Got, Path } from '../collector';
import { checkpointingOf, fsdpStage, optimizerOf, precisionOf, str } from '../values';
import { defaulted } from './provenance';

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

/** training.micro_batch_size (sequences per device per step) from the first of `paths`; the number, for batch products. */
export function readMicroBatch(c: Collector, paths: Path[]): Got | undefined {
  const micro = c.got(paths, 'training.micro_batch_size');
  if (micro) c.run.training.microBatchSize = micro.value;
  return micro;
}

/** training.activation_checkpointing from an on/off switch (every layer, or none); other values are an error on the key. */
export function readCheckpointingFlag(c: Collector, path: Path): void {
  const on = c.bool([path], 'training.activation_checkpointing');
  if (on !== undefined) c.run.training.activationCheckpointing = on ? 'full' : 'none';
}

/** training.activation_checkpointing from a key that names a mode or a flag. */
export function readCheckpointing(c: Collector, path: Path): void {
  const f = c.first([path]);
  const mode = f && checkpointingOf(f.hit.value);
  if (!f || !mode) return;
  c.run.training.activationCheckpointing = mode;
  c.record('training.activation_checkpointing', f.path, f.hit);
}

/**
 * training.zero_stage from an FSDP block (`fsdp:`, `fsdp_config:`): its sharding_strategy, or
 * FULL_SHARD (ZeRO-3), PyTorch FSDP's default, when the block names none. A strategy the parser
 * does not know leaves the stage unknown.
 */
export function readFsdpBlock(c: Collector, block: Path, framework: string): void {
  if (!c.view.isMap(block)) return;
  const st = c.hit([...block, 'sharding_strategy']);
  if (st && st.value !== null) {
    const stage = fsdpStage(st.value);
    if (stage === undefined) return;
    c.run.training.zeroStage = stage;
    c.record('training.zero_stage', [...block, 'sharding_strategy'], st);
    return;
  }
  c.run.training.zeroStage = 3;
  defaulted(c, 'training.zero_stage', `${framework} FSDP default sharding_strategy FULL_SHARD (ZeRO-3 equivalent)`, c.hit(block)?.keySpan);
}
