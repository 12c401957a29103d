// Settings for one resource, shaped as the engine's options.

import * as vscode from 'vscode';
import type { AnalyzeOptions } from '../config/analyzeDocument';
import type { Accelerator } from '../engine/hardware';
import { isLawId } from '../engine/laws';
import type { Severity } from '../engine/types';
import type { Money } from '../engine/format';

export type RuleLevel = Severity | 'off';

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

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

export function customAccelerators(raw: unknown): Accelerator[] {
  if (!Array.isArray(raw)) return [];
  const out: Accelerator[] = [];
  for (const r of raw as CustomAcceleratorSetting[]) {
    if (!r || typeof r.id !== 'string' || num(r.bf16Tflops) === undefined || num(r.memoryGb) === undefined) continue;
    const price = num(r.pricePerHour);
    out.push({
      id: r.id,
      name: typeof r.name === 'string' ? r.name : r.id,
      vendor: 'NVIDIA',
      aliases: [],
      peakTflops: { bf16: num(r.bf16Tflops), fp16: num(r.bf16Tflops), fp8: num(r.fp8Tflops) },
      memoryGb: num(r.memoryGb)!,
      bandwidthTBs: 0,
      powerW: num(r.powerW),
      price: price !== undefined ? { default: price, low: price, high: price, checked: 'settings', source: 'SILY' } : undefined,
      sources: [],
      notes: 'From scalingPlanner.hardware.customAccelerators',
    });
  }
  return out;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('scalingPlanner', scope);
  const law = c.get<string>('law', 'epoch');
  const thresholds = {
    underTrainedRatio: c.get<number>('thresholds.underTrainedRatio'),
    overTrainedRatio: c.get<number>('thresholds.overTrainedRatio'),
    overSizedRatio: c.get<number>('thresholds.overSizedRatio'),
    maxEpochs: c.get<number>('thresholds.maxEpochs'),
    memoryHeadroom: c.get<number>('thresholds.memoryHeadroom'),
  };
  const rules = c.get<Record<string, RuleLevel>>('rules', {}) ?? {};
  const prices = c.get<Record<string, number>>('hardware.prices', {}) ?? {};
  const facts = c.get<Record<string, string | number>>('facts', {}) ?? {};
  const count = c.get<number | null>('hardware.count', null);
  return {
    enable: c.get<boolean>('enable', true),
    run: c.get<string>('run') === 'onType' ? 'onType' : 'onSave',
    debounceMs: Math.max(0, c.get<number>('debounceMs', 400)),
    include: c.get<string[]>('files.include', ['**/*.{yaml,yml}', '**/config.json']),
    exclude: c.get<string[]>('files.exclude', []),
    maxFileSizeKb: c.get<number>('maxFileSizeKb', 1024),
    rules,
    hints: { model: c.get('inlayHints.model', true), tokens: c.get('inlayHints.tokens', true), hardware: c.get('inlayHints.hardware', true) },
    codeLens: c.get('codeLens.enabled', true),
    hover: c.get('hover.enabled', true),
    money: { currency: c.get<string>('display.currency', 'USD') || 'USD', perUsd: num(c.get('display.usdExchangeRate')) || 1 },
    options: {
      law: isLawId(law) ? law : 'epoch',
      defaults: {
        accelerator: c.get<string>('hardware.accelerator') || undefined,
        count: typeof count === 'number' && count >= 1 ? count : undefined,
        mfu: num(c.get('hardware.mfu')),
        pue: num(c.get('hardware.pue')),
        gridGco2PerKwh: num(c.get('hardware.gridGco2PerKwh')),
      },
      prices: Object.fromEntries(Object.entries(prices).filter(([, v]) => num(v) !== undefined)),
      customAccelerators: customAccelerators(c.get('hardware.customAccelerators')),
      thresholds: Object.fromEntries(Object.entries(thresholds).filter(([, v]) => typeof v === 'number')),
      facts,
      suppress: Object.entries(rules).filter(([, v]) => v === 'off').map(([k]) => k),
      maxBytes: c.get<number>('maxFileSizeKb', 1024) * 1024,
    },
  };
}
