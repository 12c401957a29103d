// axolotl fine-tuning configs (axolotl-ai-cloud/axolotl examples/): base_model is a Hub id looked
// up in the built-in table; adapter lora | qlora with lora_r, lora_alpha and lora_target_modules
// or lora_target_linear; load_in_4bit / load_in_8bit store the frozen base in 4 or 8 bits.
//
// Tokens: an optimizer step takes micro_batch_size x gradient_accumulation_steps x devices samples
// of sequence_len tokens when sample_packing is on; max_steps fixes the number of steps, while
// num_epochs depends on the dataset's size, which the file does not state.

import { Collector, type Got } from '../collector';
import { fsdpStage, precisionOf, str } from '../values';
import type { Dialect } from './registry';
import { deviceCount } from './devices';
import { flagAt, stringList } from './keys';
import { ALL_LINEAR, loraTargets, setLora } from './lora';
import { applyKnownModel, finishShape, type Shape } from './shape';
import { finetuneTokensMissing, part, setBatchTokens, setTokens, type Part } from './tokens';
import { readCheckpointingFlag, readMicroBatch, readOptimizer } from './training';

const AXOLOTL_KEYS = ['adapter', 'sequence_len', 'micro_batch_size', 'num_epochs', 'datasets', 'lora_r', 'lora_target_modules', 'lora_target_linear', 'load_in_4bit', 'load_in_8bit', 'sample_packing', 'gradient_accumulation_steps', 'val_set_size', 'output_dir', 'base_model_config', 'tokenizer_type'];

export const axolotlDialect: Dialect = {
  id: 'axolotl',
  label: 'axolotl',
  detect(view) {
    const top = new Set(view.keys());
    if (!top.has('base_model')) return 0;
    const n = AXOLOTL_KEYS.filter((k) => top.has(k)).length;
    return n >= 2 ? Math.min(95, 70 + 2 * n) : 0;
  },
  read(view, _fileName, ctx) {
    const c = new Collector(view, 'axolotl', { ctx });
    const s: Shape = {};
    const base = c.first([['base_model']]);
    if (base && typeof base.hit.value === 'string') applyKnownModel(c, s, base.hit.value, base.hit, 'base_model');
    else c.missing('model.params', 'base_model is not set: the model cannot be looked up; add `# scaling-planner: params=…`.');
    const seq = c.got([['sequence_len']], 'model.seq_len');
    if (seq) s.seqLen = seq.value;

    readAdapter(c);
    readPrecision(c);
    const micro = readTraining(c);
    readSharding(c);
    // Devices come from the launcher (accelerate / torchrun), not the file.
    const devices = deviceCount(c, undefined, undefined);
    readTokens(c, seq, micro, devices);
    finishShape(c, s);
    return c.result();
  },
};

/** The adapter: lora | qlora, its rank, alpha and targets; 4- or 8-bit base weights. */
function readAdapter(c: Collector): void {
  const t = c.run.training;
  const adapter = str(c.hit(['adapter'])?.value)?.toLowerCase();
  const in4 = flagAt(c, ['load_in_4bit']) ?? false;
  const in8 = flagAt(c, ['load_in_8bit']) ?? false;
  if (adapter !== 'lora' && adapter !== 'qlora') {
    t.finetune = 'full';
    return;
  }
  const kind = adapter === 'qlora' || in4 ? 'qlora' : 'lora';
  const rank = c.value([['lora_r']], 'training.lora.rank');
  const alpha = c.value([['lora_alpha']], 'training.lora.alpha', 'number');
  const all = flagAt(c, ['lora_target_linear']) ?? false;
  const mods = stringList(c, ['lora_target_modules']) ?? [];
  const { targets, unknown } = all ? { targets: ALL_LINEAR, unknown: [] } : loraTargets(mods);
  if (unknown.length) c.problem('missing-facts', 'information', `LoRA modules not counted: ${unknown.join(', ')}.`, c.hit(['lora_target_modules'])?.span, 'training.lora.rank');
  if (!all && !mods.length) c.missing('training.lora.rank', 'Neither lora_target_modules nor lora_target_linear is set: the adapted projections are unknown.', c.hit(['adapter'])?.span);
  // axolotl's qlora loader asks bitsandbytes for double quantization; a plain 4-bit load does not.
  const dq = kind === 'qlora' ? { doubleQuant: adapter === 'qlora' } : {};
  if (rank) setLora(c, kind, { rank: rank.value, alpha: alpha?.value, targets, baseBits: in4 || kind === 'qlora' ? 4 : in8 ? 8 : undefined, ...dq }, rank);
  else c.missing('training.lora.rank', 'lora_r is not set: the adapter size is unknown.', c.hit(['adapter'])?.span);
  t.finetune = kind;
}

