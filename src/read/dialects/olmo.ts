// AI2 OLMo (allenai/OLMo) training configs: model.{d_model, n_layers, n_heads, mlp_ratio |
// mlp_hidden_size, ...}, global_train_batch_size, max_duration, precision, fsdp.
//
// Rules from olmo/model.py and olmo/config.py:
// - The MLP input projection has mlp_hidden_size (or mlp_ratio x d_model) outputs; SwiGLU halves
//   it for the output projection, so the MLP width is hidden / 2 with three matrices' worth of weights.
// - Embedding rows are embedding_size (padded), not vocab_size.
// - layer_norm_with_affine false gives a non-parametric LayerNorm (OLMo-1B/7B).
// - max_duration: an integer is steps ("739_328" too, a string to a YAML 1.2 parser), "…T" is
//   tokens, "…ep" epochs.
// - Defaults (ModelConfig): mlp_ratio 4, activation swiglu, include_bias true, weight_tying true,
//   layer_norm_with_affine true, embedding_size 50304; no rope and no alibi means learned positions.

import { Collector, type Got } from '../collector';
import { groupDigits } from '../../engine/digits';
import { OLMO_UNITS, str } from '../values';
import type { Span } from '../yamlDoc';
import type { Dialect } from './registry';
import { flagAt, present } from './keys';
import { defaulted, recordComputed } from './provenance';
import { finishShape, reportMissingShape, type Shape } from './shape';
import { part, readDuration, setBatchTokens, setTokens, setTokensDirect } from './tokens';
import { readCheckpointing, readFsdpBlock, readMicroBatch, readOptimizer, readPrecision } from './training';

/** ModelConfig.embedding_size default (olmo/config.py). */
const OLMO_EMBEDDING_SIZE = 50304;

const OLMO_MODEL_KEYS = ['mlp_ratio', 'mlp_hidden_size', 'block_type', 'include_bias', 'weight_tying', 'layer_norm_type', 'embedding_size', 'max_sequence_length', 'activation_type', 'rope', 'alibi', 'init_fn', 'layer_norm_with_affine', 'n_kv_heads', 'attention_layer_norm'];
const OLMO_TOP_KEYS = ['max_duration', 'global_train_batch_size', 'device_train_microbatch_size', 'save_folder', 'run_name', 'fsdp', 'evaluators', 'speed_monitor', 'max_grad_norm'];

export const olmoDialect: Dialect = {
  id: 'olmo',
  label: 'OLMo',
  detect(view) {
    if (!view.isMap(['model'])) return 0;
    const mk = new Set(view.keys(['model']));
    if (!(mk.has('d_model') && mk.has('n_layers'))) return 0;
    // llm-foundry / Composer MPT configs share d_model and n_layers but name their model and use these keys.
    if (mk.has('name') || mk.has('expansion_ratio') || mk.has('attn_config') || mk.has('max_seq_len')) return 0;
    const top = new Set(view.keys());
    const m = OLMO_MODEL_KEYS.filter((k) => mk.has(k)).length;
    const t = OLMO_TOP_KEYS.filter((k) => top.has(k)).length + (view.has(['tokenizer', 'identifier']) ? 1 : 0);
    if (m < 2 || t < 1) return 0;
    return Math.min(90, 60 + 2 * (m + t));
  },
  read(view, _fileName, ctx) {
    const c = new Collector(view, 'olmo', { ctx, interpolate: true });
    const s: Shape = {};
    c.block('model', ['model']);
    c.str(['run_name'], 'name', (v) => (c.run.name = v));
    const modelSpan = c.hit(['model'])?.keySpan;
    const { h, seq } = readDims(c, s);
    const gated = readBlock(c, s, seq, modelSpan);
    if (h !== undefined) readFfn(c, s, h, gated, modelSpan);
    readEmbeddingRows(c, s, modelSpan);
    readTraining(c);
    readTokens(c, seq);
    reportMissingShape(c, s, { layers: 'model.n_layers is not set', dModel: 'model.d_model is not set', heads: 'model.n_heads is not set', vocabSize: 'model.embedding_size / vocab_size is not set' }, modelSpan);
    finishShape(c, s);
    return c.result();
  },
};

