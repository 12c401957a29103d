// Exact parameter counts from a model shape. Formulas: reference notes §2.4, checked against
// published counts (Pythia, GPT-2, Llama 2/3, Mistral, Mixtral, Qwen2.5, OLMo) in test/unit.

import type { LoraSpec, ModelShape } from './types';

export interface ParamCount {
  total: number;
  /** Parameters used per token (MoE: top-k experts plus shared experts); null when top_k is unknown. */
  active: number | null;
  /** Total minus token and position embeddings and an untied output head. */
  nonEmbedding: number;
  embedding: number;
  perLayer: number;
}

export type CompleteShape = Required<Pick<ModelShape, 'architecture' | 'layers' | 'dModel' | 'heads' | 'vocabSize'>> &
  ModelShape;

/** Fields a shape needs before its parameters can be counted. */
export const REQUIRED_SHAPE_FIELDS: Array<keyof ModelShape> = ['layers', 'dModel', 'heads', 'vocabSize'];

export function missingShapeFields(shape: Partial<ModelShape>): Array<keyof ModelShape> {
  return REQUIRED_SHAPE_FIELDS.filter((k) => shape[k] === undefined);
}

export function headDim(s: ModelShape): number {
  return s.headDim ?? s.dModel / s.heads;
}

/** FFN width: 4h for GELU MLPs; Llama's rule 2/3 * 4h rounded up to a multiple of 256 for SwiGLU. */
export function defaultFfnHidden(s: Pick<ModelShape, 'architecture' | 'dModel'>): number {
  if (s.architecture === 'gpt') return 4 * s.dModel;
  const raw = Math.floor((2 * 4 * s.dModel) / 3);
  return 256 * Math.ceil(raw / 256);
}

export function countParams(s: CompleteShape): ParamCount {
  const h = s.dModel;
  const L = s.layers;
  const V = s.vocabSize;
  const nh = s.heads;
  const nkv = s.kvHeads ?? nh;
  const d = headDim(s);
  const f = s.ffnHidden ?? defaultFfnHidden(s);
  const gpt = s.architecture === 'gpt';
  const norm = s.norm ?? (gpt ? 'layernorm' : 'rmsnorm');
  const biases = s.biases ?? gpt;
  const tied = s.tieEmbeddings ?? gpt;
  const positions = s.positions ?? 'rotary';

  // Attention: q (h x nh d), k and v (h x nkv d each), output (nh d x h).
  let attn = h * nh * d + 2 * h * nkv * d + nh * d * h;
  if (biases) attn += nh * d + 2 * nkv * d + h;
  else if (s.qkvBias) attn += nh * d + 2 * nkv * d;

  // One FFN of width w: GELU uses 2 matrices, SwiGLU 3.
  const ffn = (w: number): number => (gpt ? 2 * h * w + (biases ? w + h : 0) : 3 * h * w + (biases ? 2 * w + h : 0));

  const normParams = norm === 'layernorm' ? 2 * h : norm === 'rmsnorm' ? h : 0;
  const layerNorms = (s.normsPerLayer ?? 2) * normParams;
  const finalNorm = normParams;

  let mlpTotal = ffn(f);
  let mlpActive: number | null = mlpTotal;
  if (s.moe && s.moe.experts > 0) {
    const ew = s.moe.expertFfnHidden ?? f;
    const shared = (s.moe.sharedExperts ?? 0) * ffn(ew);
    const router = h * s.moe.experts;
    mlpTotal = s.moe.experts * ffn(ew) + shared + router;
    mlpActive = s.moe.topK === undefined ? null : Math.min(s.moe.topK, s.moe.experts) * ffn(ew) + shared + router;
  }

  const perLayer = attn + mlpTotal + layerNorms;
  const perLayerActive = mlpActive === null ? null : attn + mlpActive + layerNorms;
  const embedding = V * h * (tied ? 1 : 2) + (positions === 'learned' ? (s.maxPositions ?? s.seqLen ?? 0) * h : 0);
  const total = embedding + L * perLayer + finalNorm;
  const active = perLayerActive === null ? null : embedding + L * perLayerActive + finalNorm;
  return { total, active, nonEmbedding: total - embedding, embedding, perLayer };
}

/**
 * Per-layer linear projections LoRA can target: (in, out) and how many a layer has. The MLP
 * projections of a mixture of experts exist once per routed and shared expert, at the expert width.
 */
