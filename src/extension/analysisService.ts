// One analysis per document version, shared by every surface. Decides which documents are
// training configs, when to analyse (open/save or debounced typing) and drops stale results.
// The analysis itself runs in an AnalysisRunner (a worker thread), never on a provider's request.

import * as vscode from 'vscode';
import type { DocumentAnalysis } from '../document/analyzeDocument';
import { oversize } from '../document/display';
import { LOCKFILE } from '../read/files';
import { tooComplexAnalysis } from './analysisJob';
import type { AnalysisResult } from './analysisProtocol';
import { InProcessRunner, type AnalysisRunner } from './analysisRunner';
import { log } from './log';
import { readSettings, reportSettingWarnings, type Settings } from './settings';

export interface Entry {
  uri: vscode.Uri;
  version: number;
  analysis: DocumentAnalysis;
  settings: Settings;
  /** Set when the file was too large to analyse. */
  tooLarge?: { sizeKb: number; limitKb: number };
  ms: number;
}

interface Job {
  version: number;
  generation: number;
  notify: boolean;
  source: vscode.CancellationTokenSource;
  promise: Promise<Entry | undefined>;
}

const LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'dockercompose']);

export class AnalysisService implements vscode.Disposable {
  private readonly cache = new Map<string, Entry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly emitter = new vscode.EventEmitter<Entry | { uri: vscode.Uri; cleared: true }>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** Bumped on every scalingPlanner settings change; an entry is reusable only from its generation. */
  private generation = 0;
  private readonly generations = new WeakMap<Entry, number>();
  /** Documents found not to be configs, by version and settings generation: not parsed again until they change. */
  private readonly notConfigs = new Map<string, { version: number; generation: number }>();

  /** The run in flight per document (at most one: a newer version cancels the older). */
  private readonly pending = new Map<string, Job>();
  private readonly inProcess = new InProcessRunner();

