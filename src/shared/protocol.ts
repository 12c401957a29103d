// Messages between the extension host and its two webviews (planning panel, sidebar planner).
// Shared by both ends. Everything the host sends is data (JSON), never markup; everything a
// webview sends is untrusted and goes through the guards below before the host acts on it.

import { isLawId, isStringField, isWhatIfField, type EngineOptions, type LifecycleWorkload, type FixValue, type Money, type PlanRequest, type RunDescription } from '../engine';
import type { DisplayPolicy, ShownFinding } from './findings';

export const PROTOCOL_VERSION = 1;

export type ViewKind = 'panel' | 'sidebar';
export const THEME_KINDS = ['light', 'dark', 'high-contrast', 'high-contrast-light'] as const;
export type ThemeKind = (typeof THEME_KINDS)[number];

/** Limits on what a webview may send (a webview is untrusted input). */
export const LIMITS = {
  string: 200,
  values: 32,
  csvChars: 5_000_000,
  pngChars: 20_000_000,
  fileName: 120,
} as const;

// ---------------------------------------------------------------- payloads

/** Settings the engine needs, as sent to a webview (JSON-safe subset of AnalyzeOptions). */
export interface EngineSettings {
  options: EngineOptions;
  money: Money;
}

/** A training config as the webviews see it: the canonical run plus where it came from. */
export interface ConfigPayload {
  uri: string;
  fileName: string;
  version: number;
  dialect: string | null;
  /** Canonical run with comment and setting facts applied; analyze(run, settings.options) = the host's report. */
  run: RunDescription;
  settings: EngineSettings;
  /** Fields the file states, which "Apply to file" can change in place. */
  stated: string[];
  /** False for a plan preview that has no file yet. */
  editable: boolean;
  /** The file's findings as the Problems panel shows them (rules, suppressions, downgrades applied). */
  findings: ShownFinding[];
  /** The same decisions for the findings of a what-if run the webview recomputes. */
  policy: DisplayPolicy;
}

/** The keys of a PlanRequest a webview may send; prices, PUE, grid and custom devices come from the host's settings. */
export const PLAN_INPUT_KEYS = ['usd', 'gpuHours', 'flops', 'days', 'accelerator', 'count', 'mfu', 'law', 'uniqueTokens', 'inferenceTokens'] as const;

/** Workload keys of a lifecycle budget: the dollars also cover serving it over the horizon. */
export const LIFECYCLE_INPUT_KEYS = ['requestsPerDay', 'promptTokens', 'reasoningTokens', 'outputTokens', 'horizonDays', 'latencyMsPerToken', 'teacher'] as const;

/** Inputs of the sidebar planner (a PlanRequest without host-only parts), with an optional serving workload. */
export type PlanInputs = Pick<PlanRequest, (typeof PLAN_INPUT_KEYS)[number]> & { lifecycle?: LifecycleWorkload };

function isLifecycleInputs(x: unknown): x is LifecycleWorkload {
  if (!isObj(x) || !onlyKeys(x, LIFECYCLE_INPUT_KEYS) || !isPositive(x.requestsPerDay)) return false;
  for (const k of ['promptTokens', 'reasoningTokens', 'outputTokens']) if (!(isFiniteNum(x[k]) && (x[k] as number) >= 0 && (x[k] as number) <= 1e7)) return false;
  return optional(x, 'horizonDays', isPositive) && optional(x, 'latencyMsPerToken', isPositive) && optional(x, 'teacher', isTeacher);
}

/** A planner teacher: a known model's name, non-embedding size and tokens, or a loss. */
function isTeacher(x: unknown): boolean {
  if (!isObj(x) || !onlyKeys(x, ['name', 'params', 'tokens', 'loss'])) return false;
  if (x.name !== undefined && !(typeof x.name === 'string' && x.name.length <= 200)) return false;
  return optional(x, 'params', isPositive) && optional(x, 'tokens', isPositive) && optional(x, 'loss', isPositive) && (x.loss !== undefined || x.params !== undefined);
}

/** What a webview drew, for tests: point counts per chart and where the config sits. */
export interface RenderedState {
  view: ViewKind;
  /** File name of the config shown, or null. */
  config: string | null;
  charts: Record<string, number>;
  /** Named points in data coordinates, e.g. frontier.config = (FLOPs, loss). */
  points: Record<string, { x: number; y: number }>;
  /** Headline numbers as displayed, by key. */
  numbers: Record<string, string>;
}

