// Scaling Planner's own plan format (*.plan.yaml); schema in schemas/plan.schema.json.

import { isLawId } from '../../engine/laws';
import { ARCH_PLAN_KEYS, readPlanArchitecture } from './planArch';
import { checkArchitecture } from './archChecks';
import type { Checkpointing, ModelShape, Optimizer, Precision } from '../../engine/types';
import { Collector } from '../collector';
import { LIFECYCLE_PLAN_KEYS, readLifecycleBlocks } from './planLifecycle';
import type { Dialect } from './registry';
import type { YamlView } from '../yamlDoc';

const PRECISIONS: Record<string, Precision> = {
  fp32: 'fp32', float32: 'fp32', '32': 'fp32', tf32: 'tf32', bf16: 'bf16', bfloat16: 'bf16', 'bf16-mixed': 'bf16', amp_bf16: 'bf16',
  fp16: 'fp16', float16: 'fp16', '16': 'fp16', '16-mixed': 'fp16', amp_fp16: 'fp16', fp8: 'fp8', amp_fp8: 'fp8',
  'bf16-pure': 'bf16-pure', 'bf16-true': 'bf16-pure', pure_bf16: 'bf16-pure',
};
const OPTIMIZERS: Record<string, Optimizer> = {
  adamw: 'adamw', adam: 'adam', adam8bit: 'adam8bit', adamw8bit: 'adam8bit', 'adamw_8bit': 'adam8bit', 'adamw_bnb_8bit': 'adam8bit', paged_adamw_8bit: 'adam8bit',
  sgd: 'sgd', lion: 'lion', adafactor: 'adafactor', decoupled_adamw: 'adamw', decoupled_lionw: 'lion',
};

export function toPrecision(v: string): Precision | undefined {
  return PRECISIONS[v.trim().toLowerCase()];
}
export function toOptimizer(v: string): Optimizer | undefined {
  return OPTIMIZERS[v.trim().toLowerCase().replace(/-/g, '_')] ?? OPTIMIZERS[v.trim().toLowerCase()];
}

/**
 * Every key the plan format has (schemas/plan.schema.json; a unit test keeps the two equal): a
 * block is a nested table, a leaf is `true`. Keys outside it are reported as unknown-key.
 */
type KeyTree = { readonly [key: string]: true | KeyTree };
export const PLAN_KEYS: KeyTree = {
  name: true,
  law: true,
  model: {
    name: true, params: true, active_params: true, architecture: true, layers: true, d_model: true, heads: true, kv_heads: true,
    head_dim: true, ffn_hidden: true, vocab_size: true, seq_len: true, max_positions: true, tie_embeddings: true, qkv_bias: true,
    biases: true, positions: true, norm: true,
    ...ARCH_PLAN_KEYS,
    moe: { experts: true, top_k: true, shared_experts: true, expert_ffn_hidden: true, ...ARCH_PLAN_KEYS.moe },
  },
  data: { tokens: true, unique_tokens: true },
  training: {
    precision: true, optimizer: true, global_batch_tokens: true, micro_batch_size: true, zero_stage: true, fsdp: true,
    tensor_parallel: true, pipeline_parallel: true, expert_parallel: true, activation_checkpointing: true, flash_attention: true, finetune: true,
    lora: { rank: true, alpha: true, targets: true },
  },
  hardware: {
    accelerator: true, count: true, mfu: true, price_per_hour: true, pue: true, grid_gco2_per_kwh: true, power_w: true,
    ownership: true, purchase_price: true, amortization_years: true, electricity_usd_per_kwh: true,
  },
  budget: { usd: true, days: true, gpu_hours: true, flops: true },
  inference: { tokens: true },
  ...LIFECYCLE_PLAN_KEYS,
};

/** Plan and other keys of a block, for files without the .plan.yaml name ("name" is too common to count). */
function planKeysIn(view: YamlView, block: 'model' | 'data' | 'hardware'): { plan: number; other: number } {
  const known = PLAN_KEYS[block] as KeyTree;
  const keys = view.keys([block]).filter((k) => k !== 'name' && k !== '<<');
  const plan = keys.filter((k) => known[k] !== undefined).length;
  return { plan, other: keys.length - plan };
}

