// Lightning-AI LitGPT configs (config_hub/pretrain/*.yaml, config_hub/finetune/*/*.yaml): the model
// is model_name (looked up in the built-in table), an inline model_config, or for fine-tunes the
// checkpoint_dir it loads; train.{global_batch_size, micro_batch_size, max_tokens, max_steps,
// max_seq_length, epochs, tie_embeddings}; devices, num_nodes, precision; LoRA switches
// (lora_r, lora_alpha, lora_query, lora_key, lora_value, lora_projection, lora_mlp, lora_head)
// and quantize (bnb.nf4 = QLoRA).
//
// model_config follows litgpt/config.py: defaults n_layer 16, n_embd 4096, n_head 32, bias true,
// LayerNorm, GptNeoxMLP with intermediate_size 4 x n_embd, vocab_size 50254 padded to a
// multiple of padding_multiple (512) unless padded_vocab_size is set; post_attention_norm /
// post_mlp_norm add norms (Gemma 2); LLaMAMoE uses n_expert and n_expert_per_token.

import { Collector, type Got } from '../collector';
import { groupDigits } from '../../engine/digits';
import { contextFor } from '../knownModels';
import { padVocab } from '../tokenizers';
import type { SourceKey } from '../types';
import { str } from '../values';
import type { Dialect } from './registry';
import { countOrAuto, deviceCount } from './devices';
import { flagAt } from './keys';
import { setLora } from './lora';
import { applyKnownModel, finishShape, type Shape } from './shape';
import { finetuneTokensMissing, part, setBatchTokens, setTokens, setTokensDirect } from './tokens';
import { readMicroBatch, readPrecision } from './training';

const TRAIN_KEYS = ['global_batch_size', 'micro_batch_size', 'max_tokens', 'max_steps', 'max_seq_length', 'epochs', 'lr_warmup_steps', 'save_interval', 'tie_embeddings'];
const LORA_KEYS = ['lora_r', 'lora_alpha', 'lora_query', 'lora_key', 'lora_value', 'lora_projection', 'lora_mlp', 'lora_head'];

export const litgptDialect: Dialect = {
  id: 'litgpt',
  label: 'LitGPT',
  detect(view) {
    const top = new Set(view.keys());
    const model = top.has('model_name') || top.has('model_config') || top.has('checkpoint_dir');
    if (!model || top.has('base_model')) return 0;
    const tk = view.isMap(['train']) ? TRAIN_KEYS.filter((k) => view.has(['train', k])).length : 0;
    const lk = LORA_KEYS.filter((k) => top.has(k)).length;
    if (tk + lk < 1) return 0;
    return Math.min(92, 65 + 3 * (tk + lk) + (top.has('devices') ? 2 : 0));
  },
  read(view, _fileName, ctx) {
    const c = new Collector(view, 'litgpt', { ctx });
    const t = c.run.training;
    const s = readModel(c);
    const tie = c.bool([['train', 'tie_embeddings']], 'model.tie_embeddings');
    if (tie !== undefined) s.tieEmbeddings = tie;
    const seq = c.value([['train', 'max_seq_length']], 'model.seq_len');
    if (seq) {
      s.seqLen = s.seqLen !== undefined ? Math.min(s.seqLen, seq.value) : seq.value;
      c.record('model.seq_len', seq.path, seq.hit);
    }
    // Fine-tuning: checkpoint_dir loads a model; LoRA switches; quantize.
    if (LORA_KEYS.some((k) => view.has([k]))) readLora(c);
    else if (c.first([['checkpoint_dir']])) t.finetune = 'full';
    readPrecision(c, [['precision']]);
    readMicroBatch(c, [['train', 'micro_batch_size']]);
    // Devices: devices (an int, or "auto") x num_nodes.
    deviceCount(c, countOrAuto(c, ['devices']), countOrAuto(c, ['num_nodes']), undefined, false);
    readTokens(c, s, seq);
    finishShape(c, s);
    return c.result();
  },
};

