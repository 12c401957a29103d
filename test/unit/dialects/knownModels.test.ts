import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contextFor, KNOWN_MODELS, modelKey, resolveModel } from '../../../src/read/knownModels';
import { padVocab, resolveTokenizer } from '../../../src/read/tokenizers';
import { countParams, type CompleteShape } from '../../../src/engine/params';
import { FIXTURES } from './helpers';

interface Entry {
  model: string;
  total: number;
  active?: number;
  nonEmbedding?: number;
  card?: number;
  tolerance?: number;
  source: string;
}
const table: { published: Entry[]; computed: Entry[]; countsOnly: Entry[] } = JSON.parse(readFileSync(join(FIXTURES, 'known-model-counts.json'), 'utf8'));

function byId(id: string) {
  const k = KNOWN_MODELS.find((m) => m.id === id);
  assert.ok(k, `${id} is not in the table`);
  return k;
}

describe('known models: shapes reproduce published counts', () => {
  for (const e of table.published) {
    it(`${e.model}: ${e.total.toLocaleString('en-US')} (${e.source.split(' (')[0]})`, () => {
      const c = countParams(byId(e.model).shape as CompleteShape);
      assert.equal(c.total, e.total);
      if (e.active !== undefined) assert.equal(c.active, e.active);
      if (e.nonEmbedding !== undefined) assert.equal(c.nonEmbedding, e.nonEmbedding);
    });
  }
  for (const e of table.computed) {
    it(`${e.model}: ${e.total.toLocaleString('en-US')}, within ${(e.tolerance! * 100).toFixed(0)}% of the card's ${e.card! / 1e9}B`, () => {
      const c = countParams(byId(e.model).shape as CompleteShape);
      assert.equal(c.total, e.total);
      if (e.nonEmbedding !== undefined) assert.equal(c.nonEmbedding, e.nonEmbedding);
      assert.ok(Math.abs(c.total / e.card! - 1) <= e.tolerance!, `${c.total} vs ${e.card}`);
    });
  }
  it('DeepSeek-V2-Lite (MLA + MoE) carries its published counts instead of a shape', () => {
    const k = byId('DeepSeek-V2-Lite');
    assert.equal(k.shape, undefined);
    assert.equal(k.params, table.countsOnly[0].total);
    assert.equal(k.activeParams, table.countsOnly[0].active);
  });
  it('every model has a source, and every name resolves to one model only', () => {
    const seen = new Map<string, string>();
    for (const k of KNOWN_MODELS) {
      assert.ok(k.source.length > 10, k.id);
      assert.ok(k.shape || k.params, k.id);
      for (const n of [k.id, ...k.aliases]) {
        const key = modelKey(n);
        assert.ok(key, n);
        const other = seen.get(key);
        assert.ok(!other || other === k.id, `${n} (${key}) names both ${other} and ${k.id}`);
        seen.set(key, k.id);
      }
    }
  });
});

describe('known models: names as configs write them', () => {
  const cases: Array<[string, string]> = [
    ['meta-llama/Meta-Llama-3-8B', 'Llama-3-8B'],
    ['NousResearch/Meta-Llama-3-8B', 'Llama-3-8B'],
    ['META-LLAMA/meta-llama-3-8b-instruct', 'Llama-3-8B'],
    ['casperhansen/llama-3-70b-fp16', 'Llama-3-70B'],
    ['mistralai/Mistral-7B-v0.1', 'Mistral-7B-v0.1'],
    ['mistralai/Mistral-7B-Instruct-v0.3', 'Mistral-7B-v0.3'],
    ['torchtune.models.llama3.llama3_8b', 'Llama-3-8B'],
    ['torchtune.models.llama3.lora_llama3_8b', 'Llama-3-8B'],
    ['torchtune.models.llama3_1.qlora_llama3_1_8b', 'Llama-3.1-8B'],
    ['llama3_2_1b', 'Llama-3.2-1B'],
    ['llama2_7b', 'Llama-2-7B'],
    ['mistral_7b', 'Mistral-7B-v0.1'],
    ['qwen2_5_7b', 'Qwen2.5-7B'],
    ['qwen2_5_0_5b', 'Qwen2.5-0.5B'],
    ['Qwen/Qwen2.5-1.5B-Instruct', 'Qwen2.5-1.5B'],
    ['gemma2_9b', 'Gemma-2-9B'],
    ['google/gemma-2-27b-it', 'Gemma-2-27B'],
    ['phi3_mini', 'Phi-3-mini'],
    ['microsoft/Phi-3-mini-4k-instruct', 'Phi-3-mini'],
    ['pythia-1b', 'Pythia-1B'],
    ['EleutherAI/pythia-6.9b-deduped', 'Pythia-6.9B'],
    ['Llama-2-7b-hf', 'Llama-2-7B'],
    ['checkpoints/meta-llama/Llama-2-7b-hf', 'Llama-2-7B'],
    ['/tmp/Meta-Llama-3-8B/original/', 'Llama-3-8B'],
    ['tiny-llama-1.1b', 'TinyLlama-1.1B'],
    ['TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T', 'TinyLlama-1.1B'],
    ['gpt2', 'GPT-2'],
    ['openai-community/gpt2-xl', 'GPT-2 XL'],
    ['allenai/OLMo-7B', 'OLMo-7B'],
    ['HuggingFaceTB/SmolLM-360M', 'SmolLM-360M'],
    ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'Mixtral-8x7B'],
    ['deepseek-ai/DeepSeek-V2-Lite', 'DeepSeek-V2-Lite'],
  ];
  for (const [name, id] of cases) {
    it(`${name} -> ${id}`, () => assert.equal(resolveModel(name)?.id, id));
  }
  it('does not guess: unknown or near names resolve to nothing', () => {
    for (const n of ['my-org/custom-7b', 'llama-2-8b', 'Mistral-7B-v0.4', 'pythia-1.2b', 'gpt3', '', '/tmp/foo/bar/']) assert.equal(resolveModel(n), undefined, n);
  });
});

