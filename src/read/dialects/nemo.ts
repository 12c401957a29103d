// NVIDIA NeMo / Megatron Hydra configs (examples/nlp/language_modeling/conf/megatron_*_config.yaml):
// model.{num_layers, hidden_size, ffn_hidden_size, num_attention_heads, num_query_groups,
// kv_channels, encoder_seq_length, global_batch_size, micro_batch_size,
// tensor_model_parallel_size, pipeline_model_parallel_size, num_moe_experts, moe_router_topk},
// trainer.{num_nodes, devices, max_steps, precision}; ${...} references and ??? placeholders.
//
// Rules: vocabulary = the tokenizer's size padded to make_vocab_size_divisible_by (128) x tensor
// parallel (Megatron _vocab_size_with_padding); gated activations (swiglu, geglu, reglu and their
// fast- variants) use three MLP matrices of ffn_hidden_size; position_embedding_type
// learned_absolute adds max_position_embeddings x hidden rows. Defaults follow
// megatron_gpt_config.yaml: bias true, normalization layernorm, activation gelu,
// share_embeddings_and_output_weights true, position_embedding_type learned_absolute.

import { readMegatronArch } from './megatronArch';
import { Collector, type Got } from '../collector';
import { resolveTokenizer } from '../tokenizers';
import { str } from '../values';
import type { Span } from '../yamlDoc';
import type { Dialect } from './registry';
import { countOrAuto, deviceCount } from './devices';
import { flagAt, hydraDefaults, present } from './keys';
import { finishShape, reportMissingShape, type Shape } from './shape';
import { part, setTokens } from './tokens';
import { readCheckpointing, readMicroBatch, readOptimizer, readPrecision } from './training';
import { megatronPaddedVocab } from './vocab';

const MODEL_KEYS = ['num_layers', 'hidden_size', 'num_attention_heads', 'encoder_seq_length', 'tensor_model_parallel_size', 'pipeline_model_parallel_size', 'global_batch_size', 'micro_batch_size', 'ffn_hidden_size', 'make_vocab_size_divisible_by', 'mcore_gpt', 'num_query_groups'];

export const nemoDialect: Dialect = {
  id: 'nemo',
  label: 'NeMo / Megatron',
  detect(view) {
    if (!view.isMap(['model'])) return 0;
    const mk = new Set(view.keys(['model']));
    const m = MODEL_KEYS.filter((k) => mk.has(k)).length;
    const trainer = view.isMap(['trainer']);
    if (m < 2 || (!trainer && m < 4)) return 0;
    return Math.min(92, 55 + (trainer ? 15 : 0) + 3 * m);
  },
  read(view, _fileName, ctx) {
    const c = new Collector(view, 'nemo', { ctx, interpolate: true });
    const s: Shape = {};
    hydraDefaults(c);
    c.block('model', ['model']);
    c.block('training', ['trainer']);
    const modelSpan = c.hit(['model'])?.keySpan;
    const name = c.hit(['name']);
    if (typeof name?.value === 'string') c.run.name = name.value;

    const seq = readDims(c, s);
    readBlock(c, s, seq);
    readMoe(c, s);
    readMegatronArch(c, s, M);
    readVocab(c, s, modelSpan);
    readTraining(c);
    // World size = trainer.devices x trainer.num_nodes; "auto", -1 or an unresolved ${oc.env:...}
    // in either leaves it unknown (no wall-clock time), never one node.
    deviceCount(c, countOrAuto(c, ['trainer', 'devices']), countOrAuto(c, ['trainer', 'num_nodes']), undefined, false);
    readTokens(c, seq);
    reportMissingShape(c, s, {}, modelSpan);
    finishShape(c, s);
    return c.result();
  },
};

const M = (...k: string[]): string[] => ['model', ...k];

