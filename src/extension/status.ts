// Language status item for training configs: the headline estimate; click opens the panel.

import * as vscode from 'vscode';
import { fmtCount, fmtDays, fmtMoney } from '../engine/format';
import type { AnalysisService } from './analysisService';

export class Status implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('scalingPlanner.status', [{ language: 'yaml' }, { language: 'json' }, { language: 'jsonc' }]);
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly service: AnalysisService) {
    this.item.name = 'Scaling Planner';
    this.item.text = 'Scaling Planner';
    this.item.command = { title: 'Open planning panel', command: 'scalingPlanner.openPanel' };
    this.subs.push(service.onDidChange(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const entry = doc ? this.service.peek(doc.uri) : undefined;
    void vscode.commands.executeCommand('setContext', 'scalingPlanner.isTrainingConfig', !!entry?.analysis.report);
    const r = entry?.analysis.report;
    if (!r) {
      this.item.text = entry?.analysis.kind === 'fatal' ? '$(warning) Scaling Planner: not analysed' : 'Scaling Planner';
      this.item.detail = entry?.analysis.located[0]?.message;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const parts = [r.model.paramsTotal !== null ? `${fmtCount(r.model.paramsTotal)}` : '? params'];
    if (r.cost.wallClockDays !== null) parts.push(fmtDays(r.cost.wallClockDays));
    if (r.cost.usd !== null) parts.push(fmtMoney(r.cost.usd, entry!.settings.money));
    this.item.text = `$(graph) ${parts.join(' · ')}`;
    this.item.detail = `${entry!.analysis.dialect} config · ${r.scaling.lawName}`;
    const worst = r.findings.some((f) => f.severity === 'error') ? vscode.LanguageStatusSeverity.Error : r.findings.some((f) => f.severity === 'warning') ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.severity = worst;
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
