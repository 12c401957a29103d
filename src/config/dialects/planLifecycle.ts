// The lifecycle blocks of the plan format: distill:, serve:, post_train: (schemas/plan.schema.json
// carries the same keys; docs/plan-format.md describes them).

import { countParams, missingShapeFields, type CompleteShape } from '../../engine/params';
import type { QuantityKind } from '../quantity';
import type { DistillSpec, PostTrainSpec, RunDescription, ServePrecisionId, ServeSpec, TeacherScenarioId } from '../../engine/types';
import { resolveModel } from '../knownModels';
import type { Collector } from '../collector';
import type { YamlView } from '../yamlDoc';

type NumKey<T> = { [K in keyof T]-?: T[K] extends number | undefined ? K : never }[keyof T];

/** Numeric keys per block: plan key, run property, quantity kind. */
const DISTILL_NUMS: Array<[string, NumKey<DistillSpec>, QuantityKind]> = [
  ['teacher_params', 'teacherParams', 'count'], ['teacher_tokens', 'teacherTokens', 'count'], ['teacher_loss', 'teacherLoss', 'number'], ['tokens', 'tokens', 'count'],
];
const SERVE_NUMS: Array<[string, NumKey<ServeSpec>, QuantityKind]> = [
  ['devices_per_replica', 'devicesPerReplica', 'count'], ['replicas', 'replicas', 'count'], ['price_per_hour', 'pricePerHour', 'usd'],
  ['requests_per_day', 'requestsPerDay', 'count'], ['prompt_tokens', 'promptTokens', 'count'], ['reasoning_tokens', 'reasoningTokens', 'count'],
  ['output_tokens', 'outputTokens', 'count'], ['samples', 'samples', 'count'], ['context', 'context', 'count'], ['batch', 'batch', 'count'],
  ['latency_ms_per_token', 'latencyMsPerToken', 'number'], ['horizon_days', 'horizonDays', 'days'], ['achieved_flops', 'achievedFlops', 'fraction'],
  ['achieved_bandwidth', 'achievedBandwidth', 'fraction'],
];
const POST_NUMS: Array<[string, NumKey<PostTrainSpec>, QuantityKind]> = [
  ['steps', 'steps', 'count'], ['prompts_per_step', 'promptsPerStep', 'count'], ['group_size', 'groupSize', 'count'],
  ['prompt_tokens', 'promptTokens', 'count'], ['response_tokens', 'responseTokens', 'count'], ['reward_model_params', 'rewardModelParams', 'count'],
];

const keys = (nums: Array<[string, unknown, unknown]>, extra: string[]): Record<string, true> => Object.fromEntries([...nums.map(([k]) => k), ...extra].map((k) => [k, true]));

/** The lifecycle part of PLAN_KEYS. */
export const LIFECYCLE_PLAN_KEYS = {
  distill: keys(DISTILL_NUMS, ['teacher', 'scenario', 'instead_of_pretraining']),
  serve: keys(SERVE_NUMS, ['accelerator', 'precision', 'kv_precision']),
  post_train: keys(POST_NUMS, ['kind', 'reference_model']),
};

