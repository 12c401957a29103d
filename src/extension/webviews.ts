// Planning panel and sidebar planner hosts: registers the panel serializer and the sidebar view
// provider, and returns what activation and tests need. The hosts live in ./webviews/.

import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { PANEL_VIEW_TYPE, PlanningPanel } from './webviews/panel';
import { SIDEBAR_VIEW_ID, SidebarPlanner } from './webviews/sidebar';
import { TestRecorder } from './webviews/messenger';

export interface Webviews {
  openPanel(doc?: vscode.TextDocument): Promise<void>;
  testApi: Record<string, unknown>;
}

export function registerWebviews(context: vscode.ExtensionContext, service: AnalysisService): Webviews {
  const recorder = new TestRecorder();
  const openPanel = (doc?: vscode.TextDocument, inputs?: Parameters<typeof PlanningPanel.show>[4]): Promise<void> =>
    PlanningPanel.show(context, service, recorder, doc, inputs);
  const sidebar = new SidebarPlanner(context, service, recorder, (inputs) => openPanel(undefined, inputs));
  context.subscriptions.push(
    sidebar,
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => PlanningPanel.revive(panel, context, service, recorder, state),
    }),
  );
  return { openPanel: (doc) => openPanel(doc), testApi: recorder.api() };
}
