// MosaicML llm-foundry / Composer training YAMLs (scripts/train/yamls/): model.{name, d_model,
// n_heads, n_layers, expansion_ratio, max_seq_len, vocab_size, attn_config, ffn_config},
// max_duration with Composer units, global_train_batch_size, ${variables.*} interpolation.
//
// Keys the file leaves out take MPTConfig's defaults (llmfoundry/models/mpt/configuration_mpt.py):
// d_model 2048, n_heads 16, n_layers 24, expansion_ratio 4, max_seq_len 2048, vocab_size 50368,
// learned_pos_emb true (off with alibi or rope), no_bias false, tie_word_embeddings true,
// norm_type low_precision_layernorm, attn_type multihead_attention, ffn_type mptmlp.
// The MLP width is ffn_config.ffn_hidden_size or int(d_model x expansion_ratio).

import { Collector, isUnresolved, type Got } from '../collector';
import type { SourceKey } from '../types';
import type { Span } from '../yamlDoc';
import { groupDigits } from '../../engine/digits';
import { COMPOSER_UNITS, str } from '../values';
import type { Dialect } from './registry';
import { flagAt, present, stringList } from './keys';
import { ALL_LINEAR, loraTargets, setLora } from './lora';
import { defaulted, recordComputed } from './provenance';
import { applyKnownModel, finishShape, reportMissingShape, type Shape } from './shape';
import { finetuneTokensMissing, part, readDuration, setBatchTokens, setTokens, setTokensDirect } from './tokens';
import { readCheckpointing, readFsdpBlock, readMicroBatch, readOptimizer, readPrecision } from './training';

const MPT_DEFAULTS = { d_model: 2048, n_heads: 16, n_layers: 24, expansion_ratio: 4, max_seq_len: 2048, vocab_size: 50368 };
const TOP_KEYS = ['max_duration', 'global_train_batch_size', 'train_loader', 'eval_loader', 'fsdp_config', 'variables', 'device_train_microbatch_size', 'eval_interval', 'algorithms', 'callbacks', 'tokenizer'];

export const llmFoundryDialect: Dialect = {
  id: 'llm-foundry',
  label: 'llm-foundry',
  detect(view) {
    if (!view.isMap(['model'])) return 0;
    const mk = new Set(view.keys(['model']));
    const name = view.get(['model', 'name'])?.value;
    const top = new Set(view.keys());
    const t = TOP_KEYS.filter((k) => top.has(k)).length;
    const named = typeof name === 'string' && /^(mpt_causal_lm|hf_causal_lm|hf_t5|mpt|hf_prefix_lm|mpt_causal_lm_te)/.test(name);
    const mpt = ['expansion_ratio', 'attn_config', 'ffn_config', 'max_seq_len', 'no_bias', 'learned_pos_emb', 'pretrained_model_name_or_path'].filter((k) => mk.has(k)).length;
    if (!named && mpt < 2) return 0;
    if (t < 1) return 0;
    return Math.min(92, 60 + (named ? 12 : 0) + 2 * (mpt + t));
  },
  read(view, _fileName, ctx) {
    const c = new Collector(view, 'llm-foundry', { ctx, interpolate: true });
    const s: Shape = {};
    c.block('model', ['model']);
    const modelSpan = c.hit(['model'])?.keySpan;
    const name = str(c.hit(M('name'))?.value) ?? 'mpt_causal_lm';
    readRunName(c);
    const seq: Got | undefined = c.value([['max_seq_len'], M('max_seq_len')], 'model.seq_len');
    if (/^hf_/.test(name)) readHfModel(c, s, seq, modelSpan);
    else {
      const h = readMptDims(c, s, seq, modelSpan);
      const ffnType = readMptBlock(c, s);
      readMptFfn(c, s, h, ffnType, modelSpan);
    }
    readFinetune(c);
    readTraining(c);
    readTokens(c, s, seq);
    reportMissingShape(c, s, {}, modelSpan);
    finishShape(c, s);
    return c.result();
  },
};

const M = (...k: string[]): string[] => ['model', ...k];

/** run_name is often `${variables.run_name}`: follow a reference within the file. */
function readRunName(c: Collector): void {
  const v = c.resolved(['run_name'])?.value;
  if (typeof v === 'string' && !isUnresolved(v)) c.run.name = v;
}