describe('tokenizers and vocabulary padding', () => {
  it('pads GPT-NeoX-20B (50,277) by make_vocab_size_divisible_by x tensor parallel', () => {
    const t = resolveTokenizer(['/fsx/pile/20B_tokenizer.json'])!;
    assert.equal(t.vocab, 50_277);
    assert.equal(padVocab(t.vocab, 128), 50_304);
    assert.equal(padVocab(t.vocab, 128 * 2), 50_432);
    assert.equal(padVocab(t.vocab, 128 * 4), 50_688);
    assert.equal(padVocab(50_254, 512), 50_688); // LitGPT's default padding_multiple
  });
  it('knows the tokenizers configs name', () => {
    const cases: Array<[string, number]> = [
      ['GPT2BPETokenizer', 50_257],
      ['data/gpt2-vocab.json', 50_257],
      ['EleutherAI/gpt-neox-20b', 50_277],
      ['tokenizers/allenai_eleuther-ai-gpt-neox-20b-pii-special.json', 50_280],
      ['./data/llama2/tokenizer.model', 32_000],
      ['torchtune.models.llama3.llama3_tokenizer', 128_256],
      ['meta-llama/Meta-Llama-3-8B', 128_256],
      ['mistralai/Mistral-7B-v0.1', 32_000],
      ['mistralai/Mistral-7B-v0.3', 32_768],
      // len(tokenizer): 151,643 BPE tokens + 22 control tokens; the checkpoints pad to 151,936 / 152,064 rows.
      ['Qwen/Qwen2.5-7B', 151_665],
      // A Llama path without a version: Llama 1 and 2 share the 32,000-piece model.
      ['./data/llama/tokenizer.model', 32_000],
      ['/checkpoints/llama-7b/tokenizer.model', 32_000],
      // Llama 3's original/tokenizer.model is its tiktoken BPE, not SentencePiece.
      ['/tmp/Meta-Llama-3.1-8B-Instruct/original/tokenizer.model', 128_256],
    ];
    for (const [n, v] of cases) assert.equal(resolveTokenizer([n])?.vocab, v, n);
    assert.equal(resolveTokenizer(['HFTokenizer', 'sentencepiece', '???', undefined]), undefined);
    // Code Llama's SentencePiece model has 32,016 pieces: not guessed as Llama's.
    assert.equal(resolveTokenizer(['/ckpt/CodeLlama-7b-hf/tokenizer.model']), undefined);
    assert.match(resolveTokenizer(['./data/llama/tokenizer.model'])!.note!, /no Llama version/);
  });
});

describe('known models: context lengths (LitGPT block_size)', () => {
  const cases: Array<[string, number]> = [
    ['Llama-2-7b-hf', 4096],
    ['Llama-3-8B', 8192],
    ['Llama-3.1-8B', 131_072],
    ['tiny-llama-1.1b', 2048],
    ['pythia-1.4b', 2048],
    ['Mistral-7B-v0.1', 4096],
    ['Qwen2.5-0.5B', 32_768],
    ['Qwen2.5-7B', 131_072],
    ['Phi-3-mini-4k-instruct', 4096],
    ['Phi-3-mini-128k-instruct', 131_072],
  ];
  for (const [name, ctx] of cases) {
    it(`${name}: ${ctx.toLocaleString('en-US')}`, () => assert.equal(contextFor(resolveModel(name)!, name), ctx));
  }
  it('every model with a shape has a context length', () => {
    for (const k of KNOWN_MODELS) if (k.shape) assert.ok(k.context && k.context >= 1024, k.id);
  });
});
