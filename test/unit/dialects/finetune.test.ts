// Fine-tunes read from each dialect's own files: trainable adapters (per expert for MoE), the
// QLoRA base at NF4 with its constants while embeddings and head stay in bf16, and no full-size
// guess when the adapters cannot be counted.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { finetuneFlopsPerToken } from '../../../src/engine/flops';
import { GIB, nf4ConstantBits } from '../../../src/engine/memory';
import { hintLabels } from '../../../src/document/describe';
import { headline } from '../../../src/engine/render';
import { analyse, analyseFixture, findings, fixture, FIXTURES, source } from './helpers';

interface Figure {
  case: string;
  trainable: number;
  allParams?: number;
  source: string;
}
const figures: { lora: Figure[]; nf4: { constantBitsPerWeight: number; doubleQuantBitsPerWeight: number } } = JSON.parse(
  readFileSync(join(FIXTURES, 'dialects', 'finetune-figures.json'), 'utf8'),
);
const figure = (prefix: string): Figure => figures.lora.find((f) => f.case.startsWith(prefix))!;

const LLAMA_3_8B = 8_030_261_248;
// Llama-3(.1)-8B: 128,256 x 4,096 token embeddings and an untied head of the same size stay in
// 16 bits, with 65 RMSNorm vectors of 4,096; the other 6,979,321,856 are the blocks' linear layers.
const LLAMA_3_8B_16BIT = 2 * 128_256 * 4096 + 65 * 4096;
const LLAMA_3_8B_LINEAR = 32 * (2 * 4096 * 4096 + 2 * 4096 * 1024 + 3 * 4096 * 14336);

describe('fine-tunes: adapters that cannot be counted are unknown, not a full fine-tune', () => {
  it("torchtune lora_llama2_7b without lora_rank takes the builder's default rank 8: 4,194,304 trainable", () => {
    const a = analyseFixture('torchtune', 'llama2_7B_lora_builder_defaults.yaml');
    assert.equal(a.report!.model.paramsTotal, 6_738_415_616);
    const t = a.read!.run.training;
    assert.equal(t.finetune, 'lora');
    assert.equal(t.lora!.rank, 8);
    assert.equal(t.lora!.alpha, 16);
    assert.deepEqual(t.lora!.targets, ['q', 'v']);
    const f = figure('Llama-2-7B');
    assert.equal(a.report!.model.paramsTrainable, f.trainable);
    assert.equal(a.report!.model.paramsTotal! + a.report!.model.paramsTrainable!, f.allParams);
    const s = source(a, 'training.lora.rank');
    assert.equal(s.origin, 'default');
    assert.match(s.note!, /lora_rank: int = 8/);
    assert.equal(a.report!.sources['training.lora.rank'].origin, 'default');
  });

  it('torchtune without lora_attn_modules (required by the builder): trainable, FLOPs and memory unknown', () => {
    const text = fixture('torchtune', 'llama2_7B_lora_builder_defaults.yaml').replace("  lora_attn_modules: ['q_proj', 'v_proj']\n", '');
    const a = analyse(`# scaling-planner: tokens=100M gpus=2\n${text}`, '7B_lora.yaml');
    assert.equal(a.report!.model.paramsTotal, 6_738_415_616);
    assert.equal(a.report!.model.paramsTrainable, null);
    assert.equal(a.report!.data.tokens, 100e6);
    assert.equal(a.report!.compute.flops, null);
    assert.equal(a.report!.cost.gpuHours, null);
    assert.equal(a.report!.memory.weightsGb, null);
    const m = findings(a, 'missing-facts', 'training.lora.rank');
    assert.equal(m.length, 1);
    assert.match(m[0].message, /lora_attn_modules/);
  });

  it('axolotl DeepSeek-V2-Lite with adapter lora: known only by its count, so trainable is unknown with a finding', () => {
    const a = analyseFixture('axolotl', 'deepseek-v2-lite-lora.yml');
    assert.equal(a.report!.model.paramsTotal, 15.7e9);
    assert.equal(a.read!.run.training.finetune, 'lora');
    assert.equal(a.read!.run.training.lora!.rank, 16);
    assert.equal(a.report!.model.paramsTrainable, null);
    // Tokens need no adapter count: 1,000 steps x 1 x 8 accumulation x 8 GPUs x 2,048.
    assert.equal(a.report!.data.tokens, 1000 * 1 * 8 * 8 * 2048);
    assert.equal(a.report!.compute.flops, null);
    assert.equal(a.report!.cost.gpuHours, null);
    assert.equal(a.report!.memory.totalGb, null);
    const m = findings(a, 'missing-facts', 'model.params').filter((l) => /Trainable/.test(l.message));
    assert.equal(m.length, 1);
    assert.match(m[0].message, /model shape/);
    assert.match(m[0].message, /rather than costed as a full fine-tune/);
    // Never the full-model figure 6 N D.
    assert.notEqual(a.report!.compute.flops, 6 * 2.4e9 * a.report!.data.tokens!);
  });

  it('an unknown model declared with `params=7B` and adapter lora: trainable unknown until its shape is given', () => {
    const a = analyseFixture('axolotl', 'unknown-model-lora.yml');
    assert.equal(findings(a, 'unknown-model').length, 0);
    assert.equal(a.report!.model.paramsTotal, 7e9);
    assert.equal(a.report!.model.paramsTrainable, null);
    assert.equal(a.report!.data.tokens, 500 * 2 * 4 * 8 * 4096);
    assert.equal(a.report!.compute.flops, null);
    assert.equal(a.report!.memory.weightsGb, null);
    const m = findings(a, 'missing-facts', 'model.params').filter((l) => /Trainable/.test(l.message));
    assert.equal(m.length, 1);
    assert.equal(a.text.slice(m[0].span.start, m[0].span.end), '# scaling-planner: params=7B gpus=8');
    // With a Llama-2-7B-like shape declared the adapters count: r 16 on q and v.
    const shaped = analyse(a.text.replace('params=7B', 'layers=32 d_model=4096 heads=32 ffn_hidden=11008 vocab=32000'), 'x.yml');
    const trainable = 32 * 16 * (2 * (4096 + 4096));
    assert.equal(shaped.report!.model.paramsTrainable, trainable);
    const N = 6_738_415_616;
    assert.equal(shaped.report!.compute.flops, finetuneFlopsPerToken(N + trainable, trainable) * shaped.report!.data.tokens!);
    assert.ok(shaped.report!.memory.weightsGb! > 0);
  });
});

