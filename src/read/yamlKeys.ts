// Keys of YAML mappings: their text as written, normalisation, and one mapping's own pairs
// indexed in one pass (yamlDoc.ts looks keys up through merges and aliases).

import { isPair, isScalar, type Pair, type YAMLMap } from 'yaml';

export type KeyNormalizer = (k: string) => string;
export const exactKey: KeyNormalizer = (k) => k;
/** GPT-NeoX treats "-" and "_" in keys alike. */
export const dashUnderscoreKey: KeyNormalizer = (k) => k.replace(/-/g, '_');

export function keyText(p: Pair): string | undefined {
  const k = p.key;
  if (isScalar(k)) return k.value === null ? emptyKeyText(k) : String(k.value);
  if (typeof k === 'string' || typeof k === 'number') return String(k);
  return undefined;
}

/** A null key as written (`~`, `null`, or nothing at all for `: value`), never the word "null" the file did not write. */
function emptyKeyText(k: { source?: string }): string {
  return typeof k.source === 'string' ? k.source : '';
}

/** Up to this many keys a key is found by a scan, beyond it through a map built on first use. */
const SCAN_LIMIT = 12;

/**
 * A mapping's own pairs in the order written, with their normalised keys, taken in one pass: a
 * reader walks a block's keys from it instead of looking each key up by its path.
 */
export class MapEntries {
  readonly keys: string[] = [];
  readonly pairs: Pair[] = [];
  /** A merge key (`<<`) can supply any other key: look keys up by path (YamlView.get) then. */
  readonly merges: boolean = false;
  private byKey?: Map<string, Pair>;

  constructor(
    readonly map: YAMLMap,
    norm: KeyNormalizer,
  ) {
    for (const p of map.items) {
      if (!isPair(p)) continue;
      const raw = keyText(p);
      if (raw === undefined) continue;
      if (raw === '<<') this.merges = true;
      this.keys.push(norm === exactKey ? raw : norm(raw));
      this.pairs.push(p);
    }
  }

  /** The pair of a (normalised) key: its last one, as lookups find it. */
  pair(key: string): Pair | undefined {
    const keys = this.keys;
    if (keys.length > SCAN_LIMIT) {
      if (!this.byKey) {
        this.byKey = new Map();
        for (let i = 0; i < keys.length; i++) this.byKey.set(keys[i], this.pairs[i]);
      }
      return this.byKey.get(key);
    }
    for (let i = keys.length - 1; i >= 0; i--) if (keys[i] === key) return this.pairs[i];
    return undefined;
  }
}
