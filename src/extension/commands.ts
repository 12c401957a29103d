// Command-palette commands. Numbers come from the engine; this file only asks and shows.

import * as vscode from 'vscode';
import { parseQuantity, type QuantityKind } from '../read/quantity';
import { planToYaml } from '../document/planYaml';
import {
  acceleratorComparison,
  acceleratorPickRow,
  ACCELERATORS,
  planBudget,
  PlanError,
  planFileStem,
  planMarkdown,
  planSummary,
  renderMarkdown,
  sections,
  type Plan,
} from '../engine';
import type { AnalysisService, Entry } from './analysisService';
import { copyText } from './host';
import { log } from './log';
import { readSettings } from './settings';

async function activeEntry(service: AnalysisService): Promise<Entry | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  const entry = doc ? await service.analysed(doc) : undefined;
  if (!entry?.analysis.report) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Scaling Planner: the active editor is not a training config it can read.'));
    return undefined;
  }
  return entry;
}

async function copyMarkdown(md: string): Promise<void> {
  if ((await copyText(md)) === 'copied') void vscode.window.showInformationMessage(vscode.l10n.t('Scaling Planner: report copied as Markdown.'));
}

export async function estimateCost(service: AnalysisService): Promise<void> {
  const entry = await activeEntry(service);
  if (!entry) return;
  const r = entry.analysis.report!;
  const items: Array<vscode.QuickPickItem & { action?: 'copy' | 'panel' }> = [
    { label: `$(copy) ${vscode.l10n.t('Copy as Markdown')}`, action: 'copy', alwaysShow: true },
    { label: `$(graph-line) ${vscode.l10n.t('Open planning panel')}`, action: 'panel', alwaysShow: true },
  ];
  for (const s of sections(r, entry.analysis.dialect, entry.settings.money)) {
    items.push({ label: s.title, kind: vscode.QuickPickItemKind.Separator });
    for (const row of s.rows) items.push({ label: row.label, description: row.value });
  }
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Scaling Planner: {0}', r.name ?? vscode.l10n.t('cost estimate')), placeHolder: vscode.l10n.t('Breakdown of the estimate'), matchOnDescription: true });
  if (pick?.action === 'copy') await copyMarkdown(renderMarkdown(r, entry.analysis.dialect, entry.settings.money));
  if (pick?.action === 'panel') await vscode.commands.executeCommand('scalingPlanner.openPanel');
}

export async function copyReport(service: AnalysisService): Promise<void> {
  const entry = await activeEntry(service);
  if (entry) await copyMarkdown(renderMarkdown(entry.analysis.report!, entry.analysis.dialect, entry.settings.money));
}

export async function compare(service: AnalysisService): Promise<void> {
  const entry = await activeEntry(service);
  if (!entry) return;
  const view = acceleratorComparison(entry.analysis.report!, {
    prices: entry.settings.options.prices,
    custom: entry.settings.options.customAccelerators,
    money: entry.settings.money,
  });
  if (!view) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Scaling Planner: the config does not state enough to know its training FLOPs (parameters and tokens).'));
    return;
  }
  await vscode.window.showQuickPick(view.rows, { title: vscode.l10n.t('Scaling Planner: {0}', view.title), matchOnDescription: true, matchOnDetail: true });
}

async function askNumber(prompt: string, kind: QuantityKind, placeHolder: string, value?: string, integer = false): Promise<number | undefined> {
  const raw = await vscode.window.showInputBox({
    prompt,
    placeHolder,
    value,
    validateInput: (v) => {
      const p = parseQuantity(v, kind);
      if (!p.ok) return p.error;
      if (!(p.value > 0)) return vscode.l10n.t('Must be above zero');
      return integer && !Number.isInteger(p.value) ? vscode.l10n.t('Must be a whole number') : undefined;
    },
  });
  if (raw === undefined) return undefined;
  const p = parseQuantity(raw, kind);
  return p.ok ? p.value : undefined;
}