  constructor(private readonly runner: AnalysisRunner) {
    const w = vscode.workspace;
    this.disposables.push(
      w.onDidOpenTextDocument((d) => this.schedule(d, 'open')),
      w.onDidSaveTextDocument((d) => this.schedule(d, 'save')),
      w.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        this.dropStale(e.document);
        if (readSettings(e.document).run === 'onType') this.schedule(e.document, 'type');
      }),
      w.onDidCloseTextDocument((d) => this.clear(d.uri)),
      w.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('scalingPlanner')) return;
        this.generation++;
        for (const d of w.textDocuments) {
          if (e.affectsConfiguration('scalingPlanner', d.uri)) this.schedule(d, 'settings');
        }
      }),
    );
  }

  /** Whether a document may be a training config (before reading its content). */
  isCandidate(doc: vscode.TextDocument, s: Settings = readSettings(doc)): boolean {
    if (!s.enable) return false;
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'git' || doc.uri.scheme === 'vscode-settings') return false;
    if (!LANGUAGES.has(doc.languageId) && !/\.(ya?ml|json)$/i.test(doc.fileName)) return false;
    if (LOCKFILE.test(doc.fileName)) return false;
    if (s.exclude.some((g) => vscode.languages.match({ pattern: g }, doc) > 0)) return false;
    return s.include.some((g) => vscode.languages.match({ pattern: g }, doc) > 0) || doc.isUntitled;
  }

  schedule(doc: vscode.TextDocument, reason: 'open' | 'save' | 'type' | 'settings' | 'command'): void {
    const s = readSettings(doc);
    if (!this.isCandidate(doc, s)) {
      if (this.cache.has(doc.uri.toString())) this.clear(doc.uri);
      return;
    }
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    if (reason === 'type') {
      this.timers.set(
        key,
        setTimeout(() => {
          this.timers.delete(key);
          void this.run(doc, true, true);
        }, s.debounceMs),
      );
    } else void this.run(doc, true, reason === 'save');
  }

  /**
   * The last finished analysis of the document, whatever version it was for; never analyses.
   * For surfaces that follow what was last published (status, webviews).
   */
  get(doc: vscode.TextDocument): Entry | undefined {
    return this.cache.get(doc.uri.toString());
  }

  /**
   * The analysis of the document's current version: the cached one, else the pending one, else a
   * new run that is not announced (diagnostics follow scalingPlanner.run; a provider asking between
   * saves must not re-publish them). Resolves undefined for non-configs, or once `token` fires.
   */
  analysed(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<Entry | undefined> {
    const key = doc.uri.toString();
    const e = this.cache.get(key);
    if (e && e.version === doc.version && this.generations.get(e) === this.generation) return Promise.resolve(e);
    const n = this.notConfigs.get(key);
    if (n && n.version === doc.version && n.generation === this.generation) return Promise.resolve(undefined);
    if (!this.isCandidate(doc)) return Promise.resolve(undefined);
    const pending = this.run(doc, false, true);
    if (!token) return pending;
    if (token.isCancellationRequested) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const sub = token.onCancellationRequested(() => resolve(undefined));
      void pending.then((r) => {
        sub.dispose();
        resolve(r);
      });
    });
  }

  /** Cached entry without recomputing (for surfaces that follow the last published result). */
  peek(uri: vscode.Uri): Entry | undefined {
    return this.cache.get(uri.toString());
  }

  entries(): Entry[] {
    return [...this.cache.values()];
  }

  /** Where analyses run, for the log and tests. */
  get runsIn(): string {
    return this.runner.where;
  }

  /**
   * Analyse (and announce when `notify`). With `reuse`, a result a provider already computed for
   * this exact version under the current settings is announced instead of analysing again (after
   * typing, the editor has usually asked for hints of the version that is then saved). A request
   * for the same version and settings joins the pending one; one for a newer version drops it.
   */
  private run(doc: vscode.TextDocument, notify = true, reuse = false): Promise<Entry | undefined> {
    if (doc.isClosed) return Promise.resolve(undefined);
    const key = doc.uri.toString();
    const cached = reuse ? this.cache.get(key) : undefined;
    if (cached && cached.version === doc.version && this.generations.get(cached) === this.generation) {
      if (notify) this.emitter.fire(cached);
      return Promise.resolve(cached);
    }
    const running = this.pending.get(key);
    if (running && running.version === doc.version && running.generation === this.generation) {
      running.notify ||= notify;
      return running.promise;
    }
    running?.source.cancel();
    const settings = readSettings(doc);
    reportSettingWarnings(settings, log());
    const job: Job = { version: doc.version, generation: this.generation, notify, source: new vscode.CancellationTokenSource(), promise: Promise.resolve(undefined) };
    const request = { text: doc.getText(), fileName: doc.fileName.split(/[\\/]/).pop() ?? doc.fileName, maxFileSizeKb: settings.maxFileSizeKb, options: settings.options };
    // A file above the size limit is only sniffed, never parsed: no need to copy it to a worker.
    const runner = oversize(request.text, request.maxFileSizeKb) ? this.inProcess : this.runner;
    job.promise = runner.analyze(request, job.source.token).then((r) => this.finish(doc, job, settings, r));
    this.pending.set(key, job);
    return job.promise;
  }

  /** An edit made the pending run's version stale: cancel it (a queued one never runs). */
  private dropStale(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const job = this.pending.get(key);
    if (!job || job.version === doc.version) return;
    job.source.cancel();
    this.pending.delete(key);
  }

  /** Caches (and announces) a result unless a newer version or a close made it stale. */
  private finish(doc: vscode.TextDocument, job: Job, settings: Settings, r: AnalysisResult): Entry | undefined {
    const key = doc.uri.toString();
    if (this.pending.get(key) === job) this.pending.delete(key);
    job.source.dispose();
    if (r.kind === 'cancelled' || doc.isClosed || doc.version !== job.version) return undefined;
    if (r.kind === 'failed') {
      // The analysis is total on any input; this only reports a bug without taking the host down.
      log().error(`analysis failed for ${key}: ${r.error}`);
      return undefined;
    }
    if (r.kind === 'not-config') return this.notAConfig(doc, job.version, job.generation);
    const entry: Entry =
      r.kind === 'too-complex'
        ? { uri: doc.uri, version: job.version, settings, ms: r.limitMs, analysis: tooComplexAnalysis(r.limitMs) }
        : { uri: doc.uri, version: job.version, settings, ms: r.ms, analysis: r.analysis, ...(r.tooLarge ? { tooLarge: r.tooLarge } : {}) };
    this.notConfigs.delete(key);
    this.cache.set(key, entry);
    this.generations.set(entry, job.generation);
    log().debug(`analysed ${key} v${job.version} (${r.kind === 'too-complex' ? 'too complex' : (entry.analysis.dialect ?? entry.analysis.kind)}) in ${entry.ms} ms, ${this.runner.where}`);
    // Only scheduled runs (open, save, debounced typing, settings, command) are announced.
    if (job.notify) this.emitter.fire(entry);
    return entry;
  }

  private notAConfig(doc: vscode.TextDocument, version: number, generation: number): undefined {
    if (this.cache.has(doc.uri.toString())) this.clear(doc.uri);
    this.notConfigs.set(doc.uri.toString(), { version, generation });
    return undefined;
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.notConfigs.delete(key);
    this.pending.get(key)?.source.cancel();
    this.pending.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (this.cache.delete(key)) this.emitter.fire({ uri, cleared: true });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const j of this.pending.values()) j.source.cancel();
    this.runner.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
