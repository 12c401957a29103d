// The canonical run description every reader produces and the engine consumes.
// Field ids are the native plan format's key paths (e.g. "model.d_model"), so a
// finding can always name the key a user would write in a plan file.

export type LawId = 'epoch' | 'chinchilla' | 'chinchilla-tex' | 'chinchilla-a1' | 'kaplan' | 'moe';

export type Precision = 'fp32' | 'tf32' | 'bf16' | 'fp16' | 'fp8' | 'bf16-pure';
export type Optimizer = 'adamw' | 'adam' | 'adam8bit' | 'sgd' | 'lion' | 'adafactor';
export type Checkpointing = 'none' | 'selective' | 'full';

export interface MoeShape {
  experts: number;
  /** Routed experts per token; unknown (no active-parameter count) when a plan leaves it out. */
  topK?: number;
  sharedExperts?: number;
  expertFfnHidden?: number;
}

export interface ModelShape {
  /** gpt: LayerNorm with bias, biases everywhere, 2-matrix GELU MLP. llama: RMSNorm, no biases, SwiGLU. */
  architecture: 'gpt' | 'llama';
  layers: number;
  dModel: number;
  heads: number;
  kvHeads?: number;
  headDim?: number;
  ffnHidden?: number;
  vocabSize: number;
  seqLen?: number;
  tieEmbeddings?: boolean;
  /** learned (GPT-2) adds maxPositions x d_model; rotary adds nothing. */
  positions?: 'learned' | 'rotary';
  maxPositions?: number;
  /** Override the architecture's norm: OLMo-1 uses a non-parametric LayerNorm. */
  norm?: 'layernorm' | 'rmsnorm' | 'nonparametric';
  /** Override the architecture's bias rule; qkvBias adds q/k/v biases only (Qwen2). */
  biases?: boolean;
  qkvBias?: boolean;
  /** Norms per block (default 2); Gemma 2 has 4 (pre and post attention and MLP norms). */
  normsPerLayer?: number;
  moe?: MoeShape;
}

export interface LoraSpec {
  rank: number;
  alpha?: number;
  /** Projection names: q, k, v, o, gate, up, down (dialect names are mapped by readers). */
  targets: string[];
  /** QLoRA: base weights stored in 4 bits. */
  baseBits?: 4 | 8 | 16;
  /**
   * 4-bit NF4 only: quantization constants are themselves quantized (QLoRA's double quantization,
   * ≈ 0.127 extra bits per weight instead of 0.5). Default true (the QLoRA recipe, torchtune, axolotl).
   */
  doubleQuant?: boolean;
}

export interface RunDescription {
  name?: string;
  model: {
    /** A given parameter count (used when no shape is known, or to override). */
    params?: number;
    /** Active parameters per token when only counts are given (MoE). */
    activeParams?: number;
    shape?: Partial<ModelShape>;
  };
  data: {
    tokens?: number;
    uniqueTokens?: number;
  };
  training: {
    precision?: Precision;
    optimizer?: Optimizer;
    globalBatchTokens?: number;
    microBatchSize?: number;
    zeroStage?: 0 | 1 | 2 | 3;
    tensorParallel?: number;
    pipelineParallel?: number;
    activationCheckpointing?: Checkpointing;
    flashAttention?: boolean;
    steps?: number;
    /** Fine-tuning: full updates every weight; lora/qlora train adapters only. */
    finetune?: 'full' | 'lora' | 'qlora';
    lora?: LoraSpec;
  };
  hardware: {
    accelerator?: string;
    count?: number;
    mfu?: number;
    pricePerHour?: number;
    pue?: number;
    gridGco2PerKwh?: number;
    powerW?: number;
  };
  budget: {
    usd?: number;
    days?: number;
    gpuHours?: number;
    flops?: number;
  };
  inference: {
    tokens?: number;
  };
  law?: LawId;
  /** Lifecycle blocks (lifecycle.ts): distil this model from a teacher, serve it, post-train it with RL. */
  distill?: DistillSpec;
  serve?: ServeSpec;
  postTrain?: PostTrainSpec;
}

export type TeacherScenarioId = 'bestCase' | 'teacherInference' | 'teacherPretraining' | 'teacherPretrainingAndInference';

/** The `distill:` block: this run's model is the student (Busbridge et al. 2025; parameters non-embedding). */
export interface DistillSpec {
  /** A known model name; the reader resolves it to teacherParams. */
  teacher?: string;
  teacherParams?: number;
  teacherTokens?: number;
  teacherLoss?: number;
  /** Distillation tokens; default data.tokens. */
  tokens?: number;
  scenario?: TeacherScenarioId;
}

export type ServePrecisionId = 'bf16' | 'fp8' | 'int8' | 'int4';

/** The `serve:` block: a daily workload on replicas of `devicesPerReplica` accelerators. */
export interface ServeSpec {
  accelerator?: string;
  devicesPerReplica?: number;
  replicas?: number;
  pricePerHour?: number;
  requestsPerDay?: number;
  promptTokens?: number;
  reasoningTokens?: number;
  outputTokens?: number;
  samples?: number;
  context?: number;
  batch?: number;
  latencyMsPerToken?: number;
  precision?: ServePrecisionId;
  kvPrecision?: ServePrecisionId;
  horizonDays?: number;
  /** Measured fractions of peak FLOP/s and bandwidth, replacing the defaults. */
  achievedFlops?: number;
  achievedBandwidth?: number;
}

/** The `post_train:` block; `kind: rl` is GRPO-style RL. */
export interface PostTrainSpec {
  kind: 'rl';
  steps?: number;
  promptsPerStep?: number;
  groupSize?: number;
  promptTokens?: number;
  responseTokens?: number;
  rewardModelParams?: number;
  referenceModel?: boolean;
}

/** Canonical field ids: the native plan keys. */
export type FieldId = string;

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type FindingCode =
  | 'under-trained'
  | 'over-trained'
  | 'over-sized'
  | 'data-repeated'
  | 'memory-exceeded'
  | 'over-budget'
  | 'misses-deadline'
  | 'unknown-accelerator'
  | 'unknown-model'
  | 'missing-facts'
  | 'invalid-value'
  | 'inference-heavy'
  | 'serving-capacity';

/** A suggested new value for a canonical field. */
export interface FixValue {
  field: FieldId;
  value: number | string;
}

export interface SuggestedFix {
  title: string;
  values: FixValue[];
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  field: FieldId;
  /** Other fields that drive this finding. */
  related: FieldId[];
  fix?: SuggestedFix;
}

export function emptyRun(): RunDescription {
  return { model: {}, data: {}, training: {}, hardware: {}, budget: {}, inference: {} };
}
