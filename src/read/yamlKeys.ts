// Keys of YAML mappings: their text as written, normalisation, and one mapping's own pairs
// indexed in one pass (yamlDoc.ts looks keys up through merges and aliases).

import { NONE, type YamlNode, type YamlTree } from './yamlTree';

export type KeyNormalizer = (k: string) => string;
export const exactKey: KeyNormalizer = (k) => k;
/** GPT-NeoX treats "-" and "_" in keys alike. */
export const dashUnderscoreKey: KeyNormalizer = (k) => k.replace(/-/g, '_');

/**
 * A key's text: its value as a string, a null key as written (`~`, `null`, or nothing at all for
 * `: value`, never the word "null" the file did not write); undefined for a collection as a key.
 */
export function keyText(tree: YamlTree, key: YamlNode): string | undefined {
  if (!tree.isScalar(key)) return undefined;
  const v = tree.value(key);
  return v === null ? tree.source(key) : String(v);
}

/** Up to this many keys a key is found by a scan, beyond it through a map built on first use. */
const SCAN_LIMIT = 12;

/**
 * A mapping's own pairs in the order written, with their normalised keys, taken in one pass: a
 * reader walks a block's keys from it instead of looking each key up by its path. A pair is its
 * key node (the value is the node after it).
 */
export class MapEntries {
  readonly keys: string[] = [];
  readonly pairs: YamlNode[] = [];
  /** A merge key (`<<`) can supply any other key: look keys up by path (YamlView.get) then. */
  readonly merges: boolean = false;
  private byKey?: Map<string, YamlNode>;

  constructor(tree: YamlTree, map: YamlNode, norm: KeyNormalizer) {
    for (let k = tree.first(map); k !== NONE; k = tree.nextPair(k)) {
      const raw = keyText(tree, k);
      if (raw === undefined) continue;
      if (raw === '<<') this.merges = true;
      this.keys.push(norm === exactKey ? raw : norm(raw));
      this.pairs.push(k);
    }
  }

  /** The pair of a (normalised) key: its last one, as lookups find it. */
  pair(key: string): YamlNode | undefined {
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
