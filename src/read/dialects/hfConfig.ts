// Hugging Face transformers config.json (JSON is YAML, so the same parser reads it with spans).
// The file describes a model only: its shape is read by model_type, and tokens, batch and
// hardware come from settings (scalingPlanner.facts) since JSON has no comments.
//
// Rules by model_type (transformers configuration_*.py defaults):
// - gpt2: n_layer, n_embd, n_head, n_inner (null = 4 x n_embd), n_positions (learned), tied.
// - gpt_neox: num_hidden_layers, hidden_size, num_attention_heads, intermediate_size, untied by
//   default (tie_word_embeddings false), biases everywhere, rotary.
// - llama, mistral, mixtral, qwen2, phi3, gemma, gemma2, olmo: RMSNorm, SwiGLU / GeGLU (three
//   matrices), GQA via num_key_value_heads, head_dim when given; qwen2 has q/k/v biases;
//   llama's attention_bias / mlp_bias; mixtral num_local_experts / num_experts_per_tok;
//   gemma/gemma2 tie embeddings by default and gemma2 has four norms per block; olmo (v1) has a
//   non-parametric LayerNorm.

import { Collector } from '../collector';
import type { SourceKey } from '../types';
import type { Hit } from '../yamlDoc';
import type { Dialect } from './registry';
import { flagAt } from './keys';
import { applyKnownModel, finishShape, reportMissingShape, type Shape } from './shape';
import { missingShapeFields } from '../../engine/params';
import { MODERN_TYPES, readModern } from './hfModern';

const LLAMA_LIKE = new Set(['llama', 'mistral', 'mixtral', 'qwen2', 'phi3', 'gemma', 'gemma2', 'olmo']);

export const hfConfigDialect: Dialect = {
  id: 'hf-config',
  label: 'Hugging Face config.json',
  detect(view, fileName) {
    const top = new Set(view.keys());
    const mt = view.get(['model_type'])?.value;
    if (typeof mt !== 'string') return 0;
    const shapeKeys = ['architectures', 'hidden_size', 'n_embd', 'num_hidden_layers', 'n_layer', 'vocab_size', 'transformers_version'].filter((k) => top.has(k)).length;
    if (shapeKeys < 2) return 0;
    return /(^|[\\/])config\.json$/i.test(fileName) ? 95 : 75;
  },
  read(view) {
    const c = new Collector(view, 'hf-config');
    const s: Shape = {};
    const mtHit = c.first([['model_type']]);
    const mt = String(mtHit?.hit.value ?? '').toLowerCase();
    const nameOrPath = c.hit(['_name_or_path']);
    if (typeof nameOrPath?.value === 'string' && nameOrPath.value) c.run.name = nameOrPath.value;

    if (mt === 'gpt2') readGpt2(c, s);
    else if (mt === 'gpt_neox') {
      s.architecture = 'gpt';
      readCommon(c, s);
      s.positions = 'rotary';
      s.tieEmbeddings = flagAt(c, ['tie_word_embeddings']) ?? false;
      s.biases = flagAt(c, ['attention_bias']) ?? true;
    } else if (LLAMA_LIKE.has(mt)) readLlamaLike(c, s, mt);
    else if (MODERN_TYPES.includes(mt)) {
      readModern(c, s, mt);
      // A partial file (no head count, say) of a model in the table: its published shape or counts.
      const name = typeof nameOrPath?.value === 'string' ? nameOrPath.value : '';
      if (missingShapeFields(s).length && name && !applyKnownModel(c, s, name, nameOrPath!, '_name_or_path')) dropUnknownModel(c);
    } else readByName(c, s, mt, nameOrPath, mtHit?.hit);

    const seqHint = 'config.json describes the model only: the training tokens, batch and hardware are not in it. Set them with the scalingPlanner.facts setting (for example data.tokens and hardware.count).';
    c.missing('data.tokens', seqHint, mtHit?.hit.span);
    if (LLAMA_LIKE.has(mt) || MODERN_TYPES.includes(mt) || mt === 'gpt2' || mt === 'gpt_neox') reportMissingShape(c, s, {}, mtHit?.hit.span);
    finishShape(c, s);
    return c.result();
  },
};

/** A number at a top-level key, recorded as the field's source, set on the shape. */
function setNum(c: Collector, key: string, field: SourceKey, set: (v: number) => void): number | undefined {
  const g = c.got([[key]], field);
  if (g) set(g.value);
  return g?.value;
}

