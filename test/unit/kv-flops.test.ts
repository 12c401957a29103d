import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kvCacheBytesPerToken } from '../../src/engine/kvCache';
import { attentionForwardFlopsPerToken, forwardFlopsPerToken, meanAttended, trainingFlopsPerToken } from '../../src/engine/flops';
import { countParams, type CompleteShape } from '../../src/engine/params';
import { analyseFixture } from './dialects/helpers';

const published = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/kv-cache.json'), 'utf8')) as { cases: Array<{ model: string; elements?: number; bytesInt8?: number; bytesBf16?: number }> };
const pub = (m: string) => published.cases.find((c) => c.model === m)!;

// DeepSeek-V2: 60 layers, 128 heads, MLA with d_c 512 and d_h^R 64 (arXiv:2405.04434 Sec. 3.1.2).
const v2: CompleteShape = {
  architecture: 'llama', layers: 60, dModel: 5120, heads: 128, vocabSize: 102400, ffnHidden: 12288,
  attention: { kind: 'mla', mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 } },
  moe: { experts: 160, topK: 6, sharedExperts: 2, expertFfnHidden: 1536, firstDenseLayers: 1 },
};

describe('KV cache per token', () => {
  it('DeepSeek-V2 MLA caches 9/2 d_h l elements, MHA 2 n_h d_h l (Table 1)', () => {
    assert.equal(kvCacheBytesPerToken(v2, 1), pub('DeepSeek-V2 (MLA)').elements);
    const mha: CompleteShape = { ...v2, attention: undefined, headDim: 128 };
    assert.equal(kvCacheBytesPerToken(mha, 1), pub('DeepSeek-V2 shape with MHA').elements);
  });

  it('Llama-3-70B: 160 KiB at int8, 320 KiB at bf16', () => {
    const s: CompleteShape = { architecture: 'llama', layers: 80, dModel: 8192, heads: 64, kvHeads: 8, vocabSize: 128256 };
    assert.equal(kvCacheBytesPerToken(s, 1), pub('Llama-3-70B').bytesInt8);
    assert.equal(kvCacheBytesPerToken(s, 2), pub('Llama-3-70B').bytesBf16);
  });

  it('Gemma 3 1B: 22 local layers hold 512 tokens, 4 global layers the whole context', () => {
    const s = analyseFixture('hf-config', 'gemma-3-1b/config.json').read!.run.model.shape as CompleteShape;
    // One KV head of 256: 512 values per layer and token. Layers 6, 12, 18, 24 (1-based) are global.
    assert.equal(kvCacheBytesPerToken(s, 2), 2 * 26 * 512);
    assert.equal(kvCacheBytesPerToken(s, 2, 32768), 2 * (4 * 512 + (22 * 512 * 512) / 32768));
    assert.equal(kvCacheBytesPerToken(s, 2, 256), 2 * 26 * 512);
  });

  it('gpt-oss-20b: alternating 128-token windows', () => {
    const s = analyseFixture('hf-config', 'gpt-oss-20b/config.json').read!.run.model.shape as CompleteShape;
    const perLayer = 2 * 8 * 64;
    assert.equal(kvCacheBytesPerToken(s, 2, 131072), 2 * (12 * perLayer + (12 * perLayer * 128) / 131072));
  });

  it('Nemotron-H 8B: 4 attention layers cache keys and values, 24 Mamba layers a constant state', () => {
    const s = analyseFixture('hf-config', 'nemotron-h-8b/config.json').read!.run.model.shape as CompleteShape;
    const attn = 4 * 2 * 8 * 128;
    // Mamba-2 state per sequence: conv (kernel - 1) x conv_dim + heads x head_dim x state.
    const state = 24 * (3 * (8192 + 2 * 8 * 128) + 128 * 64 * 128);
    assert.equal(kvCacheBytesPerToken(s, 2), 2 * attn);
    assert.equal(kvCacheBytesPerToken(s, 2, 8192), 2 * (attn + state / 8192));
  });

  it('bad precision is zero bytes, never NaN', () => {
    assert.equal(kvCacheBytesPerToken(v2, 0), 0);
    assert.equal(kvCacheBytesPerToken(v2, NaN), 0);
  });
});

describe('attention FLOPs per token', () => {
  it('causal mean of attended keys: (S + 1) / 2, capped by a window', () => {
    assert.equal(meanAttended(4), 2.5);
    // Window 2 over 4 tokens: 1, 2, 2, 2 keys.
    assert.equal(meanAttended(4, 2), 7 / 4);
    assert.equal(meanAttended(0), 0);
  });

  it('Llama-2-7B at 4096: 6N plus 3 x 32 layers x 2 x 32 heads x 256 x 2048.5', () => {
    const s: CompleteShape = { architecture: 'llama', layers: 32, dModel: 4096, heads: 32, ffnHidden: 11008, vocabSize: 32000 };
    const attn = 32 * 2 * 32 * (128 + 128) * 2048.5;
    assert.equal(attentionForwardFlopsPerToken(s, 4096), attn);
    assert.equal(trainingFlopsPerToken(s, 4096), 6 * 6_738_415_616 + 3 * attn);
    // Decoding one token at a 4096 context attends all 4096 keys.
    assert.equal(forwardFlopsPerToken(s, 4096), 2 * 6_738_415_616 + 32 * 2 * 32 * 256 * 4096);
  });

  it('MLA attends with qk_nope + qk_rope = 192 dims for scores and v_head_dim 128 for values', () => {
    assert.equal(attentionForwardFlopsPerToken(v2, 4096), 60 * 2 * 128 * (192 + 128) * 2048.5);
    assert.equal(trainingFlopsPerToken({ ...v2, moe: { ...v2.moe!, topK: undefined } }, 4096), null);
    assert.ok(countParams(v2).active! > 0);
  });
});
