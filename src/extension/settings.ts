// Settings for one resource, shaped as the engine's options.

import * as vscode from 'vscode';
import type { AnalyzeOptions } from '../document/analyzeDocument';
import { checkValue, customAcceleratorProblem, isLawId, type Accelerator, type FieldId, type Money } from '../engine';

export type { RuleLevel } from '../document/display';
import type { RuleLevel } from '../document/display';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_KB } from '../read/files';

export interface Settings {
  enable: boolean;
  run: 'onSave' | 'onType';
  debounceMs: number;
  include: string[];
  exclude: string[];
  maxFileSizeKb: number;
  rules: Record<string, RuleLevel>;
  hints: { model: boolean; tokens: boolean; hardware: boolean };
  codeLens: boolean;
  hover: boolean;
  money: Money;
  options: AnalyzeOptions;
  /** One line per setting whose value is impossible (its default is used instead), for the log and a notification. */
  warnings: string[];
}

interface CustomAcceleratorSetting {
  id?: unknown;
  name?: unknown;
  bf16Tflops?: unknown;
  fp8Tflops?: unknown;
  memoryGb?: unknown;
  powerW?: unknown;
  pricePerHour?: unknown;
}

// Settings come from hand-edited JSON: every read checks its type and falls back to the default.
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
const bool = (v: unknown, dflt: boolean): boolean => (typeof v === 'boolean' ? v : dflt);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const strList = (v: unknown, dflt: string[]): string[] => {
  if (typeof v === 'string') return v.trim() ? [v] : [];
  return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : dflt;
};
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const RULE_LEVELS = new Set(['off', 'hint', 'information', 'warning', 'error']);

/**
 * A numeric setting checked with the same range as the plan key it stands for: an impossible
 * value gets one warning naming the setting, and undefined (the default) is used.
 */
function ranged(warnings: string[], name: string, field: FieldId, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  const why = typeof v === 'number' ? checkValue(field, v) : `${JSON.stringify(v)} is not a number`;
  if (why) {
    warnings.push(`scalingPlanner.${name}: ${why}; the default is used.`);
    return undefined;
  }
  return v as number;
}

export function customAccelerators(raw: unknown, warnings: string[] = []): Accelerator[] {
  if (!Array.isArray(raw)) return [];
  const out: Accelerator[] = [];
  for (const r of raw as CustomAcceleratorSetting[]) {
    if (!r || typeof r.id !== 'string' || num(r.bf16Tflops) === undefined || num(r.memoryGb) === undefined) continue;
    const price = num(r.pricePerHour);
    out.push({
      id: r.id,
      name: typeof r.name === 'string' ? r.name : r.id,
      vendor: 'custom',
      aliases: [],
      peakTflops: { bf16: num(r.bf16Tflops), fp16: num(r.bf16Tflops), fp8: num(r.fp8Tflops) },
      memoryGb: num(r.memoryGb)!,
      bandwidthTBs: 0,
      powerW: num(r.powerW),
      price: price !== undefined ? { default: price, low: price, high: price, checked: 'settings', source: 'USER' } : undefined,
      sources: [],
      notes: 'From scalingPlanner.hardware.customAccelerators',
    });
    const why = customAcceleratorProblem(out[out.length - 1]);
    if (why) {
      warnings.push(`scalingPlanner.hardware.customAccelerators: ${JSON.stringify(r.id)}: ${why}; it is left out.`);
      out.pop();
    }
  }
  return out;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('scalingPlanner', scope);
  const warnings: string[] = [];
  const law = c.get<unknown>('law', 'epoch');
  const thresholds = {
    underTrainedRatio: num(c.get('thresholds.underTrainedRatio')),
    overTrainedRatio: num(c.get('thresholds.overTrainedRatio')),
    overSizedRatio: num(c.get('thresholds.overSizedRatio')),
    maxEpochs: num(c.get('thresholds.maxEpochs')),
    memoryHeadroom: num(c.get('thresholds.memoryHeadroom')),
    inferenceShare: num(c.get('thresholds.inferenceShare')),
  };
  const rules = Object.fromEntries(
    Object.entries(record(c.get('rules'))).filter((e): e is [string, RuleLevel] => typeof e[1] === 'string' && RULE_LEVELS.has(e[1])),
  );
  const prices = record(c.get('hardware.prices'));
  const facts = Object.fromEntries(
    Object.entries(record(c.get('facts'))).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'),
  );
  const count = ranged(warnings, 'hardware.count', 'hardware.count', c.get<unknown>('hardware.count', null));
  const maxKb = num(c.get('maxFileSizeKb')) ?? DEFAULT_MAX_FILE_KB;
  return {
    enable: bool(c.get('enable'), true),
    run: c.get<unknown>('run') === 'onType' ? 'onType' : 'onSave',
    debounceMs: num(c.get('debounceMs')) ?? 400,
    include: strList(c.get('files.include'), DEFAULT_INCLUDE),
    exclude: strList(c.get('files.exclude'), DEFAULT_EXCLUDE),
    maxFileSizeKb: maxKb,
    rules,
    hints: { model: bool(c.get('inlayHints.model'), true), tokens: bool(c.get('inlayHints.tokens'), true), hardware: bool(c.get('inlayHints.hardware'), true) },
    codeLens: bool(c.get('codeLens.enabled'), true),
    hover: bool(c.get('hover.enabled'), true),
    money: { currency: str(c.get('display.currency')) ?? 'USD', perUsd: num(c.get('display.usdExchangeRate')) || 1 },
    options: {
      law: typeof law === 'string' && isLawId(law) ? law : 'epoch',
      defaults: {
        accelerator: str(c.get('hardware.accelerator')),
        count,
        mfu: ranged(warnings, 'hardware.mfu', 'hardware.mfu', c.get('hardware.mfu')),
        pue: ranged(warnings, 'hardware.pue', 'hardware.pue', c.get('hardware.pue')),
        gridGco2PerKwh: ranged(warnings, 'hardware.gridGco2PerKwh', 'hardware.grid_gco2_per_kwh', c.get('hardware.gridGco2PerKwh')),
      },
      prices: Object.fromEntries(
        Object.entries(prices).filter((e): e is [string, number] => ranged(warnings, `hardware.prices.${e[0]}`, 'hardware.price_per_hour', e[1]) !== undefined),
      ),
      customAccelerators: customAccelerators(c.get('hardware.customAccelerators'), warnings),
      thresholds: Object.fromEntries(Object.entries(thresholds).filter(([, v]) => typeof v === 'number')),
      facts,
      suppress: Object.entries(rules).filter(([, v]) => v === 'off').map(([k]) => k),
      maxBytes: maxKb * 1024,
    },
    warnings,
  };
}

const warned = new Set<string>();

/**
 * A setting outside its plan key's range is ignored (readSettings uses the default); say so once per
 * distinct problem, in the log and as a notification, not on every analysis.
 */
export function reportSettingWarnings(s: Settings, logger: { warn(message: string): void }): void {
  for (const w of s.warnings) {
    if (warned.has(w)) continue;
    warned.add(w);
    logger.warn(w);
    void vscode.window.showWarningMessage(vscode.l10n.t('Scaling Planner: {0}', w));
  }
}
