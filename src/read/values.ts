// The value parsers every dialect reader shares: what a scalar a framework writes means as a
// canonical value. Pure functions of the value (no spans, no findings); the readers decide what to
// record and what to report. The spellings and their sources are listed in
// test/fixtures/value-spellings.json, which test/unit/values.test.ts checks.

import { PRECISION_NAMES } from '../engine/precisionNames';
import type { Checkpointing, Optimizer, Precision } from '../engine/types';

/** A scalar as text (numbers as written by JavaScript), or undefined for anything else. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/**
 * A boolean as the Python frameworks read one. Their YAML loaders (PyYAML, and OmegaConf's, which
 * extends it) resolve the YAML 1.1 words true/false, yes/no, on/off in any case
 * (https://yaml.org/type/bool.html); a number is its truth value; "1" and "0" are the command-line
 * forms. "none" or "null" written as text is not a boolean in either (PyYAML leaves "None" a
 * string), so it is no answer here.
 */
export function boolOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^(true|yes|on|1)$/i.test(s)) return true;
  if (/^(false|no|off|0)$/i.test(s)) return false;
  return undefined;
}

const PRECISIONS = invert(PRECISION_NAMES);

/** A precision from a name or a number (NeMo/Lightning 16, 32), case and surrounding space ignored. */
export function precisionOf(v: unknown): Precision | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  return PRECISIONS.get(String(v).trim().toLowerCase());
}

/**
 * Optimizer names by canonical optimizer (PyTorch torch.optim classes, Hugging Face Trainer's
 * `optim` (OptimizerNames), llm-foundry's decoupled_* optimizers, bitsandbytes' 8-bit ones).
 * Names not listed fall back to their family (see optimizerOf).
 */
const OPTIMIZER_NAMES: Record<Optimizer, readonly string[]> = {
  adamw: ['adamw', 'decoupled_adamw'],
  adam: ['adam'],
  adam8bit: ['adam8bit', 'adamw8bit', 'adamw_8bit', 'adamw_bnb_8bit', 'paged_adamw_8bit'],
  sgd: ['sgd'],
  lion: ['lion', 'decoupled_lionw'],
  adafactor: ['adafactor'],
};
const OPTIMIZERS = invert(OPTIMIZER_NAMES);

/**
 * An optimizer from a name or a class path ("torch.optim.AdamW", "bitsandbytes.optim.PagedAdamW8bit":
 * the last part counts), "-" read as "_". Unlisted names go by family: any 8-bit optimizer counts
 * as 8-bit Adam (two one-byte states, the nearest the memory model has), then Lion, Adafactor, SGD,
 * and any other Adam variant (fused_adam, adamw_torch_fused, OneBitAdam) as AdamW, whose states
 * take the same memory as Adam's.
 */
export function optimizerOf(v: unknown): Optimizer | undefined {
  if (typeof v !== 'string') return undefined;
  // The name after the last dot (torch.optim.AdamW), dashes as underscores.
  const t = v.trim().toLowerCase();
  const last = t.slice(t.lastIndexOf('.') + 1);
  const s = last.includes('-') ? last.replace(/-/g, '_') : last;
  const exact = OPTIMIZERS.get(s);
  if (exact) return exact;
  if (/8bit/.test(s)) return 'adam8bit';
  if (/lion/.test(s)) return 'lion';
  if (/adafactor/.test(s)) return 'adafactor';
  if (/sgd/.test(s)) return 'sgd';
  if (/adam/.test(s)) return 'adamw';
  return undefined;
}

/**
 * A PyTorch FSDP sharding strategy as the ZeRO stage that shards the same states
 * (torch.distributed.fsdp.ShardingStrategy; ZeRO stages as in Rajbhandari et al. 2020):
 * FULL_SHARD shards parameters, gradients and optimizer states (ZeRO-3); SHARD_GRAD_OP shards
 * gradients and optimizer states (ZeRO-2); NO_SHARD replicates everything (DDP, stage 0);
 * HYBRID_SHARD is FULL_SHARD within a node (3) and _HYBRID_SHARD_ZERO2 is SHARD_GRAD_OP within a
 * node (2). Matched in any case and inside longer text ("ShardingStrategy.FULL_SHARD", Hugging Face
 * Trainer's "full_shard auto_wrap"). Accelerate's numbered form (fsdp_sharding_strategy 1-5, in
 * the enum's order FULL_SHARD, SHARD_GRAD_OP, NO_SHARD, HYBRID_SHARD, HYBRID_SHARD_ZERO2) and
 * `true` (FSDP with its default strategy, FULL_SHARD) are read too.
 */
