// One analysis per document version, shared by every surface. Decides which documents are
// training configs, when to analyse (open/save or debounced typing) and drops stale results.

import * as vscode from 'vscode';
import { analyzeText, type DocumentAnalysis } from '../config/analyzeDocument';
import { oversize } from '../config/display';
import { looksLikeConfigText } from '../config/read';
import { log } from './log';
import { readSettings, type Settings } from './settings';

export interface Entry {
  uri: vscode.Uri;
  version: number;
  analysis: DocumentAnalysis;
  settings: Settings;
  /** Set when the file was too large to analyse. */
  tooLarge?: { sizeKb: number; limitKb: number };
  ms: number;
}

const LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'dockercompose']);
/** Package-manager lockfiles (`pnpm-lock.yaml`, `conda-lock.yml`, `x.lock.json`), never a config; `clock.yaml` is not one. */
export const LOCKFILE = /(^|[\\/])(package-lock\.json|npm-shrinkwrap\.json|[^\\/]*[.-]lock\.(ya?ml|json)|[^\\/]*\.lock)$/i;

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

  constructor() {
    const w = vscode.workspace;
    this.disposables.push(
      w.onDidOpenTextDocument((d) => this.schedule(d, 'open')),
      w.onDidSaveTextDocument((d) => this.schedule(d, 'save')),
      w.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && readSettings(e.document).run === 'onType') this.schedule(e.document, 'type');
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
          this.run(doc, true, true);
        }, s.debounceMs),
      );
    } else this.run(doc, true, reason === 'save');
  }

  /** The analysis for the document's current version (computed now if missing or stale). */
  get(doc: vscode.TextDocument): Entry | undefined {
    const e = this.cache.get(doc.uri.toString());
    if (e && e.version === doc.version) return e;
    const n = this.notConfigs.get(doc.uri.toString());
    if (n && n.version === doc.version && n.generation === this.generation) return undefined;
    if (!this.isCandidate(doc)) return undefined;
    return this.run(doc, false);
  }

  /** Cached entry without recomputing (for surfaces that follow the last published result). */
  peek(uri: vscode.Uri): Entry | undefined {
    return this.cache.get(uri.toString());
  }

  entries(): Entry[] {
    return [...this.cache.values()];
  }

  /**
   * Analyse (and announce when `notify`). With `reuse`, a result a provider already computed for
   * this exact version under the current settings is announced instead of analysing again (after
   * typing, the editor has usually asked for hints of the version that is then saved).
   */
  private run(doc: vscode.TextDocument, notify = true, reuse = false): Entry | undefined {
    if (doc.isClosed) return undefined;
    const cached = reuse ? this.cache.get(doc.uri.toString()) : undefined;
    if (cached && cached.version === doc.version && this.generations.get(cached) === this.generation) {
      if (notify) this.emitter.fire(cached);
      return cached;
    }
    const settings = readSettings(doc);
    const version = doc.version;
    const t0 = Date.now();
    let entry: Entry;
    try {
      const text = doc.getText();
      const tooLarge = oversize(text, settings.maxFileSizeKb);
      if (tooLarge) {
        if (!looksLikeConfigText(text, doc.fileName)) return this.notAConfig(doc, version);
        entry = {
          uri: doc.uri,
          version,
          settings,
          ms: Date.now() - t0,
          tooLarge,
          analysis: { kind: 'fatal', dialect: null, located: [], directives: { off: false, facts: [], fileSuppressions: new Set(), lineSuppressions: new Map() } },
        };
      } else {
        const analysis = analyzeText(text, doc.fileName.split(/[\\/]/).pop() ?? doc.fileName, settings.options);
        entry = { uri: doc.uri, version, analysis, settings, ms: Date.now() - t0 };
      }
    } catch (e) {
      // The engine is total on any input; this only guards against a bug taking the host down.
      log().error(`analysis failed for ${doc.uri.toString()}: ${(e as Error).stack ?? e}`);
      return undefined;
    }
    // A newer edit arrived while analysing: drop this result.
    if (doc.version !== version) return undefined;
    if (entry.analysis.kind === 'none' && !entry.tooLarge) return this.notAConfig(doc, version);
    this.notConfigs.delete(doc.uri.toString());
    this.cache.set(doc.uri.toString(), entry);
    this.generations.set(entry, this.generation);
    log().debug(`analysed ${doc.uri.toString()} v${version} (${entry.analysis.dialect ?? entry.analysis.kind}) in ${entry.ms} ms`);
    // Only scheduled runs (open, save, debounced typing, settings, command) are announced, so
    // diagnostics follow scalingPlanner.run; a provider asking for the current version between
    // saves gets a cached result without re-publishing diagnostics.
    if (notify) this.emitter.fire(entry);
    return entry;
  }

  private notAConfig(doc: vscode.TextDocument, version: number): undefined {
    if (this.cache.has(doc.uri.toString())) this.clear(doc.uri);
    this.notConfigs.set(doc.uri.toString(), { version, generation: this.generation });
    return undefined;
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.notConfigs.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (this.cache.delete(key)) this.emitter.fire({ uri, cleared: true });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.disposables.forEach((d) => d.dispose());
  }
}
