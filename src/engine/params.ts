// Exact parameter counts from a model shape. Formulas: reference notes §2.4 and the transformers
// reference implementations (params/*), checked against published counts (Pythia, GPT-2, Llama 2/3,
// Mistral, Mixtral, Qwen2.5/3, OLMo, gpt-oss, DeepSeek-V3, Gemma 3) in test/unit.

import type { LoraSpec, ModelShape } from './types';
import { attentionBlock, headDimOf, normSize } from './params/attention';
import { defaultFfnHidden, mlpBlock, moeBlock } from './params/ffn';
import { groupedLayers, moeLayerCount, type LayerKind } from './params/layers';
import { mambaBlock } from './params/mamba';

export interface ParamCount {
  total: number;
  /** Parameters used per token (MoE: top-k experts plus shared experts); null when top_k is unknown. */
  active: number | null;
  /** Total minus token and position embeddings and an untied output head. */
  nonEmbedding: number;
  embedding: number;
  /** Parameters of the last layer (a MoE layer where layers differ). */
  perLayer: number;
  /**
   * Active without the input embedding lookup (a gather, no FLOPs): the convention of the
   * gpt-oss model card and DeepSeek-V3's "36.6B including 0.9B for the output head".
   */
  activeCompute: number | null;
  /** Multi-token prediction modules' own weights (their embedding and output head are shared); not in total. */
  mtp: number;
  /** MTP modules as a checkpoint stores them: each with its own copy of the embedding and output head. */
  mtpStored: number;
}

export type CompleteShape = Required<Pick<ModelShape, 'architecture' | 'layers' | 'dModel' | 'heads' | 'vocabSize'>> &
  ModelShape;

/** Fields a shape needs before its parameters can be counted. */
export const REQUIRED_SHAPE_FIELDS: Array<keyof ModelShape> = ['layers', 'dModel', 'heads', 'vocabSize'];

export function missingShapeFields(shape: Partial<ModelShape>): Array<keyof ModelShape> {
  return REQUIRED_SHAPE_FIELDS.filter((k) => shape[k] === undefined);
}

export function headDim(s: ModelShape): number {
  return headDimOf(s);
}

export { defaultFfnHidden };

/** Parameters of one layer of a kind: total, active per token and linear weights. */
function layerBlock(s: CompleteShape, k: LayerKind): { total: number; active: number | null; linear: number } {
  let total = k.norms * normSize(s, s.dModel);
  let linear = 0;
  let active: number | null = total;
  const add = (b: { params: number; linear: number }, act: number | null = b.params): void => {
    total += b.params;
    linear += b.linear;
    active = active === null || act === null ? null : active + act;
  };
  if (k.mixer === 'attention') add(attentionBlock(s));
  else if (k.mixer === 'mamba' && s.mamba) add(mambaBlock(s.mamba, s.dModel));
  if (k.ffn === 'moe') {
    const m = moeBlock(s);
    add(m, m.active);
  } else if (k.ffn === 'mlp') add(mlpBlock(s, s.ffnHidden ?? defaultFfnHidden(s)));
  return { total, active, linear };
}

export function countParams(s: CompleteShape): ParamCount {
  const h = s.dModel;
  const tied = s.tieEmbeddings ?? s.architecture === 'gpt';
  let body = 0;
  let bodyActive: number | null = 0;
  let perLayer = 0;
  for (const { kind, count } of groupedLayers(s)) {
    const b = layerBlock(s, kind);
    body += count * b.total;
    bodyActive = bodyActive === null || b.active === null ? null : bodyActive + count * b.active;
    perLayer = b.total;
  }
  const finalNorm = normSize(s, h);
  const tokenEmbedding = s.vocabSize * h;
  const embedding = tokenEmbedding * (tied ? 1 : 2) + (s.outputBias ? s.vocabSize : 0) + ((s.positions ?? 'rotary') === 'learned' ? (s.maxPositions ?? s.seqLen ?? 0) * h : 0);
  const total = embedding + body + finalNorm;
  const active = bodyActive === null ? null : embedding + bodyActive + finalNorm;
  // DeepSeek-V3 Sec. 2.2: each MTP module has two RMSNorms, a 2h -> h projection, one MoE block
  // and the output norm; its embedding and output head are the main model's.
  const mtpLayer = layerBlock(s, { mixer: 'attention', ffn: s.moe && s.moe.experts > 0 ? 'moe' : 'mlp', norms: s.normsPerLayer ?? 2 });
  const mtpOne = 3 * normSize(s, h) + 2 * h * h + mtpLayer.total;
  const mtpN = s.mtpLayers ?? 0;
  return {
    total,
    active,
    nonEmbedding: total - embedding,
    embedding,
    perLayer,
    activeCompute: active === null ? null : active - tokenEmbedding * (tied ? 0 : 1),
    mtp: mtpN * mtpOne,
    mtpStored: mtpN * (mtpOne + 2 * tokenEmbedding),
  };
}

