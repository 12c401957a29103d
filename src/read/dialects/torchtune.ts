// torchtune recipe configs (recipes/configs/*/*.yaml): the model is a builder named by
// model._component_ (torchtune.models.llama3.lora_llama3_8b), looked up in the built-in table;
// LoRA builders take lora_attn_modules, apply_lora_to_mlp, apply_lora_to_output, lora_rank and
// lora_alpha; qlora_ builders store the base weights in 4-bit NF4.
//
// Tokens: torchtune trains epochs x (max_steps_per_epoch or the whole dataset) optimizer steps of
// batch_size x gradient_accumulation_steps x devices samples. Samples have one length only when
// dataset.packed is true (tokenizer.max_seq_len tokens each), so tokens are derived only then.

import { Collector, type Got } from '../collector';
import { precisionOf } from '../values';
import type { Hit } from '../yamlDoc';
import type { Dialect } from './registry';
import { deviceCount } from './devices';
import { flagAt, stringList } from './keys';
import { loraTargets, setLora } from './lora';
import { defaulted } from './provenance';
import { applyKnownModel, finishShape, type Shape } from './shape';
import { finetuneTokensMissing, part, setBatchTokens, setTokens, type Part } from './tokens';
import { readCheckpointingFlag, readMicroBatch, readOptimizer } from './training';

/**
 * Defaults of torchtune's lora_/qlora_ model builders (lora_rank: int = 8, lora_alpha: float = 16
 * in torchtune/models/{llama2,llama3,llama3_1,mistral,qwen2_5,gemma2,phi3}/_model_builders.py,
 * after alpaca-lora). QLoRA builders quantize to NF4 with torchao's to_nf4: blocks of 64 weights
 * whose scalers are quantized again in blocks of 256 (double quantization).
 */
const TORCHTUNE_LORA = { rank: 8, alpha: 16, source: 'torchtune _model_builders.py: lora_rank: int = 8, lora_alpha: float = 16' };

export const torchtuneDialect: Dialect = {
  id: 'torchtune',
  label: 'torchtune',
  detect(view) {
    const comp = view.get(['model', '_component_'])?.value;
    if (typeof comp === 'string' && /^torchtune\./.test(comp)) return 95;
    const any = ['tokenizer', 'checkpointer', 'dataset', 'optimizer', 'loss'].some((k) => {
      const v = view.get([k, '_component_'])?.value;
      return typeof v === 'string' && /^torchtune\./.test(v);
    });
    return any ? 85 : 0;
  },
  read(view, _fileName, ctx) {
    const c = new Collector(view, 'torchtune', { ctx, interpolate: true });
    const s: Shape = {};
    c.block('model', ['model']);
    const comp = c.first([['model', '_component_']]);
    const builder = typeof comp?.hit.value === 'string' ? comp.hit.value.slice(comp.hit.value.lastIndexOf('.') + 1) : undefined;
    if (comp && builder) applyKnownModel(c, s, builder, comp.hit, 'model._component_');
    else c.missing('model.params', 'model._component_ names no model builder: the model cannot be looked up; add `# scaling-planner: params=…`.', c.hit(['model'])?.keySpan);
    readFinetune(c, builder, comp?.hit);

    // Sequence length: tokenizer.max_seq_len (null means each sample's own length).
    const seq = c.got([['tokenizer', 'max_seq_len']], 'model.seq_len');
    if (seq) s.seqLen = seq.value;
    const micro = readTraining(c);
    // Devices come from `tune run --nproc_per_node`, not the file.
    const devices = deviceCount(c, undefined, undefined);
    readTokens(c, seq, micro, devices);
    finishShape(c, s);
    return c.result();
  },
};