export async function createPlanFile(yaml: string, suggested: string): Promise<void> {
  // The folder of the active file in a multi-root workspace, else the first one.
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  let uri: vscode.Uri | undefined;
  if (folder) {
    for (let i = 0; i < 100 && !uri; i++) {
      const candidate = vscode.Uri.joinPath(folder, `${suggested}${i ? `-${i}` : ''}.plan.yaml`);
      try {
        await vscode.workspace.fs.stat(candidate);
      } catch {
        uri = candidate;
      }
    }
  }
  if (uri) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(yaml) });
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(uri);
  } else {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: yaml });
    await vscode.window.showTextDocument(doc);
  }
}

export async function planBudgetCommand(): Promise<void> {
  const kinds: Array<vscode.QuickPickItem & { key: 'usd' | 'gpuHours' | 'flops' | 'days'; quantity: QuantityKind; example: string }> = [
    { label: `$(credit-card) ${vscode.l10n.t('Dollars')}`, key: 'usd', quantity: 'usd', example: '$500k' },
    { label: `$(clock) ${vscode.l10n.t('GPU-hours')}`, key: 'gpuHours', quantity: 'count', example: '200k' },
    { label: `$(pulse) ${vscode.l10n.t('FLOPs')}`, key: 'flops', quantity: 'count', example: '1e23' },
    { label: `$(calendar) ${vscode.l10n.t('Deadline (days)')}`, key: 'days', quantity: 'days', example: '30d' },
  ];
  const kind = await vscode.window.showQuickPick(kinds, { title: vscode.l10n.t('Scaling Planner: plan a budget (1/3)'), placeHolder: vscode.l10n.t('What is the budget in?') });
  if (!kind) return;
  const amount = await askNumber(vscode.l10n.t('Budget in {0}', kind.label.replace(/\$\([^)]*\)\s*/, '')), kind.quantity, kind.example);
  if (amount === undefined) return;
  const s = readSettings(vscode.window.activeTextEditor?.document);
  const accs = [...(s.options.customAccelerators ?? []), ...ACCELERATORS];
  const acc = await vscode.window.showQuickPick(
    accs.map((a) => acceleratorPickRow(a, s.options.prices, s.money)),
    { title: vscode.l10n.t('Scaling Planner: plan a budget (2/3)'), placeHolder: vscode.l10n.t('Accelerator (default {0})', s.options.defaults?.accelerator ?? 'H100-SXM') },
  );
  if (!acc) return;
  const count = await askNumber(vscode.l10n.t('How many devices?'), 'count', '64', String(s.options.defaults?.count ?? 64), true);
  if (count === undefined) return;
  let plan: Plan;
  try {
    plan = planBudget({
      [kind.key]: amount,
      accelerator: acc.label,
      count,
      mfu: s.options.defaults?.mfu,
      law: s.options.law,
      pricePerHour: s.options.prices?.[acc.label],
      pue: s.options.defaults?.pue,
      gridGco2PerKwh: s.options.defaults?.gridGco2PerKwh,
      customAccelerators: s.options.customAccelerators,
    });
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Scaling Planner: {0}', e instanceof PlanError ? e.message : String(e)));
    return;
  }
  log().info(`plan: ${JSON.stringify({ budget: { [kind.key]: amount }, accelerator: acc.label, count, params: plan.params, tokens: plan.tokens })}`);
  const create = vscode.l10n.t('Create plan file');
  const copy = vscode.l10n.t('Copy as Markdown');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Scaling Planner: {0}', planSummary(plan, s.money)), create, copy);
  if (choice === create) {
    await createPlanFile(planToYaml(plan, { budgetUsd: kind.key === 'usd' ? amount : undefined, days: kind.key === 'days' ? amount : undefined }), planFileStem(plan));
  } else if (choice === copy) {
    await copyMarkdown(planMarkdown(plan, s.money));
  }
}