/** Levenshtein distance, for "did you mean" (keys are short); one reused row, no allocation per call. */
let row = new Int32Array(64);
function editDistance(a: string, b: string): number {
  if (row.length <= b.length) row = new Int32Array(b.length + 1);
  const d = row;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** The known key a misspelt one most likely means: same block within two edits, else the same key in another block. */
function suggestKey(key: string, path: string[], tree: KeyTree): string | undefined {
  const norm = key.toLowerCase().replace(/-/g, '_');
  let best: { k: string; d: number } | undefined;
  for (const k of Object.keys(tree)) {
    if (Math.abs(norm.length - k.length) > 2) continue; // at least that many edits apart
    const d = editDistance(norm, k);
    // Up to two edits catch a dropped, doubled or swapped letter; short keys allow fewer, so that
    // "pue" is not taken for "usd".
    if (d <= Math.min(2, Math.floor(k.length / 3) + 1) && (!best || d < best.d)) best = { k, d };
  }
  if (best) return [...path, best.k].join('.');
  for (const [block, sub] of Object.entries(PLAN_KEYS)) {
    if (sub !== true && block !== path[0] && Object.prototype.hasOwnProperty.call(sub, norm)) return `${block}.${norm}`;
  }
  return undefined;
}

/** An unknown-key warning, on the key, for every key the plan format does not have (typos are otherwise silently ignored). */
function unknownKeys(view: YamlView, c: Collector, tree: KeyTree = PLAN_KEYS, path: string[] = []): void {
  for (const key of view.keys(path)) {
    if (key === '<<') continue; // YAML merge key
    const known = Object.prototype.hasOwnProperty.call(tree, key) ? tree[key] : undefined; // not "toString"
    if (known === undefined) {
      const hit = view.get([...path, key]);
      // Anchor holders (`defaults: &d {...}`) and extension keys (`x-…`, `.…`) exist to be reused, not read.
      if ((hit?.node as { anchor?: string } | undefined)?.anchor || /^(x-|\.)/.test(key)) continue;
      const at = key === '' ? [...path, '(an empty key)'].join('.') : [...path, key].join('.');
      const guess = suggestKey(key, path, tree);
      c.problem(
        'unknown-key',
        'warning',
        `${at} is not a plan key and is ignored; ${guess ? `did you mean ${guess}?` : `known keys${path.length ? ` under ${path.join('.')}` : ''}: ${Object.keys(tree).join(', ')}.`}`,
        hit?.keySpan ?? hit?.span,
      );
    } else if (known !== true && view.isMap([...path, key])) unknownKeys(view, c, known, [...path, key]);
  }
}

export const planDialect: Dialect = {
  id: 'plan',
  label: 'Scaling Planner plan',
  detect(view, fileName) {
    if (/\.plan\.ya?ml$/i.test(fileName)) return 100;
    // The format's rule: a top-level model: block plus a data: or hardware: block (possibly still
    // empty), using plan keys.
    const block = (k: string): boolean => view.isMap([k]) || (view.has([k]) && view.get([k])!.value === null);
    if (!view.isMap(['model']) || !(block('data') || block('hardware'))) return 0;
    const model = planKeysIn(view, 'model');
    const n = model.plan + planKeysIn(view, 'data').plan + planKeysIn(view, 'hardware').plan;
    // A model: block mostly in another vocabulary (n_layers, n_heads, mlp_ratio: OLMo, MPT, NeMo)
    // is a framework config its own reader did not recognise, not a plan full of typos.
    if (n === 0 || model.other > model.plan) return 0;
    // 50 is below every framework dialect's lowest score (66: olmo and llm-foundry; nemo 67), so
    // OLMo and Composer files, which also have model: and data: blocks, stay theirs.
    return 50;
  },
  read(view) {
    const c = new Collector(view, 'plan');
    const r = c.run;
    const shape: Partial<ModelShape> = {};
    const setShape = <K extends keyof ModelShape>(k: K) => (v: ModelShape[K]) => {
      shape[k] = v;
    };
    for (const b of ['model', 'data', 'training', 'hardware', 'budget', 'inference']) c.block(b, [b]);

    c.str(['name'], 'name', (v) => (r.name = v)) ?? c.str(['model', 'name'], 'model.name', (v) => (r.name = v));
    c.num(['model', 'params'], 'model.params', 'count', (v) => (r.model.params = v));
    c.num(['model', 'active_params'], 'model.active_params', 'count', (v) => (r.model.activeParams = v));
    c.str(['model', 'architecture'], 'model.architecture', (v) => {
      const a = v.toLowerCase();
      if (a === 'gpt' || a === 'llama') shape.architecture = a;
      else c.problems.push({ code: 'invalid-value', severity: 'error', message: `model.architecture must be gpt or llama, not "${v}".`, span: c.sources['model.architecture'].span, field: 'model.architecture' });
    });
    c.num(['model', 'layers'], 'model.layers', 'count', setShape('layers'));
    c.num(['model', 'd_model'], 'model.d_model', 'count', setShape('dModel'));
    c.num(['model', 'heads'], 'model.heads', 'count', setShape('heads'));
    c.num(['model', 'kv_heads'], 'model.kv_heads', 'count', setShape('kvHeads'));
    c.num(['model', 'head_dim'], 'model.head_dim', 'count', setShape('headDim'));
    c.num(['model', 'ffn_hidden'], 'model.ffn_hidden', 'count', setShape('ffnHidden'));
    c.num(['model', 'vocab_size'], 'model.vocab_size', 'count', setShape('vocabSize'));
    c.num(['model', 'seq_len'], 'model.seq_len', 'count', setShape('seqLen'));
    c.num(['model', 'max_positions'], 'model.max_positions', 'count', setShape('maxPositions'));
    c.bool(['model', 'tie_embeddings'], 'model.tie_embeddings', setShape('tieEmbeddings'));
    c.bool(['model', 'qkv_bias'], 'model.qkv_bias', setShape('qkvBias'));
    c.bool(['model', 'biases'], 'model.biases', setShape('biases'));
    c.str(['model', 'positions'], 'model.positions', (v) => {
      if (v === 'learned' || v === 'rotary') shape.positions = v;
    });
    c.str(['model', 'norm'], 'model.norm', (v) => {
      if (v === 'layernorm' || v === 'rmsnorm' || v === 'nonparametric') shape.norm = v;
    });
    if (view.isMap(['model', 'moe'])) {
      c.block('model.moe', ['model', 'moe']);
      const experts = c.num(['model', 'moe', 'experts'], 'model.moe.experts', 'count');
      const topK = c.num(['model', 'moe', 'top_k'], 'model.moe.top_k', 'count');
      const shared = c.num(['model', 'moe', 'shared_experts'], 'model.moe.shared_experts', 'count');
      const ew = c.num(['model', 'moe', 'expert_ffn_hidden'], 'model.moe.expert_ffn_hidden', 'count');
      // No default top_k: routing 1, 2 or 8 experts changes compute 8-fold; the engine reports it missing.
      if (experts !== undefined) shape.moe = { experts, topK, sharedExperts: shared, expertFfnHidden: ew };
    }
    readPlanArchitecture(c, view, shape);
    if (Object.keys(shape).length && checkArchitecture(c, shape)) r.model.shape = shape;

    c.num(['data', 'tokens'], 'data.tokens', 'count', (v) => (r.data.tokens = v));
    c.num(['data', 'unique_tokens'], 'data.unique_tokens', 'count', (v) => (r.data.uniqueTokens = v));

    const t = r.training;
    c.str(['training', 'precision'], 'training.precision', (v) => {
      const p = toPrecision(v);
      if (p) t.precision = p;
      else c.problems.push({ code: 'invalid-value', severity: 'error', message: `training.precision "${v}" is not one of fp32, tf32, bf16, fp16, fp8, bf16-pure.`, span: c.sources['training.precision'].span, field: 'training.precision' });
    });
    c.str(['training', 'optimizer'], 'training.optimizer', (v) => {
      const o = toOptimizer(v);
      if (o) t.optimizer = o;
      else c.problems.push({ code: 'invalid-value', severity: 'warning', message: `training.optimizer "${v}" is not known; memory assumes AdamW (known: adamw, adam, adam8bit, sgd, lion, adafactor).`, span: c.sources['training.optimizer'].span, field: 'training.optimizer' });
    });
    c.num(['training', 'global_batch_tokens'], 'training.global_batch_tokens', 'count', (v) => (t.globalBatchTokens = v));
    c.num(['training', 'micro_batch_size'], 'training.micro_batch_size', 'count', (v) => (t.microBatchSize = v));
    c.num(['training', 'zero_stage'], 'training.zero_stage', 'count', (v) => {
      if ([0, 1, 2, 3].includes(v)) t.zeroStage = v as 0 | 1 | 2 | 3;
      else c.problems.push({ code: 'invalid-value', severity: 'error', message: `training.zero_stage must be 0, 1, 2 or 3, not ${v}.`, span: c.sources['training.zero_stage'].span, field: 'training.zero_stage' });
    });
    c.str(['training', 'fsdp'], 'training.zero_stage', (v) => {
      if (/full_shard|true/i.test(v)) t.zeroStage = 3;
      else if (/shard_grad_op/i.test(v)) t.zeroStage = 2;
    });
    c.num(['training', 'tensor_parallel'], 'training.tensor_parallel', 'count', (v) => (t.tensorParallel = v));
    c.num(['training', 'pipeline_parallel'], 'training.pipeline_parallel', 'count', (v) => (t.pipelineParallel = v));
    c.num(['training', 'expert_parallel'], 'training.expert_parallel', 'count', (v) => (t.expertParallel = v));
    const ac = c.first([['training', 'activation_checkpointing']]);
    if (ac && ac.hit.value !== null) {
      const v = ac.hit.value;
      const mode: Checkpointing | undefined = v === true ? 'full' : v === false ? 'none' : typeof v === 'string' && ['none', 'selective', 'full'].includes(v) ? (v as Checkpointing) : undefined;
      if (mode) {
        t.activationCheckpointing = mode;
        c.record('training.activation_checkpointing', ac.path, ac.hit);
      } else c.problems.push({ code: 'invalid-value', severity: 'error', message: 'training.activation_checkpointing must be none, selective, full, true or false.', span: ac.hit.span, field: 'training.activation_checkpointing' });
    }
    c.bool(['training', 'flash_attention'], 'training.flash_attention', (v) => (t.flashAttention = v));
    c.str(['training', 'finetune'], 'training.finetune', (v) => {
      if (v === 'full' || v === 'lora' || v === 'qlora') t.finetune = v;
    });
    if (view.isMap(['training', 'lora'])) {
      const rank = c.num(['training', 'lora', 'rank'], 'training.lora.rank', 'count');
      const alpha = c.num(['training', 'lora', 'alpha'], 'training.lora.alpha', 'number');
      const targets = view.scalars(['training', 'lora', 'targets']);
      if (rank !== undefined) t.lora = { rank, alpha, targets: targets.length ? targets : ['q', 'v'], baseBits: t.finetune === 'qlora' ? 4 : undefined };
    }

    const h = r.hardware;
    c.str(['hardware', 'accelerator'], 'hardware.accelerator', (v) => (h.accelerator = v));
    c.num(['hardware', 'count'], 'hardware.count', 'count', (v) => (h.count = v));
    c.num(['hardware', 'mfu'], 'hardware.mfu', 'fraction', (v) => (h.mfu = v));
    c.num(['hardware', 'price_per_hour'], 'hardware.price_per_hour', 'usd', (v) => (h.pricePerHour = v));
    c.num(['hardware', 'pue'], 'hardware.pue', 'number', (v) => (h.pue = v));
    c.num(['hardware', 'grid_gco2_per_kwh'], 'hardware.grid_gco2_per_kwh', 'number', (v) => (h.gridGco2PerKwh = v));
    c.num(['hardware', 'power_w'], 'hardware.power_w', 'number', (v) => (h.powerW = v));
    c.str(['hardware', 'ownership'], 'hardware.ownership', (v) => {
      const o = v.trim().toLowerCase();
      if (o === 'owned' || o === 'rent') h.ownership = o;
      else c.problems.push({ code: 'invalid-value', severity: 'error', message: `hardware.ownership must be rent or owned (not "${v}").`, span: c.sources['hardware.ownership'].span, field: 'hardware.ownership' });
    });
    c.num(['hardware', 'purchase_price'], 'hardware.purchase_price', 'usd', (v) => (h.purchasePrice = v));
    c.num(['hardware', 'amortization_years'], 'hardware.amortization_years', 'number', (v) => (h.amortizationYears = v));
    c.num(['hardware', 'electricity_usd_per_kwh'], 'hardware.electricity_usd_per_kwh', 'usd', (v) => (h.electricityUsdPerKwh = v));

    c.num(['budget', 'usd'], 'budget.usd', 'usd', (v) => (r.budget.usd = v));
    c.num(['budget', 'days'], 'budget.days', 'days', (v) => (r.budget.days = v));
    c.num(['budget', 'gpu_hours'], 'budget.gpu_hours', 'count', (v) => (r.budget.gpuHours = v));
    c.num(['budget', 'flops'], 'budget.flops', 'count', (v) => (r.budget.flops = v));
    c.num(['inference', 'tokens'], 'inference.tokens', 'count', (v) => (r.inference.tokens = v));

    c.str(['law'], 'law', (v) => {
      if (isLawId(v)) r.law = v;
      else c.problems.push({ code: 'invalid-value', severity: 'error', message: `law must be one of epoch, chinchilla, chinchilla-tex, chinchilla-a1, kaplan, moe (not "${v}").`, span: c.sources.law.span, field: 'law' });
    });
    readLifecycleBlocks(view, c, r);
    unknownKeys(view, c);
    return c.result();
  },
};
