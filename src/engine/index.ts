// The engine's face: what the adapters (src/extension), the CLI (src/cli), the webview protocol
// (src/shared) and the webviews import from the engine. A lint rule (eslint.config.mjs) keeps those
// folders on this module; the engine's own modules and the readers (src/read) import each other
// directly. Add a name here when a surface needs it (docs/architecture.md).

// The canonical run and its findings
export {
  type Finding,
  type FixValue,
  type LawId,
  type ModelShape,
  type RunDescription,
  type Severity,
  type SuggestedFix,
} from './types';
// RunDescription -> Report
export { analyze, type EngineOptions, type Report } from './analyze';
// Parameter counts from a shape
export { countParams, missingShapeFields, type CompleteShape } from './params';
// Scaling laws
export { coefficientsOf, DEFAULT_LAW, isLawId, LAWS, lossAt, MOE, optimalFor } from './laws';
// The mixture-of-experts law
export { moeLoss, moeOptimal, moeRangeWarnings, moeTotalParams } from './moeLaw';
// Repeated data (Muennighoff et al. 2023)
export { dataConstrainedLoss, muennighoffCaveat } from './dataConstrained';
// Where a law was fitted
export { extrapolationWarning } from './fitRange';
// The accelerator catalog
export { ACCELERATORS, DEFAULT_ACCELERATOR, DEFAULT_MFU, findAccelerator, type Accelerator } from './hardware';
// Ranges of the canonical fields
export { checkValue } from './validate';
// Checks on user-supplied figures
export { customAcceleratorProblem } from './figureChecks';
// What-if edits of a run
export { isShapeField, isStringField, isWhatIfField, whatIfValues, withValues, type WhatIf } from './whatIf';
// Planning from a budget
export { planBudget, PlanError, type Plan, type PlanRequest } from './plan';
// A plan as a run
export { planToRun } from './planRun';
// Chart data for the panel and the CLI
export {
  acceleratorCsv,
  acceleratorSummary,
  FAMILY_MULTIPLES,
  familyCsv,
  frontierCsv,
  frontierSummary,
  isoFlopCsv,
  isoFlopSummary,
  isoFlopTokens,
  memoryCsv,
  panelCharts,
  pointCounts,
  uniqueTokenLimit,
  wallClockKnown,
  type AcceleratorBar,
  type FamilyRow,
  type FrontierData,
  type IsoFlopData,
  type MemoryData,
  type PanelCharts,
} from './charts';
// Summaries and comparisons
export { acceleratorComparison, acceleratorPickRow, planFileStem, planMarkdown, planSummary } from './summaries';
// Text and Markdown reports
export { headline, renderMarkdown, renderText, sections } from './render';
// Number formatting
export {
  fmtCo2,
  fmtCount,
  fmtDays,
  fmtEnergy,
  fmtFlops,
  fmtMoney,
  fmtPercent,
  fmtRange,
  fmtUsd,
  USD,
  type Money,
} from './format';
// Distillation
export { analyzeDistillation, BUSBRIDGE_SHAPE, DistillInputError, forwardFlopsPerToken } from './distill';
// KV cache
export { kvCacheBytesPerToken } from './kvCache';
// Serving
export { PRECISION_BYTES, serveSnapshot, type ServePrecision } from './serve';
// Serving over a lifetime
export { serveDevice } from './lifecycleServe';
// Planning a lifecycle budget (training and serving)
export { planLifecycle, servingOf, serveSpecOf, type LifecyclePlan, type LifecycleWorkload } from './planLifecycle';
export { distillAdvice, type DistillAdvice, type LifecycleTeacher } from './planDistill';
// Lifecycle chart data
export { denseVsMoeCsv, type DenseVsMoeData, kvMemoryCsv, type KvMemoryData, kvSummary, servingSummary, lifecycleCharts, type LifecycleCharts, lifecycleCostCsv, type LifecycleCostData, type ServingThroughputData, throughputCsv } from './lifecycleCharts';
// The layout and throughput a planned run gets
export { plannedThroughput } from './plannedThroughput';
export { layoutLabel } from './layout';
// The field registry: every canonical field's kind, range, words, aliases, flags and text
export {
  factField,
  FACT_ALIASES,
  fieldSpec,
  FIELD_IDS,
  FIELDS,
  FLAG_FIELDS,
  isFieldId,
  isNumericKind,
  type FieldId,
  type FieldKind,
  type FieldSpec,
} from './fields';
