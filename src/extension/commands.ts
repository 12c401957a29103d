// Command-palette commands. Numbers come from the engine; this file only asks and shows.

import * as vscode from 'vscode';
import { parseQuantity, type QuantityKind } from '../config/quantity';
import { planToYaml } from '../config/planYaml';
import { compareAccelerators } from '../engine/compare';
import { fmtCo2, fmtCount, fmtDays, fmtFlops, fmtUsd } from '../engine/format';
import { ACCELERATORS } from '../engine/hardware';
import { planBudget, PlanError, type Plan } from '../engine/plan';
import { renderMarkdown, sections } from '../engine/render';
import type { AnalysisService, Entry } from './analysisService';
import { log } from './log';
import { readSettings } from './settings';

function activeEntry(service: AnalysisService): Entry | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  const entry = doc ? service.get(doc) : undefined;
  if (!entry?.analysis.report) {
    void vscode.window.showWarningMessage('Scaling Planner: the active editor is not a training config it can read.');
    return undefined;
  }
  return entry;
}

async function copyMarkdown(md: string): Promise<void> {
  await vscode.env.clipboard.writeText(md);
  void vscode.window.showInformationMessage('Scaling Planner: report copied as Markdown.');
}

export async function estimateCost(service: AnalysisService): Promise<void> {
  const entry = activeEntry(service);
  if (!entry) return;
  const r = entry.analysis.report!;
  const items: Array<vscode.QuickPickItem & { action?: 'copy' | 'panel' }> = [
    { label: '$(copy) Copy as Markdown', action: 'copy', alwaysShow: true },
    { label: '$(graph-line) Open planning panel', action: 'panel', alwaysShow: true },
  ];
  for (const s of sections(r, entry.analysis.dialect, entry.settings.money)) {
    items.push({ label: s.title, kind: vscode.QuickPickItemKind.Separator });
    for (const row of s.rows) items.push({ label: row.label, description: row.value });
  }
  const pick = await vscode.window.showQuickPick(items, { title: `Scaling Planner: ${r.name ?? 'cost estimate'}`, placeHolder: 'Breakdown of the estimate', matchOnDescription: true });
  if (pick?.action === 'copy') await copyMarkdown(renderMarkdown(r, entry.analysis.dialect, entry.settings.money));
  if (pick?.action === 'panel') await vscode.commands.executeCommand('scalingPlanner.openPanel');
}

export async function copyReport(service: AnalysisService): Promise<void> {
  const entry = activeEntry(service);
  if (entry) await copyMarkdown(renderMarkdown(entry.analysis.report!, entry.analysis.dialect, entry.settings.money));
}

export async function compare(service: AnalysisService): Promise<void> {
  const entry = activeEntry(service);
  if (!entry) return;
  const r = entry.analysis.report!;
  if (r.compute.flops === null) {
    void vscode.window.showWarningMessage('Scaling Planner: the config does not state enough to know its training FLOPs (parameters and tokens).');
    return;
  }
  const rows = compareAccelerators({
    flops: r.compute.flops,
    count: r.hardware.count ?? 1,
    mfu: r.hardware.mfu,
    precision: r.hardware.precision,
    pue: r.hardware.pue,
    gridGco2PerKwh: r.hardware.gridGco2PerKwh,
    prices: entry.settings.options.prices,
    custom: entry.settings.options.customAccelerators,
  });
  await vscode.window.showQuickPick(
    rows.map((x) => ({
      label: x.id + (x.id === r.hardware.accelerator ? ' $(check)' : ''),
      description: `${fmtDays(x.wallClockDays)} on ${r.hardware.count ?? 1} · ${x.usd === null ? 'no price' : fmtUsd(x.usd)}${x.co2Kg !== null ? ` · ${fmtCo2(x.co2Kg)}` : ''}`,
      detail: `${x.name}: ${fmtCount(x.peakFlops / 1e12)} TFLOP/s ${r.hardware.precision}, ${x.memoryGb} GB, ${fmtCount(x.gpuHours)} GPU-hours${x.usdLow !== null ? `, ${fmtUsd(x.usdLow)}–${fmtUsd(x.usdHigh!)}` : ''}`,
    })),
    { title: `Scaling Planner: ${fmtFlops(r.compute.flops)} FLOPs at ${(r.hardware.mfu * 100).toFixed(0)}% MFU on each accelerator`, matchOnDescription: true, matchOnDetail: true },
  );
}