export function projectionShapes(s: CompleteShape, perToken = false): Record<string, [number, number, number]> {
  const h = s.dModel;
  const d = headDim(s);
  const nkv = s.kvHeads ?? s.heads;
  const moe = s.moe && s.moe.experts > 0 ? s.moe : undefined;
  const f = moe?.expertFfnHidden ?? s.ffnHidden ?? defaultFfnHidden(s);
  // perToken: only the experts one token passes through (top-k routed plus shared).
  const n = moe ? (perToken ? Math.min(moe.topK ?? NaN, moe.experts) : moe.experts) + (moe.sharedExperts ?? 0) : 1;
  const out: Record<string, [number, number, number]> = {
    q: [h, s.heads * d, 1],
    k: [h, nkv * d, 1],
    v: [h, nkv * d, 1],
    o: [s.heads * d, h, 1],
    up: [h, f, n],
    down: [f, h, n],
  };
  if (s.architecture === 'llama') out.gate = [h, f, n];
  return out;
}

/**
 * LoRA trainable parameters: r (in + out) per adapted Linear (Hu et al. 2021, Sec. 4.1), per expert
 * for MoE MLPs; perToken counts only the adapters of the experts a token is routed to.
 */
export function loraParams(s: CompleteShape, lora: LoraSpec, perToken = false): number {
  const shapes = projectionShapes(s, perToken);
  let perLayer = 0;
  for (const t of new Set(lora.targets)) {
    const p = shapes[t];
    if (p) perLayer += p[2] * lora.rank * (p[0] + p[1]);
  }
  return perLayer * s.layers;
}

/**
 * Weights of the blocks' linear layers (attention, MLP and expert projections, MoE routers):
 * what bitsandbytes and torchtune quantize for QLoRA. Embeddings, the output head, norms and
 * biases stay in 16 bits.
 */
export function linearWeights(s: CompleteShape): number {
  const shapes = projectionShapes(s);
  let perLayer = 0;
  for (const [, [i, o, n]] of Object.entries(shapes)) perLayer += n * i * o;
  if (s.moe && s.moe.experts > 0) perLayer += s.dModel * s.moe.experts;
  return perLayer * s.layers;
}

/**
 * A shape of about N parameters in the family of `base`: head dim 128 (Llama 2/3, Mistral) and
 * a width-to-depth ratio near 128 (Llama 2 7B/13B: 4096/32, 5120/40), kept the GQA group size.
 */
export function suggestShape(N: number, base: CompleteShape): Pick<ModelShape, 'layers' | 'dModel' | 'heads' | 'kvHeads' | 'ffnHidden'> {
  const group = base.kvHeads && base.kvHeads < base.heads ? base.heads / base.kvHeads : 1;
  let best: { score: number; shape: CompleteShape } | undefined;
  for (let k = 1; k <= 256; k++) {
    const d = 128 * k;
    if (group > 1 && k % group !== 0) continue;
    const kv = group > 1 ? (base.kvHeads && k % base.kvHeads === 0 ? base.kvHeads : k / group) : undefined;
    const at = (L: number): CompleteShape => ({ ...base, layers: L, dModel: d, heads: k, kvHeads: kv, headDim: undefined, ffnHidden: undefined });
    // Parameters are affine in the layer count: solve for L, then score the two nearest depths.
    const one = countParams(at(1)).total;
    const perLayer = countParams(at(2)).total - one;
    const ideal = (N - (one - perLayer)) / perLayer;
    for (const L of [Math.floor(ideal), Math.ceil(ideal)]) {
      if (L < 2 || L > 192) continue;
      const aspect = d / L;
      if (aspect < 32 || aspect > 512) continue;
      const n = one + (L - 1) * perLayer;
      // Prefer head counts that split evenly over 8-way tensor parallelism.
      const score = Math.abs(Math.log(n / N)) + 0.05 * Math.abs(Math.log(aspect / 128)) + (k % 8 ? 0.01 : 0);
      if (!best || score < best.score) best = { score, shape: at(L) };
    }
  }
  if (!best) return { layers: base.layers, dModel: base.dModel, heads: base.heads, kvHeads: base.kvHeads, ffnHidden: base.ffnHidden ?? defaultFfnHidden(base) };
  const s = best!.shape;
  return { layers: s.layers, dModel: s.dModel, heads: s.heads, kvHeads: s.kvHeads, ffnHidden: defaultFfnHidden(s) };
}
