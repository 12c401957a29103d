// What the host does for webview requests: payloads for a config, "Apply to file" as an undoable
// edit after confirmation, Markdown, CSV and PNG export, and plan files. Numbers come from the
// engine (analyze, planBudget) and the config layer (fixEdits); nothing is computed here.

import * as vscode from 'vscode';
import { analyzeText, type AnalyzeOptions } from '../../document/analyzeDocument';
import { fixEdits } from '../../document/fixEdits';
import { lifecycleYaml } from '../../document/planLifecycleYaml';
import { planToYaml } from '../../document/planYaml';
import { analyze, fieldSpec, fmtCount, planBudget, planLifecycle, PlanError, renderMarkdown, withValues, type FixValue, type LifecyclePlan, type Plan } from '../../engine';
import { toPlanRequest, type ConfigPayload, type EngineSettings, type PlanInputs, type ThemeKind } from '../../shared/protocol';
import type { AnalysisService, Entry } from '../analysisService';
import { createPlanFile } from '../commands';
import { toRange } from '../convert';
import { copyText } from '../host';
import { log } from '../log';
import { documentFindings } from './findings';
import { readSettings, type Settings } from '../settings';

export function themeKind(kind: vscode.ColorThemeKind = vscode.window.activeColorTheme.kind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'dark';
  }
}