/** The model: an inline model_config, or model_name / checkpoint_dir looked up in the built-in table. */
function readModel(c: Collector): Shape {
  const name = c.first([['model_name']]);
  const ckpt = c.first([['checkpoint_dir']]);
  if (c.view.isMap(['model_config'])) {
    const s = readModelConfig(c);
    c.block('model', ['model_config']);
    return s;
  }
  const s: Shape = {};
  const named = name && typeof name.hit.value === 'string' ? name : ckpt && typeof ckpt.hit.value === 'string' ? ckpt : undefined;
  const key = named === name ? 'model_name' : 'checkpoint_dir';
  const k = named ? applyKnownModel(c, s, String(named.hit.value), named.hit, key) : undefined;
  if (!named) c.missing('model.params', 'Neither model_name, model_config nor checkpoint_dir names the model; add `# scaling-planner: params=…`.');
  // LitGPT trains on block_size-token sequences unless train.max_seq_length is shorter.
  const block = k ? contextFor(k, String(named!.hit.value)) : undefined;
  if (block !== undefined && s.seqLen === undefined) {
    s.seqLen = block;
    c.lookup('model.seq_len', `block_size ${groupDigits(block)} of ${k!.id} (LitGPT litgpt/config.py)`, named!.hit.span, key);
  }
  return s;
}

/** LoRA switches (query and value on unless turned off) and quantize (bnb.nf4 = QLoRA). */
function readLora(c: Collector): void {
  const quant = str(c.hit(['quantize'])?.value)?.toLowerCase();
  const bits = quant ? (/nf4|fp4/.test(quant) ? 4 : /int8/.test(quant) ? 8 : undefined) : undefined;
  const rank = c.value([['lora_r']], 'training.lora.rank');
  const alpha = c.value([['lora_alpha']], 'training.lora.alpha', 'number');
  const on = (k: string, d: boolean): boolean => flagAt(c, [k]) ?? d;
  const targets = [
    ...(on('lora_query', true) ? ['q'] : []),
    ...(on('lora_key', false) ? ['k'] : []),
    ...(on('lora_value', true) ? ['v'] : []),
    ...(on('lora_projection', false) ? ['o'] : []),
    ...(on('lora_mlp', false) ? ['gate', 'up', 'down'] : []),
  ];
  if (on('lora_head', false)) c.problem('missing-facts', 'information', 'lora_head adds an adapter on the output head, which the trainable-parameter count leaves out.', c.hit(['lora_head'])?.span, 'training.lora.rank');
  const kind = bits === 4 ? 'qlora' : 'lora';
  // bnb.nf4-dq double-quantizes the NF4 constants; bnb.nf4 keeps one fp32 absmax per 64 weights.
  setLora(c, kind, { rank: rank?.value ?? 8, alpha: alpha?.value ?? 16, targets, baseBits: bits === 4 ? 4 : bits === 8 ? 8 : undefined, ...(bits === 4 ? { doubleQuant: /-dq$/.test(quant!) } : {}) }, rank);
}

/** Tokens: train.max_tokens, else max_steps x global_batch_size x max_seq_length. */
function readTokens(c: Collector, s: Shape, seq: Got | undefined): void {
  const gbs = c.value([['train', 'global_batch_size']], 'data.tokens');
  const seqPart = seq ? part(seq) : s.seqLen ? { value: s.seqLen, key: 'block_size' } : undefined;
  if (gbs && seqPart) setBatchTokens(c, [part(gbs), seqPart]);
  const maxTokens = c.value([['train', 'max_tokens']], 'data.tokens');
  const maxSteps = c.value([['train', 'max_steps']], 'data.tokens');
  const epochs = c.value([['train', 'epochs']], 'data.tokens');
  if (maxTokens) setTokensDirect(c, maxTokens);
  else if (maxSteps && gbs && seqPart) setTokens(c, part(maxSteps), [part(gbs), seqPart]);
  else {
    const why = epochs
      ? `train.epochs is ${epochs.value}: tokens are epochs × the dataset's tokens, which the file does not state.`
      : 'Neither train.max_tokens nor train.max_steps (with global_batch_size and max_seq_length) is set.';
    if (c.run.training.finetune) finetuneTokensMissing(c, why, (epochs ?? maxSteps)?.hit.span);
    else c.missing('data.tokens', `${why} Add \`# scaling-planner: tokens=…\`.`, (epochs ?? maxSteps)?.hit.span);
  }
}