// ---------------------------------------------------------------- host -> webview

export type HostMessage =
  | { type: 'init'; protocol: number; view: ViewKind; settings: EngineSettings; theme: ThemeKind }
  | { type: 'analysis'; config: ConfigPayload | null; reason?: string }
  | { type: 'planResult'; ok: boolean; message: string }
  /** `applied`: the what-if values are now in the file (the webview drops them on the next analysis). */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; message: string; applied?: boolean }
  | { type: 'theme'; kind: ThemeKind }
  /** The answer to the webview's `request` with the same id. */
  | { type: 'reply'; id: number; ok: boolean; message?: string };

// ---------------------------------------------------------------- webview -> host

export type WebviewMessage =
  | { type: 'ready'; protocol: number; view: ViewKind }
  | { type: 'request'; id: number; method: 'refresh' }
  | { type: 'applyValues'; uri: string; values: FixValue[] }
  | { type: 'createPlanFile'; inputs: PlanInputs; name?: string }
  | { type: 'openInPanel'; inputs?: PlanInputs }
  | { type: 'copyMarkdown'; uri?: string; values?: FixValue[]; inputs?: PlanInputs }
  | { type: 'saveCsv'; fileName: string; csv: string }
  | { type: 'savePng'; fileName: string; dataUrl: string }
  | { type: 'cspViolation'; directive: string; blockedUri: string; sample: string }
  | { type: 'rendered'; state: RenderedState };

// ---------------------------------------------------------------- guards

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isStr(x: unknown, max: number = LIMITS.string): x is string {
  return typeof x === 'string' && x.length <= max;
}

function isPositive(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

function isFiniteNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Only the listed keys may be present (a message with extra keys is refused). */
function onlyKeys(o: Obj, keys: readonly string[]): boolean {
  return Object.keys(o).every((k) => keys.includes(k));
}

const optional = (o: Obj, k: string, test: (v: unknown) => boolean): boolean => o[k] === undefined || test(o[k]);

export function isViewKind(x: unknown): x is ViewKind {
  return x === 'panel' || x === 'sidebar';
}

/** A what-if value: a known field with a value of the right type (positive numbers, short strings). */
export function isFixValue(x: unknown): x is FixValue {
  if (!isObj(x) || !onlyKeys(x, ['field', 'value']) || !isWhatIfField(x.field)) return false;
  if (isStringField(x.field)) {
    if (!isStr(x.value, 64) || !/^[\w .+\-/()]+$/.test(x.value)) return false;
    return x.field !== 'law' || isLawId(x.value);
  }
  return isPositive(x.value);
}

function isValues(x: unknown): x is FixValue[] {
  return Array.isArray(x) && x.length <= LIMITS.values && x.every(isFixValue);
}

export function isPlanInputs(x: unknown): x is PlanInputs {
  if (!isObj(x)) return false;
  if (!onlyKeys(x, [...PLAN_INPUT_KEYS, 'lifecycle'])) return false;
  if (!optional(x, 'lifecycle', isLifecycleInputs)) return false;
  if (!isStr(x.accelerator, 64) || !x.accelerator.trim()) return false;
  for (const k of ['usd', 'gpuHours', 'flops', 'days', 'count', 'uniqueTokens', 'inferenceTokens']) if (!optional(x, k, isPositive)) return false;
  if (!optional(x, 'mfu', (v) => isPositive(v) && (v as number) <= 1)) return false;
  if (!optional(x, 'law', isLawId)) return false;
  return x.usd !== undefined || x.gpuHours !== undefined || x.flops !== undefined || x.days !== undefined;
}

function isPointMap(x: unknown): boolean {
  return isObj(x) && Object.keys(x).length <= 64 && Object.values(x).every((p) => isObj(p) && isFiniteNum(p.x) && isFiniteNum(p.y));
}

export function isRenderedState(x: unknown): x is RenderedState {
  if (!isObj(x) || !isViewKind(x.view)) return false;
  if (!(x.config === null || isStr(x.config, 1000))) return false;
  if (!isObj(x.charts) || Object.keys(x.charts).length > 64 || !Object.values(x.charts).every((n) => Number.isInteger(n) && (n as number) >= 0)) return false;
  if (!isPointMap(x.points)) return false;
  return isObj(x.numbers) && Object.keys(x.numbers).length <= 128 && Object.values(x.numbers).every((s) => isStr(s, 1000));
}

const FILE_NAME = /^[\w][\w .\-()]*\.(csv|png)$/;

/** Validates a message from a webview; anything else (unknown type, wrong shape) is refused. */
export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isObj(x) || typeof x.type !== 'string') return false;
  switch (x.type) {
    case 'ready':
      return onlyKeys(x, ['type', 'protocol', 'view']) && Number.isInteger(x.protocol) && isViewKind(x.view);
    case 'request':
      return onlyKeys(x, ['type', 'id', 'method']) && Number.isInteger(x.id) && x.method === 'refresh';
    case 'applyValues':
      return onlyKeys(x, ['type', 'uri', 'values']) && isStr(x.uri, 4096) && isValues(x.values) && (x.values as unknown[]).length > 0;
    case 'createPlanFile':
      return onlyKeys(x, ['type', 'inputs', 'name']) && isPlanInputs(x.inputs) && optional(x, 'name', (v) => isStr(v, 80));
    case 'openInPanel':
      return onlyKeys(x, ['type', 'inputs']) && optional(x, 'inputs', isPlanInputs);
    case 'copyMarkdown':
      return onlyKeys(x, ['type', 'uri', 'values', 'inputs']) && optional(x, 'uri', (v) => isStr(v, 4096)) && optional(x, 'values', isValues) && optional(x, 'inputs', isPlanInputs);
    case 'saveCsv':
      return onlyKeys(x, ['type', 'fileName', 'csv']) && isStr(x.fileName, LIMITS.fileName) && FILE_NAME.test(x.fileName) && x.fileName.endsWith('.csv') && isStr(x.csv, LIMITS.csvChars);
    case 'savePng':
      return (
        onlyKeys(x, ['type', 'fileName', 'dataUrl']) &&
        isStr(x.fileName, LIMITS.fileName) &&
        FILE_NAME.test(x.fileName) &&
        x.fileName.endsWith('.png') &&
        isStr(x.dataUrl, LIMITS.pngChars) &&
        /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/.test(x.dataUrl)
      );
    case 'cspViolation':
      return onlyKeys(x, ['type', 'directive', 'blockedUri', 'sample']) && isStr(x.directive) && isStr(x.blockedUri, 2048) && isStr(x.sample, 2048);
    case 'rendered':
      return onlyKeys(x, ['type', 'state']) && isRenderedState(x.state);
    default:
      return false;
  }
}

