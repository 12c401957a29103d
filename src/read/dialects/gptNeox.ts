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
import { Collector, written } from '../collector';
import { padVocab, resolveTokenizer } from '../tokenizers';
import type { Dialect } from './registry';
import { countOrAuto, deviceCount, finishShape, part, precisionOf, recordComputed, reportMissingShape, setTokens, str, tokenizerVocab, truthy, type Part, type Shape } from './common';
import { toOptimizer } from './plan';

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
    const r = c.run;
    const t = r.training;
    const s: Shape = {};

    const layers = c.num(['num_layers'], 'model.layers', 'count', (v) => (s.layers = v));
    const h = c.num(['hidden_size'], 'model.d_model', 'count', (v) => (s.dModel = v));
    const heads = c.num(['num_attention_heads'], 'model.heads', 'count', (v) => (s.heads = v));
    c.num(['num_kv_heads'], 'model.kv_heads', 'count', (v) => (s.kvHeads = v));
    const seq = c.value(['seq_length'], 'model.seq_len');
    if (seq) {
      s.seqLen = seq.value;
      c.record('model.seq_len', seq.path, seq.hit);
    }
    const maxPos = c.value(['max_position_embeddings'], 'model.max_positions');

    // Block layout.
    const activation = (str(c.hit(['activation'])?.value) ?? 'gelu').toLowerCase();
    const mlpType = (str(c.hit(['mlp_type'])?.value) ?? 'regular').toLowerCase();
    const gated = /glu$/.test(activation) || mlpType === 'llama';
    s.architecture = gated ? 'llama' : 'gpt';
    const attnBias = truthy(c.hit(['use_bias_in_attn_linear'])?.value) ?? true;
    const mlpBias = mlpType === 'llama' ? false : truthy(c.hit(['use_bias_in_mlp'])?.value) ?? true;
    const normBias = truthy(c.hit(['use_bias_in_norms'])?.value) ?? true;
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
    if (untied !== undefined) c.sources['model.tie_embeddings'].note = `no_weight_tying ${untied}: embeddings ${untied ? 'untied' : 'tied'}`;

    // MLP width by NeoX's own rule.
    if (h !== undefined) {
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

    // Vocabulary: the tokenizer's, padded.
    const tp = c.num(['model_parallel_size'], 'training.tensor_parallel', 'count', (v) => (t.tensorParallel = Math.max(1, v))) ?? 1;
    const divisible = c.value(['make_vocab_size_divisible_by'], 'model.vocab_size')?.value ?? 128;
    const vocabFile = c.hit(['vocab_file']);
    const tokType = c.hit(['tokenizer_type']);
    const padded = c.value(['padded_vocab_size'], 'model.vocab_size');
    if (padded) {
      s.vocabSize = padded.value;
      c.record('model.vocab_size', padded.path, padded.hit);
    } else {
      const tok = resolveTokenizer([str(vocabFile?.value), str(tokType?.value)]);
      const anchor = vocabFile ?? tokType;
      if (tok) {
        const multiple = Math.max(1, divisible) * Math.max(1, tp);
        s.vocabSize = padVocab(tok.vocab, multiple);
        tokenizerVocab(c, 'model.vocab_size', `${tok.name} tokenizer, ${groupDigits(tok.vocab)} tokens (${tok.source}${tok.note ? `; ${tok.note}` : ''}), padded to a multiple of make_vocab_size_divisible_by ${divisible} × model_parallel_size ${tp} = ${groupDigits(s.vocabSize)}`, anchor?.span, anchor === vocabFile ? 'vocab_file' : 'tokenizer_type');
      } else {
        c.missing(
          'model.vocab_size',
          `The vocabulary comes from the tokenizer${vocabFile ? ` (vocab_file: ${written(c.view, vocabFile)})` : ''}, which is not in the built-in table; add \`# scaling-planner: vocab=…\` with its size padded to a multiple of make_vocab_size_divisible_by ${divisible} × model_parallel_size ${tp}.`,
          anchor?.span,
        );
      }
    }

    // MoE (megablocks / DeepSpeed MoE).
    const experts = c.value(['moe_num_experts'], 'model.moe.experts');
    if (experts && experts.value > 1) {
      const topK = c.value(['moe_top_k'], 'model.moe.top_k')?.value ?? 1;
      s.moe = { experts: experts.value, topK };
      c.record('model.moe.experts', experts.path, experts.hit);
      // DeepSpeed MoE in NeoX: layer i holds experts when i % moe_expert_interval == 0.
      if (c.hit(['moe_expert_interval'])) applyLayerFreq(c, s, ['moe_expert_interval']);
    }
    c.num(['moe_expert_parallel_size'], 'training.expert_parallel', 'count', (v) => (t.expertParallel = v));

    // Training setup.
    const pp = c.num(['pipe_parallel_size'], 'training.pipeline_parallel', 'count', (v) => (t.pipelineParallel = Math.max(1, v))) ?? 1;
    const micro = c.value([['train_micro_batch_size_per_gpu'], ['batch_size']], 'training.micro_batch_size');
    if (micro) {
      t.microBatchSize = micro.value;
      c.record('training.micro_batch_size', micro.path, micro.hit);
    }
    const gas = c.value([['gradient_accumulation_steps'], ['gas']], 'training.micro_batch_size');
    c.num(['zero_optimization', 'stage'], 'training.zero_stage', 'count', (v) => {
      if ([0, 1, 2, 3].includes(v)) t.zeroStage = v as 0 | 1 | 2 | 3;
    });
    const prec = c.first([['precision']]);
    const fp16 = truthy(c.hit(['fp16', 'enabled'])?.value) ?? truthy(c.hit(['fp16', 'fp16'])?.value) ?? truthy(c.hit(['fp16'])?.value);
    const bf16 = truthy(c.hit(['bf16', 'enabled'])?.value) ?? truthy(c.hit(['bf16'])?.value);
    if (prec && precisionOf(prec.hit.value)) {
      t.precision = precisionOf(prec.hit.value);
      c.record('training.precision', prec.path, prec.hit);
    } else if (bf16) {
      t.precision = 'bf16';
      const at = c.first([['bf16', 'enabled'], ['bf16']]);
      if (at) c.record('training.precision', at.path, at.hit);
    } else if (fp16) {
      t.precision = 'fp16';
      const at = c.first([['fp16', 'enabled'], ['fp16', 'fp16'], ['fp16']]);
      if (at) c.record('training.precision', at.path, at.hit);
    }
    const opt = str(c.hit(['optimizer', 'type'])?.value) ?? str(c.hit(['optimizer_type'])?.value);
    if (opt && toOptimizer(opt)) t.optimizer = toOptimizer(opt);
    const ckpt = c.bool(['checkpoint_activations'], 'training.activation_checkpointing');
    if (ckpt !== undefined) t.activationCheckpointing = ckpt ? 'full' : 'none';
    const attnCfg = c.hit(['attention_config']);
    if (attnCfg && /flash/.test(view.parsed.text.slice(attnCfg.span.start, attnCfg.span.end))) t.flashAttention = true;

    // Devices: num_gpus per node x num_nodes, or global_num_gpus, or a comment / setting. NeoX's
    // num_nodes -1 (its default) means every host in the hostfile: the world size is then unknown.
    const devices = deviceCount(c, countOrAuto(c, ['num_gpus']), countOrAuto(c, ['num_nodes'], 'every host in the hostfile'), countOrAuto(c, ['global_num_gpus']));

    // Tokens = train_iters x global batch (sequences) x seq_length.
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

    if (layers !== undefined || h !== undefined || heads !== undefined) {
      reportMissingShape(c, s, { layers: 'num_layers is not set', dModel: 'hidden_size is not set', heads: 'num_attention_heads is not set' });
    }
    finishShape(c, s);
    return c.result();
  },
};
