// What the providers that redraw on every analysis share (CodeLens, inlay hints): an event fired
// whenever the analysis service publishes a result, and its disposal.

import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';

export class RefreshOnAnalysis implements vscode.Disposable {
  /** Fires when any document's analysis changes; subclasses expose it as their provider's change event. */
  protected readonly changed = new vscode.EventEmitter<void>();
  private readonly sub: vscode.Disposable;

  constructor(protected readonly service: AnalysisService) {
    this.sub = service.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
