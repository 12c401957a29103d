// GPT-NeoX (EleutherAI/gpt-neox) .yml configs: flat keys, often JSON-like flow mappings with
// comments and trailing commas; "-" and "_" in keys are the same (NeoX normalises them).
//
// Rules taken from the NeoX source:
// - Vocabulary: the tokenizer's size padded up to a multiple of make_vocab_size_divisible_by
//   (default 128) x model_parallel_size (megatron/tokenizer/tokenizer.py _vocab_size_with_padding).
// - MLP width (megatron/model/transformer.py ParallelMLP): x = intermediate_size, or
//   expansion_factor x hidden, or 4 x hidden; for gated activations (swiglu, geglu, reglu)
//   ffn = int(x * 2 / 3), the down projection takes ffn // 2, rounded up to mlp_multiple_of
//   (default 1). A Llama-2-7B config writing intermediate_size 32768 with mlp_multiple_of 256
//   has an MLP width of 11,008. Older configs with mlp_type "llama" (LLaMAParallelMLP) used
//   int(2 x 4h / 3) rounded up to a multiple of 256 when intermediate_size is not set.
// - Defaults (megatron/neox_arguments/neox_args.py): pos_emb "learned", norm "layernorm",
//   no_weight_tying false (tied), biases in attention, MLP and norms, activation "gelu".

import { defaultFfnHidden } from '../../engine/params';
import { dashUnderscoreKey } from '../yamlDoc';
import { applyLayerFreq } from './megatronArch';
import { groupDigits } from '../../engine/digits';
import { Collector, written, type Got } from '../collector';
import { resolveTokenizer } from '../tokenizers';
import { str } from '../values';
import type { Dialect } from './registry';
import { countOrAuto, deviceCount } from './devices';
import { flagAt } from './keys';
import { recordComputed } from './provenance';
import { finishShape, reportMissingShape, type Shape } from './shape';
import { part, setTokens, type Part } from './tokens';
import { readCheckpointingFlag, readMicroBatch, readOptimizer, readPrecision } from './training';
import { megatronPaddedVocab } from './vocab';

const NEOX_KEYS = ['num_layers', 'hidden_size', 'num_attention_heads', 'seq_length', 'train_iters', 'pipe_parallel_size', 'model_parallel_size', 'make_vocab_size_divisible_by', 'pos_emb', 'no_weight_tying', 'gpt_j_residual', 'rotary_pct', 'output_layer_parallelism', 'attention_config', 'lr_decay_iters', 'tokenizer_type', 'vocab_file', 'train_data_paths', 'data_path', 'checkpoint_activations', 'num_kv_heads', 'intermediate_size', 'mlp_multiple_of'];
const MODEL_KEYS = ['num_layers', 'hidden_size', 'num_attention_heads', 'seq_length', 'train_iters', 'pipe_parallel_size', 'model_parallel_size', 'make_vocab_size_divisible_by', 'pos_emb', 'no_weight_tying'];

export const gptNeoxDialect: Dialect = {
  id: 'gpt-neox',
  label: 'GPT-NeoX',
  keys: dashUnderscoreKey,
  detect(view) {
    const keys = new Set(view.keys());
    if (!keys.size || keys.has('model_type') || keys.has('architectures') || view.isMap(['model']) || view.isMap(['trainer'])) return 0;
    const n = NEOX_KEYS.filter((k) => keys.has(k)).length;
    if (n < 3 || !MODEL_KEYS.some((k) => keys.has(k))) return 0;
    return Math.min(90, 50 + 3 * n);
  },
  read(view, _fileName, ctx) {
    const c = new Collector(view, 'gpt-neox', { ctx });
    const s: Shape = {};
    const dims = readDims(c, s);
    const block = readBlock(c, s, dims.seq, dims.maxPos);
    if (dims.h !== undefined) readFfn(c, s, dims.h, block);
    const tp = readVocab(c, s);
    readMoe(c, s);
    const batch = readTraining(c);
    // Devices: num_gpus per node x num_nodes, or global_num_gpus, or a comment / setting. NeoX's
    // num_nodes -1 (its default) means every host in the hostfile: the world size is then unknown.
    const devices = deviceCount(c, countOrAuto(c, ['num_gpus']), countOrAuto(c, ['num_nodes'], 'every host in the hostfile'), countOrAuto(c, ['global_num_gpus']));
    readTokens(c, dims.seq, { ...batch, tp }, devices);
    if (dims.layers !== undefined || dims.h !== undefined || dims.heads !== undefined) {
      reportMissingShape(c, s, { layers: 'num_layers is not set', dModel: 'hidden_size is not set', heads: 'num_attention_heads is not set' });
    }
    finishShape(c, s);
    return c.result();
  },
};