const M = (k: string): string[] => ['model', k];
const flag = (c: Collector, k: string, d: boolean): boolean => flagAt(c, M(k)) ?? d;

function readDims(c: Collector, s: Shape): { h?: number; seq?: Got } {
  c.num([M('n_layers')], 'model.layers', 'count', (v) => (s.layers = v));
  const h = c.num([M('d_model')], 'model.d_model', 'count', (v) => (s.dModel = v));
  c.num([M('n_heads')], 'model.heads', 'count', (v) => (s.heads = v));
  c.num([M('n_kv_heads')], 'model.kv_heads', 'count', (v) => (s.kvHeads = v));
  if (s.kvHeads === undefined && flagAt(c, M('multi_query_attention'))) s.kvHeads = 1;
  const seq = c.got([M('max_sequence_length')], 'model.seq_len');
  if (seq) s.seqLen = seq.value;
  return { h, seq };
}

/** Activation, biases, norm, positions, tied embeddings (ModelConfig defaults); whether the MLP is SwiGLU. */
function readBlock(c: Collector, s: Shape, seq: Got | undefined, modelSpan: Span | undefined): boolean {
  const act = (str(c.hit(M('activation_type'))?.value) ?? 'swiglu').toLowerCase();
  const gated = act === 'swiglu';
  s.architecture = gated ? 'llama' : 'gpt';
  const bias = flag(c, 'include_bias', true);
  s.biases = bias;
  const affine = flag(c, 'layer_norm_with_affine', true);
  const lnBias = flagAt(c, M('bias_for_layer_norm')) ?? bias;
  const lnType = (str(c.hit(M('layer_norm_type'))?.value) ?? 'default').toLowerCase();
  s.norm = !affine ? 'nonparametric' : lnType === 'rms' || !lnBias ? 'rmsnorm' : 'layernorm';
  const rope = flag(c, 'rope', false);
  const alibi = flag(c, 'alibi', false);
  s.positions = rope || alibi ? 'rotary' : 'learned';
  if (s.positions === 'learned') s.maxPositions = seq?.value ?? 1024;
  const tied = c.bool([M('weight_tying')], 'model.tie_embeddings');
  s.tieEmbeddings = tied ?? true;
  if (tied === undefined) defaulted(c, 'model.tie_embeddings', 'OLMo default weight_tying: true', modelSpan);
  if (flag(c, 'attention_layer_norm', false)) {
    c.problem('missing-facts', 'information', 'attention_layer_norm adds query/key norms, which the parameter count leaves out (2 × d_model per layer or less).', c.hit(M('attention_layer_norm'))?.span, 'model.params');
  }
  return gated;
}

/** MLP: hidden = mlp_hidden_size or mlp_ratio x d_model; SwiGLU halves it. */
function readFfn(c: Collector, s: Shape, h: number, gated: boolean, modelSpan: Span | undefined): void {
  const hidden = c.value([M('mlp_hidden_size')], 'model.ffn_hidden');
  const ratio = c.value([M('mlp_ratio')], 'model.ffn_hidden', 'number');
  const H = hidden?.value ?? Math.floor((ratio?.value ?? 4) * h);
  s.ffnHidden = gated ? Math.floor(H / 2) : H;
  const src = hidden ?? ratio;
  const note = `MLP width ${groupDigits(s.ffnHidden)}: ${hidden ? `mlp_hidden_size ${H}` : `mlp_ratio ${ratio?.value ?? 4} × d_model ${h} = ${H}`}${gated ? ', halved by SwiGLU' : ''}`;
  // mlp_hidden_size is twice the width under SwiGLU (a fix may rewrite it); mlp_ratio is left alone.
  if (hidden) recordComputed(c, 'model.ffn_hidden', hidden, note, gated ? 0.5 : 1);
  else if (src) recordComputed(c, 'model.ffn_hidden', src, note);
  else defaulted(c, 'model.ffn_hidden', `${note} (OLMo default mlp_ratio 4)`, modelSpan);
}