/** Layers, width, heads, query groups, head size; returns the sequence length. */
function readDims(c: Collector, s: Shape): Got | undefined {
  c.num([M('num_layers')], 'model.layers', 'count', (v) => (s.layers = v));
  c.num([M('hidden_size')], 'model.d_model', 'count', (v) => (s.dModel = v));
  const heads = c.num([M('num_attention_heads')], 'model.heads', 'count', (v) => (s.heads = v));
  const groups = c.value([M('num_query_groups')], 'model.kv_heads');
  if (groups && groups.value !== heads) {
    s.kvHeads = groups.value;
    c.record('model.kv_heads', groups.path, groups.hit);
  }
  c.num([M('kv_channels')], 'model.head_dim', 'count', (v) => (s.headDim = v));
  const seq = c.got([M('encoder_seq_length'), M('seq_length'), M('data', 'seq_length')], 'model.seq_len');
  if (seq) s.seqLen = seq.value;
  return seq;
}

/** Activation, biases, normalization, positions, tied embeddings, MLP width (megatron_gpt_config.yaml defaults). */
function readBlock(c: Collector, s: Shape, seq: Got | undefined): void {
  const act = (str(c.hit(M('activation'))?.value) ?? 'gelu').toLowerCase();
  const gated = /glu$/.test(act);
  s.architecture = gated ? 'llama' : 'gpt';
  s.biases = flagAt(c, M('bias')) ?? true;
  const normalization = (str(c.hit(M('normalization'))?.value) ?? 'layernorm').toLowerCase();
  s.norm = normalization.includes('rms') ? 'rmsnorm' : 'layernorm';
  const pos = (str(c.hit(M('position_embedding_type'))?.value) ?? 'learned_absolute').toLowerCase();
  s.positions = pos === 'learned_absolute' ? 'learned' : 'rotary';
  if (s.positions === 'learned') s.maxPositions = c.value([M('max_position_embeddings')], 'model.max_positions')?.value ?? seq?.value;
  const shared = c.bool([M('share_embeddings_and_output_weights')], 'model.tie_embeddings');
  s.tieEmbeddings = shared ?? true;
  const ffn = c.got([M('ffn_hidden_size')], 'model.ffn_hidden');
  if (ffn) s.ffnHidden = ffn.value;
  else if (s.dModel !== undefined) s.ffnHidden = 4 * s.dModel;
}

/** MoE (Megatron core). */
function readMoe(c: Collector, s: Shape): void {
  const experts = c.value([M('num_moe_experts')], 'model.moe.experts');
  if (experts && experts.value > 1) {
    const topK = c.value([M('moe_router_topk')], 'model.moe.top_k');
    s.moe = { experts: experts.value, topK: topK?.value ?? 2 };
    c.record('model.moe.experts', experts.path, experts.hit);
    if (topK) c.record('model.moe.top_k', topK.path, topK.hit);
  }
}

/** Parallelism and vocabulary: padded_vocab_size / vocab_size, or the tokenizer's padded. */
function readVocab(c: Collector, s: Shape, modelSpan: Span | undefined): void {
  const t = c.run.training;
  const tp = c.num([M('tensor_model_parallel_size')], 'training.tensor_parallel', 'count', (v) => (t.tensorParallel = Math.max(1, v))) ?? 1;
  c.num([M('pipeline_model_parallel_size')], 'training.pipeline_parallel', 'count', (v) => (t.pipelineParallel = Math.max(1, v)));
  c.num([M('expert_model_parallel_size')], 'training.expert_parallel', 'count', (v) => (t.expertParallel = v));
  const divisible = c.value([M('make_vocab_size_divisible_by')], 'model.vocab_size')?.value ?? 128;
  const padded = c.got([M('padded_vocab_size'), M('vocab_size')], 'model.vocab_size');
  if (padded) {
    s.vocabSize = padded.value;
    return;
  }
  // raw() reports `???` and unresolvable ${...} as unknown (information), never as errors.
  const tk = ['type', 'model', 'vocab_file'].map((k) => c.raw([M('tokenizer', k)], 'model.vocab_size')?.hit);
  const tok = resolveTokenizer(tk.map((x) => str(x?.value)));
  const anchor = tk.find((x) => x && typeof x.value === 'string') ?? c.hit(M('tokenizer', 'model')) ?? c.hit(M('tokenizer'));
  if (tok) s.vocabSize = megatronPaddedVocab(c, tok, divisible, tp, 'tensor_model_parallel_size', anchor?.span, 'model.tokenizer');
  else {
    c.missing('model.vocab_size', `The vocabulary comes from model.tokenizer, which names no tokenizer the planner knows; add \`# scaling-planner: vocab=…\` with its size padded to a multiple of make_vocab_size_divisible_by ${divisible} × tensor_model_parallel_size ${tp}.`, anchor?.span ?? modelSpan);
  }
}