describe('fine-tunes: LoRA on a mixture of experts adapts every expert', () => {
  it('axolotl Mixtral-8x7B QLoRA r 32 on q/k/v/o/w1/w2/w3: 480,247,808 trainable', () => {
    const a = analyseFixture('axolotl', 'mixtral-qlora.yml');
    assert.equal(a.report!.model.paramsTotal, 46_702_792_704);
    assert.equal(a.read!.run.training.finetune, 'qlora');
    assert.deepEqual([...a.read!.run.training.lora!.targets].sort(), ['down', 'gate', 'k', 'o', 'q', 'up', 'v']);
    const attn = 32 * (4096 + 4096) + 2 * 32 * (4096 + 1024) + 32 * (4096 + 4096);
    const experts = 8 * 3 * 32 * (4096 + 14336);
    assert.equal(a.report!.model.paramsTrainable, 32 * (attn + experts));
    assert.equal(a.report!.model.paramsTrainable, figure('Mixtral-8x7B').trainable);
  });

  it('FLOPs count the adapters a token passes through: attention plus its 2 routed experts', () => {
    const a = analyse(`# scaling-planner: tokens=10M\n${fixture('axolotl', 'mixtral-qlora.yml')}`, 'mixtral.yml');
    const perTokenAdapters = 32 * (32 * (4096 + 4096) + 2 * 32 * (4096 + 1024) + 32 * (4096 + 4096) + 2 * 3 * 32 * (4096 + 14336));
    assert.equal(a.report!.compute.flops, finetuneFlopsPerToken(12_879_925_248 + perTokenAdapters, perTokenAdapters) * 10e6);
  });
});