interface Dims {
  layers?: number;
  h?: number;
  heads?: number;
  seq?: Got;
  maxPos?: Got;
}

function readDims(c: Collector, s: Shape): Dims {
  const layers = c.num(['num_layers'], 'model.layers', 'count', (v) => (s.layers = v));
  const h = c.num(['hidden_size'], 'model.d_model', 'count', (v) => (s.dModel = v));
  const heads = c.num(['num_attention_heads'], 'model.heads', 'count', (v) => (s.heads = v));
  c.num(['num_kv_heads'], 'model.kv_heads', 'count', (v) => (s.kvHeads = v));
  const seq = c.got(['seq_length'], 'model.seq_len');
  if (seq) s.seqLen = seq.value;
  const maxPos = c.value(['max_position_embeddings'], 'model.max_positions');
  return { layers, h, heads, seq, maxPos };
}

interface Block {
  activation: string;
  mlpType: string;
  gated: boolean;
}

/** Block layout: activation and MLP type, biases, norm, positions, tied embeddings. */
function readBlock(c: Collector, s: Shape, seq: Got | undefined, maxPos: Got | undefined): Block {
  const activation = (str(c.hit(['activation'])?.value) ?? 'gelu').toLowerCase();
  const mlpType = (str(c.hit(['mlp_type'])?.value) ?? 'regular').toLowerCase();
  const gated = /glu$/.test(activation) || mlpType === 'llama';
  s.architecture = gated ? 'llama' : 'gpt';
  const attnBias = flagAt(c, ['use_bias_in_attn_linear']) ?? true;
  const mlpBias = mlpType === 'llama' ? false : flagAt(c, ['use_bias_in_mlp']) ?? true;
  const normBias = flagAt(c, ['use_bias_in_norms']) ?? true;
  s.biases = attnBias && mlpBias;
  if (attnBias !== mlpBias) {
    c.problem('missing-facts', 'information', `Biases are on in ${attnBias ? 'attention' : 'the MLP'} only; the parameter count treats them as ${s.biases ? 'on' : 'off'} everywhere (a difference of a few thousand parameters per layer).`, c.hit([attnBias ? 'use_bias_in_mlp' : 'use_bias_in_attn_linear'])?.span, 'model.params');
  }
  const norm = (str(c.hit(['norm'])?.value) ?? 'layernorm').toLowerCase();
  // A LayerNorm without bias has as many parameters as an RMSNorm (one vector of h).
  s.norm = norm.includes('rms') ? 'rmsnorm' : norm === 'scalenorm' || norm === 'non_parametric_layernorm' ? 'nonparametric' : normBias ? 'layernorm' : 'rmsnorm';

  const posEmb = (str(c.hit(['pos_emb'])?.value) ?? 'learned').toLowerCase();
  s.positions = posEmb === 'learned' ? 'learned' : 'rotary';
  if (posEmb === 'learned') s.maxPositions = maxPos?.value ?? seq?.value;
  const untied = c.bool(['no_weight_tying'], 'model.tie_embeddings');
  s.tieEmbeddings = untied === undefined ? true : !untied;
  const tie = c.sources['model.tie_embeddings'];
  if (untied !== undefined && tie) tie.note = `no_weight_tying ${untied}: embeddings ${untied ? 'untied' : 'tied'}`;
  return { activation, mlpType, gated };
}