/** Hover titles and descriptions of the lifecycle keys (fields.ts FIELDS). */
export const LIFECYCLE_FIELD_TEXT: Record<string, [string, QuantityKind | 'string', string]> = {
  'distill.teacher': ['Teacher model', 'string', 'A known model as the teacher; its non-embedding parameters are counted (Busbridge et al. 2025).'],
  'distill.teacher_params': ['Teacher parameters', 'count', 'Teacher non-embedding parameters (the distillation law counts non-embedding parameters).'],
  'distill.teacher_tokens': ['Teacher tokens', 'count', "Tokens the teacher was trained on: its loss by Busbridge et al.'s Eq. 1 and its pre-training FLOPs."],
  'distill.teacher_loss': ['Teacher loss', 'number', "The teacher's loss in nats per token on the law's corpus, instead of its size and tokens."],
  'distill.tokens': ['Distillation tokens', 'count', 'Tokens the student is distilled on (default data.tokens).'],
  'distill.scenario': ['Teacher cost', 'string', 'Which teacher cost is paid (Busbridge et al. Table 2): best-case, teacher-inference, teacher-pretraining, teacher-pretraining-and-inference.'],
  'distill.instead_of_pretraining': ['Instead of pre-training', 'string', 'true: the student learns only from the teacher, so the lifetime budget counts the distillation and no supervised pre-training on data.tokens.'],
  'serve.accelerator': ['Serving accelerator', 'string', 'Accelerator serving the model (default hardware.accelerator).'],
  'serve.devices_per_replica': ['Devices per replica', 'count', 'Devices holding one copy of the weights; their bandwidth and FLOP/s add up in the roofline.'],
  'serve.replicas': ['Replicas', 'count', 'Serving replicas deployed; too few for the workload is a serving-capacity finding.'],
  'serve.price_per_hour': ['Serving price', 'usd', '$ per device-hour of the serving fleet.'],
  'serve.requests_per_day': ['Requests per day', 'count', 'Requests served per day.'],
  'serve.prompt_tokens': ['Prompt tokens', 'count', 'Prompt tokens per request, prefilled once.'],
  'serve.reasoning_tokens': ['Reasoning tokens', 'count', 'Reasoning tokens generated per sample; long reasoning makes KV-cache reads dominate (Kinetics).'],
  'serve.output_tokens': ['Output tokens', 'count', 'Answer tokens generated per sample.'],
  'serve.samples': ['Samples per request', 'count', 'Samples per request (best-of-n, repeated sampling); each generates reasoning and answer tokens.'],
  'serve.context': ['Serving context', 'count', 'Mean KV length of a decoding sequence (default prompt + half the generated tokens).'],
  'serve.batch': ['Decode batch', 'count', 'Sequences decoded together per replica (default the largest that fits beside the weights).'],
  'serve.latency_ms_per_token': ['Latency target', 'number', 'Per-token latency target in ms: picks the largest decode batch that meets it.'],
  'serve.precision': ['Weight precision', 'string', 'Serving weights: bf16, fp8, int8 or int4 (int8 and int4 use bf16 math).'],
  'serve.kv_precision': ['KV precision', 'string', 'KV-cache precision (default the weight precision).'],
  'serve.horizon_days': ['Serving horizon', 'days', 'Days of serving in the lifetime budget (default 365).'],
  'serve.achieved_flops': ['Achieved FLOP/s', 'fraction', 'Achieved fraction of peak FLOP/s for the realistic figure (default 0.5).'],
  'serve.achieved_bandwidth': ['Achieved bandwidth', 'fraction', 'Achieved fraction of memory bandwidth for the realistic figure (default 0.5).'],
  'post_train.kind': ['Post-training kind', 'string', 'rl: GRPO-style reinforcement learning.'],
  'post_train.steps': ['RL steps', 'count', 'Optimisation steps of RL post-training.'],
  'post_train.prompts_per_step': ['Prompts per step', 'count', 'Prompts sampled per RL step.'],
  'post_train.group_size': ['Group size', 'count', 'Responses sampled per prompt (GRPO group; default 8).'],
  'post_train.prompt_tokens': ['Prompt tokens', 'count', 'Tokens per prompt.'],
  'post_train.response_tokens': ['Response tokens', 'count', 'Tokens per sampled response.'],
  'post_train.reward_model_params': ['Reward model', 'count', 'Reward-model parameters (absent: a rule-based reward); 2·N per scored token.'],
  'post_train.reference_model': ['Reference model', 'string', 'A frozen reference for the KL term (default true); 2·N per trained token.'],
};

