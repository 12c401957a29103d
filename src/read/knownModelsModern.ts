// Models people fine-tune in 2025-2026, transcribed from each model's config.json on the Hub
// (text model only for multimodal checkpoints). Architectural details follow the transformers
// implementation of their model_type (see src/read/dialects/hfModern.ts); the counts are checked
// against the model cards in test/fixtures/known-model-counts.json.

import type { ModelShape } from '../engine/types';
import type { KnownModel } from './knownModels';

type S = ModelShape;
const base = (layers: number, dModel: number, heads: number, kvHeads: number, ffnHidden: number, vocabSize: number, extra: Partial<S> = {}): S => ({
  architecture: 'llama', layers, dModel, heads, kvHeads: kvHeads === heads ? undefined : kvHeads, headDim: 128, ffnHidden, vocabSize, tieEmbeddings: false, ...extra,
});
const hub = (repo: string): string => `config.json of huggingface.co/${repo}`;
/** Qwen3: per-head q/k RMSNorm, head_dim 128 (configuration_qwen3.py). */
const qwen3 = (l: number, h: number, nh: number, kv: number, f: number, tied: boolean): S => base(l, h, nh, kv, f, 151936, { tieEmbeddings: tied, attention: { qkNorm: 'head' } });
/** Gemma 3 text: four norms per block, per-head q/k norms, tied, 5 local (window) : 1 global layers. */
const gemma3 = (l: number, h: number, nh: number, kv: number, hd: number, f: number, vocab: number, window: number): S =>
  base(l, h, nh, kv, f, vocab, { headDim: hd, tieEmbeddings: true, normsPerLayer: 4, attention: { qkNorm: 'head', slidingWindow: window, globalEvery: 6 } });
/** OLMo 2: q/k RMSNorm over the whole projection, post-norms (two per block). */
const olmo2 = (l: number, h: number, nh: number, kv: number, f: number): S => base(l, h, nh, kv, f, 100352, { attention: { qkNorm: 'full' } });
/** DeepSeek-V3 / R1: MLA, 3 dense layers then 58 MoE layers, one MTP module. */
const deepseekV3: S = {
  architecture: 'llama', layers: 61, dModel: 7168, heads: 128, ffnHidden: 18432, vocabSize: 129280, tieEmbeddings: false, mtpLayers: 1,
  attention: { kind: 'mla', mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 } },
  moe: { experts: 256, topK: 8, sharedExperts: 1, expertFfnHidden: 2048, firstDenseLayers: 3, scoreCorrectionBias: true },
};
/** gpt-oss: biases on attention and experts, sinks, router bias, alternating 128-token windows. */
const gptOss = (layers: number, experts: number): S => ({
  architecture: 'llama', layers, dModel: 2880, heads: 64, kvHeads: 8, headDim: 64, ffnHidden: 2880, vocabSize: 201088, tieEmbeddings: false, biases: true,
  attention: { sinks: true, slidingWindow: 128, globalEvery: 2 },
  moe: { experts, topK: 4, routerBias: true },
});
/** Llama 4: routed experts plus one shared expert at 8192, dense layers at 16384 between MoE layers. */
const llama4 = (experts: number, every: number): S => base(48, 5120, 40, 8, 16384, 202048, { moe: { experts, topK: 1, sharedExperts: 1, expertFfnHidden: 8192, every } });

