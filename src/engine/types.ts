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
  /** Shared experts at the expert width (DeepSeekMoE), always active. */
  sharedExperts?: number;
  /** Routed-expert MLP width; defaults to ffnHidden (which stays the dense-layer width). */
  expertFfnHidden?: number;
  /** One always-active shared MLP of this width instead of sharedExperts x expert width (Qwen2-MoE). */
  sharedFfnHidden?: number;
  /** Sigmoid gate on the shared expert: a d_model -> 1 linear without bias (Qwen2-MoE). */
  sharedExpertGate?: boolean;
  /** The router linear has a bias of one value per expert (gpt-oss). */
  routerBias?: boolean;
  /** A per-expert score-correction bias (DeepSeek-V3 e_score_correction_bias, aux-loss-free balancing). */
  scoreCorrectionBias?: boolean;
  /** The first k layers are dense (DeepSeek first_k_dense_replace). */
  firstDenseLayers?: number;
  /** A mixture of experts on every n-th layer, counting from 1 (Llama 4 interleave_moe_layer_step, Qwen decoder_sparse_step). */
  every?: number;
  /** Zero-based indices of layers that stay dense (Qwen-MoE mlp_only_layers). */
  denseLayers?: number[];
}

/** Multi-head latent attention (DeepSeek-V2 Sec. 2.1): low-rank joint K/V compression. */
export interface MlaShape {
  /** Query compression rank; absent: queries use a full d_model -> heads x qk_head_dim projection (DeepSeek-V2-Lite). */
  qLoraRank?: number;
  kvLoraRank: number;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
}

export interface AttentionShape {
  kind?: 'mha' | 'gqa' | 'mqa' | 'mla';
  mla?: MlaShape;
  /** RMSNorm on queries and keys: per head over head_dim (Qwen3, Gemma 3) or over the whole projection (OLMo 2). */
  qkNorm?: 'head' | 'full';
  /** Bias on the output projection alone (with qkvBias: all four attention projections). */
  oBias?: boolean;
  /** One learned attention-sink logit per head and layer (gpt-oss). */
  sinks?: boolean;
  /** Sliding-window length of local layers (Mistral 4096, Gemma 3 1024, gpt-oss 128). */
  slidingWindow?: number;
  /** Every n-th layer (from 1) attends globally, the rest are local: Gemma 3 6 (5 local : 1 global), gpt-oss 2; absent: all local. */
  globalEvery?: number;
}

/** Mamba-2 mixer dimensions (Dao and Gu 2024, arXiv:2405.21060): state, heads, groups, conv kernel. */
export interface MambaShape {
  heads: number;
  headDim: number;
  stateSize: number;
  groups: number;
  convKernel: number;
  /** Bias on in_proj and out_proj. */
  projBias?: boolean;
  /** Bias on the depthwise convolution (default true). */
  convBias?: boolean;
}

/** One layer kind of a hybrid stack: attention mixer, Mamba-2 mixer, dense MLP or mixture of experts, each with its own norm (Nemotron-H). */
export type BlockKind = 'attention' | 'mamba' | 'mlp' | 'moe';

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
  attention?: AttentionShape;
  /**
   * Hybrid stacks: one entry per layer, each a single mixer with a pre-norm (Nemotron-H
   * hybrid_override_pattern). Absent: every layer is attention plus MLP (or MoE).
   */
  layerPattern?: BlockKind[];
  mamba?: MambaShape;
  /** MLP without a gate: two matrices at a SwiGLU architecture (Nemotron-H squared ReLU). */
  ungatedMlp?: boolean;
  /** The output head has a bias of one value per vocabulary row (Phi-3.5-MoE lm_head_bias). */
  outputBias?: boolean;
  /** Multi-token prediction modules (DeepSeek-V3 num_nextn_predict_layers), counted apart from the model. */
  mtpLayers?: number;
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
    /** Expert-parallel group: the routed experts' weights, gradients and optimizer states are split over it. */
    expertParallel?: number;
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
    /** rent (default): an hourly price; owned: amortised purchase, interconnect and energy (ownership.ts). */
    ownership?: 'rent' | 'owned';
    purchasePrice?: number;
    amortizationYears?: number;
    electricityUsdPerKwh?: number;
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
  /** The student learns only from the teacher: the lifetime budget counts no supervised pre-training. */
  insteadOfPretraining?: boolean;
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

/** Canonical field ids: the native plan keys, one per entry of the field registry (fields.ts). */
import type { FieldId, FieldOrBlock } from './fields';
export type { FieldId, FieldOrBlock };

/**
 * A report figure's path (compute.flops, cost.usd) that a finding names when no field is to blame;
 * made only by figurePath(), so a field id written as text is still checked against the registry.
 */
export type FigurePath = string & { readonly __figure: true };
export const figurePath = (path: string): FigurePath => path as FigurePath;

/** What a finding is about: a field, a plan block or a report figure. */
export type FindingField = FieldOrBlock | FigurePath;

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
  field: FindingField;
  /** Other fields that drive this finding. */
  related: FieldId[];
  fix?: SuggestedFix;
}

export function emptyRun(): RunDescription {
  return { model: {}, data: {}, training: {}, hardware: {}, budget: {}, inference: {} };
}
