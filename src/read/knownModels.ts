// Shapes of well-known open models, so configs that only name a model (torchtune builders,
// axolotl base_model, LitGPT model_name, checkpoint directories) can still be counted offline.
// Each shape is transcribed from the model's own config.json on the Hugging Face Hub (or the
// paper where noted); the counts they give are checked against published figures in
// test/fixtures/known-model-counts.json.

import type { ModelShape } from '../engine/types';
import { MODERN_MODELS } from './knownModelsModern';

export interface KnownModel {
  /** Display name, e.g. "Llama-3-8B". */
  id: string;
  /** Names this model goes by: Hub ids, torchtune builders, LitGPT names (matched by modelKey). */
  aliases: string[];
  /** Exact shape (vocab as allocated); absent when the architecture cannot be counted exactly. */
  shape?: ModelShape;
  /** Published total / active parameters, used when there is no shape. */
  params?: number;
  activeParams?: number;
  /**
   * Context length in tokens: LitGPT's block_size for the model (litgpt/config.py, 4,096 where the
   * entry leaves it unset), which follows the model's config.json. A "-4k"/"-128k" tag in a name wins.
   */
  context?: number;
  source: string;
}

type S = ModelShape;
const llama = (layers: number, dModel: number, heads: number, ffnHidden: number, vocabSize: number, extra: Partial<S> = {}): S => ({
  architecture: 'llama',
  layers,
  dModel,
  heads,
  ffnHidden,
  vocabSize,
  tieEmbeddings: false,
  ...extra,
});
const pythia = (layers: number, dModel: number, heads: number, vocabSize = 50304): S => ({
  architecture: 'gpt',
  layers,
  dModel,
  heads,
  vocabSize,
  tieEmbeddings: false,
  positions: 'rotary',
});
const gpt2 = (layers: number, dModel: number, heads: number): S => ({
  architecture: 'gpt',
  layers,
  dModel,
  heads,
  vocabSize: 50257,
  tieEmbeddings: true,
  positions: 'learned',
  maxPositions: 1024,
});
const hub = (repo: string): string => `config.json of huggingface.co/${repo}`;

