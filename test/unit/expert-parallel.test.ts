import { strict as assert } from 'node:assert';
import { analyze } from '../../src/engine/analyze';
import { GIB, trainingMemory } from '../../src/engine/memory';
import { memoryReport } from '../../src/engine/memoryFit';
import { routedExpertParams, type CompleteShape } from '../../src/engine/params';
import type { RunDescription } from '../../src/engine/types';
import { analyse, analyseFixture, findings, fixture } from './dialects/helpers';

// DeepSeek-V3 config.json (test/fixtures/dialects/hf-config/deepseek-v3): 61 layers, the first 3
// dense (first_k_dense_replace), 256 routed experts of width 2048 (moe_intermediate_size) on
// hidden_size 7168, SwiGLU (3 matrices). Total 671,026,419,200 (architecture-counts.json, the
// report's 671B). The report (arXiv:2412.19437 Sec. 3.2) trains on 2048 H800 with 16-way pipeline,
// 64-way expert parallel and ZeRO-1 data parallel.
const ROUTED = 58 * 256 * 3 * 7168 * 2048;
const TOTAL = 671_026_419_200;
const H800_GIB = 80;

function deepseekRun(training: RunDescription['training']): RunDescription {
  const run = analyseFixture('hf-config', 'deepseek-v3/config.json').read!.run;
  return { ...run, training: { precision: 'bf16', optimizer: 'adamw', ...training }, hardware: { accelerator: 'H800', count: 2048 } };
}