/** Precision, micro-batch, optimizer (the distributed optimizer as ZeRO-1), checkpointing, flash attention. */
function readTraining(c: Collector): void {
  const t = c.run.training;
  readPrecision(c, [['trainer', 'precision']]);
  readMicroBatch(c, [M('micro_batch_size')]);
  readOptimizer(c, [M('optim', 'name')]);
  const optim = c.first([M('optim', 'name')]);
  const o = typeof optim?.hit.value === 'string' ? optim.hit.value.toLowerCase() : '';
  // The distributed optimizer shards optimizer states across data-parallel ranks, like ZeRO-1.
  if (optim && (o.startsWith('distributed_fused_adam') || o.startsWith('mcore_distributed_optim'))) {
    t.zeroStage = 1;
    c.record('training.zero_stage', optim.path, optim.hit, 'distributed optimizer: optimizer states sharded over data parallel (ZeRO-1 equivalent)');
  }
  readCheckpointing(c, M('activations_checkpoint_granularity'));
  const te = flagAt(c, M('use_flash_attention'));
  if (te !== undefined) t.flashAttention = te;
}

/**
 * Tokens = trainer.max_steps x model.global_batch_size x encoder_seq_length (the global batch
 * is in sequences, so the world size is not needed). max_steps -1, Lightning's default, sets no
 * step limit: training ends by max_epochs or max_time instead.
 */
function readTokens(c: Collector, seq: Got | undefined): void {
  const stepsHit = c.hit(['trainer', 'max_steps']);
  const noLimit = stepsHit?.value === -1 || stepsHit?.value === '-1';
  const written = noLimit ? undefined : c.value([['trainer', 'max_steps']], 'data.tokens');
  const steps = written && written.value > 0 ? written : undefined;
  const gbs = c.value([M('global_batch_size')], 'data.tokens');
  if (written && !steps) c.problem('invalid-value', 'error', `trainer.max_steps: ${written.hit.source} trains no steps; use a positive count, or -1 to end by max_epochs.`, written.hit.span, 'data.tokens');
  else if (steps && gbs && seq) setTokens(c, part(steps), [part(gbs), part(seq)]);
  else if (steps) {
    // An unresolved global batch or sequence length has its own finding already.
    const lacking = !gbs ? 'model.global_batch_size' : 'model.encoder_seq_length';
    if (!present(c, lacking === 'model.global_batch_size' ? M('global_batch_size') : M('encoder_seq_length'))) {
      c.missing('data.tokens', `Training tokens are trainer.max_steps × model.global_batch_size × model.encoder_seq_length; this file lacks ${lacking}.`, steps.hit.span);
    }
  } else if (noLimit) c.missing('data.tokens', `trainer.max_steps is ${stepsHit!.source}: training ends by max_epochs or max_time, so training tokens are unknown (add \`# scaling-planner: tokens=…\`).`, stepsHit!.span);
  else if (!present(c, ['trainer', 'max_steps'])) c.missing('data.tokens', 'trainer.max_steps is not set: training tokens are unknown (add `# scaling-planner: tokens=…`).');
}