describe('fine-tunes: QLoRA memory keeps embeddings and head in bf16 and counts NF4 constants', () => {
  it('NF4 constants follow QLoRA §3: 0.5 bit per weight, 0.127 with double quantization', () => {
    assert.equal(nf4ConstantBits(false), figures.nf4.constantBitsPerWeight);
    assert.equal(nf4ConstantBits(true), figures.nf4.doubleQuantBitsPerWeight);
  });

  it('torchtune llama3_1/8B_qlora_single_device: NF4 linears (double-quantized), bf16 embeddings and head', () => {
    const a = analyseFixture('torchtune', 'llama3_1_8B_qlora_single_device.yaml');
    assert.equal(a.report!.model.paramsTotal, LLAMA_3_8B);
    assert.equal(LLAMA_3_8B_LINEAR + LLAMA_3_8B_16BIT, LLAMA_3_8B);
    const t = a.read!.run.training;
    assert.equal(t.finetune, 'qlora');
    assert.equal(t.lora!.doubleQuant, true);
    const trainable = figure('Llama-3-8B').trainable;
    assert.equal(a.report!.model.paramsTrainable, trainable);
    const m = a.report!.memory;
    const bytes = (LLAMA_3_8B_LINEAR * (4 + figures.nf4.doubleQuantBitsPerWeight)) / 8 + LLAMA_3_8B_16BIT * 2 + trainable * 2;
    assert.ok(Math.abs(m.weightsGb! * GIB - bytes) < 1, `${m.weightsGb! * GIB} vs ${bytes}`);
    // Not the whole base at 4 bits: embeddings and head alone add ≈ 1.05 GB over that.
    assert.ok(m.weightsGb! * GIB > (LLAMA_3_8B * 0.5 + trainable * 2) + 1e9);
    // dtype bf16: adapter gradients and AdamW states in bf16 (2 + 2 x 2 bytes).
    assert.ok(Math.abs(m.optimizerGb! * GIB - trainable * 4) < 1);
  });

  it('axolotl examples/llama-3/qlora.yml: the same split, with double quantization from axolotl\'s qlora loader', () => {
    const a = analyseFixture('axolotl', 'llama-3-qlora.yml');
    assert.equal(a.read!.run.training.lora!.doubleQuant, true);
    const trainable = 83_886_080;
    const bytes = (LLAMA_3_8B_LINEAR * (4 + figures.nf4.doubleQuantBitsPerWeight)) / 8 + LLAMA_3_8B_16BIT * 2 + trainable * 2;
    assert.ok(Math.abs(a.report!.memory.weightsGb! * GIB - bytes) < 1);
  });

  it('LitGPT quantize bnb.nf4 keeps one fp32 absmax per 64 weights (+0.5 bit); bnb.nf4-dq double-quantizes', () => {
    const text = fixture('litgpt', 'llama-2-7b-lora.yaml');
    const nf4 = analyse(/^quantize:/m.test(text) ? text.replace(/^quantize:.*$/m, 'quantize: bnb.nf4') : `${text}\nquantize: bnb.nf4\n`, 'lora.yaml');
    const dq = analyse(nf4.text.replace('quantize: bnb.nf4', 'quantize: bnb.nf4-dq'), 'lora.yaml');
    assert.equal(nf4.read!.run.training.finetune, 'qlora');
    assert.equal(nf4.read!.run.training.lora!.doubleQuant, false);
    assert.equal(dq.read!.run.training.lora!.doubleQuant, true);
    // Llama-2-7B: 32 x (4 x 4096^2 + 3 x 4096 x 11008) linear weights; the difference is 0.373 bit each.
    const linear = 32 * (4 * 4096 * 4096 + 3 * 4096 * 11008);
    const diff = (nf4.report!.memory.weightsGb! - dq.report!.memory.weightsGb!) * GIB;
    assert.ok(Math.abs(diff - (linear * (0.5 - figures.nf4.doubleQuantBitsPerWeight)) / 8) < 1, `${diff}`);
  });
});

describe('fine-tunes: the inline hint at the model block', () => {
  it('torchtune Llama-3-8B LoRA r 8 on q,v shows the trainable adapters (PEFT: 3,407,872), not the non-embedding count', () => {
    const a = analyseFixture('torchtune', '8B_lora.yaml');
    assert.equal(a.report!.model.paramsTrainable, 3_407_872);
    assert.equal(hintLabels(a.report!).model, '≈ 8.03B params (3.41M trainable)');
    // The headline (CodeLens, status) names the adapters and, with no token count, the memory.
    assert.match(headline(a.report!), /^8\.03B params · 3\.41M trainable · [\d.]+ GiB\/device( \+ activations)?$/);
  });
});