async function askNumber(prompt: string, kind: QuantityKind, placeHolder: string, value?: string): Promise<number | undefined> {
  const raw = await vscode.window.showInputBox({
    prompt,
    placeHolder,
    value,
    validateInput: (v) => {
      const p = parseQuantity(v, kind);
      return p.ok ? (p.value > 0 ? undefined : 'Must be above zero') : p.error;
    },
  });
  if (raw === undefined) return undefined;
  const p = parseQuantity(raw, kind);
  return p.ok ? p.value : undefined;
}

export function planSummary(p: Plan): string {
  return `${fmtCount(p.params)} params on ${fmtCount(p.tokens)} tokens (loss ${p.loss.toFixed(3)}) · ${fmtDays(p.wallClockDays)} on ${p.count}×${p.accelerator} · ${p.usd === null ? '' : fmtUsd(p.usd)}`;
}

export async function createPlanFile(yaml: string, suggested: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
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
    { label: '$(credit-card) Dollars', key: 'usd', quantity: 'usd', example: '$500k' },
    { label: '$(clock) GPU-hours', key: 'gpuHours', quantity: 'count', example: '200k' },
    { label: '$(pulse) FLOPs', key: 'flops', quantity: 'count', example: '1e23' },
    { label: '$(calendar) Deadline (days)', key: 'days', quantity: 'days', example: '30d' },
  ];
  const kind = await vscode.window.showQuickPick(kinds, { title: 'Scaling Planner: plan a budget (1/3)', placeHolder: 'What is the budget in?' });
  if (!kind) return;
  const amount = await askNumber(`Budget in ${kind.label.replace(/\$\([^)]*\)\s*/, '')}`, kind.quantity, kind.example);
  if (amount === undefined) return;
  const s = readSettings(vscode.window.activeTextEditor?.document);
  const accs = [...(s.options.customAccelerators ?? []), ...ACCELERATORS];
  const acc = await vscode.window.showQuickPick(
    accs.map((a) => ({ label: a.id, description: a.name, detail: `${a.memoryGb} GB${a.price ? ` · $${a.price.default}/h (${a.price.checked})` : ' · no default price'}` })),
    { title: 'Scaling Planner: plan a budget (2/3)', placeHolder: `Accelerator (default ${s.options.defaults?.accelerator ?? 'H100-SXM'})` },
  );
  if (!acc) return;
  const count = await askNumber('How many devices?', 'count', '64', String(s.options.defaults?.count ?? 64));
  if (count === undefined) return;
  let plan: Plan;
  try {
    plan = planBudget({ [kind.key]: amount, accelerator: acc.label, count, mfu: s.options.defaults?.mfu, law: s.options.law, pricePerHour: s.options.prices?.[acc.label], customAccelerators: s.options.customAccelerators });
  } catch (e) {
    void vscode.window.showErrorMessage(`Scaling Planner: ${e instanceof PlanError ? e.message : String(e)}`);
    return;
  }
  log().info(`plan: ${JSON.stringify({ budget: { [kind.key]: amount }, accelerator: acc.label, count, params: plan.params, tokens: plan.tokens })}`);
  const choice = await vscode.window.showInformationMessage(`Scaling Planner: ${planSummary(plan)}`, 'Create plan file', 'Copy as Markdown');
  if (choice === 'Create plan file') {
    await createPlanFile(planToYaml(plan, { budgetUsd: kind.key === 'usd' ? amount : undefined, days: kind.key === 'days' ? amount : undefined }), `plan-${fmtCount(plan.params)}`);
  } else if (choice === 'Copy as Markdown') {
    await copyMarkdown(`**Plan**: ${planSummary(plan)}\n\n| compute | params | tokens | loss | cost |\n|---|---|---|---|---|\n${plan.family.map((f) => `| ${fmtFlops(f.flops)} | ${fmtCount(f.params)} | ${fmtCount(f.tokens)} | ${f.loss.toFixed(3)} | ${f.usd === null ? '—' : fmtUsd(f.usd)} |`).join('\n')}\n`);
  }
}
