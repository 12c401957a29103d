// Vocabulary sizes of well-known tokenizers. Many training configs give the vocabulary only
// through the tokenizer they name (a file or a Hub id); the reader then pads it by its own
// rule (GPT-NeoX / NeMo: make_vocab_size_divisible_by x tensor parallel; LitGPT: padding_multiple).

export interface KnownTokenizer {
  id: string;
  name: string;
  /** Tokens the tokenizer produces (before any padding of the embedding). */
  vocab: number;
  /** Tested against the names and paths a config gives (file names, Hub ids, builder names). */
  patterns: RegExp[];
  source: string;
  note?: string;
}

export const KNOWN_TOKENIZERS: KnownTokenizer[] = [
  {
    // Checked before GPT-NeoX-20B: the OLMo tokenizer adds three PII tokens to it.
    id: 'olmo-gpt-neox-20b-pii',
    name: 'OLMo (GPT-NeoX-20B + PII special tokens)',
    vocab: 50280,
    patterns: [/gpt-?neox-?20b-pii-special/i, /allenai\/(OLMo|olmo)/],
    source: 'allenai/OLMo configs/official/OLMo-7B.yaml (vocab_size 50280, embedding_size 50304)',
  },
  {
    id: 'gpt-neox-20b',
    name: 'GPT-NeoX-20B BPE',
    vocab: 50277,
    patterns: [/20B_tokenizer\.json$/i, /gpt-?neox-?20b/i, /EleutherAI\/pythia/i],
    source: 'EleutherAI/gpt-neox-20b tokenizer.json: 50,254 BPE tokens + 23 added tokens = 50,277 (Black et al. 2022, arXiv:2204.06745)',
    note: 'padded to 50,304 by GPT-NeoX at tensor parallel 1 (make_vocab_size_divisible_by 128)',
  },
  {
    id: 'gpt2',
    name: 'GPT-2 BPE',
    vocab: 50257,
    patterns: [/^GPT2BPETokenizer$/i, /gpt2-(vocab|merges)/i, /(^|\/)gpt2(-(medium|large|xl))?$/i, /openai-community\/gpt2/i],
    source: 'openai-community/gpt2 tokenizer (Radford et al. 2019): 50,257 tokens',
  },
  {
    id: 'llama3',
    name: 'Llama 3 tiktoken BPE',
    vocab: 128256,
    patterns: [/llama3_tokenizer/i, /llama-?3(\.[123])?[-_/]/i, /Meta-Llama-3/i],
    source: 'meta-llama/Meta-Llama-3-8B config.json vocab_size 128,256 (128,000 BPE + 256 special)',
  },
  {
    id: 'llama2',
    name: 'Llama 2 SentencePiece',
    vocab: 32000,
    patterns: [/llama2_tokenizer/i, /llama-?2[-_/]/i, /TinyLlama/i, /tiny-llama/i],
    source: 'meta-llama/Llama-2-7b-hf tokenizer.model: 32,000 pieces (Touvron et al. 2023)',
  },
  {
    // After Llama 3 (whose original/tokenizer.model paths carry "llama-3"/"llama3"): a SentencePiece
    // model under a Llama path that names no version. Llama 1 and Llama 2 ship the same model.
    id: 'llama-spm',
    name: 'Llama SentencePiece',
    vocab: 32000,
    // Not Code Llama, whose SentencePiece model has 32,016 pieces.
    patterns: [/(?<!code)llama[^\\/]*[\\/](?:[^\\/]+[\\/])*tokenizer\.model$/i],
    source: 'Llama 2 paper (Touvron et al. 2023, arXiv:2307.09288) §2.2: the same tokenizer as Llama 1, SentencePiece BPE with 32k tokens',
    note: 'the path names no Llama version; Llama 1 and 2 share this 32,000-piece model (Llama 3 uses a 128,256-token BPE: name it, or state vocab=)',
  },
  {
    id: 'mistral-v3',
    name: 'Mistral v3 SentencePiece',
    vocab: 32768,
    patterns: [/mistral-7b(-instruct)?-v0\.3/i],
    source: 'mistralai/Mistral-7B-v0.3 config.json vocab_size 32,768',
  },
  {
    id: 'mistral-v1',
    name: 'Mistral v1 SentencePiece',
    vocab: 32000,
    patterns: [/mistral_tokenizer/i, /mistral-7b(-instruct)?-v0\.[12]/i, /mixtral-8x7b/i],
    source: 'mistralai/Mistral-7B-v0.1 config.json vocab_size 32,000',
  },
  {
    id: 'qwen2.5',
    name: 'Qwen2.5 BPE',
    // Token ids run to 151,664: 151,643 byte-level BPE tokens plus 22 control tokens
    // (<|endoftext|> 151643 ... <|file_sep|> 151664), so len(tokenizer) = 151,665 rows are needed.
    vocab: 151665,
    patterns: [/qwen2_5_tokenizer/i, /qwen2\.?5/i],
    source: 'Qwen/Qwen2.5-7B tokenizer_config.json: 151,643 BPE tokens + 22 added control tokens = 151,665 ids (Qwen Team 2024, arXiv:2412.15115)',
    note: 'the checkpoints allocate more embedding rows than ids: 151,936 (0.5B-3B) or 152,064 (7B and up); a model config gives those',
  },
];

/** The known tokenizer one of these names or paths refers to, if any. */
export function resolveTokenizer(names: Array<string | undefined>): KnownTokenizer | undefined {
  for (const n of names) {
    if (typeof n !== 'string' || !n.trim()) continue;
    for (const t of KNOWN_TOKENIZERS) if (t.patterns.some((p) => p.test(n.trim()))) return t;
  }
  return undefined;
}

/** Round a vocabulary up to a multiple (Megatron _vocab_size_with_padding, LitGPT find_multiple). */
export function padVocab(vocab: number, multiple: number): number {
  if (!(multiple > 1) || !Number.isFinite(multiple)) return vocab;
  return Math.ceil(vocab / multiple) * multiple;
}