export const MODERN_MODELS: KnownModel[] = [
  // Meta Llama 3.3 and Llama 4 (text model; the vision encoder is not counted)
  { id: 'Llama-3.3-70B', aliases: ['meta-llama/Llama-3.3-70B-Instruct', 'llama3_3_70b', 'Llama-3.3-70B-Instruct'], shape: base(80, 8192, 64, 8, 28672, 128256), context: 131072, source: hub('meta-llama/Llama-3.3-70B-Instruct') },
  { id: 'Llama-4-Scout-17B-16E', aliases: ['meta-llama/Llama-4-Scout-17B-16E', 'Llama-4-Scout-17B-16E-Instruct', 'llama4_scout_17b_16e'], shape: llama4(16, 1), context: 131072, source: `${hub('meta-llama/Llama-4-Scout-17B-16E')} (text_config); the card's 109B total includes the vision encoder` },
  { id: 'Llama-4-Maverick-17B-128E', aliases: ['meta-llama/Llama-4-Maverick-17B-128E', 'Llama-4-Maverick-17B-128E-Instruct', 'llama4_maverick_17b_128e'], shape: llama4(128, 2), context: 131072, source: `${hub('meta-llama/Llama-4-Maverick-17B-128E')} (text_config, interleave_moe_layer_step 2)` },
  // Qwen3 (Qwen Team 2025, arXiv:2505.09388)
  { id: 'Qwen3-0.6B', aliases: ['Qwen/Qwen3-0.6B', 'Qwen3-0.6B-Base', 'qwen3_0_6b'], shape: qwen3(28, 1024, 16, 8, 3072, true), context: 40960, source: hub('Qwen/Qwen3-0.6B') },
  { id: 'Qwen3-1.7B', aliases: ['Qwen/Qwen3-1.7B', 'Qwen3-1.7B-Base', 'qwen3_1_7b'], shape: qwen3(28, 2048, 16, 8, 6144, true), context: 40960, source: hub('Qwen/Qwen3-1.7B') },
  { id: 'Qwen3-4B', aliases: ['Qwen/Qwen3-4B', 'Qwen3-4B-Base', 'qwen3_4b'], shape: qwen3(36, 2560, 32, 8, 9728, true), context: 40960, source: hub('Qwen/Qwen3-4B') },
  { id: 'Qwen3-8B', aliases: ['Qwen/Qwen3-8B', 'Qwen3-8B-Base', 'qwen3_8b'], shape: qwen3(36, 4096, 32, 8, 12288, false), context: 40960, source: hub('Qwen/Qwen3-8B') },
  { id: 'Qwen3-14B', aliases: ['Qwen/Qwen3-14B', 'Qwen3-14B-Base', 'qwen3_14b'], shape: qwen3(40, 5120, 40, 8, 17408, false), context: 40960, source: hub('Qwen/Qwen3-14B') },
  { id: 'Qwen3-32B', aliases: ['Qwen/Qwen3-32B', 'qwen3_32b'], shape: qwen3(64, 5120, 64, 8, 25600, false), context: 40960, source: hub('Qwen/Qwen3-32B') },
  { id: 'Qwen3-30B-A3B', aliases: ['Qwen/Qwen3-30B-A3B', 'Qwen3-30B-A3B-Base', 'qwen3_30b_a3b'], shape: { ...qwen3(48, 2048, 32, 4, 6144, false), moe: { experts: 128, topK: 8, expertFfnHidden: 768 } }, context: 40960, source: hub('Qwen/Qwen3-30B-A3B') },
  { id: 'Qwen3-235B-A22B', aliases: ['Qwen/Qwen3-235B-A22B', 'qwen3_235b_a22b'], shape: { ...qwen3(94, 4096, 64, 4, 12288, false), moe: { experts: 128, topK: 8, expertFfnHidden: 1536 } }, context: 40960, source: hub('Qwen/Qwen3-235B-A22B') },
  // Google Gemma 3 (Gemma Team 2025, arXiv:2503.19786), text model
  { id: 'Gemma-3-1B', aliases: ['google/gemma-3-1b-pt', 'gemma-3-1b-it', 'gemma3_1b'], shape: gemma3(26, 1152, 4, 1, 256, 6912, 262144, 512), context: 32768, source: hub('google/gemma-3-1b-pt') },
  { id: 'Gemma-3-4B', aliases: ['google/gemma-3-4b-pt', 'gemma-3-4b-it', 'gemma3_4b'], shape: gemma3(34, 2560, 8, 4, 256, 10240, 262208, 1024), context: 131072, source: `${hub('google/gemma-3-4b-pt')} (text_config)` },
  { id: 'Gemma-3-12B', aliases: ['google/gemma-3-12b-pt', 'gemma-3-12b-it', 'gemma3_12b'], shape: gemma3(48, 3840, 16, 8, 256, 15360, 262208, 1024), context: 131072, source: `${hub('google/gemma-3-12b-pt')} (text_config)` },
  { id: 'Gemma-3-27B', aliases: ['google/gemma-3-27b-pt', 'gemma-3-27b-it', 'gemma3_27b'], shape: gemma3(62, 5376, 32, 16, 128, 21504, 262208, 1024), context: 131072, source: `${hub('google/gemma-3-27b-pt')} (text_config)` },
  // Mistral
  { id: 'Mistral-Nemo-12B', aliases: ['mistralai/Mistral-Nemo-Base-2407', 'Mistral-Nemo-Instruct-2407', 'mistral_nemo_12b', 'Mistral-Nemo'], shape: base(40, 5120, 32, 8, 14336, 131072), context: 131072, source: hub('mistralai/Mistral-Nemo-Base-2407') },
  { id: 'Mistral-Small-24B', aliases: ['mistralai/Mistral-Small-24B-Base-2501', 'Mistral-Small-24B-Instruct-2501', 'mistral_small_24b'], shape: base(40, 5120, 32, 8, 32768, 131072), context: 32768, source: hub('mistralai/Mistral-Small-24B-Base-2501') },
  // Microsoft Phi-4 (Abdin et al. 2024, arXiv:2412.08905)
  { id: 'Phi-4', aliases: ['microsoft/phi-4', 'phi4_14b', 'phi-4-14b'], shape: base(40, 5120, 40, 10, 17920, 100352), context: 16384, source: hub('microsoft/phi-4') },
  { id: 'Phi-4-mini', aliases: ['microsoft/Phi-4-mini-instruct', 'phi4_mini', 'Phi-4-mini-instruct'], shape: base(32, 3072, 24, 8, 8192, 200064, { tieEmbeddings: true }), context: 131072, source: hub('microsoft/Phi-4-mini-instruct') },
  // DeepSeek-V3 / R1 (arXiv:2412.19437, arXiv:2501.12948) and the R1 distills (base shapes of Qwen2.5-Math / Qwen2.5 / Llama 3)
  { id: 'DeepSeek-V3', aliases: ['deepseek-ai/DeepSeek-V3', 'DeepSeek-V3-Base', 'deepseek-ai/DeepSeek-V3-0324'], shape: deepseekV3, context: 163840, source: `${hub('deepseek-ai/DeepSeek-V3')}; report: 671B total, 37B activated, MTP apart` },
  { id: 'DeepSeek-R1', aliases: ['deepseek-ai/DeepSeek-R1', 'DeepSeek-R1-Zero', 'deepseek-ai/DeepSeek-R1-0528'], shape: deepseekV3, context: 163840, source: hub('deepseek-ai/DeepSeek-R1') },
  { id: 'DeepSeek-V2', aliases: ['deepseek-ai/DeepSeek-V2', 'DeepSeek-V2-Chat'], shape: { architecture: 'llama', layers: 60, dModel: 5120, heads: 128, ffnHidden: 12288, vocabSize: 102400, tieEmbeddings: false, attention: { kind: 'mla', mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 } }, moe: { experts: 160, topK: 6, sharedExperts: 2, expertFfnHidden: 1536, firstDenseLayers: 1 } }, context: 163840, source: `${hub('deepseek-ai/DeepSeek-V2')}; report (arXiv:2405.04434): 236B total, 21B activated` },
  { id: 'DeepSeek-R1-Distill-Qwen-1.5B', aliases: ['deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B'], shape: base(28, 1536, 12, 2, 8960, 151936, { qkvBias: true, headDim: undefined }), context: 131072, source: hub('deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B') },
  { id: 'DeepSeek-R1-Distill-Qwen-7B', aliases: ['deepseek-ai/DeepSeek-R1-Distill-Qwen-7B'], shape: base(28, 3584, 28, 4, 18944, 152064, { qkvBias: true, headDim: undefined }), context: 131072, source: hub('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B') },
  { id: 'DeepSeek-R1-Distill-Qwen-14B', aliases: ['deepseek-ai/DeepSeek-R1-Distill-Qwen-14B'], shape: base(48, 5120, 40, 8, 13824, 152064, { qkvBias: true }), context: 131072, source: hub('deepseek-ai/DeepSeek-R1-Distill-Qwen-14B') },
  { id: 'DeepSeek-R1-Distill-Qwen-32B', aliases: ['deepseek-ai/DeepSeek-R1-Distill-Qwen-32B'], shape: base(64, 5120, 40, 8, 27648, 152064, { qkvBias: true }), context: 131072, source: hub('deepseek-ai/DeepSeek-R1-Distill-Qwen-32B') },
  { id: 'DeepSeek-R1-Distill-Llama-8B', aliases: ['deepseek-ai/DeepSeek-R1-Distill-Llama-8B'], shape: base(32, 4096, 32, 8, 14336, 128256), context: 131072, source: hub('deepseek-ai/DeepSeek-R1-Distill-Llama-8B') },
  { id: 'DeepSeek-R1-Distill-Llama-70B', aliases: ['deepseek-ai/DeepSeek-R1-Distill-Llama-70B'], shape: base(80, 8192, 64, 8, 28672, 128256), context: 131072, source: hub('deepseek-ai/DeepSeek-R1-Distill-Llama-70B') },
  // Hugging Face SmolLM3 (2025): tied, GQA 4; NoPE layers change no count
  { id: 'SmolLM3-3B', aliases: ['HuggingFaceTB/SmolLM3-3B', 'SmolLM3-3B-Base', 'smollm3_3b'], shape: base(36, 2048, 16, 4, 11008, 128256, { tieEmbeddings: true }), context: 65536, source: hub('HuggingFaceTB/SmolLM3-3B') },
  // AI2 OLMo 2 (OLMo Team 2024, arXiv:2501.00656) and OLMoE (arXiv:2409.02060)
  { id: 'OLMo-2-1B', aliases: ['allenai/OLMo-2-0425-1B', 'OLMo-2-0425-1B-Instruct', 'olmo2_1b'], shape: olmo2(16, 2048, 16, 16, 8192), context: 4096, source: hub('allenai/OLMo-2-0425-1B') },
  { id: 'OLMo-2-7B', aliases: ['allenai/OLMo-2-1124-7B', 'OLMo-2-1124-7B-Instruct', 'olmo2_7b'], shape: olmo2(32, 4096, 32, 32, 11008), context: 4096, source: hub('allenai/OLMo-2-1124-7B') },
  { id: 'OLMo-2-13B', aliases: ['allenai/OLMo-2-1124-13B', 'OLMo-2-1124-13B-Instruct', 'olmo2_13b'], shape: olmo2(40, 5120, 40, 40, 13824), context: 4096, source: hub('allenai/OLMo-2-1124-13B') },
  { id: 'OLMo-2-32B', aliases: ['allenai/OLMo-2-0325-32B', 'OLMo-2-0325-32B-Instruct', 'olmo2_32b'], shape: olmo2(64, 5120, 40, 8, 27648), context: 4096, source: hub('allenai/OLMo-2-0325-32B') },
  { id: 'OLMoE-1B-7B', aliases: ['allenai/OLMoE-1B-7B-0924', 'OLMoE-1B-7B-0924-Instruct', 'olmoe_1b_7b'], shape: { ...base(16, 2048, 16, 16, 1024, 50304), attention: { qkNorm: 'full' }, moe: { experts: 64, topK: 8 } }, context: 4096, source: hub('allenai/OLMoE-1B-7B-0924') },
  // OpenAI gpt-oss (model card, 2025)
  { id: 'gpt-oss-20b', aliases: ['openai/gpt-oss-20b', 'gpt_oss_20b'], shape: gptOss(24, 32), context: 131072, source: `${hub('openai/gpt-oss-20b')}; model card: 20.91B total, 3.61B active` },
  { id: 'gpt-oss-120b', aliases: ['openai/gpt-oss-120b', 'gpt_oss_120b'], shape: gptOss(36, 128), context: 131072, source: `${hub('openai/gpt-oss-120b')}; model card: 116.83B total, 5.13B active` },
];