/** MLP width by NeoX's own rule (see the top of this file). */
function readFfn(c: Collector, s: Shape, h: number, { activation, mlpType, gated }: Block): void {
  const inter = c.value(['intermediate_size'], 'model.ffn_hidden');
  const ef = c.value(['expansion_factor'], 'model.ffn_hidden', 'number');
  const multiple = c.value(['mlp_multiple_of'], 'model.ffn_hidden')?.value ?? 1;
  let f: number;
  let how: string;
  if (mlpType === 'llama' && !inter) {
    f = defaultFfnHidden({ architecture: 'llama', dModel: h });
    how = `mlp_type llama: int(2 × 4 × ${h} / 3) rounded up to a multiple of 256 = ${f}`;
  } else if (mlpType === 'llama') {
    f = inter!.value;
    how = `intermediate_size ${f}`;
  } else {
    const x = inter?.value ?? (ef ? Math.floor(ef.value * h) : 4 * h);
    if (gated) {
      const inner = Math.floor(Math.floor((x * 2) / 3) / 2);
      f = multiple * Math.ceil(inner / multiple);
      how = `${activation}: int(${x} × 2 / 3) // 2 rounded up to mlp_multiple_of ${multiple} = ${f}`;
    } else {
      f = multiple * Math.ceil(x / multiple);
      how = `${x}${multiple > 1 ? ` rounded up to mlp_multiple_of ${multiple}` : ''}`;
    }
  }
  s.ffnHidden = f;
  const src = inter ?? ef;
  const note = `MLP width ${groupDigits(f)} (${how})`;
  // Written as is only when NeoX uses intermediate_size unchanged; otherwise its rule applies.
  if (src && src === inter && f === inter.value) c.record('model.ffn_hidden', src.path, src.hit, note);
  else if (src) recordComputed(c, 'model.ffn_hidden', src, note);
}

/** Vocabulary: padded_vocab_size, or the tokenizer's padded; returns the tensor-parallel size. */
function readVocab(c: Collector, s: Shape): number {
  const tp = c.num(['model_parallel_size'], 'training.tensor_parallel', 'count', (v) => (c.run.training.tensorParallel = Math.max(1, v))) ?? 1;
  const divisible = c.value(['make_vocab_size_divisible_by'], 'model.vocab_size')?.value ?? 128;
  const vocabFile = c.hit(['vocab_file']);
  const tokType = c.hit(['tokenizer_type']);
  const padded = c.got(['padded_vocab_size'], 'model.vocab_size');
  if (padded) {
    s.vocabSize = padded.value;
    return tp;
  }
  const tok = resolveTokenizer([str(vocabFile?.value), str(tokType?.value)]);
  const anchor = vocabFile ?? tokType;
  if (tok) s.vocabSize = megatronPaddedVocab(c, tok, divisible, tp, 'model_parallel_size', anchor?.span, anchor === vocabFile ? 'vocab_file' : 'tokenizer_type');
  else {
    c.missing(
      'model.vocab_size',
      `The vocabulary comes from the tokenizer${vocabFile ? ` (vocab_file: ${written(c.view, vocabFile)})` : ''}, which is not in the built-in table; add \`# scaling-planner: vocab=…\` with its size padded to a multiple of make_vocab_size_divisible_by ${divisible} × model_parallel_size ${tp}.`,
      anchor?.span,
    );
  }
  return tp;
}

/** MoE (megablocks / DeepSpeed MoE). */
function readMoe(c: Collector, s: Shape): void {
  const experts = c.value(['moe_num_experts'], 'model.moe.experts');
  if (experts && experts.value > 1) {
    const topK = c.value(['moe_top_k'], 'model.moe.top_k')?.value ?? 1;
    s.moe = { experts: experts.value, topK };
    c.record('model.moe.experts', experts.path, experts.hit);
    // DeepSpeed MoE in NeoX: layer i holds experts when i % moe_expert_interval == 0.
    if (c.hit(['moe_expert_interval'])) applyLayerFreq(c, s, ['moe_expert_interval']);
  }
  c.num(['moe_expert_parallel_size'], 'training.expert_parallel', 'count', (v) => (c.run.training.expertParallel = v));
}