/** A Hugging Face model by name: its shape comes from the built-in table. */
function readHfModel(c: Collector, s: Shape, seq: Got | undefined, modelSpan: Span | undefined): void {
  const id = c.first([M('pretrained_model_name_or_path')]);
  if (id && typeof id.hit.value === 'string') applyKnownModel(c, s, id.hit.value, id.hit, id.path.join('.'));
  else c.missing('model.params', 'model.pretrained_model_name_or_path is not set: the model cannot be looked up; add `# scaling-planner: params=…`.', modelSpan);
  if (seq) {
    s.seqLen = seq.value;
    c.record('model.seq_len', seq.path, seq.hit);
  }
}

/** MPT's sizes, with MPTConfig's defaults for what the file leaves out; returns d_model. */
function readMptDims(c: Collector, s: Shape, seq: Got | undefined, modelSpan: Span | undefined): number {
  const d = (key: keyof typeof MPT_DEFAULTS, field: SourceKey, set: (v: number) => void, kind: 'count' | 'number' = 'count'): number => {
    const g = c.got([M(key)], field, kind);
    if (g) {
      set(g.value);
      return g.value;
    }
    defaulted(c, field, `MPT default ${key}: ${MPT_DEFAULTS[key]}`, modelSpan);
    set(MPT_DEFAULTS[key]);
    return MPT_DEFAULTS[key];
  };
  d('n_layers', 'model.layers', (v) => (s.layers = v));
  const h = d('d_model', 'model.d_model', (v) => (s.dModel = v));
  d('n_heads', 'model.heads', (v) => (s.heads = v));
  d('vocab_size', 'model.vocab_size', (v) => (s.vocabSize = v));
  if (!seq) {
    defaulted(c, 'model.seq_len', `MPT default max_seq_len: ${MPT_DEFAULTS.max_seq_len}`, modelSpan);
    s.seqLen = MPT_DEFAULTS.max_seq_len;
  } else {
    s.seqLen = seq.value;
    c.record('model.seq_len', seq.path, seq.hit);
  }
  return h;
}

/** MPT's block: biases, norm, positions, tied embeddings, attention type; returns the ffn_type. */
function readMptBlock(c: Collector, s: Shape): string {
  const noBias = flagAt(c, M('no_bias')) ?? false;
  const ffnType = (str(c.hit(M('ffn_config', 'ffn_type'))?.value) ?? 'mptmlp').toLowerCase();
  const gated = ffnType === 'mptglu' || ffnType.includes('glu');
  s.architecture = gated ? 'llama' : 'gpt';
  s.biases = !noBias;
  const normType = (str(c.hit(M('norm_type'))?.value) ?? 'low_precision_layernorm').toLowerCase();
  // LayerNorm without bias (no_bias) has as many parameters as an RMSNorm.
  s.norm = normType.includes('rms') || noBias ? 'rmsnorm' : 'layernorm';
  const alibi = flagAt(c, M('attn_config', 'alibi')) ?? false;
  const rope = flagAt(c, M('attn_config', 'rope')) ?? false;
  const learned = (flagAt(c, M('learned_pos_emb')) ?? true) && !alibi && !rope;
  s.positions = learned ? 'learned' : 'rotary';
  if (learned) s.maxPositions = s.seqLen;
  const tied = c.bool([M('tie_word_embeddings')], 'model.tie_embeddings');
  s.tieEmbeddings = tied ?? true;
  const attnType = (str(c.hit(M('attn_config', 'attn_type'))?.value) ?? 'multihead_attention').toLowerCase();
  if (attnType.startsWith('multiquery')) s.kvHeads = 1;
  else if (attnType.startsWith('grouped_query')) c.num([M('attn_config', 'kv_n_heads')], 'model.kv_heads', 'count', (v) => (s.kvHeads = v));
  if (flagAt(c, M('attn_config', 'qk_ln'))) c.problem('missing-facts', 'information', 'attn_config.qk_ln adds query/key LayerNorms, which the parameter count leaves out.', c.hit(M('attn_config', 'qk_ln'))?.span, 'model.params');
  return ffnType;
}

/** The MLP width (ffn_hidden_size, or int(d_model x expansion_ratio)) and MegaBlocks MoE FFNs. */
function readMptFfn(c: Collector, s: Shape, h: number, ffnType: string, modelSpan: Span | undefined): void {
  const fh = c.got([M('ffn_config', 'ffn_hidden_size')], 'model.ffn_hidden');
  const er = c.value([M('expansion_ratio')], 'model.ffn_hidden', 'number');
  s.ffnHidden = fh?.value ?? Math.floor(h * (er?.value ?? MPT_DEFAULTS.expansion_ratio));
  if (!fh && er) recordComputed(c, 'model.ffn_hidden', er, `MLP width ${groupDigits(s.ffnHidden)} = expansion_ratio ${er.value} × d_model ${h}`);
  else if (!fh) defaulted(c, 'model.ffn_hidden', `MPT default expansion_ratio 4: ${s.ffnHidden}`, modelSpan);

  const experts = c.value([M('ffn_config', 'moe_num_experts')], 'model.moe.experts');
  if (experts && experts.value > 1 && /moe/.test(ffnType)) {
    s.moe = { experts: experts.value, topK: c.value([M('ffn_config', 'moe_top_k')], 'model.moe.top_k')?.value ?? 1 };
    c.record('model.moe.experts', experts.path, experts.hit);
    // MegaBlocks: moe_world_size is the expert-parallel group.
    c.num([M('ffn_config', 'moe_world_size')], 'training.expert_parallel', 'count', (v) => (c.run.training.expertParallel = v));
  }
}