/** Fine-tuning kind from the builder; LoRA settings from its arguments. */
function readFinetune(c: Collector, builder: string | undefined, comp: Hit | undefined): void {
  const t = c.run.training;
  const kind = builder && /^qlora_/.test(builder) ? 'qlora' : builder && /^(lora|dora)_/.test(builder) ? 'lora' : 'full';
  if (kind === 'full') {
    t.finetune = 'full';
    return;
  }
  const rank = c.value([['model', 'lora_rank']], 'training.lora.rank');
  const alpha = c.value([['model', 'lora_alpha']], 'training.lora.alpha', 'number');
  const modsGiven = stringList(c, ['model', 'lora_attn_modules']);
  const { targets, unknown } = loraTargets(modsGiven ?? []);
  if (flagAt(c, ['model', 'apply_lora_to_mlp'])) targets.push('gate', 'up', 'down');
  if (flagAt(c, ['model', 'apply_lora_to_output'])) {
    c.problem('missing-facts', 'information', 'apply_lora_to_output adds an adapter on the output projection, which the trainable-parameter count leaves out (rank × (d_model + vocab)).', c.hit(['model', 'apply_lora_to_output'])?.span, 'training.lora.rank');
  }
  if (unknown.length) c.problem('missing-facts', 'information', `LoRA modules not counted: ${unknown.join(', ')}.`, c.hit(['model', 'lora_attn_modules'])?.span, 'training.lora.rank');
  // The builders' own defaults: lora_rank 8, lora_alpha 16; lora_attn_modules has none.
  const rankHit = c.hit(['model', 'lora_rank']);
  if (!modsGiven) {
    c.missing('training.lora.rank', `model.lora_attn_modules is not set: torchtune's ${builder} requires it (a list among q_proj, k_proj, v_proj, output_proj), so the adapted projections and the trainable parameters are unknown.`, comp?.span);
  } else if (rank || !rankHit || rankHit.value === null) {
    setLora(c, kind, { rank: rank?.value ?? TORCHTUNE_LORA.rank, alpha: alpha?.value ?? (c.hit(['model', 'lora_alpha']) ? undefined : TORCHTUNE_LORA.alpha), targets: [...new Set(targets)], baseBits: kind === 'qlora' ? 4 : undefined, ...(kind === 'qlora' ? { doubleQuant: true } : {}) }, rank);
    if (!rank) defaulted(c, 'training.lora.rank', `${builder} default lora_rank ${TORCHTUNE_LORA.rank} (${TORCHTUNE_LORA.source})`, comp?.span);
  }
  t.finetune = kind;
}

/** dtype, optimizer, batch size, checkpointing, FSDP; returns the batch size. */
function readTraining(c: Collector): Got | undefined {
  const t = c.run.training;
  // dtype bf16 keeps weights, gradients and optimizer states in bf16 (no fp32 master copy).
  const dtype = c.first([['dtype']]);
  if (dtype && typeof dtype.hit.value === 'string') {
    const d = dtype.hit.value.toLowerCase();
    t.precision = d === 'bf16' || d === 'bfloat16' ? 'bf16-pure' : precisionOf(d);
    if (t.precision) c.record('training.precision', dtype.path, dtype.hit, d === 'bf16' ? 'torchtune dtype bf16: weights, gradients and optimizer states in bf16' : undefined);
  }
  readOptimizer(c, [['optimizer', '_component_']]);
  const micro = readMicroBatch(c, [['batch_size']]);
  readCheckpointingFlag(c, ['enable_activation_checkpointing']);
  // torchtune's distributed recipes shard with FSDP2 fully_shard (parameters, gradients, optimizer states).
  if (c.hit(['fsdp_cpu_offload']) || c.hit(['fsdp_sharding_strategy']) || c.hit(['fsdp_reshard_after_forward'])) t.zeroStage = 3;
  return micro;
}

/** Tokens = epochs x max_steps_per_epoch x batch_size x gradient_accumulation_steps x devices x max_seq_len, for packed samples. */
function readTokens(c: Collector, seq: Got | undefined, micro: Got | undefined, devices: Part | undefined): void {
  const gas = c.value([['gradient_accumulation_steps']], 'training.micro_batch_size');
  const epochs = c.value([['epochs']], 'data.tokens');
  const perEpoch = c.value([['max_steps_per_epoch']], 'data.tokens');
  const packed = flagAt(c, ['dataset', 'packed']) ?? false;
  const batch: Part[] = [...(micro ? [part(micro)] : []), ...(gas ? [part(gas)] : []), ...(devices ? [devices] : [])];
  if (micro && devices && seq && packed) setBatchTokens(c, [...batch, part(seq)]);
  if (epochs && perEpoch && micro && devices && seq && packed) {
    // max_steps_per_epoch is what a fix rewrites; epochs is part of its scale.
    setTokens(c, part(perEpoch), [part(epochs), ...batch, part(seq)]);
    c.run.training.steps = epochs.value * perEpoch.value;
    return;
  }
  const need = !packed
    ? 'Samples are not packed (dataset.packed is not true), so their length varies.'
    : !perEpoch
      ? 'max_steps_per_epoch is null: each epoch runs over the whole dataset, whose size the file does not state.'
      : !seq
        ? 'tokenizer.max_seq_len is not set.'
        : !devices
          ? 'The device count comes from `tune run --nproc_per_node`; add `# scaling-planner: gpus=…`.'
          : '';
  finetuneTokensMissing(c, `Fine-tuning tokens are epochs × steps × batch_size × gradient_accumulation_steps × devices × sequence length. ${need}`, (epochs ?? perEpoch)?.hit.span);
}
