// Language status item for training configs: the headline estimate; click opens the panel.

import * as vscode from 'vscode';
import { fmtCount, fmtDays, fmtMoney } from '../engine';
import { shownFindings, worstShown } from '../document/display';
import type { AnalysisService } from './analysisService';

export class Status implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('scalingPlanner.status', [{ language: 'yaml' }, { language: 'json' }, { language: 'jsonc' }]);
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly service: AnalysisService) {
    this.item.name = 'Scaling Planner';
    this.item.text = 'Scaling Planner';
    this.item.command = { title: vscode.l10n.t('Open planning panel'), command: 'scalingPlanner.openPanel' };
    this.subs.push(service.onDidChange(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.update();
  }

  /** Shown only on files that are training configs: a filter per analysed file. */
  private restrictToConfigs(): void {
    const filters: vscode.DocumentFilter[] = [];
    for (const e of this.service.entries()) {
      const name = e.uri.path.split('/').pop() ?? '';
      const base = vscode.Uri.joinPath(e.uri, '..');
      // Glob metacharacters in a file name are matched literally through a one-character class.
      filters.push({ scheme: e.uri.scheme, pattern: new vscode.RelativePattern(base, name.replace(/[[\]{}*?!]/g, '[$&]')) });
    }
    this.item.selector = filters;
  }

  update(): void {
    this.restrictToConfigs();
    const doc = vscode.window.activeTextEditor?.document;
    const entry = doc ? this.service.peek(doc.uri) : undefined;
    void vscode.commands.executeCommand('setContext', 'scalingPlanner.isTrainingConfig', !!entry?.analysis.report);
    const r = entry?.analysis.report;
    if (!r) {
      this.item.text = entry?.analysis.kind === 'fatal' ? `$(warning) ${vscode.l10n.t('Scaling Planner: not analysed')}` : 'Scaling Planner';
      this.item.detail = entry?.analysis.located[0]?.message;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const parts = [r.model.paramsTotal !== null ? `${fmtCount(r.model.paramsTotal)}` : '? params'];
    if (r.cost.wallClockDays !== null) parts.push(fmtDays(r.cost.wallClockDays));
    if (r.cost.usd !== null) parts.push(fmtMoney(r.cost.usd, entry!.settings.money));
    this.item.text = `$(graph) ${parts.join(' · ')}`;
    this.item.detail = vscode.l10n.t('{0} config · {1}', entry!.analysis.dialect ?? '', r.scaling.lawName);
    // The same severities the Problems panel shows (rule settings, suppressions and downgrades applied).
    const worst = worstShown(shownFindings(entry!.analysis.located, entry!.settings.rules));
    this.item.severity = worst === 'error' ? vscode.LanguageStatusSeverity.Error : worst === 'warning' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
