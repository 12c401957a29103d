// What a file writes at a key beyond a number: whether it is written at all, a flag, a list of
// names, and the Hydra `defaults:` list that is not followed.

import type { Collector } from '../collector';
import { boolOf } from '../values';

type Path = Array<string | number>;

/** Whether a key is written in the file, even with a value the reader could not use (unresolved, invalid). */
export function present(c: Collector, path: Path): boolean {
  const h = c.hit(path);
  return !!h && h.value !== null;
}

/** A flag at a key (values.ts boolOf), undefined when absent or not a boolean; no finding, no source. */
export function flagAt(c: Collector, path: Path): boolean | undefined {
  return boolOf(c.hit(path)?.value);
}

/** The scalar values of a sequence or a single scalar at a path (lists of module names). */
export function stringList(c: Collector, path: Path): string[] | undefined {
  const h = c.hit(path);
  if (!h) return undefined;
  if (typeof h.value === 'string') return h.value.split(/[\s,]+/).filter(Boolean);
  if (h.value !== undefined) return undefined;
  return c.view.scalars(path);
}

/**
 * Hydra composition (a top-level `defaults:` list) is not followed: only this file is read, so
 * values the listed config groups would set are unknown (information, never an error).
 */
export function hydraDefaults(c: Collector): void {
  const h = c.hit(['defaults']);
  const items = h && c.view.itemsOf(h);
  if (!h || !items) return;
  // Entries are group names ("- model: gpt") or plain names ("- _self_", "- optional x@y:").
  const named = items
    .map((i) => (i.value !== undefined ? String(i.value) : (c.view.firstKeyOf(i) ?? '')))
    .filter((x) => x && x !== '_self_');
  c.problem(
    'unresolved',
    'information',
    `defaults: Hydra composition is not followed${named.length ? ` (${named.join(', ')})` : ''}: only this file is read, so values that other config files or command-line overrides set are not seen. State them here or with \`# scaling-planner:\` comments.`,
    h.keySpan ?? h.span,
  );
}