describe('expert parallel in memory fit', () => {
  it('routed-expert parameters are 58 MoE layers x 256 experts x 3 x 7168 x 2048', () => {
    const shape = analyseFixture('hf-config', 'deepseek-v3/config.json').read!.run.model.shape as CompleteShape;
    assert.equal(routedExpertParams(shape), ROUTED);
  });

  it('DeepSeek-V3 layout (PP 16, EP 64, ZeRO-1 on 2048): experts split 64 ways, their optimizer states over dp / ep = 2', () => {
    const m = { params: TOTAL, expertParams: ROUTED, expertParallel: 64, precision: 'bf16' as const, optimizer: 'adamw' as const, devices: 2048, zeroStage: 1 as const, tensorParallel: 1, pipelineParallel: 16, checkpointing: 'none' as const, flashAttention: true };
    // Mixed-precision Adam: 2 + 2 bytes weights and gradients, 12 bytes optimizer (ZeRO Sec. 3.1).
    const dense = (TOTAL - ROUTED) / 16;
    const expert = ROUTED / (16 * 64);
    const expected = { weights: 2 * (dense + expert), grads: 2 * (dense + expert), opt: (12 * dense) / 128 + (12 * expert) / 2 };
    const b = trainingMemory(m);
    assert.ok(Math.abs(b.weightsGb * GIB - expected.weights) < 1);
    assert.ok(Math.abs(b.gradientsGb * GIB - expected.grads) < 1);
    assert.ok(Math.abs(b.optimizerGb * GIB - expected.opt) < 1);
    // About 10.9 GiB of model states per H800; without expert parallel the routed experts alone
    // are 4 bytes x 653.9e9 / 16 = 152 GiB in weights and gradients.
    assert.ok(b.weightsGb + b.gradientsGb + b.optimizerGb < 12);
    const ep1 = trainingMemory({ ...m, expertParallel: 1 });
    assert.ok(ep1.weightsGb + ep1.gradientsGb > (4 * ROUTED) / 16 / GIB);
    assert.equal(memoryReport({ ...m, expertParallel: 1 }, 2048, H800_GIB, 0.9).fits, false);
  });

  it('fewest devices at a stated EP are whole expert-parallel groups', () => {
    const m = { params: TOTAL, expertParams: ROUTED, expertParallel: 64, precision: 'bf16' as const, optimizer: 'adamw' as const, zeroStage: 1 as const, tensorParallel: 1, pipelineParallel: 16, checkpointing: 'none' as const, flashAttention: true };
    const r = memoryReport(m, null, H800_GIB, 0.9);
    assert.ok(r.minDevices !== null && r.minDevices % (16 * 64) === 0);
  });

  it('stated in the run: EP 64 fits per device where EP 1 does not', () => {
    const layout = { pipelineParallel: 16, zeroStage: 1 as const, activationCheckpointing: 'full' as const, microBatchSize: 1 };
    const fit = analyze(deepseekRun({ ...layout, expertParallel: 64 }));
    assert.equal(fit.training.layout!.expertParallel, 64);
    assert.notEqual(fit.memory.fits, false);
    assert.ok(fit.memory.statesGb! < 12);
    const noEp = analyze(deepseekRun({ ...layout, expertParallel: 1 }));
    assert.equal(noEp.memory.fits, false);
    assert.ok(noEp.memory.statesGb! > (4 * ROUTED) / 16 / GIB);
  });

  it('the plan key is read, and more expert-parallel ranks than experts is an invalid-value error on it', () => {
    const plan = (ep: number): string => `model:\n  params: 47B\n  layers: 32\n  d_model: 4096\n  heads: 32\n  kv_heads: 8\n  ffn_hidden: 14336\n  vocab_size: 32000\n  seq_len: 4096\n  moe:\n    experts: 8\n    top_k: 2\ndata:\n  tokens: 1T\ntraining:\n  zero_stage: 1\n  expert_parallel: ${ep}\nhardware:\n  accelerator: H100-SXM\n  count: 64\n`;
    const ok = analyse(plan(8), 'mixtral.plan.yaml');
    assert.equal(ok.read!.run.training.expertParallel, 8);
    assert.equal(findings(ok, 'invalid-value', 'training.expert_parallel').length, 0);
    assert.equal(ok.report!.training.layout!.expertParallel, 8);
    const bad = analyse(plan(16), 'mixtral.plan.yaml');
    assert.equal(findings(bad, 'invalid-value', 'training.expert_parallel').length, 1);
    const frac = analyse(plan(2.5), 'mixtral.plan.yaml');
    assert.equal(findings(frac, 'invalid-value', 'training.expert_parallel').length, 1);
  });

  it('NeMo DeepSeek-V3 with expert_model_parallel_size 64 and the distributed optimizer: the per-device states of the layout', () => {
    const text = fixture('nemo', 'megatron_deepseek_v3.yaml').replace('  mtp_num_layers: 1', '  mtp_num_layers: 1\n  expert_model_parallel_size: 64\n  optim:\n    name: mcore_distributed_optim');
    const a = analyse(text, 'megatron_deepseek_v3.yaml');
    assert.equal(a.read!.run.training.expertParallel, 64);
    const l = a.report!.training.layout!;
    assert.deepEqual([l.pipelineParallel, l.expertParallel, l.zeroStage, l.dataParallel], [16, 64, 1, 128]);
    // 2048 devices (trainer: 8 x 256); as above, dense states over PP 16 with optimizer over dp 128, experts over PP x EP with optimizer over dp / ep = 2.
    const dense = (TOTAL - ROUTED) / 16;
    const expert = ROUTED / (16 * 64);
    const states = 4 * (dense + expert) + (12 * dense) / 128 + (12 * expert) / 2;
    assert.ok(Math.abs(a.report!.memory.statesGb! * GIB - states) < 1);
  });

  it('NeMo expert_model_parallel_size is read as training.expert_parallel', () => {
    const text = 'trainer:\n  devices: 8\n  num_nodes: 1\nmodel:\n  num_layers: 2\n  hidden_size: 512\n  num_attention_heads: 8\n  ffn_hidden_size: 1024\n  num_moe_experts: 8\n  moe_router_topk: 2\n  expert_model_parallel_size: 4\n  encoder_seq_length: 2048\n  padded_vocab_size: 32000\n';
    const a = analyse(text, 'megatron_gpt_config.yaml');
    assert.equal(a.read!.run.training.expertParallel, 4);
  });
});