export const KNOWN_MODELS: KnownModel[] = [
  // Meta Llama 2 (Touvron et al. 2023, arXiv:2307.09288)
  { id: 'Llama-2-7B', aliases: ['meta-llama/Llama-2-7b-hf', 'Llama-2-7b-chat-hf', 'llama2_7b', 'llama-2-7b'], shape: llama(32, 4096, 32, 11008, 32000), context: 4096, source: hub('meta-llama/Llama-2-7b-hf') },
  { id: 'Llama-2-13B', aliases: ['meta-llama/Llama-2-13b-hf', 'Llama-2-13b-chat-hf', 'llama2_13b'], shape: llama(40, 5120, 40, 13824, 32000), context: 4096, source: hub('meta-llama/Llama-2-13b-hf') },
  { id: 'Llama-2-70B', aliases: ['meta-llama/Llama-2-70b-hf', 'Llama-2-70b-chat-hf', 'llama2_70b'], shape: llama(80, 8192, 64, 28672, 32000, { kvHeads: 8 }), context: 4096, source: hub('meta-llama/Llama-2-70b-hf') },
  // Meta Llama 3 / 3.1 / 3.2 (Llama Team 2024, arXiv:2407.21783)
  { id: 'Llama-3-8B', aliases: ['meta-llama/Meta-Llama-3-8B', 'Meta-Llama-3-8B-Instruct', 'llama3_8b', 'llama-3-8b'], shape: llama(32, 4096, 32, 14336, 128256, { kvHeads: 8 }), context: 8192, source: hub('meta-llama/Meta-Llama-3-8B') },
  { id: 'Llama-3-70B', aliases: ['meta-llama/Meta-Llama-3-70B', 'Meta-Llama-3-70B-Instruct', 'llama3_70b', 'llama-3-70b'], shape: llama(80, 8192, 64, 28672, 128256, { kvHeads: 8 }), context: 8192, source: hub('meta-llama/Meta-Llama-3-70B') },
  { id: 'Llama-3.1-8B', aliases: ['meta-llama/Llama-3.1-8B', 'meta-llama/Meta-Llama-3.1-8B', 'Meta-Llama-3.1-8B-Instruct', 'llama3_1_8b', 'Llama-3.1-8B-Instruct'], shape: llama(32, 4096, 32, 14336, 128256, { kvHeads: 8 }), context: 131072, source: hub('meta-llama/Llama-3.1-8B') },
  { id: 'Llama-3.1-70B', aliases: ['meta-llama/Llama-3.1-70B', 'meta-llama/Meta-Llama-3.1-70B', 'Meta-Llama-3.1-70B-Instruct', 'llama3_1_70b'], shape: llama(80, 8192, 64, 28672, 128256, { kvHeads: 8 }), context: 131072, source: hub('meta-llama/Llama-3.1-70B') },
  { id: 'Llama-3.1-405B', aliases: ['meta-llama/Llama-3.1-405B', 'meta-llama/Meta-Llama-3.1-405B', 'Meta-Llama-3.1-405B-Instruct', 'llama3_1_405b'], shape: llama(126, 16384, 128, 53248, 128256, { kvHeads: 8 }), context: 131072, source: hub('meta-llama/Llama-3.1-405B') },
  { id: 'Llama-3.2-1B', aliases: ['meta-llama/Llama-3.2-1B', 'Llama-3.2-1B-Instruct', 'llama3_2_1b'], shape: llama(16, 2048, 32, 8192, 128256, { kvHeads: 8, headDim: 64, tieEmbeddings: true }), context: 131072, source: hub('meta-llama/Llama-3.2-1B') },
  { id: 'Llama-3.2-3B', aliases: ['meta-llama/Llama-3.2-3B', 'Llama-3.2-3B-Instruct', 'llama3_2_3b'], shape: llama(28, 3072, 24, 8192, 128256, { kvHeads: 8, headDim: 128, tieEmbeddings: true }), context: 131072, source: hub('meta-llama/Llama-3.2-3B') },
  // Mistral AI (Jiang et al. 2023, arXiv:2310.06825; Mixtral: arXiv:2401.04088)
  { id: 'Mistral-7B-v0.1', aliases: ['mistralai/Mistral-7B-v0.1', 'Mistral-7B-Instruct-v0.1', 'Mistral-7B-Instruct-v0.2', 'mistral_7b'], shape: llama(32, 4096, 32, 14336, 32000, { kvHeads: 8 }), context: 4096, source: hub('mistralai/Mistral-7B-v0.1') },
  { id: 'Mistral-7B-v0.3', aliases: ['mistralai/Mistral-7B-v0.3', 'Mistral-7B-Instruct-v0.3'], shape: llama(32, 4096, 32, 14336, 32768, { kvHeads: 8 }), context: 32768, source: hub('mistralai/Mistral-7B-v0.3') },
  { id: 'Mixtral-8x7B', aliases: ['mistralai/Mixtral-8x7B-v0.1', 'Mixtral-8x7B-Instruct-v0.1', 'mixtral-8x7b', 'mixtral_8x7b'], shape: llama(32, 4096, 32, 14336, 32000, { kvHeads: 8, moe: { experts: 8, topK: 2 } }), context: 32768, source: hub('mistralai/Mixtral-8x7B-v0.1') },
  // Qwen2.5 (Qwen Team 2024, arXiv:2412.15115): q/k/v biases, tied embeddings up to 3B
  { id: 'Qwen2.5-0.5B', aliases: ['Qwen/Qwen2.5-0.5B', 'Qwen2.5-0.5B-Instruct', 'qwen2_5_0_5b'], shape: llama(24, 896, 14, 4864, 151936, { kvHeads: 2, qkvBias: true, tieEmbeddings: true }), context: 32768, source: hub('Qwen/Qwen2.5-0.5B') },
  { id: 'Qwen2.5-1.5B', aliases: ['Qwen/Qwen2.5-1.5B', 'Qwen2.5-1.5B-Instruct', 'qwen2_5_1_5b'], shape: llama(28, 1536, 12, 8960, 151936, { kvHeads: 2, qkvBias: true, tieEmbeddings: true }), context: 131072, source: hub('Qwen/Qwen2.5-1.5B') },
  { id: 'Qwen2.5-3B', aliases: ['Qwen/Qwen2.5-3B', 'Qwen2.5-3B-Instruct', 'qwen2_5_3b'], shape: llama(36, 2048, 16, 11008, 151936, { kvHeads: 2, qkvBias: true, tieEmbeddings: true }), context: 32768, source: hub('Qwen/Qwen2.5-3B') },
  { id: 'Qwen2.5-7B', aliases: ['Qwen/Qwen2.5-7B', 'Qwen2.5-7B-Instruct', 'qwen2_5_7b'], shape: llama(28, 3584, 28, 18944, 152064, { kvHeads: 4, qkvBias: true }), context: 131072, source: hub('Qwen/Qwen2.5-7B') },
  { id: 'Qwen2.5-14B', aliases: ['Qwen/Qwen2.5-14B', 'Qwen2.5-14B-Instruct', 'qwen2_5_14b'], shape: llama(48, 5120, 40, 13824, 152064, { kvHeads: 8, qkvBias: true }), context: 131072, source: hub('Qwen/Qwen2.5-14B') },
  { id: 'Qwen2.5-32B', aliases: ['Qwen/Qwen2.5-32B', 'Qwen2.5-32B-Instruct', 'qwen2_5_32b'], shape: llama(64, 5120, 40, 27648, 152064, { kvHeads: 8, qkvBias: true }), context: 131072, source: hub('Qwen/Qwen2.5-32B') },
  { id: 'Qwen2.5-72B', aliases: ['Qwen/Qwen2.5-72B', 'Qwen2.5-72B-Instruct', 'qwen2_5_72b'], shape: llama(80, 8192, 64, 29568, 152064, { kvHeads: 8, qkvBias: true }), context: 131072, source: hub('Qwen/Qwen2.5-72B') },
  // Gemma 2 (Gemma Team 2024, arXiv:2408.00118): GeGLU (3 matrices), tied embeddings,
  // head_dim 256 (128 for 27B), RMSNorm before and after both attention and MLP.
  { id: 'Gemma-2-2B', aliases: ['google/gemma-2-2b', 'gemma-2-2b-it', 'gemma2_2b'], shape: llama(26, 2304, 8, 9216, 256000, { kvHeads: 4, headDim: 256, tieEmbeddings: true, normsPerLayer: 4 }), context: 8192, source: hub('google/gemma-2-2b') },
  { id: 'Gemma-2-9B', aliases: ['google/gemma-2-9b', 'gemma-2-9b-it', 'gemma2_9b'], shape: llama(42, 3584, 16, 14336, 256000, { kvHeads: 8, headDim: 256, tieEmbeddings: true, normsPerLayer: 4 }), context: 8192, source: hub('google/gemma-2-9b') },
  { id: 'Gemma-2-27B', aliases: ['google/gemma-2-27b', 'gemma-2-27b-it', 'gemma2_27b'], shape: llama(46, 4608, 32, 36864, 256000, { kvHeads: 16, headDim: 128, tieEmbeddings: true, normsPerLayer: 4 }), context: 8192, source: hub('google/gemma-2-27b') },
  // Microsoft Phi-3 (Abdin et al. 2024, arXiv:2404.14219)
  { id: 'Phi-3-mini', aliases: ['microsoft/Phi-3-mini-4k-instruct', 'Phi-3-mini-128k-instruct', 'phi3_mini', 'phi-3-mini'], shape: llama(32, 3072, 32, 8192, 32064), context: 4096, source: hub('microsoft/Phi-3-mini-4k-instruct') },
  // EleutherAI Pythia (Biderman et al. 2023, arXiv:2304.01373): GPT-NeoX blocks, untied, rotary
  { id: 'Pythia-70M', aliases: ['EleutherAI/pythia-70m', 'pythia-70m-deduped'], shape: pythia(6, 512, 8), context: 2048, source: hub('EleutherAI/pythia-70m') },
  { id: 'Pythia-160M', aliases: ['EleutherAI/pythia-160m', 'pythia-160m-deduped'], shape: pythia(12, 768, 12), context: 2048, source: hub('EleutherAI/pythia-160m') },
  { id: 'Pythia-410M', aliases: ['EleutherAI/pythia-410m', 'pythia-410m-deduped'], shape: pythia(24, 1024, 16), context: 2048, source: hub('EleutherAI/pythia-410m') },
  { id: 'Pythia-1B', aliases: ['EleutherAI/pythia-1b', 'pythia-1b-deduped'], shape: pythia(16, 2048, 8), context: 2048, source: hub('EleutherAI/pythia-1b') },
  { id: 'Pythia-1.4B', aliases: ['EleutherAI/pythia-1.4b', 'pythia-1.4b-deduped'], shape: pythia(24, 2048, 16), context: 2048, source: hub('EleutherAI/pythia-1.4b') },
  { id: 'Pythia-2.8B', aliases: ['EleutherAI/pythia-2.8b', 'pythia-2.8b-deduped'], shape: pythia(32, 2560, 32), context: 2048, source: hub('EleutherAI/pythia-2.8b') },
  { id: 'Pythia-6.9B', aliases: ['EleutherAI/pythia-6.9b', 'pythia-6.9b-deduped'], shape: pythia(32, 4096, 32, 50432), context: 2048, source: hub('EleutherAI/pythia-6.9b') },
  { id: 'Pythia-12B', aliases: ['EleutherAI/pythia-12b', 'pythia-12b-deduped'], shape: pythia(36, 5120, 40, 50688), context: 2048, source: hub('EleutherAI/pythia-12b') },
  // OpenAI GPT-2 (Radford et al. 2019): tied, learned positions
  { id: 'GPT-2', aliases: ['openai-community/gpt2', 'gpt2', 'gpt2-small'], shape: gpt2(12, 768, 12), context: 1024, source: hub('openai-community/gpt2') },
  { id: 'GPT-2 Medium', aliases: ['openai-community/gpt2-medium', 'gpt2-medium'], shape: gpt2(24, 1024, 16), context: 1024, source: hub('openai-community/gpt2-medium') },
  { id: 'GPT-2 Large', aliases: ['openai-community/gpt2-large', 'gpt2-large'], shape: gpt2(36, 1280, 20), context: 1024, source: hub('openai-community/gpt2-large') },
  { id: 'GPT-2 XL', aliases: ['openai-community/gpt2-xl', 'gpt2-xl'], shape: gpt2(48, 1600, 25), context: 1024, source: hub('openai-community/gpt2-xl') },
  // AI2 OLMo (Groeneveld et al. 2024, arXiv:2402.00838): non-parametric LayerNorm, SwiGLU, 50,304 embedding rows
  { id: 'OLMo-1B', aliases: ['allenai/OLMo-1B', 'OLMo-1B-hf', 'olmo-1b'], shape: llama(16, 2048, 16, 8192, 50304, { tieEmbeddings: true, norm: 'nonparametric' }), context: 2048, source: 'allenai/OLMo configs/official/OLMo-1B.yaml' },
  { id: 'OLMo-7B', aliases: ['allenai/OLMo-7B', 'OLMo-7B-hf', 'olmo-7b'], shape: llama(32, 4096, 32, 11008, 50304, { norm: 'nonparametric' }), context: 2048, source: 'allenai/OLMo configs/official/OLMo-7B.yaml' },
  // TinyLlama (Zhang et al. 2024, arXiv:2401.02385)
  { id: 'TinyLlama-1.1B', aliases: ['TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T', 'TinyLlama-1.1B-Chat-v1.0', 'TinyLlama_v1.1', 'tiny-llama-1.1b', 'TinyLlama-1.1B'], shape: llama(22, 2048, 32, 5632, 32000, { kvHeads: 4 }), context: 2048, source: hub('TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T') },
  // Hugging Face SmolLM (v1, 2024): tied, GQA
  { id: 'SmolLM-135M', aliases: ['HuggingFaceTB/SmolLM-135M', 'SmolLM-135M-Instruct'], shape: llama(30, 576, 9, 1536, 49152, { kvHeads: 3, tieEmbeddings: true }), context: 2048, source: hub('HuggingFaceTB/SmolLM-135M') },
  { id: 'SmolLM-360M', aliases: ['HuggingFaceTB/SmolLM-360M', 'SmolLM-360M-Instruct'], shape: llama(32, 960, 15, 2560, 49152, { kvHeads: 5, tieEmbeddings: true }), context: 2048, source: hub('HuggingFaceTB/SmolLM-360M') },
  { id: 'SmolLM-1.7B', aliases: ['HuggingFaceTB/SmolLM-1.7B', 'SmolLM-1.7B-Instruct'], shape: llama(24, 2048, 32, 8192, 49152, { kvHeads: 32, tieEmbeddings: true }), context: 2048, source: hub('HuggingFaceTB/SmolLM-1.7B') },
  // DeepSeek-V2-Lite: multi-head latent attention and fine-grained MoE, which the shape model does
  // not express; the published totals are used instead (DeepSeek-AI 2024, arXiv:2405.04434, App. B).
  { id: 'DeepSeek-V2-Lite', aliases: ['deepseek-ai/DeepSeek-V2-Lite', 'DeepSeek-V2-Lite-Chat'], params: 15.7e9, activeParams: 2.4e9, source: 'DeepSeek-V2 report (arXiv:2405.04434) App. B: 15.7B total, 2.4B activated per token' },
  ...MODERN_MODELS,
];

