// Test-time compute in "equivalent FLOPs" (Sadhukhan et al. 2025, "Kinetics: Rethinking Test-Time
// Scaling Laws", arXiv:2506.05333; authors' cost_model/utils.py dense_cost): long reasoning and
// repeated sampling make KV-cache reads, not FLOPs, the cost that grows.
//   C_compute = N·[2·P·L_out + 2·(2·L_in + L_out)·L_out·n_heads·d_head·n_layers]
//   C_memory  = (L_in + N·L_out/2) · L_out · KV bytes per token   (prompt KV shared by the N samples;
//               the code's 2·(2L_in + N·L_out)·L_out·n_kv·d_head·n_layers at 2 bytes per value)
//   eFLOPs    = C_compute + C_memory · I, I = device FLOP/s per byte/s of bandwidth

export interface ReasoningRequest {
  promptTokens: number;
  /** Generated tokens per sample: reasoning plus answer. */
  generatedTokens: number;
  samples: number;
}

export interface KineticsCost {
  computeFlops: number;
  memoryBytes: number;
  /** FLOPs per byte of the device (peak / bandwidth). */
  intensity: number;
  eFlops: number;
  /** C_memory·I / C_compute: above 1 the KV-cache reads dominate. */
  memoryToCompute: number;
  dominant: 'kv-cache reads' | 'compute';
}

export const KINETICS_CITATION = 'Sadhukhan et al. 2025 (Kinetics, arXiv:2506.05333), cost_model/utils.py dense_cost';

export function kineticsCost(
  m: { activeParams: number; kvBytesPerToken: number; attentionWidthTimesLayers: number },
  r: ReasoningRequest,
  intensity: number,
): KineticsCost {
  const { promptTokens: Lin, generatedTokens: Lout, samples: n } = r;
  const compute = n * (2 * m.activeParams * Lout + 2 * (2 * Lin + Lout) * Lout * m.attentionWidthTimesLayers);
  const memory = (Lin + (n * Lout) / 2) * Lout * m.kvBytesPerToken;
  // Nothing generated: no decode cost to compare.
  const ratio = compute > 0 ? (memory * intensity) / compute : 0;
  return { computeFlops: compute, memoryBytes: memory, intensity, eFlops: compute + memory * intensity, memoryToCompute: ratio, dominant: ratio > 1 ? 'kv-cache reads' : 'compute' };
}