interface Batch {
  pp: number;
  micro?: Got;
  gas?: Got;
}

/** Pipeline, micro-batch, ZeRO, precision, optimizer, checkpointing, flash attention. */
function readTraining(c: Collector): Batch {
  const t = c.run.training;
  const pp = c.num(['pipe_parallel_size'], 'training.pipeline_parallel', 'count', (v) => (t.pipelineParallel = Math.max(1, v))) ?? 1;
  const micro = readMicroBatch(c, [['train_micro_batch_size_per_gpu'], ['batch_size']]);
  const gas = c.value([['gradient_accumulation_steps'], ['gas']], 'training.micro_batch_size');
  c.num(['zero_optimization', 'stage'], 'training.zero_stage', 'count', (v) => {
    if ([0, 1, 2, 3].includes(v)) t.zeroStage = v as 0 | 1 | 2 | 3;
  });
  if (!readPrecision(c, [['precision']])) readDeepSpeedPrecision(c);
  readOptimizer(c, [['optimizer', 'type'], ['optimizer_type']]);
  readCheckpointingFlag(c, ['checkpoint_activations']);
  const attnCfg = c.hit(['attention_config']);
  if (attnCfg && /flash/.test(c.view.parsed.text.slice(attnCfg.span.start, attnCfg.span.end))) t.flashAttention = true;
  return { pp, micro, gas };
}

/** DeepSpeed's bf16 / fp16 blocks (or flags), when no precision is named. */
function readDeepSpeedPrecision(c: Collector): void {
  const fp16 = flagAt(c, ['fp16', 'enabled']) ?? flagAt(c, ['fp16', 'fp16']) ?? flagAt(c, ['fp16']);
  const bf16 = flagAt(c, ['bf16', 'enabled']) ?? flagAt(c, ['bf16']);
  const at = bf16 ? c.first([['bf16', 'enabled'], ['bf16']]) : fp16 ? c.first([['fp16', 'enabled'], ['fp16', 'fp16'], ['fp16']]) : undefined;
  if (!at) return;
  c.run.training.precision = bf16 ? 'bf16' : 'fp16';
  c.record('training.precision', at.path, at.hit);
}

/** Tokens = train_iters x global batch (sequences) x seq_length. */
function readTokens(c: Collector, seq: Got | undefined, { pp, tp, micro, gas }: Batch & { tp: number }, devices: Part | undefined): void {
  const iters = c.value(['train_iters'], 'data.tokens');
  const global = c.value(['train_batch_size'], 'data.tokens');
  let batch: Part[] | undefined;
  if (global) batch = [part(global)];
  else if (micro && devices) {
    const dp = Math.floor(devices.value / (Math.max(1, tp) * Math.max(1, pp)));
    if (dp >= 1) {
      batch = [part(micro), ...(gas ? [part(gas)] : []), { value: dp, key: `data parallel (${devices.value} devices / (model_parallel_size ${tp} × pipe_parallel_size ${pp}))`, span: devices.span }];
    }
  }
  if (iters && batch && seq) setTokens(c, part(iters), [...batch, part(seq)]);
  else if (iters) {
    const need = !seq ? 'seq_length' : 'the global batch: train_batch_size, or train_micro_batch_size_per_gpu with the device count (num_gpus and num_nodes, or `# scaling-planner: gpus=…`)';
    c.missing('data.tokens', `Training tokens are train_iters × global batch × seq_length; this file lacks ${need}.`, iters.hit.span);
  } else c.missing('data.tokens', 'Training tokens are train_iters × global batch × seq_length; train_iters is not set (or add `# scaling-planner: tokens=…`).');
}
