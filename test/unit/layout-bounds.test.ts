// The layout chooser never splits a model into more pipeline stages than it has layers: a stage
// is a contiguous group of at least one layer (Narayanan et al. 2021, arXiv:2104.04473 §2.2).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/document/analyzeDocument';

describe('layout chooser bounds', () => {
  it('a 70B model (80 layers) that fits nowhere on 2,048 V100s gets at most 80 pipeline stages', () => {
    const text = 'model:\n  layers: 80\n  d_model: 8192\n  heads: 64\n  kv_heads: 8\n  ffn_hidden: 28672\n  vocab_size: 32000\n  seq_len: 8192\ndata:\n  tokens: 1T\ntraining:\n  micro_batch_size: 4\nhardware:\n  accelerator: V100-32GB\n  count: 2048\n';
    const r = analyzeText(text, 'run.plan.yaml').report!;
    const l = r.training.layout!;
    assert.ok(l.pipelineParallel <= 80, JSON.stringify(l));
    assert.equal(l.dataParallel! * l.tensorParallel * l.pipelineParallel, 2048);
    assert.ok(r.findings.some((f) => f.code === 'memory-exceeded'));
  });
});

// Each data-parallel replica takes at least one whole micro-batch of sequences per step: the global
// batch is data parallel × micro-batch × micro-batches per step (Narayanan et al. 2021 §2.2, §3.2),
// so a stated batch of S sequences bounds data parallel to S / micro-batch. The DeepSeek-V3 shape
// (61 layers; DeepSeek-AI 2024, arXiv:2412.19437) is examples/deepseek-v3.plan.yaml.
describe('layout chooser: at least one sequence per data-parallel replica', () => {
  const V3 = readFileSync(join(__dirname, '../../../examples/deepseek-v3.plan.yaml'), 'utf8');
  const run = (count: number, batchTokens: number) => {
    const text = V3.replace('count: 2048', `count: ${count}`).replace('training:\n', `training:\n  global_batch_tokens: ${batchTokens}\n`);
    const r = analyzeText(text, 'deepseek-v3.plan.yaml').report!;
    const note = r.assumptions.find((a) => a.field === 'training.layout')?.note ?? '';
    return { l: r.training.layout!, note };
  };

  it('DeepSeek-V3 at a 4M-token batch (4,194,304 / 4,096 = 1,024 sequences) on 2,048 H800s: at most 1,024 replicas', () => {
    const { l } = run(2048, 4194304);
    assert.ok(l.dataParallel! * l.microBatch <= 1024, JSON.stringify(l));
    assert.equal(l.dataParallel! * l.tensorParallel * l.pipelineParallel, 2048);
  });

  it('a 256Ki-token batch (262,144 / 4,096 = 64 sequences) on 8,192 H800s: at most 64 replicas, so at least 128 devices per replica', () => {
    const { l, note } = run(8192, 262144);
    assert.ok(l.dataParallel! <= 64, JSON.stringify(l));
    // 8,192 / 64 = 128 devices per replica: tensor parallel within the 8-GPU node, so at least 16 pipeline stages.
    assert.ok(l.tensorParallel * l.pipelineParallel >= 128, JSON.stringify(l));
    assert.ok(l.tensorParallel <= 8 && l.pipelineParallel >= 16, JSON.stringify(l));
    assert.equal(l.dataParallel! * l.tensorParallel * l.pipelineParallel, 8192);
    assert.ok(note.includes('the global batch has 64 sequences: at most 64 data-parallel replicas'), note);
  });

  it('a 64Ki-token batch (16 sequences) on 16,384 H800s: even TP 8 × PP 32 leaves 16,384 / 256 = 64 replicas, and the note says so', () => {
    const { l, note } = run(16384, 65536);
    // Pipeline stages are powers of two up to the 61 layers (32); tensor parallel up to the node's 8.
    assert.deepEqual([l.dataParallel, l.tensorParallel, l.pipelineParallel], [64, 8, 32]);
    assert.ok(note.includes('the global batch has 16 sequences, room for 16 data-parallel replicas, but even the most model-parallel layout leaves 64: the devices exceed what the batch can use'), note);
  });

  it('without a stated batch there is no bound and no note about sequences', () => {
    const r = analyzeText(V3, 'deepseek-v3.plan.yaml').report!;
    const note = r.assumptions.find((a) => a.field === 'training.layout')?.note ?? '';
    assert.ok(!note.includes('sequence'), note);
  });
});