/** Name tokens that do not change the shape: chat/instruct tunes, formats, context-length tags. */
const IGNORED = new Set(['hf', 'instruct', 'chat', 'it', 'base', 'fp16', 'bf16', 'fp32', 'deduped', 'original', 'sft', 'bnb', 'gguf', 'awq', 'gptq']);
/** Builder and organisation prefixes (torchtune lora_llama3_8b, Meta-Llama-3-8B). */
const PREFIXES = new Set(['lora', 'qlora', 'dora', 'qdora', 'meta']);

/**
 * A comparable key for a model name: lower case, organisation, builder prefixes and shape-neutral
 * tags dropped, separators removed; a decimal point stays (as "p") so "pythia-1.2b" is not
 * "pythia-12b". torchtune's underscore spellings (llama3_1_8b, qwen2_5_7b) are listed as aliases.
 */
export function modelKey(name: string): string {
  let n = name.trim().replace(/[\\/]+$/, '');
  if (/^torchtune\./.test(n)) n = n.slice(n.lastIndexOf('.') + 1);
  n = n.slice(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
  const toks = n.toLowerCase().split(/[-_\s]+/).filter(Boolean);
  while (toks.length > 1 && PREFIXES.has(toks[0])) toks.shift();
  return toks
    .filter((t) => !IGNORED.has(t) && !/^\d+k$/.test(t) && !/^\d+bit$/.test(t))
    .join('')
    .replace(/(\d)\.(?=\d)/g, '$1p')
    .replace(/[^a-z0-9]/g, '');
}

let index: Map<string, KnownModel> | undefined;

function buildIndex(): Map<string, KnownModel> {
  const m = new Map<string, KnownModel>();
  for (const k of KNOWN_MODELS) for (const name of [k.id, ...k.aliases]) m.set(modelKey(name), k);
  return m;
}

/** The known model a name refers to (Hub id, torchtune builder, LitGPT name, checkpoint directory), if any. */
export function resolveModel(name: string): KnownModel | undefined {
  if (typeof name !== 'string' || !name.trim()) return undefined;
  index ??= buildIndex();
  const key = modelKey(name);
  if (key) {
    const hit = index.get(key);
    if (hit) return hit;
  }
  // A checkpoint directory such as ".../Meta-Llama-3-8B/original/": the last segment names no model, its parent does.
  const parts = name.trim().split(/[\\/]+/).filter(Boolean);
  if (!key && parts.length > 1) return index.get(modelKey(parts[parts.length - 2]));
  return undefined;
}

/** A model's context length as named: a "-4k" / "-128k" tag (Phi-3-mini-128k-instruct) wins over the table. */
export function contextFor(k: KnownModel, name: string): number | undefined {
  const tag = /(?:^|[-_/])(\d+)k(?=$|[-_/])/i.exec(name);
  return tag ? Number(tag[1]) * 1024 : k.context;
}