/** The JSON-safe engine options of a resource's settings. */
export function engineSettings(s: Settings): EngineSettings {
  const { facts: _facts, maxBytes: _maxBytes, dialect: _dialect, ...options } = s.options;
  return { options, money: s.money };
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

export function configPayload(entry: Entry, editable = true): ConfigPayload | null {
  const a = entry.analysis;
  if (a.kind !== 'ok' || !a.read || !a.report) return null;
  const stated = Object.entries(a.read.sources)
    .filter(([, s]) => s.span && (s.origin === 'file' || (s.origin === 'derived' && s.scale)))
    .map(([k]) => k);
  return {
    uri: entry.uri.toString(),
    fileName: fileName(entry.uri),
    version: entry.version,
    dialect: a.dialect,
    run: a.read.run,
    settings: engineSettings(entry.settings),
    stated,
    editable,
    ...documentFindings(a, entry.settings.rules),
  };
}

export function documentFor(uri: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
}

/** A plan from the planner's inputs under the settings of the active editor (or the workspace). */
export function planFor(inputs: PlanInputs, settings: Settings = readSettings(vscode.window.activeTextEditor?.document)): Plan {
  return lifecycleFor(inputs, settings)?.training ?? planBudget(toPlanRequest(inputs, settings.options));
}

/** The lifecycle plan when the planner's budget also covers a serving workload. */
function lifecycleFor(inputs: PlanInputs, settings: Settings = readSettings(vscode.window.activeTextEditor?.document)): LifecyclePlan | undefined {
  return inputs.lifecycle ? planLifecycle(toPlanRequest(inputs, settings.options), inputs.lifecycle) : undefined;
}

function planYaml(inputs: PlanInputs, plan: Plan, name?: string): string {
  const life = lifecycleFor(inputs);
  const yaml = planToYaml(plan, { name, budgetUsd: life ? undefined : inputs.usd, days: inputs.days, uniqueTokens: inputs.uniqueTokens, inferenceTokens: life ? undefined : inputs.inferenceTokens });
  return life ? yaml + lifecycleYaml(life) : yaml;
}

/** A plan as an analysed (unsaved) plan file, for the panel's preview. */
export function planPreview(inputs: PlanInputs): Entry {
  const settings = readSettings(vscode.window.activeTextEditor?.document);
  const plan = planFor(inputs, settings);
  const name = `plan-${fmtCount(plan.params)}`;
  const opts: AnalyzeOptions = settings.options;
  const analysis = analyzeText(planYaml(inputs, plan), `${name}.plan.yaml`, opts);
  return { uri: vscode.Uri.from({ scheme: 'untitled', path: `${name}.plan.yaml` }), version: 0, analysis, settings, ms: 0 };
}

export async function createPlan(inputs: PlanInputs, name?: string): Promise<{ ok: boolean; message: string }> {
  let plan: Plan;
  try {
    plan = planFor(inputs);
  } catch (e) {
    return { ok: false, message: e instanceof PlanError ? e.message : String(e) };
  }
  const suggested = `plan-${fmtCount(plan.params)}`;
  await createPlanFile(planYaml(inputs, plan, name), suggested);
  log().info(`plan file created from the planner: ${suggested}`);
  return { ok: true, message: vscode.l10n.t('Created {0}', `${suggested}.plan.yaml`) };
}

/**
 * "Apply to file": confirm, then write the values as one undoable edit that replaces only the
 * scalars involved (in the file's number style). Returns a line for the webview.
 */
export async function applyValues(service: AnalysisService, uri: string, values: FixValue[]): Promise<{ level: 'info' | 'warning'; message: string; applied: boolean } | undefined> {
  const doc = documentFor(uri) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true)));
  const entry = await service.analysed(doc);
  if (!entry?.analysis.report) return { level: 'warning', message: vscode.l10n.t('{0} is no longer a training config the planner can read.', fileName(doc.uri)), applied: false };
  const text = doc.getText();
  const edits = fixEdits(entry.analysis, text, { title: 'What-if values', values });
  const skipped = values.filter((v) => !fixEdits(entry.analysis, text, { title: v.field, values: [v] }).length);
  if (!edits.length) {
    return { level: 'warning', message: vscode.l10n.t('Nothing to write: {0} does not state {1} in a form that can be changed in place.', fileName(doc.uri), values.map((v) => v.field).join(', ')), applied: false };
  }
  // The dialog lists what will be written, and names up front what cannot be.
  const line = (v: FixValue): string => `${fieldSpec(v.field)?.title ?? v.field} (${v.field}): ${typeof v.value === 'number' ? fmtCount(v.value) : v.value}`;
  const writable = values.filter((v) => !skipped.includes(v));
  const left = skipped.length ? `\n\n${vscode.l10n.t('Not written (not stated in the file in a form that can be changed in place, or unchanged):')}\n${skipped.map(line).join('\n')}` : '';
  const apply = vscode.l10n.t('Apply');
  const choice = await vscode.window.showWarningMessage(
    writable.length === 1 ? vscode.l10n.t('Apply this value to {0}?', fileName(doc.uri)) : vscode.l10n.t('Apply these {0} values to {1}?', writable.length, fileName(doc.uri)),
    { modal: true, detail: `${writable.map(line).join('\n')}${left}\n\n${vscode.l10n.t('The change is one edit; Undo reverts it.')}` },
    apply,
  );
  if (choice !== apply) return undefined;
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, toRange(doc, e.span), e.newText);
  const ok = await vscode.workspace.applyEdit(we);
  if (!ok) return { level: 'warning', message: vscode.l10n.t('Could not edit {0}.', fileName(doc.uri)), applied: false };
  return skipped.length
    ? { level: 'warning', message: vscode.l10n.t('Applied; left out (not stated in the file, or unchanged): {0}.', skipped.map((v) => v.field).join(', ')), applied: true }
    : { level: 'info', message: edits.length === 1 ? vscode.l10n.t('Applied one change to {0} (unsaved; Undo reverts).', fileName(doc.uri)) : vscode.l10n.t('Applied {0} changes to {1} (unsaved; Undo reverts).', edits.length, fileName(doc.uri)), applied: true };
}

/** The report as Markdown, with the panel's what-if values in place when given. */
export async function copyMarkdown(service: AnalysisService, uri: string | undefined, values: FixValue[] | undefined, preview?: Entry): Promise<'copied' | 'opened' | false> {
  let entry: Entry | undefined = preview;
  if (!entry && uri) {
    const doc = documentFor(uri);
    entry = doc ? service.get(doc) : undefined;
  }
  const a = entry?.analysis;
  if (!entry || !a?.report || !a.read) return false;
  const report = values?.length ? analyze(withValues(a.read.run, values), entry.settings.options) : a.report;
  return copyText(renderMarkdown(report, a.dialect, entry.settings.money));
}

async function saveBytes(name: string, bytes: Uint8Array, filters: Record<string, string[]>): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters, title: vscode.l10n.t('Save {0}', name) });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  return fileName(target);
}

export function saveCsv(name: string, csv: string): Promise<string | undefined> {
  return saveBytes(name, new TextEncoder().encode(csv), { CSV: ['csv'] });
}

export function savePng(name: string, dataUrl: string): Promise<string | undefined> {
  const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  // atob, not Buffer: the web extension host has no Node globals.
  return saveBytes(name, Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)), { PNG: ['png'] });
}
