// Which mixer and which feed-forward each layer has: dense or MoE by the MoE layer rules, local
// or global attention by the sliding-window pattern, or a hybrid's stated per-layer kinds.

import type { ModelShape } from '../types';

export interface LayerKind {
  mixer: 'attention' | 'mamba' | null;
  ffn: 'mlp' | 'moe' | null;
  /** Attention window of this layer; undefined for global attention. */
  attendWindow?: number;
  /** Norms in this layer: normsPerLayer for transformer blocks, one for a hybrid's single-mixer blocks. */
  norms: number;
}

/** Whether layer i (zero-based) is a mixture of experts (DeepSeek, Llama 4 and Qwen-MoE rules). */
export function isMoeLayer(s: ModelShape, i: number): boolean {
  const m = s.moe;
  if (!m || !(m.experts > 0)) return false;
  if (i < (m.firstDenseLayers ?? 0)) return false;
  if (m.every !== undefined && m.every > 1 && (i + 1) % m.every !== 0) return false;
  return !(m.denseLayers ?? []).includes(i);
}

/** The sliding window of layer i, or undefined when it attends globally. */
export function windowOf(s: ModelShape, i: number): number | undefined {
  const w = s.attention?.slidingWindow;
  if (!w || w <= 0) return undefined;
  const every = s.attention?.globalEvery;
  if (every !== undefined && every >= 1 && (i + 1) % every === 0) return undefined;
  return w;
}

/** Calls f with each layer's kind, in order, without building a list of them. */
function eachLayer(s: ModelShape & { layers: number }, f: (mixer: LayerKind['mixer'], ffn: LayerKind['ffn'], attendWindow: number | undefined, norms: number) => void): void {
  const pattern = s.layerPattern;
  if (pattern && pattern.length) {
    for (let i = 0; i < pattern.length; i++) {
      const k = pattern[i];
      f(k === 'attention' || k === 'mamba' ? k : null, k === 'mlp' || k === 'moe' ? k : null, k === 'attention' ? windowOf(s, i) : undefined, 1);
    }
    return;
  }
  const norms = s.normsPerLayer ?? 2;
  // Without experts or a sliding window every layer is the same dense attention block.
  const uniform = !(s.moe && s.moe.experts > 0) && windowOf(s, 0) === undefined;
  for (let i = 0; i < s.layers; i++) f('attention', uniform ? 'mlp' : isMoeLayer(s, i) ? 'moe' : 'mlp', uniform ? undefined : windowOf(s, i), norms);
}

export function layerKinds(s: ModelShape & { layers: number }): LayerKind[] {
  const out: LayerKind[] = [];
  eachLayer(s, (mixer, ffn, attendWindow, norms) => out.push({ mixer, ffn, attendWindow, norms }));
  return out;
}

/** How many layers have a mixture-of-experts feed-forward (layerKinds' ffn 'moe'), without building the per-layer list. */
export function moeLayerCount(s: ModelShape & { layers: number }): number {
  let n = 0;
  if (s.layerPattern && s.layerPattern.length) {
    for (const k of s.layerPattern) if (k === 'moe') n++;
    return n;
  }
  for (let i = 0; i < s.layers; i++) if (isMoeLayer(s, i)) n++;
  return n;
}

/** Layers grouped by kind, so a 61-layer count needs one evaluation per distinct kind. */
/** Equal as numbers print (NaN equals NaN), as a string key would compare them. */
const sameNumber = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

export function groupedLayers(s: ModelShape & { layers: number }): Array<{ kind: LayerKind; count: number }> {
  // Few distinct kinds (one to four): comparing with each group is cheaper than a string key per layer.
  const groups: Array<{ kind: LayerKind; count: number }> = [];
  eachLayer(s, (mixer, ffn, attendWindow, norms) => {
    for (const g of groups) {
      const o = g.kind;
      if (o.mixer === mixer && o.ffn === ffn && (o.attendWindow ?? '') === (attendWindow ?? '') && sameNumber(o.norms, norms)) {
        g.count++;
        return;
      }
    }
    groups.push({ kind: { mixer, ffn, attendWindow, norms }, count: 1 });
  });
  return groups;
}
