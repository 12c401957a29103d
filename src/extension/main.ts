// Activation: wire the shared analysis to every editor surface. No arithmetic here.

import * as vscode from 'vscode';
import { findingSectionLines } from '../document/display';
import { AnalysisService } from './analysisService';
import { createRunner } from './workerRunner';
import { createWebRunner } from './webWorkerRunner';
import { CodeActions } from './codeActions';
import { CodeLenses } from './codeLens';
import * as commands from './commands';
import { DiagnosticsPublisher } from './diagnostics';
import { hostDescription, inWebWorker, readExtensionFile } from './host';
import { Hovers } from './hover';
import { InlayHints } from './inlayHints';
import { log } from './log';
import { Status } from './status';
import { registerWebviews } from './webviews';

const SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { language: 'json' }, { language: 'jsonc' }];

export function activate(context: vscode.ExtensionContext) {
  const logger = log();
  context.subscriptions.push(logger);
  // Analyses run in a worker thread (dist/analysisWorker.js), or a web worker in the browser host
  // (dist/web/analysisWorker.js), so no input can block this host. The log says once which.
  const workerLog = { log: (m: string) => logger.warn(m), info: (m: string) => logger.info(m) };
  const worker = (...path: string[]) => vscode.Uri.joinPath(context.extensionUri, 'dist', ...path);
  const runner = inWebWorker()
    ? createWebRunner(() => readExtensionFile(worker('web', 'analysisWorker.js')), workerLog)
    : createRunner(worker('analysisWorker.js').fsPath, workerLog);
  const service = new AnalysisService(runner);
  const diagnostics = new DiagnosticsPublisher(service, vscode.Uri.joinPath(context.extensionUri, 'docs', 'findings.md'));
  void readExtensionFile(vscode.Uri.joinPath(context.extensionUri, 'docs', 'findings.md')).then(
    (bytes) => diagnostics.setSectionLines(findingSectionLines(new TextDecoder().decode(bytes))),
    () => undefined, // without the docs file the links open it at the top
  );
  const status = new Status(service);
  const webviews = registerWebviews(context, service);
  const hints = new InlayHints(service);
  const lenses = new CodeLenses(service);
  context.subscriptions.push(
    service,
    diagnostics,
    status,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new CodeActions(service), { providedCodeActionKinds: CodeActions.kinds }),
    vscode.languages.registerHoverProvider(SELECTOR, new Hovers(service)),
    hints,
    lenses,
    vscode.languages.registerInlayHintsProvider(SELECTOR, hints),
    vscode.languages.registerCodeLensProvider(SELECTOR, lenses),
    vscode.commands.registerCommand('scalingPlanner.estimateCost', () => commands.estimateCost(service)),
    vscode.commands.registerCommand('scalingPlanner.copyReport', () => commands.copyReport(service)),
    vscode.commands.registerCommand('scalingPlanner.compareAccelerators', () => commands.compare(service)),
    vscode.commands.registerCommand('scalingPlanner.planBudget', () => commands.planBudgetCommand()),
    vscode.commands.registerCommand('scalingPlanner.openPanel', (uri?: vscode.Uri) => {
      const doc = uri instanceof vscode.Uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
      return webviews.openPanel(doc);
    }),
    vscode.commands.registerCommand('scalingPlanner.showLogs', () => logger.show()),
    vscode.commands.registerCommand('scalingPlanner.reanalyze', () => vscode.workspace.textDocuments.forEach((d) => service.schedule(d, 'command'))),
    vscode.commands.registerCommand('scalingPlanner.openExample', async () => {
      const example = vscode.Uri.joinPath(context.extensionUri, 'examples', 'llama-7b.plan.yaml');
      let bytes: Uint8Array;
      try {
        bytes = await readExtensionFile(example);
      } catch (e) {
        logger.warn(`cannot read ${example.toString(true)}: ${String(e)}`);
        void vscode.window.showWarningMessage(vscode.l10n.t('Scaling Planner: this editor cannot read the example shipped with the extension. Open any *.plan.yaml file instead.'));
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(doc);
    }),
  );
  for (const d of vscode.workspace.textDocuments) service.schedule(d, 'open');
  logger.info(`Scaling Planner activated in the ${hostDescription()} (analysis: ${service.runsIn})`);
  // A small API for tests and other extensions: the analysis behind every surface.
  return {
    analysisFor: (uri: vscode.Uri) => service.peek(uri),
    analysisRunsIn: () => service.runsIn,
    service,
    webviews: webviews.testApi,
  };
}

export function deactivate(): void {}