/**
 * Per-layer linear projections LoRA can target: (in, out) and how many a layer has. The MLP
 * projections of a mixture of experts exist once per routed and shared expert, at the expert width.
 * Multi-head latent attention maps q to q_b_proj (or q_proj), k to kv_a_proj_with_mqa and v to kv_b_proj.
 */
export function projectionShapes(s: CompleteShape, perToken = false, kind?: LayerKind): Record<string, [number, number, number]> {
  const h = s.dModel;
  const d = headDim(s);
  const nkv = s.kvHeads ?? s.heads;
  const isMoe = kind ? kind.ffn === 'moe' : !!(s.moe && s.moe.experts > 0);
  const moe = isMoe ? s.moe : undefined;
  const f = moe?.expertFfnHidden ?? s.ffnHidden ?? defaultFfnHidden(s);
  // perToken: only the experts one token passes through (top-k routed plus shared).
  const n = moe ? (perToken ? Math.min(moe.topK ?? NaN, moe.experts) : moe.experts) + (moe.sharedExperts ?? 0) : 1;
  const mla = s.attention?.mla;
  const qk = mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : 0;
  const out: Record<string, [number, number, number]> = mla
    ? {
        q: [mla.qLoraRank ?? h, s.heads * qk, 1],
        k: [h, mla.kvLoraRank + mla.qkRopeHeadDim, 1],
        v: [mla.kvLoraRank, s.heads * (mla.qkNopeHeadDim + mla.vHeadDim), 1],
        o: [s.heads * mla.vHeadDim, h, 1],
      }
    : { q: [h, s.heads * d, 1], k: [h, nkv * d, 1], v: [h, nkv * d, 1], o: [s.heads * d, h, 1] };
  if (kind && kind.mixer !== 'attention') for (const p of ['q', 'k', 'v', 'o']) delete out[p];
  if (!kind || kind.ffn) {
    out.up = [h, f, n];
    out.down = [f, h, n];
    if (s.architecture === 'llama' && !s.ungatedMlp) out.gate = [h, f, n];
  }
  return out;
}

/**
 * LoRA trainable parameters: r (in + out) per adapted Linear (Hu et al. 2021, Sec. 4.1), per expert
 * for MoE MLPs; perToken counts only the adapters of the experts a token is routed to.
 */
export function loraParams(s: CompleteShape, lora: LoraSpec, perToken = false): number {
  let total = 0;
  for (const { kind, count } of groupedLayers(s)) {
    const shapes = projectionShapes(s, perToken, kind);
    for (const t of new Set(lora.targets)) {
      const p = shapes[t];
      if (p) total += count * p[2] * lora.rank * (p[0] + p[1]);
    }
  }
  return total;
}

/**
 * Weights of the blocks' linear layers (attention, MLP and expert projections, MoE routers):
 * what bitsandbytes and torchtune quantize for QLoRA. Embeddings, the output head, norms and
 * biases stay in 16 bits.
 */
export function linearWeights(s: CompleteShape): number {
  let total = 0;
  for (const { kind, count } of groupedLayers(s)) total += count * layerBlock(s, kind).linear;
  return total;
}

/**
 * Parameters of the routed experts over all MoE layers (not shared experts or routers): what an
 * expert-parallel group splits. MTP modules are not included (the main model's count excludes them).
 */
export function routedExpertParams(s: CompleteShape): number {
  // Counted without the per-layer list: the time stage asks on every analysis.
  const layers = s.moe ? moeLayerCount(s) : 0;
  return layers > 0 ? layers * moeBlock(s).routed : 0;
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
