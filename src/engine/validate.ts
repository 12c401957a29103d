// Range checks on a canonical run: impossible values become findings and are dropped, so the
// rest of the analysis never works on them.

import type { Finding, RunDescription } from './types';
import { FLAG_ONLY_RULES, LIFECYCLE_RULES } from './validateLifecycle';

export interface Rule {
  field: string;
  get: (r: RunDescription) => unknown;
  clear: (r: RunDescription) => void;
  min: number;
  max: number;
  minInclusive?: boolean;
  integer?: boolean;
  what: string;
}

const shape = (r: RunDescription) => r.model.shape ?? {};

const RULES: Rule[] = [
  { field: 'model.params', get: (r) => r.model.params, clear: (r) => delete r.model.params, min: 1, max: 1e15, minInclusive: true, what: 'parameter count' },
  { field: 'model.active_params', get: (r) => r.model.activeParams, clear: (r) => delete r.model.activeParams, min: 1, max: 1e15, minInclusive: true, what: 'active parameter count' },
  { field: 'model.layers', get: (r) => shape(r).layers, clear: (r) => delete shape(r).layers, min: 1, max: 10000, minInclusive: true, integer: true, what: 'layer count' },
  { field: 'model.d_model', get: (r) => shape(r).dModel, clear: (r) => delete shape(r).dModel, min: 1, max: 1e6, minInclusive: true, integer: true, what: 'hidden size' },
  { field: 'model.heads', get: (r) => shape(r).heads, clear: (r) => delete shape(r).heads, min: 1, max: 1e5, minInclusive: true, integer: true, what: 'head count' },
  { field: 'model.kv_heads', get: (r) => shape(r).kvHeads, clear: (r) => delete shape(r).kvHeads, min: 1, max: 1e5, minInclusive: true, integer: true, what: 'KV head count' },
  { field: 'model.head_dim', get: (r) => shape(r).headDim, clear: (r) => delete shape(r).headDim, min: 1, max: 1e5, minInclusive: true, integer: true, what: 'head dimension' },
  { field: 'model.ffn_hidden', get: (r) => shape(r).ffnHidden, clear: (r) => delete shape(r).ffnHidden, min: 1, max: 1e7, minInclusive: true, integer: true, what: 'FFN width' },
  { field: 'model.vocab_size', get: (r) => shape(r).vocabSize, clear: (r) => delete shape(r).vocabSize, min: 1, max: 1e8, minInclusive: true, integer: true, what: 'vocabulary size' },
  { field: 'model.seq_len', get: (r) => shape(r).seqLen, clear: (r) => delete shape(r).seqLen, min: 1, max: 1e8, minInclusive: true, integer: true, what: 'sequence length' },
  { field: 'model.max_positions', get: (r) => shape(r).maxPositions, clear: (r) => delete shape(r).maxPositions, min: 1, max: 1e8, minInclusive: true, integer: true, what: 'position count' },
  { field: 'model.attention.sliding_window', get: (r) => shape(r).attention?.slidingWindow, clear: (r) => delete shape(r).attention!.slidingWindow, min: 1, max: 1e8, minInclusive: true, integer: true, what: 'sliding window' },
  { field: 'model.attention.global_every', get: (r) => shape(r).attention?.globalEvery, clear: (r) => delete shape(r).attention!.globalEvery, min: 1, max: 10000, minInclusive: true, integer: true, what: 'global-attention interval' },
  { field: 'model.mtp_layers', get: (r) => shape(r).mtpLayers, clear: (r) => delete shape(r).mtpLayers, min: 0, max: 100, minInclusive: true, integer: true, what: 'MTP module count' },
  { field: 'data.tokens', get: (r) => r.data.tokens, clear: (r) => delete r.data.tokens, min: 1, max: 1e18, minInclusive: true, what: 'token count' },
  { field: 'data.unique_tokens', get: (r) => r.data.uniqueTokens, clear: (r) => delete r.data.uniqueTokens, min: 1, max: 1e18, minInclusive: true, what: 'unique token count' },
  { field: 'hardware.count', get: (r) => r.hardware.count, clear: (r) => delete r.hardware.count, min: 1, max: 1e7, minInclusive: true, integer: true, what: 'device count' },
  { field: 'hardware.mfu', get: (r) => r.hardware.mfu, clear: (r) => delete r.hardware.mfu, min: 0.001, max: 1, minInclusive: true, what: 'MFU (a fraction of peak, 0-1)' },
  { field: 'hardware.price_per_hour', get: (r) => r.hardware.pricePerHour, clear: (r) => delete r.hardware.pricePerHour, min: 0, max: 1e4, minInclusive: true, what: 'price per GPU-hour' },
  { field: 'hardware.pue', get: (r) => r.hardware.pue, clear: (r) => delete r.hardware.pue, min: 1, max: 5, minInclusive: true, what: 'PUE (at least 1)' },
  { field: 'hardware.grid_gco2_per_kwh', get: (r) => r.hardware.gridGco2PerKwh, clear: (r) => delete r.hardware.gridGco2PerKwh, min: 0, max: 5000, minInclusive: true, what: 'grid intensity' },
  { field: 'hardware.power_w', get: (r) => r.hardware.powerW, clear: (r) => delete r.hardware.powerW, min: 0, max: 1e5, what: 'device power' },
  { field: 'hardware.purchase_price', get: (r) => r.hardware.purchasePrice, clear: (r) => delete r.hardware.purchasePrice, min: 0, max: 1e8, what: 'purchase price per device' },
  { field: 'hardware.amortization_years', get: (r) => r.hardware.amortizationYears, clear: (r) => delete r.hardware.amortizationYears, min: 0, max: 50, what: 'amortisation period in years' },
  { field: 'hardware.electricity_usd_per_kwh', get: (r) => r.hardware.electricityUsdPerKwh, clear: (r) => delete r.hardware.electricityUsdPerKwh, min: 0, max: 10, minInclusive: true, what: 'electricity price per kWh' },
  { field: 'budget.usd', get: (r) => r.budget.usd, clear: (r) => delete r.budget.usd, min: 0, max: 1e13, what: 'dollar budget' },
  { field: 'budget.days', get: (r) => r.budget.days, clear: (r) => delete r.budget.days, min: 0, max: 1e5, what: 'deadline' },
  { field: 'budget.gpu_hours', get: (r) => r.budget.gpuHours, clear: (r) => delete r.budget.gpuHours, min: 0, max: 1e12, what: 'GPU-hour budget' },
  { field: 'budget.flops', get: (r) => r.budget.flops, clear: (r) => delete r.budget.flops, min: 0, max: 1e40, what: 'FLOP budget' },
  { field: 'inference.tokens', get: (r) => r.inference.tokens, clear: (r) => delete r.inference.tokens, min: 0, max: 1e20, minInclusive: true, what: 'inference token count' },
  { field: 'training.zero_stage', get: (r) => r.training.zeroStage, clear: (r) => delete r.training.zeroStage, min: 0, max: 3, minInclusive: true, integer: true, what: 'ZeRO stage (0, 1, 2 or 3)' },
  { field: 'training.steps', get: (r) => r.training.steps, clear: (r) => delete r.training.steps, min: 0, max: 1e12, minInclusive: true, integer: true, what: 'step count' },
  { field: 'training.tensor_parallel', get: (r) => r.training.tensorParallel, clear: (r) => delete r.training.tensorParallel, min: 1, max: 1e5, minInclusive: true, integer: true, what: 'tensor-parallel size' },
  { field: 'training.pipeline_parallel', get: (r) => r.training.pipelineParallel, clear: (r) => delete r.training.pipelineParallel, min: 1, max: 1e5, minInclusive: true, integer: true, what: 'pipeline-parallel size' },
  { field: 'training.expert_parallel', get: (r) => r.training.expertParallel, clear: (r) => delete r.training.expertParallel, min: 1, max: 1e5, minInclusive: true, integer: true, what: 'expert-parallel size' },
  { field: 'training.micro_batch_size', get: (r) => r.training.microBatchSize, clear: (r) => delete r.training.microBatchSize, min: 1, max: 1e7, minInclusive: true, integer: true, what: 'micro-batch size' },
  { field: 'training.global_batch_tokens', get: (r) => r.training.globalBatchTokens, clear: (r) => delete r.training.globalBatchTokens, min: 1, max: 1e12, minInclusive: true, what: 'global batch' },
  ...LIFECYCLE_RULES,
];