/** Checks the webview side does on what the host sends (forward compatible: unknown types are ignored). */
export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x) || typeof x.type !== 'string') return false;
  switch (x.type) {
    case 'init':
      return Number.isInteger(x.protocol) && isViewKind(x.view) && isObj(x.settings);
    case 'analysis':
      return x.config === null || (isObj(x.config) && isObj(x.config.run) && typeof x.config.uri === 'string' && Array.isArray(x.config.findings) && isObj(x.config.policy));
    case 'planResult':
      return typeof x.ok === 'boolean' && typeof x.message === 'string';
    case 'notice':
      return (x.level === 'info' || x.level === 'warning' || x.level === 'error') && typeof x.message === 'string' && (x.applied === undefined || typeof x.applied === 'boolean');
    case 'reply':
      return Number.isInteger(x.id) && typeof x.ok === 'boolean' && (x.message === undefined || typeof x.message === 'string');
    case 'theme':
      return (THEME_KINDS as readonly unknown[]).includes(x.kind);
    default:
      return false;
  }
}

// ---------------------------------------------------------------- shared by both ends

/** The engine request for planner inputs under the given settings (the webview and host compute the same plan). */
export function toPlanRequest(i: PlanInputs, options: EngineOptions): PlanRequest {
  return {
    usd: i.usd,
    gpuHours: i.gpuHours,
    flops: i.flops,
    days: i.days,
    accelerator: i.accelerator,
    count: i.count ?? options.defaults?.count ?? 1,
    mfu: i.mfu ?? options.defaults?.mfu,
    law: i.law ?? options.law,
    pricePerHour: options.prices?.[i.accelerator],
    uniqueTokens: i.uniqueTokens,
    inferenceTokens: i.inferenceTokens,
    pue: options.defaults?.pue,
    gridGco2PerKwh: options.defaults?.gridGco2PerKwh,
    customAccelerators: options.customAccelerators,
  };
}