function readGpt2(c: Collector, s: Shape): void {
  s.architecture = 'gpt';
  setNum(c, 'n_layer', 'model.layers', (v) => (s.layers = v));
  const h = setNum(c, 'n_embd', 'model.d_model', (v) => (s.dModel = v));
  setNum(c, 'n_head', 'model.heads', (v) => (s.heads = v));
  const inner = c.got([['n_inner']], 'model.ffn_hidden');
  if (inner) s.ffnHidden = inner.value;
  else if (h !== undefined) s.ffnHidden = 4 * h;
  setNum(c, 'vocab_size', 'model.vocab_size', (v) => (s.vocabSize = v));
  s.positions = 'learned';
  s.maxPositions = c.value([['n_positions']], 'model.max_positions')?.value ?? 1024;
  s.tieEmbeddings = flagAt(c, ['tie_word_embeddings']) ?? true;
  const ctx = c.value([['n_ctx']], 'model.seq_len');
  if (ctx) s.seqLen = ctx.value;
}

function readLlamaLike(c: Collector, s: Shape, mt: string): void {
  s.architecture = 'llama';
  readCommon(c, s);
  setNum(c, 'num_key_value_heads', 'model.kv_heads', (v) => {
    if (v !== s.heads) s.kvHeads = v;
  });
  setNum(c, 'head_dim', 'model.head_dim', (v) => (s.headDim = v));
  const tieDefault = mt === 'gemma' || mt === 'gemma2';
  const tie = c.bool([['tie_word_embeddings']], 'model.tie_embeddings');
  s.tieEmbeddings = tie ?? tieDefault;
  if (mt === 'qwen2') s.qkvBias = true;
  const attnBias = flagAt(c, ['attention_bias']) ?? false;
  const mlpBias = flagAt(c, ['mlp_bias']) ?? false;
  if (attnBias && mlpBias) s.biases = true;
  else if (attnBias) c.problem('missing-facts', 'information', 'attention_bias adds q/k/v/o biases; the count includes q/k/v biases only.', c.hit(['attention_bias'])?.span, 'model.params');
  if (attnBias && !mlpBias) s.qkvBias = true;
  if (mt === 'gemma2') s.normsPerLayer = 4;
  if (mt === 'olmo') s.norm = 'nonparametric';
  if (mt === 'mistral' || mt === 'mixtral') {
    // Mistral 7B v0.1: every layer attends to the last 4,096 tokens (null in later versions).
    const w = c.got([['sliding_window']], 'model.attention.sliding_window');
    if (w) s.attention = { slidingWindow: w.value };
  }
  if (mt === 'mixtral') {
    const experts = c.got([['num_local_experts']], 'model.moe.experts');
    const topK = c.got([['num_experts_per_tok']], 'model.moe.top_k');
    if (experts) s.moe = { experts: experts.value, topK: topK?.value ?? 2 };
  }
}

/** An architecture the shape model does not cover: try the model's name instead. */
function readByName(c: Collector, s: Shape, mt: string, nameOrPath: Hit | undefined, mtHit: Hit | undefined): void {
  const known = typeof nameOrPath?.value === 'string' && nameOrPath.value ? applyKnownModel(c, s, nameOrPath.value, nameOrPath, '_name_or_path') : undefined;
  if (known) return;
  dropUnknownModel(c);
  c.problem('unknown-model', 'warning', `model_type "${mt}" is not one the planner can count (gpt2, gpt_neox, ${[...LLAMA_LIKE, ...MODERN_TYPES].join(', ')}); give its size with the scalingPlanner.facts setting (model.params).`, mtHit?.span, 'model.params');
}

/** The name lookup was a second try: its unknown-model finding is not the file's problem. */
function dropUnknownModel(c: Collector): void {
  c.problems.splice(0, c.problems.length, ...c.problems.filter((p) => p.code !== 'unknown-model'));
}

function readCommon(c: Collector, s: Shape): void {
  setNum(c, 'num_hidden_layers', 'model.layers', (v) => (s.layers = v));
  setNum(c, 'hidden_size', 'model.d_model', (v) => (s.dModel = v));
  setNum(c, 'num_attention_heads', 'model.heads', (v) => (s.heads = v));
  setNum(c, 'intermediate_size', 'model.ffn_hidden', (v) => (s.ffnHidden = v));
  setNum(c, 'vocab_size', 'model.vocab_size', (v) => (s.vocabSize = v));
  const maxPos = c.value([['max_position_embeddings']], 'model.max_positions');
  if (maxPos) s.maxPositions = maxPos.value;
}
