// One plan block (a YAML mapping) read by its own pairs: each key's node without a path lookup
// from the top, and nothing looked up for keys the block does not write.

import type { BlockId, FieldId, NumericKind } from '../../engine/fields';
import type { Collector, Found } from '../collector';
import { exactKey, type Hit, type KeyNormalizer, type MapEntries } from '../yamlDoc';

/**
 * A plan block's keys, taken from its own pairs (one pass over them) rather than looked up path by
 * path; through the paths when a merge key (<<) may supply any of them.
 */
export class PlanBlock {
  private readonly norm: KeyNormalizer;
  /** The block's path joined with dots, and a dot ("model.moe."): a key's path as text is this and the key; made on first use. */
  private prefix?: string;

  private constructor(
    readonly c: Collector,
    readonly path: string[],
    readonly entries: MapEntries,
    /** The block as found at its path (its key's span); undefined for the top level. */
    readonly hit: Hit | undefined,
  ) {
    this.norm = c.view.norm;
  }

  /** The block at a path, or undefined when the path holds no mapping. */
  static at(c: Collector, path: string[]): PlanBlock | undefined {
    if (!path.length) {
      const e = c.view.entries(path);
      return e && new PlanBlock(c, path, e, undefined);
    }
    return PlanBlock.of(c, path, c.view.get(path));
  }

  /** The block a hit found at a path, or undefined when it is no mapping. */
  static of(c: Collector, path: string[], hit: Hit | undefined): PlanBlock | undefined {
    const e = c.view.entriesOf(hit);
    return e && new PlanBlock(c, path, e, hit);
  }

  /** Whether the block may hold a key (it writes it, or a merge key may supply it). */
  has(key: string): boolean {
    return this.entries.merges || this.entries.pair(this.norm === exactKey ? key : this.norm(key)) !== undefined;
  }

  /** The node at a key of the block and its path, as Collector.first finds it. */
  found(key: string, path?: string[], joined?: string): Found | undefined {
    // `path` and `joined`, when given, are the key's path and that path as text (a field's, shared).
    if (this.entries.merges) return this.c.first([path ?? [...this.path, key]]);
    const p = this.entries.pair(this.norm === exactKey ? key : this.norm(key));
    const hit = p === undefined ? undefined : this.c.view.hitOf(p);
    return hit && { path: path ?? [...this.path, key], hit, key: joined ?? (path ? undefined : (this.prefix ??= this.path.length ? `${this.path.join('.')}.` : '') + key) };
  }

  /** The block under a key of this one, or undefined when the key holds no mapping. */
  child(key: string): PlanBlock | undefined {
    const f = this.found(key);
    return f && PlanBlock.of(this.c, f.path as string[], f.hit);
  }

  /** A count (or other quantity) at a key, recorded as `field`'s source. */
  num(key: string, field: FieldId, kind: NumericKind = 'count'): number | undefined {
    return this.c.numAt(this.found(key), field, kind);
  }

  bool(key: string, field: FieldId, set: (v: boolean) => void): void {
    this.c.boolAt(this.found(key), field, set);
  }

  str(key: string, field: FieldId): string | undefined {
    return this.c.strAt(this.found(key), field);
  }

  /** Record the block's key as `field`'s anchor (Collector.block). */
  anchor(field: BlockId): void {
    this.c.block(field, this.path, this.hit);
  }
}