export const SCENARIOS: Record<string, TeacherScenarioId> = {
  'best-case': 'bestCase', 'teacher-inference': 'teacherInference', 'teacher-pretraining': 'teacherPretraining',
  'teacher-pretraining-and-inference': 'teacherPretrainingAndInference',
};
const SERVE_PRECISIONS: readonly ServePrecisionId[] = ['bf16', 'fp8', 'int8', 'int4'];

/** Non-embedding parameters of a known model (Busbridge et al. count them); its published total when it has no shape. */
export function teacherParamsOf(name: string): number | undefined {
  const k = resolveModel(name);
  if (!k) return undefined;
  if (k.shape && !missingShapeFields(k.shape).length) return countParams({ ...k.shape, architecture: k.shape.architecture ?? 'llama' } as CompleteShape).nonEmbedding;
  return k.activeParams ?? k.params;
}

function nums<T extends object>(c: Collector, block: string, table: Array<[string, NumKey<T>, QuantityKind]>, target: T): void {
  for (const [key, prop, kind] of table) c.num([block, key], `${block}.${key}`, kind, (v) => ((target as Record<string, unknown>)[prop as string] = v));
}

function choice<T extends string>(c: Collector, path: string[], allowed: Record<string, T> | readonly T[], set: (v: T) => void): void {
  const field = path.join('.');
  const map: Record<string, T> = Array.isArray(allowed) ? Object.fromEntries((allowed as T[]).map((a) => [a, a])) : (allowed as Record<string, T>);
  c.str(path, field, (v) => {
    const x = map[v.trim().toLowerCase()];
    if (x) set(x);
    else c.problems.push({ code: 'invalid-value', severity: 'error', message: `${field} must be one of ${Object.keys(map).join(', ')} (not "${v}").`, span: c.sources[field].span, field });
  });
}

/** Read the lifecycle blocks present in a plan into the run. */
export function readLifecycleBlocks(view: YamlView, c: Collector, r: RunDescription): void {
  if (view.isMap(['distill'])) {
    c.block('distill', ['distill']);
    const d: DistillSpec = {};
    nums(c, 'distill', DISTILL_NUMS, d);
    c.str(['distill', 'teacher'], 'distill.teacher', (v) => {
      d.teacher = v;
      const n = teacherParamsOf(v);
      if (n !== undefined && d.teacherParams === undefined) d.teacherParams = n;
      else if (n === undefined) c.problems.push({ code: 'invalid-value', severity: 'warning', message: `distill.teacher "${v}" is not a known model; give distill.teacher_params (non-embedding) or distill.teacher_loss.`, span: c.sources['distill.teacher'].span, field: 'distill.teacher' });
    });
    choice(c, ['distill', 'scenario'], SCENARIOS, (v) => (d.scenario = v));
    c.bool(['distill', 'instead_of_pretraining'], 'distill.instead_of_pretraining', (v) => (d.insteadOfPretraining = v));
    r.distill = d;
  }
  if (view.isMap(['serve'])) {
    c.block('serve', ['serve']);
    const s: ServeSpec = {};
    nums(c, 'serve', SERVE_NUMS, s);
    c.str(['serve', 'accelerator'], 'serve.accelerator', (v) => (s.accelerator = v));
    choice(c, ['serve', 'precision'], SERVE_PRECISIONS, (v) => (s.precision = v));
    choice(c, ['serve', 'kv_precision'], SERVE_PRECISIONS, (v) => (s.kvPrecision = v));
    r.serve = s;
  }
  if (view.isMap(['post_train'])) {
    c.block('post_train', ['post_train']);
    const p: PostTrainSpec = { kind: 'rl' };
    nums(c, 'post_train', POST_NUMS, p);
    choice(c, ['post_train', 'kind'], ['rl'] as const, (v) => (p.kind = v));
    c.bool(['post_train', 'reference_model'], 'post_train.reference_model', (v) => (p.referenceModel = v));
    r.postTrain = p;
  }
}