function readModelConfig(c: Collector): Shape {
  const s: Shape = {};
  const P = (k: string): string[] => ['model_config', k];
  const n = (k: string, field: SourceKey, d: number): number => c.got([P(k)], field)?.value ?? d;
  const mlp = str(c.hit(P('mlp_class_name'))?.value) ?? 'GptNeoxMLP';
  const gated = /LLaMA|Gemma/i.test(mlp);
  s.architecture = gated ? 'llama' : 'gpt';
  s.layers = n('n_layer', 'model.layers', 16);
  s.dModel = n('n_embd', 'model.d_model', 4096);
  s.heads = n('n_head', 'model.heads', 32);
  const groups = c.value([P('n_query_groups')], 'model.kv_heads');
  if (groups && groups.value !== s.heads) {
    s.kvHeads = groups.value;
    c.record('model.kv_heads', groups.path, groups.hit);
  }
  const hs = c.value([P('head_size')], 'model.head_dim');
  if (hs) s.headDim = hs.value;
  const inter = c.got([P('intermediate_size')], 'model.ffn_hidden');
  if (inter) s.ffnHidden = inter.value;
  else if (gated) c.missing('model.ffn_hidden', `model_config.intermediate_size is required with mlp_class_name ${mlp} (LitGPT refuses to build it otherwise).`, c.hit(P('mlp_class_name'))?.span);
  else s.ffnHidden = 4 * s.dModel;
  const padded = c.got([P('padded_vocab_size')], 'model.vocab_size');
  if (padded) s.vocabSize = padded.value;
  else {
    const v = c.value([P('vocab_size')], 'model.vocab_size');
    const m = c.value([P('padding_multiple')], 'model.vocab_size')?.value ?? 512;
    s.vocabSize = padVocab(v?.value ?? 50254, m);
    if (v) c.record('model.vocab_size', v.path, v.hit, `vocab_size ${v.value} padded to a multiple of padding_multiple ${m} = ${s.vocabSize}`);
  }
  const block = c.value([P('block_size')], 'model.seq_len');
  s.seqLen = block?.value ?? 4096;
  const bias = flagAt(c, P('bias')) ?? true;
  s.biases = bias;
  if (!bias && flagAt(c, P('attn_bias'))) s.qkvBias = true;
  const norm = str(c.hit(P('norm_class_name'))?.value) ?? 'LayerNorm';
  s.norm = /rms/i.test(norm) ? 'rmsnorm' : 'layernorm';
  const extraNorms = (flagAt(c, P('post_attention_norm')) ? 1 : 0) + (flagAt(c, P('post_mlp_norm')) ? 1 : 0);
  if (extraNorms) s.normsPerLayer = 2 + extraNorms;
  s.positions = 'rotary';
  s.tieEmbeddings = false;
  const experts = c.value([P('n_expert')], 'model.moe.experts');
  if (experts && experts.value > 1) {
    s.moe = { experts: experts.value, topK: c.value([P('n_expert_per_token')], 'model.moe.top_k')?.value ?? 1 };
    c.record('model.moe.experts', experts.path, experts.hit);
  }
  if (flagAt(c, P('lm_head_bias'))) c.problem('missing-facts', 'information', 'lm_head_bias adds one bias per vocabulary entry, which the parameter count leaves out.', c.hit(P('lm_head_bias'))?.span, 'model.params');
  return s;
}
