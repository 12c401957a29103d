import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countParams, type CompleteShape } from '../../src/engine/params';
import { attentionBlock } from '../../src/engine/params/attention';
import { moeBlock } from '../../src/engine/params/ffn';
import { analyse, analyseFixture, findings, fixture } from './dialects/helpers';

interface Published { what: string; value: number; decimals: number; unit: number; source: string; truncated?: boolean }
interface Case { dir: string; exact: Record<string, number>; published: Published[] }
const table = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/architecture-counts.json'), 'utf8')) as { models: Case[] };

/** The count's figure in the published unit, rounded to the published decimals. */
const rounded = (n: number, p: Published): number =>
  p.truncated ? Math.floor((n / p.unit) * 10 ** p.decimals) / 10 ** p.decimals : Number((n / p.unit).toFixed(p.decimals));

function shapeOf(dir: string): CompleteShape {
  const a = analyseFixture('hf-config', `${dir}/config.json`);
  return a.read!.run.model.shape as CompleteShape;
}

/** Figures by name, from the engine's count of the shape read from config.json. */
function figures(dir: string): Record<string, number | null> {
  const s = shapeOf(dir);
  const c = countParams(s);
  const moeLayers = s.moe ? s.layers - (s.moe.firstDenseLayers ?? 0) : 0;
  return {
    total: c.total,
    active: c.active,
    activeCompute: c.activeCompute,
    nonEmbedding: c.nonEmbedding,
    embedding: c.embedding,
    mtp: c.mtp,
    mtpStored: c.mtpStored,
    totalWithMtpStored: c.total + c.mtpStored + (dir === 'deepseek-v3' ? deepseekFp8Scales() : 0),
    attention: s.layers * attentionBlock(s).params,
    mlp: moeLayers ? moeLayers * moeBlock(s).params : 0,
  };
}

/**
 * DeepSeek-V3's safetensors also hold one FP32 scale per 128x128 block of every FP8 linear in
 * the decoder and MTP layers (router and eh_proj stay BF16): ceil(out/128) ceil(in/128) each.
 */
function deepseekFp8Scales(): number {
  const b = (o: number, i: number): number => Math.ceil(o / 128) * Math.ceil(i / 128);
  const h = 7168;
  const attn = b(1536, h) + b(128 * 192, 1536) + b(576, h) + b(128 * 256, 512) + b(h, 128 * 128);
  const mlp = (w: number): number => 2 * b(w, h) + b(h, w);
  return 3 * (attn + mlp(18432)) + (58 + 1) * (attn + 257 * mlp(2048));
}

describe('architectures: config.json counts against published figures', () => {
  for (const m of table.models) {
    describe(m.dir, () => {
      const f = figures(m.dir);
      for (const [what, n] of Object.entries(m.exact)) {
        it(`${what} = ${n.toLocaleString('en-US')} (layer-by-layer derivation)`, () => assert.equal(f[what], n));
      }
      for (const p of m.published) {
        it(`${p.what} rounds to the published ${p.value / p.unit} (${p.source.split(':')[0]})`, () => {
          const v = f[p.what];
          assert.ok(v !== null && v !== undefined, p.what);
          assert.equal(rounded(v, p), Number((p.value / p.unit).toFixed(p.decimals)), `${p.what}: ${v}`);
        });
      }
    });
  }

  it('DeepSeek-V3: the checkpoint count 684,531,386,000 is weights plus FP8 block scales, exactly', () => {
    const f = figures('deepseek-v3');
    assert.equal(f.totalWithMtpStored, 684_531_386_000);
  });

  it('DeepSeek-V3: the report carries the MTP weights apart from the 671B total', () => {
    const a = analyseFixture('hf-config', 'deepseek-v3/config.json');
    assert.equal(a.report!.model.paramsTotal, 671_026_419_200);
    assert.equal(a.report!.model.paramsMtp, 11_610_068_224);
    assert.equal(a.located.filter((l) => l.severity === 'error' || l.severity === 'warning').length, 0);
  });

  it('Gemma 3 4B: a multimodal config counts its text_config and says the vision tower is not counted', () => {
    const a = analyseFixture('hf-config', 'gemma-3-4b/config.json');
    assert.equal(a.report!.model.paramsNonEmbedding, 3_209_010_688);
    assert.ok(a.located.some((l) => /vision tower/.test(l.message)));
  });

  it('Nemotron-H 8B: 24 Mamba-2, 4 attention and 24 MLP layers, each with one RMSNorm', () => {
    const s = shapeOf('nemotron-h-8b');
    const h = 4096;
    // modeling_nemotron_h.py: Mamba2 mixer in_proj h -> (I + conv_dim + heads), conv1d with bias,
    // dt_bias, A_log, D, gated norm over I, out_proj I -> h; I = 128 x 64, conv_dim = I + 2 x 8 x 128.
    const I = 8192;
    const conv = I + 2 * 8 * 128;
    const mamba = h * (I + conv + 128) + conv * 4 + conv + 3 * 128 + I + I * h;
    const attn = h * 4096 + 2 * h * 1024 + 4096 * h;
    const mlp = 2 * h * 21504;
    const total = 24 * (mamba + h) + 4 * (attn + h) + 24 * (mlp + h) + h + 2 * 131072 * h;
    assert.equal(countParams(s).total, total);
  });

  it('Llama-3-70B caches 160 KiB per token at int8 and 320 KiB at bf16', async () => {
    const { kvCacheBytesPerToken } = await import('../../src/engine/kvCache');
    const s: CompleteShape = { architecture: 'llama', layers: 80, dModel: 8192, heads: 64, kvHeads: 8, vocabSize: 128256 };
    assert.equal(kvCacheBytesPerToken(s, 1), 160 * 1024);
    assert.equal(kvCacheBytesPerToken(s, 2), 320 * 1024);
  });

  it('bad input: top-k above the experts, kv_lora_rank 0, a pattern longer than the layers are errors on their keys', () => {
    const cases: Array<[string, RegExp, RegExp]> = [
      ['qwen3-30b-a3b', /"num_experts_per_tok": 8/, /num_experts_per_tok: 200 is not possible/],
      ['deepseek-v3', /"kv_lora_rank": 512/, /kv_lora_rank: 0 is not possible/],
      ['nemotron-h-8b', /"num_hidden_layers": 52/, /hybrid_override_pattern.*52 layers but the model has 40/],
    ];
    const repl = ['"num_experts_per_tok": 200', '"kv_lora_rank": 0', '"num_hidden_layers": 40'];
    cases.forEach(([dir, from, msg], i) => {
      const a = analyse(fixture('hf-config', `${dir}/config.json`).replace(from, repl[i]), 'config.json');
      const e = findings(a, 'invalid-value');
      assert.equal(e.length, 1, dir);
      assert.match(e[0].message, msg);
      assert.equal(a.report!.model.paramsTotal, null);
    });
  });
});

