// The layout chooser never splits a model into more pipeline stages than it has layers: a stage
// is a contiguous group of at least one layer (Narayanan et al. 2021, arXiv:2104.04473 §2.2).

import { strict as assert } from 'node:assert';
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