/**
 * Embedding rows: embedding_size, which ModelConfig defaults to 50,304 when the key is absent;
 * `embedding_size: null` means vocab_size rows. OLMo refuses fewer rows than vocab_size.
 */
function readEmbeddingRows(c: Collector, s: Shape, modelSpan: Span | undefined): void {
  const rowsHit = c.hit(M('embedding_size'));
  const rows = c.value([M('embedding_size')], 'model.vocab_size');
  const vocab = c.value([M('vocab_size')], 'model.vocab_size');
  if (rows) {
    s.vocabSize = rows.value;
    c.record('model.vocab_size', rows.path, rows.hit, `embedding_size: rows allocated${vocab ? ` (vocab_size ${vocab.value})` : ''}`);
  } else if (!rowsHit && !(vocab && vocab.value > OLMO_EMBEDDING_SIZE)) {
    s.vocabSize = OLMO_EMBEDDING_SIZE;
    defaulted(c, 'model.vocab_size', `OLMo default embedding_size ${groupDigits(OLMO_EMBEDDING_SIZE)} rows${vocab ? ` (vocab_size ${groupDigits(vocab.value)})` : ''}`, vocab?.hit.span ?? modelSpan);
  } else if (vocab && rowsHit?.value === null) {
    s.vocabSize = vocab.value;
    c.record('model.vocab_size', vocab.path, vocab.hit, 'embedding_size null: vocab_size rows');
  }
  if (vocab && s.vocabSize !== undefined && s.vocabSize < vocab.value) {
    c.problem('invalid-value', 'error', `model.embedding_size ${s.vocabSize} is smaller than model.vocab_size ${vocab.value}: OLMo needs a row for every token.`, (rows ?? vocab).hit.span, 'model.vocab_size');
    delete s.vocabSize;
  } else if (!rowsHit && vocab && vocab.value > OLMO_EMBEDDING_SIZE) {
    c.problem('invalid-value', 'error', `model.vocab_size ${vocab.value} is larger than OLMo's default embedding_size ${OLMO_EMBEDDING_SIZE}: set model.embedding_size (OLMo needs a row for every token).`, vocab.hit.span, 'model.vocab_size');
  }
}

/** Precision, optimizer, micro-batch, FSDP sharding (FULL_SHARD by default), checkpointing, flash attention. */
function readTraining(c: Collector): void {
  const t = c.run.training;
  readPrecision(c, [['precision']]);
  readOptimizer(c, [['optimizer', 'name']]);
  readMicroBatch(c, [['device_train_microbatch_size']]);
  readFsdpBlock(c, ['fsdp'], 'OLMo');
  readCheckpointing(c, ['activation_checkpointing']);
  if (flag(c, 'flash_attention', false)) t.flashAttention = true;
}

/** Tokens from max_duration and the global batch. */
function readTokens(c: Collector, seq: Got | undefined): void {
  const dur = readDuration(c, ['max_duration'], 'data.tokens', OLMO_UNITS, 'steps');
  const batch = c.value(['global_train_batch_size'], 'data.tokens');
  if (batch && seq) setBatchTokens(c, [part(batch), part(seq)]);
  if (dur?.unit === 'tokens') setTokensDirect(c, dur.got, `max_duration ${dur.got.hit.source}: ${groupDigits(dur.value)} tokens`);
  else if (dur?.unit === 'steps') {
    if (batch && seq) setTokens(c, part(dur.got), [part(batch), part(seq)]);
    else c.missing('data.tokens', `Training tokens are max_duration (steps) × global_train_batch_size × model.max_sequence_length; this file lacks ${!batch ? 'global_train_batch_size' : 'model.max_sequence_length'}.`, dur.got.hit.span);
  } else if (dur?.unit === 'epochs') {
    c.missing('data.tokens', `max_duration is ${dur.got.hit.source}: tokens are epochs × the dataset's tokens, which the file does not state; add \`# scaling-planner: tokens=…\`.`, dur.got.hit.span);
  } else if (!dur && !present(c, ['max_duration'])) c.missing('data.tokens', 'max_duration is not set: training tokens are unknown (add `# scaling-planner: tokens=…`).');
}
