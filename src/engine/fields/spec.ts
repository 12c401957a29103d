// The columns of the field registry (src/engine/fields.ts), and the plan blocks that hold fields.

/**
 * How a value is written and read: the quantity kinds of the number parser (count: 7B, fraction:
 * 0.4 or 40%, usd: $50k, days: 14d or 36h, number: plain), a word from a list, a boolean, free text.
 */
export type FieldKind = 'count' | 'fraction' | 'usd' | 'days' | 'number' | 'enum' | 'boolean' | 'string';

/** The numeric kinds: what the quantity parser reads. */
export type NumericKind = 'count' | 'fraction' | 'usd' | 'days' | 'number';

/** The values a number may take: at least `min` (or above `above`) and at most `max`. */
export interface FieldRange {
  min?: number;
  above?: number;
  max: number;
  integer?: boolean;
  /** The quantity as a message names it: "layer count", "MFU (a fraction of peak, 0-1)". */
  what: string;
}

export interface FieldSpec {
  /** Short name for hovers and the docs table. */
  readonly title: string;
  readonly kind: FieldKind;
  /** The unit of a number when the kind does not say it (W, gCO2e/kWh, ms). */
  readonly unit?: string;
  /** Where the value lives in RunDescription; absent for plan keys read into another field (training.fsdp). */
  readonly path?: readonly string[];
  /** Impossible values are dropped with an invalid-value finding (validate.ts); CLI flags obey the same range. */
  readonly range?: FieldRange;
  /** A range for CLI flags only, where the run checks the field in a rule of its own. */
  readonly flagRange?: FieldRange;
  /** The values the run may hold (enum kinds; a count with a short list, such as the ZeRO stage). */
  readonly values?: readonly (string | number)[];
  /** The words a plan may write when they differ from `values` (aliases the reader maps onto them). */
  readonly words?: readonly string[];
  /** Short names in `# scaling-planner: name=value` comments; the field id is accepted as well. */
  readonly aliases?: readonly string[];
  /** CLI flags that set this field's value (and so obey its range). */
  readonly flags?: readonly string[];
  /** A comment or the scalingPlanner.facts setting may state it (applyFact). */
  readonly fact?: boolean;
  /** A what-if in the planning panel may change it, and so the panel may ask the host to write it. */
  readonly whatIf?: boolean;
  /** false: a field of the run that no plan key spells (the framework readers fill it). */
  readonly planKey?: false;
  /** The JSON Schema of the value when the kind alone does not give it. */
  readonly schema?: Readonly<Record<string, unknown>>;
  /** Hover text in the editor. */
  readonly hover?: string;
  /** The plan format's description (the JSON Schema and docs/plan-format.md). */
  readonly doc?: string;
  /** The source of the definition, range or default. */
  readonly cite?: string;
  /** A value for the schema's examples. */
  readonly example?: unknown;
}

/** Plan blocks (YAML mappings): their descriptions for the schema; findings and sources may name them. */
export const PLAN_BLOCKS = {
  model: 'The model: either a parameter count or a shape the parameters are counted from (layers, d_model, heads and vocab_size at least).',
  'model.moe': 'Mixture of experts: on every layer unless first_dense_layers, every or dense_layers say otherwise.',
  'model.attention': 'Attention details: kind (MLA with its ranks and head dims), QK-norm, output bias, attention sinks, sliding windows.',
  'model.mamba': 'Mamba-2 mixer dimensions for the M layers of layer_pattern.',
  data: 'Training data.',
  training: 'How the run trains: precision, optimizer, batch and parallelism.',
  'training.lora': 'LoRA adapters (Hu et al. 2021).',
  hardware: 'The accelerators and the data centre.',
  budget: 'What the run may use; exceeding it is a finding.',
  inference: 'Expected use of the trained model.',
  distill: 'Distil this model (the student) from a teacher: Busbridge et al. 2025 (arXiv:2502.08606) distillation law; all parameter counts non-embedding.',
  serve: "Serve this model: a daily workload on replicas of an accelerator, priced over a horizon (roofline of the scaling book's inference chapters; Kinetics for long reasoning).",
  post_train: 'RL post-training, GRPO-style: rollouts at the serving throughput of the training fleet, policy updates, reference and reward forward passes.',
} as const;

export type BlockId = keyof typeof PLAN_BLOCKS;