/** A bound as people read it: 5000, 1, 0.001; powers of ten from a million up as 1e7. */
const bound = (x: number): string => (x >= 1e6 ? x.toExponential(0).replace('e+', 'e') : String(x));

function describe(rule: Rule): string {
  const lower = rule.minInclusive ? `at least ${bound(rule.min)}` : `above ${bound(rule.min)}`;
  return `${rule.what} must be ${rule.integer ? 'a whole number ' : ''}${lower} and at most ${bound(rule.max)}`;
}

function inRange(rule: Rule, v: unknown): boolean {
  return (
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (rule.minInclusive ? v >= rule.min : v > rule.min) &&
    v <= rule.max &&
    (!rule.integer || Number.isInteger(v))
  );
}

/**
 * Why a value is impossible for a canonical field (the same bounds a plan file gets), or undefined
 * when it is fine or the field has no range rule. The CLI checks its flags with this.
 */
export function checkValue(field: string, v: number): string | undefined {
  const rule = RULES.find((r) => r.field === field) ?? FLAG_ONLY_RULES.find((r) => r.field === field);
  if (!rule || inRange(rule, v)) return undefined;
  return `${String(v)} is not possible: the ${describe(rule)}`;
}

/** Allowed words for the string fields of a run (readers map dialect spellings onto these). */
const ENUMS: Array<{ field: string; get: (r: RunDescription) => unknown; clear: (r: RunDescription) => void; allowed: readonly string[] }> = [
  { field: 'training.precision', get: (r) => r.training.precision, clear: (r) => delete r.training.precision, allowed: ['fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'bf16-pure'] },
  { field: 'training.optimizer', get: (r) => r.training.optimizer, clear: (r) => delete r.training.optimizer, allowed: ['adamw', 'adam', 'adam8bit', 'sgd', 'lion', 'adafactor'] },
  { field: 'training.activation_checkpointing', get: (r) => r.training.activationCheckpointing, clear: (r) => delete r.training.activationCheckpointing, allowed: ['none', 'selective', 'full'] },
  { field: 'training.finetune', get: (r) => r.training.finetune, clear: (r) => delete r.training.finetune, allowed: ['full', 'lora', 'qlora'] },
  { field: 'model.architecture', get: (r) => r.model.shape?.architecture, clear: (r) => delete shape(r).architecture, allowed: ['gpt', 'llama'] },
];

/** A deep copy of plain data (objects, arrays, primitives): what a run is made of, several times faster than structuredClone. */
function clonePlain<T>(v: T, depth = 0): T {
  if (v === null || typeof v !== 'object' || depth > 32) return v;
  if (Array.isArray(v)) return v.map((x) => clonePlain(x, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = clonePlain((v as Record<string, unknown>)[k], depth + 1);
  return out as T;
}

/** Returns a copy of the run without impossible values, and a finding for each one dropped. */
export function validateRun(input: RunDescription): { run: RunDescription; findings: Finding[] } {
  const run: RunDescription = clonePlain(input);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const v = rule.get(run);
    if (v === undefined) continue;
    if (!inRange(rule, v)) {
      findings.push({
        code: 'invalid-value',
        severity: 'error',
        message: `${rule.field} = ${String(v)} is not possible: the ${describe(rule)}.`,
        field: rule.field,
        related: [],
      });
      rule.clear(run);
    }
  }
  for (const e of ENUMS) {
    const v = e.get(run);
    if (v === undefined || (typeof v === 'string' && e.allowed.includes(v))) continue;
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: `${e.field} = ${JSON.stringify(v)} is not one of ${e.allowed.join(', ')}.`,
      field: e.field,
      related: [],
    });
    e.clear(run);
  }
  const s = run.model.shape;
  if (s?.heads && s.kvHeads && s.heads % s.kvHeads !== 0) {
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: `model.kv_heads = ${s.kvHeads} must divide model.heads = ${s.heads} (grouped-query attention shares each KV head across a whole group).`,
      field: 'model.kv_heads',
      related: ['model.heads'],
    });
    delete s.kvHeads;
  }
  if (s?.moe) {
    const m = s.moe;
    const whole = (x: number | undefined, min: number): boolean => x === undefined || (Number.isInteger(x) && x >= min && x <= 1e6);
    if (!(whole(m.experts, 1) && whole(m.topK, 1) && (m.topK === undefined || m.topK <= m.experts) && whole(m.sharedExperts, 0) && (m.expertFfnHidden === undefined || (Number.isInteger(m.expertFfnHidden) && m.expertFfnHidden >= 1 && m.expertFfnHidden <= 1e7)))) {
      findings.push({
        code: 'invalid-value',
        severity: 'error',
        message: `model.moe needs whole numbers with 1 <= top_k <= experts <= 1e6, shared_experts >= 0 and expert_ffn_hidden >= 1 (got experts = ${m.experts}, top_k = ${m.topK}).`,
        field: 'model.moe.experts',
        related: ['model.moe.top_k'],
      });
      delete s.moe;
    }
  }
  const ep = run.training.expertParallel;
  if (ep !== undefined && ep > 1 && s?.moe && ep > s.moe.experts) {
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: `training.expert_parallel = ${ep} exceeds the ${s.moe.experts} routed experts: each expert-parallel rank holds at least one expert.`,
      field: 'training.expert_parallel',
      related: ['model.moe.experts'],
    });
    delete run.training.expertParallel;
  }
  const mla = s?.attention?.mla;
  if (s && mla && ![mla.kvLoraRank, mla.qkNopeHeadDim + mla.qkRopeHeadDim, mla.vHeadDim, mla.qLoraRank ?? 1].every((x) => Number.isInteger(x) && x >= 1 && x <= 1e6)) {
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: `model.attention needs whole-number latent ranks and head dimensions of at least 1 for multi-head latent attention (got kv_lora_rank = ${mla.kvLoraRank}, q_lora_rank = ${mla.qLoraRank ?? 'none'}).`,
      field: 'model.attention.kv_lora_rank',
      related: [],
    });
    delete run.model.shape;
  }
  const lora = run.training.lora;
  if (lora && !(Number.isInteger(lora.rank) && lora.rank >= 1 && lora.rank <= 1e6)) {
    findings.push({
      code: 'invalid-value',
      severity: 'error',
      message: `training.lora.rank = ${String(lora.rank)} must be a whole number of at least 1.`,
      field: 'training.lora.rank',
      related: [],
    });
    delete run.training.lora;
  }
  return { run, findings };
}