describe('architectures: plan files', () => {
  it('a DeepSeek-V3 plan counts 671B total and 37B activated (not 721B / 54.8B), MTP apart', () => {
    const text = readFileSync(join(__dirname, '../../../examples/deepseek-v3.plan.yaml'), 'utf8');
    const a = analyse(text, 'deepseek-v3.plan.yaml');
    assert.equal(a.report!.model.paramsTotal, 671_026_419_200);
    assert.equal(a.report!.model.paramsActive, 37_552_297_472);
    assert.equal(a.report!.model.paramsMtp, 11_610_068_224);
  });

  it('a layer pattern longer than the layers is an error on model.layer_pattern', () => {
    const text = 'model:\n  layers: 4\n  d_model: 1024\n  heads: 8\n  vocab_size: 32000\n  layer_pattern: M-M*-\n  mamba: {heads: 16, head_dim: 64}\ndata:\n  tokens: 1B\n';
    const a = analyse(text, 'h.plan.yaml');
    const e = findings(a, 'invalid-value');
    assert.equal(e.length, 1);
    assert.match(e[0].message, /model\.layer_pattern: M-M\*- is not possible: the pattern has 5 layers but the model has 4/);
    assert.equal(a.report!.model.paramsTotal, null);
  });
});

describe('architectures: names people fine-tune resolve offline', () => {
  it('axolotl base_model, torchtune builders and LitGPT names', async () => {
    const { resolveModel } = await import('../../src/read/knownModels');
    const cases: Array<[string, string]> = [
      ['Qwen/Qwen3-8B', 'Qwen3-8B'], ['qwen3_8b_base', 'Qwen3-8B'], ['torchtune.models.qwen3.qwen3_0_6b_instruct', 'Qwen3-0.6B'],
      ['meta-llama/Llama-4-Scout-17B-16E-Instruct', 'Llama-4-Scout-17B-16E'], ['llama4_scout_17b_16e', 'Llama-4-Scout-17B-16E'],
      ['llama3_3_70b', 'Llama-3.3-70B'], ['google/gemma-3-4b-it', 'Gemma-3-4B'], ['microsoft/phi-4', 'Phi-4'], ['phi4_14b', 'Phi-4'],
      ['deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 'DeepSeek-R1-Distill-Qwen-7B'], ['HuggingFaceTB/SmolLM3-3B', 'SmolLM3-3B'],
      ['allenai/OLMo-2-1124-7B', 'OLMo-2-7B'], ['openai/gpt-oss-20b', 'gpt-oss-20b'], ['mistralai/Mistral-Nemo-Instruct-2407', 'Mistral-Nemo-12B'],
      ['deepseek-ai/DeepSeek-V3', 'DeepSeek-V3'],
    ];
    for (const [name, id] of cases) assert.equal(resolveModel(name)?.id, id, name);
  });
});

describe('architectures: NeMo / Megatron and GPT-NeoX keys', () => {
  it('a NeMo DeepSeek-V3 config counts 671B total, 37.6B active and the MTP module apart', () => {
    const a = analyseFixture('nemo', 'megatron_deepseek_v3.yaml');
    assert.equal(a.dialect, 'nemo');
    assert.equal(a.report!.model.paramsTotal, 671_026_419_200);
    assert.equal(a.report!.model.paramsActive, 37_552_297_472);
    assert.equal(a.report!.model.paramsMtp, 11_610_068_224);
  });

  it('a moe_layer_freq list of the wrong length is an error on that key', () => {
    const text = fixture('nemo', 'megatron_deepseek_v3.yaml').replace('moe_layer_freq: ([0]*3+[1]*58)', 'moe_layer_freq: ([0]*3+[1]*60)');
    const a = analyse(text, 'megatron_deepseek_v3.yaml');
    const e = findings(a, 'invalid-value');
    assert.equal(e.length, 1);
    assert.match(e[0].message, /moe_layer_freq: \(\[0\]\*3\+\[1\]\*60\) is not a layer frequency for 61 layers/);
    assert.equal(a.report!.model.paramsTotal, null);
  });

  it('GPT-NeoX moe_expert_interval 2: experts on layers 0, 2, 4, ..., dense MLPs between', () => {
    const base = { num_layers: 12, hidden_size: 768, num_attention_heads: 12, seq_length: 2048, moe_num_experts: 8, moe_top_k: 2, vocab_file: 'gpt2-vocab.json', pos_emb: 'rotary' };
    const every = analyse(JSON.stringify(base), 'x.yml').read!.run.model.shape!;
    const half = analyse(JSON.stringify({ ...base, moe_expert_interval: 2 }), 'x.yml').read!.run.model.shape!;
    assert.deepEqual(half.moe!.denseLayers, [1, 3, 5, 7, 9, 11]);
    const cEvery = countParams(every as CompleteShape);
    const cHalf = countParams(half as CompleteShape);
    // Six layers trade 8 experts and a router for one dense MLP (GELU: 2 h 4h + biases).
    const h = 768;
    const mlp = 2 * h * 4 * h + 4 * h + h;
    assert.equal(cEvery.total - cHalf.total, 6 * (7 * mlp + h * 8));
  });
});

describe('architectures: hovers on the new keys', () => {
  it('kv_lora_rank and sliding_window in a config.json explain themselves', async () => {
    const { FIELD_TABLE: FIELDS } = await import('../../src/engine/fields');
    const a = analyseFixture('hf-config', 'deepseek-v3/config.json');
    assert.equal(a.read!.sources['model.attention.kv_lora_rank']?.text, '512');
    assert.match(FIELDS['model.attention.kv_lora_rank'].hover, /cached/);
    const g = analyseFixture('hf-config', 'gpt-oss-20b/config.json');
    assert.equal(g.read!.sources['model.attention.sliding_window']?.text, '128');
    assert.match(FIELDS['model.attention.sliding_window'].hover, /KV cache/);
  });
});

describe('architectures: torchtune builders for Qwen3 and Llama 4', () => {
  const recipe = (builder: string, tokenizer: string): string =>
    `model:\n  _component_: torchtune.models.${builder}\n  lora_attn_modules: [q_proj, v_proj]\n  lora_rank: 8\n  lora_alpha: 16\ntokenizer:\n  _component_: torchtune.models.${tokenizer}\noptimizer:\n  _component_: torch.optim.AdamW\n  lr: 3e-4\nbatch_size: 4\nepochs: 1\n`;
  it('lora_qwen3_8b_base: Qwen3-8B, adapters r (in + out) on q and v of 36 layers', () => {
    const a = analyse(recipe('qwen3.lora_qwen3_8b_base', 'qwen3.qwen3_tokenizer'), 'qwen3_lora.yaml');
    assert.equal(a.dialect, 'torchtune');
    assert.equal(a.report!.model.paramsTotal, 8_190_735_360);
    assert.equal(a.report!.model.paramsTrainable, 36 * 8 * (4096 + 4096 + (4096 + 8 * 128)));
  });
  it('lora_llama4_scout_17b_16e: the text model, 17.2B active', () => {
    const a = analyse(recipe('llama4.lora_llama4_scout_17b_16e', 'llama4.llama4_tokenizer'), 'llama4_lora.yaml');
    assert.equal(a.report!.model.paramsTotal, 107_769_861_120);
    assert.equal(a.report!.model.paramsActive, 17_172_894_720);
    assert.equal(a.report!.model.paramsTrainable, 48 * 8 * (5120 + 5120 + (5120 + 8 * 128)));
  });
});