/** Fine-tuning: PEFT LoRA, or a finetuning dataloader / loaded checkpoint. */
function readFinetune(c: Collector): void {
  const loaderName = str(c.hit(['train_loader', 'name'])?.value);
  if (c.view.isMap(M('peft_config'))) {
    const rank = c.value([M('peft_config', 'r')], 'training.lora.rank');
    const alpha = c.value([M('peft_config', 'lora_alpha')], 'training.lora.alpha', 'number');
    const mods = stringList(c, M('peft_config', 'target_modules'));
    const { targets } = mods && !(mods.length === 1 && mods[0] === 'all-linear') ? loraTargets(mods) : { targets: ALL_LINEAR };
    const qlora = flagAt(c, M('load_in_4bit')) ?? flagAt(c, M('quantization_config', 'load_in_4bit')) ?? false;
    // transformers' BitsAndBytesConfig leaves double quantization off unless asked.
    const dq = flagAt(c, M('quantization_config', 'bnb_4bit_use_double_quant')) ?? false;
    setLora(c, qlora ? 'qlora' : 'lora', { rank: rank?.value ?? 8, alpha: alpha?.value, targets, baseBits: qlora ? 4 : undefined, ...(qlora ? { doubleQuant: dq } : {}) }, rank);
  } else if (loaderName === 'finetuning' || c.hit(['load_path'])?.value || flagAt(c, M('pretrained'))) {
    c.run.training.finetune = 'full';
  }
}

/** Precision, optimizer, micro-batch, FSDP sharding and checkpointing, attention implementation. */
function readTraining(c: Collector): void {
  const t = c.run.training;
  readPrecision(c, [['precision']]);
  readOptimizer(c, [['optimizer', 'name']]);
  readMicroBatch(c, [['device_train_microbatch_size']]);
  readFsdpBlock(c, ['fsdp_config'], 'Composer');
  readCheckpointing(c, ['fsdp_config', 'activation_checkpointing']);
  const impl = str(c.hit(M('attn_config', 'attn_impl'))?.value);
  if (impl) t.flashAttention = /flash|triton/.test(impl);
}

/** Tokens from max_duration (Composer time units) and the global batch. */
function readTokens(c: Collector, s: Shape, seq: Got | undefined): void {
  const batch = c.value(['global_train_batch_size'], 'data.tokens');
  const seqPart = seq ? part(seq) : s.seqLen ? { value: s.seqLen, key: 'max_seq_len (MPT default)' } : undefined;
  if (batch && seqPart) setBatchTokens(c, [part(batch), seqPart]);
  const dur = readDuration(c, ['max_duration'], 'data.tokens', COMPOSER_UNITS, 'steps');
  if (dur?.unit === 'tokens') setTokensDirect(c, dur.got);
  else if (dur?.unit === 'steps') {
    if (batch && seqPart) setTokens(c, part(dur.got), [part(batch), seqPart]);
    else c.missing('data.tokens', `Training tokens are max_duration (batches) × global_train_batch_size × max_seq_len; this file lacks ${!batch ? 'global_train_batch_size' : 'max_seq_len'}.`, dur.got.hit.span);
  } else if (dur?.unit === 'samples') {
    if (seqPart) setTokens(c, part(dur.got), [seqPart]);
  } else if (dur?.unit === 'epochs') {
    const why = `max_duration is ${dur.got.hit.source}: tokens are epochs × the dataset's tokens, which the file does not state.`;
    if (c.run.training.finetune) finetuneTokensMissing(c, why, dur.got.hit.span);
    else c.missing('data.tokens', `${why} Add \`# scaling-planner: tokens=…\`.`, dur.got.hit.span);
  } else if (!dur && !present(c, ['max_duration'])) {
    // Only for a missing key: an unresolved or invalid max_duration has its own finding.
    c.missing('data.tokens', 'max_duration is not set: training tokens are unknown (add `# scaling-planner: tokens=…`).');
  }
}
