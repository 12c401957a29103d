// LoRA adapters: canonical targets from the module names each framework uses, and the spec on the run.

import type { LoraSpec } from '../../engine/types';
import type { Collector, Got } from '../collector';

/** Canonical LoRA targets (q, k, v, o, gate, up, down) from the module names a dialect uses. */
const LORA_NAMES: Record<string, string> = {
  q: 'q', q_proj: 'q', query: 'q', wq: 'q', query_key_value: 'qkv', qkv_proj: 'qkv', c_attn: 'qkv', wqkv: 'qkv', attn: 'qkv',
  k: 'k', k_proj: 'k', key: 'k', wk: 'k',
  v: 'v', v_proj: 'v', value: 'v', wv: 'v',
  o: 'o', o_proj: 'o', output_proj: 'o', out_proj: 'o', wo: 'o', dense: 'o', projection: 'o',
  gate: 'gate', gate_proj: 'gate', w1: 'gate', fc_1: 'gate',
  up: 'up', up_proj: 'up', w3: 'up', fc_2: 'up', c_fc: 'up', dense_h_to_4h: 'up', fc1: 'up',
  down: 'down', down_proj: 'down', w2: 'down', c_proj: 'down', dense_4h_to_h: 'down', fc2: 'down',
  gate_up_proj: 'gate_up',
  // Multi-head latent attention (DeepSeek): the query up-projection, the joint KV down- and up-projections.
  q_b_proj: 'q', kv_a_proj_with_mqa: 'k', kv_b_proj: 'v',
};

export function loraTargets(names: string[]): { targets: string[]; unknown: string[] } {
  const out = new Set<string>();
  const unknown: string[] = [];
  for (const raw of names) {
    const n = String(raw).trim().split('.').pop()!.toLowerCase();
    const t = LORA_NAMES[n];
    if (t === 'qkv') ['q', 'k', 'v'].forEach((x) => out.add(x));
    else if (t === 'gate_up') ['gate', 'up'].forEach((x) => out.add(x));
    else if (t) out.add(t);
    else unknown.push(String(raw));
  }
  return { targets: [...out], unknown };
}

export const ALL_LINEAR = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'];

/** Record a LoRA spec on the run (the rank's range anchors it). */
export function setLora(c: Collector, kind: 'lora' | 'qlora', spec: LoraSpec, rank?: Got): void {
  c.run.training.finetune = kind;
  c.run.training.lora = spec;
  if (rank) c.record('training.lora.rank', rank.path, rank.hit);
}