export function fsdpStage(v: unknown): 0 | 1 | 2 | 3 | undefined {
  if (v === true) return 3;
  if (typeof v === 'number') return ([3, 2, 0, 3, 2] as const)[v - 1];
  const s = typeof v === 'string' ? v.toUpperCase() : '';
  if (/HYBRID_SHARD_ZERO2|SHARD_GRAD_OP/.test(s)) return 2;
  if (/FULL_SHARD|HYBRID_SHARD/.test(s)) return 3;
  if (/NO_SHARD/.test(s)) return 0;
  return undefined;
}

/**
 * Activation-checkpointing settings as the engine's modes: a boolean (on = every layer); Megatron
 * and NeMo activations_checkpoint_granularity "full" / "selective" (and recompute_method
 * "uniform", every layer); OLMo's ActivationCheckpointingStrategy whole_layer (full) and
 * one_in_two ... three_in_four, fine_grained (a part of the layers or of each layer: selective).
 */
export function checkpointingOf(v: unknown): Checkpointing | undefined {
  if (v === true) return 'full';
  if (v === false || v === null) return 'none';
  if (typeof v !== 'string') return undefined;
  const s = v.toLowerCase();
  if (/^(true|full|whole_layer|uniform)$/.test(s)) return 'full';
  if (/^(false|none|no)$/.test(s)) return 'none';
  if (/selective|fine_grained|one_in|two_in|three_in/.test(s)) return 'selective';
  return undefined;
}

export type DurationUnit = 'steps' | 'tokens' | 'epochs' | 'samples' | 'fraction';

/**
 * Composer time units (composer.core.TimeUnit): "ba" batches (optimizer steps), "tok" tokens,
 * "ep" epochs, "sp" samples, "dur" a fraction of the whole run; a bare integer is batches.
 */
export const COMPOSER_UNITS: Readonly<Record<string, DurationUnit>> = { ba: 'steps', tok: 'tokens', ep: 'epochs', sp: 'samples', dur: 'fraction' };
/** OLMo max_duration (olmo/config.py TrainConfig): "2e12T" tokens, "3ep" epochs, a bare integer steps. */
export const OLMO_UNITS: Readonly<Record<string, DurationUnit>> = { T: 'tokens', t: 'tokens', ep: 'epochs' };

/**
 * A training length: a number (in the `bare` unit) or a number with one of `units` ("63900ba",
 * "134e9tok", "739_328"); otherwise an error that says why the value is not one.
 */
export function durationOf(v: unknown, units: Readonly<Record<string, DurationUnit>>, bare: DurationUnit): { value: number; unit: DurationUnit } | { error: string } {
  let num: number | undefined;
  let unit: DurationUnit | undefined;
  if (typeof v === 'number') {
    num = v;
    unit = bare;
  } else if (typeof v === 'string') {
    const m = /^\s*([+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z]*)\s*$/.exec(v);
    if (m) {
      num = Number(m[1].replace(/_/g, ''));
      unit = m[2] ? units[m[2]] ?? units[m[2].toLowerCase()] : bare;
    }
  }
  if (num !== undefined && !Number.isFinite(num)) return { error: 'is not a finite number' };
  if (num !== undefined && num < 0) return { error: 'is negative' };
  if (num === undefined || unit === undefined) return { error: `is not a training length (${Object.keys(units).map((u) => `…${u}`).join(', ')})` };
  return { value: num, unit };
}

function invert<T extends string>(names: Record<T, readonly string[]>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [canonical, spellings] of Object.entries(names) as Array<[T, readonly string[]]>) for (const s of spellings) out.set(s, canonical);
  return out;
}