/** Precision: bf16 true | auto | false, fp16, tf32. */
function readPrecision(c: Collector): void {
  const t = c.run.training;
  const bf16 = c.first([['bf16']]);
  const fp16 = c.first([['fp16']]);
  if (bf16 && (flagAt(c, ['bf16']) || bf16.hit.value === 'auto')) {
    t.precision = 'bf16';
    c.record('training.precision', bf16.path, bf16.hit, bf16.hit.value === 'auto' ? 'bf16: auto uses bf16 on GPUs that support it' : undefined);
  } else if (fp16 && flagAt(c, ['fp16'])) {
    t.precision = 'fp16';
    c.record('training.precision', fp16.path, fp16.hit);
  } else if (bf16 && precisionOf(bf16.hit.value)) t.precision = precisionOf(bf16.hit.value);
}

/** Optimizer, micro-batch, gradient checkpointing, flash attention; returns the micro-batch. */
function readTraining(c: Collector): Got | undefined {
  const t = c.run.training;
  readOptimizer(c, [['optimizer']]);
  const micro = readMicroBatch(c, [['micro_batch_size']]);
  readCheckpointingFlag(c, ['gradient_checkpointing']);
  const fa = flagAt(c, ['flash_attention']);
  if (fa !== undefined) t.flashAttention = fa;
  return micro;
}

/** Sharding: a DeepSpeed config named by file (zero1/2/3), or FSDP (values.ts fsdpStage). */
function readSharding(c: Collector): void {
  const t = c.run.training;
  const ds = c.first([['deepspeed']]);
  const fsdp = c.first([['fsdp']]);
  const strategy = c.first([['fsdp_config', 'fsdp_sharding_strategy'], ['fsdp_config', 'sharding_strategy']]);
  const named = ds && typeof ds.hit.value === 'string' ? /zero[_-]?([0-3])/i.exec(ds.hit.value) : null;
  const strategyStage = strategy && fsdpStage(strategy.hit.value);
  if (ds && named) {
    t.zeroStage = Number(named[1]) as 0 | 1 | 2 | 3;
    c.record('training.zero_stage', ds.path, ds.hit, `ZeRO stage ${t.zeroStage}, from the DeepSpeed config's name`);
  } else if (strategy && strategyStage !== undefined) {
    t.zeroStage = strategyStage;
    c.record('training.zero_stage', strategy.path, strategy.hit);
  } else if (fsdp) {
    const items = typeof fsdp.hit.value === 'string' ? [fsdp.hit.value] : c.view.scalars(['fsdp']);
    const stage = items.map((i) => fsdpStage(i)).find((x) => x !== undefined);
    if (stage !== undefined) {
      t.zeroStage = stage;
      c.record('training.zero_stage', fsdp.path, fsdp.hit);
    }
  }
}

/** Tokens = max_steps x micro_batch_size x gradient_accumulation_steps x devices x sequence_len, with sample packing. */
function readTokens(c: Collector, seq: Got | undefined, micro: Got | undefined, devices: Part | undefined): void {
  const gas = c.value([['gradient_accumulation_steps']], 'training.micro_batch_size');
  const packing = flagAt(c, ['sample_packing']) ?? false;
  const batch: Part[] = [...(micro ? [part(micro)] : []), ...(gas ? [part(gas)] : []), ...(devices ? [devices] : [])];
  if (micro && devices && seq && packing) setBatchTokens(c, [...batch, part(seq)]);
  const maxSteps = c.value([['max_steps']], 'data.tokens');
  const epochs = c.value([['num_epochs']], 'data.tokens', 'number');
  if (maxSteps && maxSteps.value > 0 && micro && devices && seq && packing) {
    setTokens(c, part(maxSteps), [...batch, part(seq)]);
    return;
  }
  const need = !maxSteps
    ? `Training runs num_epochs${epochs ? ` (${epochs.value})` : ''} over the datasets, whose size the file does not state.`
    : !packing
      ? 'sample_packing is off, so samples vary in length.'
      : !devices
        ? 'The device count comes from the launcher; add `# scaling-planner: gpus=…`.'
        : '';
  finetuneTokensMissing(c, `Fine-tuning tokens are steps × micro_batch_size × gradient_accumulation_steps × devices × sequence_len. ${need}`, (maxSteps ?? epochs)?.hit.span);
}
