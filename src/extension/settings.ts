// Settings for one resource, shaped as the engine's options.

import * as vscode from 'vscode';
import type { AnalyzeOptions } from '../config/analyzeDocument';
import type { Accelerator } from '../engine/hardware';
import { isLawId } from '../engine/laws';
import type { Money } from '../engine/format';

export type { RuleLevel } from '../config/display';
import type { RuleLevel } from '../config/display';

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

export function customAccelerators(raw: unknown): Accelerator[] {
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
  }
  return out;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('scalingPlanner', scope);
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
  const count = c.get<unknown>('hardware.count', null);
  const maxKb = num(c.get('maxFileSizeKb')) ?? 1024;
  return {
    enable: bool(c.get('enable'), true),
    run: c.get<unknown>('run') === 'onType' ? 'onType' : 'onSave',
    debounceMs: num(c.get('debounceMs')) ?? 400,
    include: strList(c.get('files.include'), ['**/*.{yaml,yml}', '**/config.json']),
    exclude: strList(c.get('files.exclude'), []),
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
        count: typeof count === 'number' && Number.isInteger(count) && count >= 1 ? count : undefined,
        mfu: num(c.get('hardware.mfu')),
        pue: num(c.get('hardware.pue')),
        gridGco2PerKwh: num(c.get('hardware.gridGco2PerKwh')),
      },
      prices: Object.fromEntries(Object.entries(prices).filter((e): e is [string, number] => num(e[1]) !== undefined)),
      customAccelerators: customAccelerators(c.get('hardware.customAccelerators')),
      thresholds: Object.fromEntries(Object.entries(thresholds).filter(([, v]) => typeof v === 'number')),
      facts,
      suppress: Object.entries(rules).filter(([, v]) => v === 'off').map(([k]) => k),
      maxBytes: maxKb * 1024,
    },
  };
}
