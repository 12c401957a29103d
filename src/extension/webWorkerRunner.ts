// Analyses in web workers (the browser's web worker extension host: vscode.dev, github.dev,
// code-server): the web-worker transport of the shared worker pool (workerPool.ts), which owns the
// queue, deadline, restart and fallback. No vscode and no Node APIs here.
//
// The worker script (dist/web/analysisWorker.js) is read through the extension's own file access
// and started from a blob: URL. VS Code's web worker host lets an extension start nested workers
// (it wraps `new Worker(url)` in a blob that calls importScripts(url)), but refuses a
// `vscode-remote:` URL, which is what an extension installed on a server (code-server, Codespaces)
// has as its location; a blob: URL of the same script starts in every host.

import { InProcessRunner, type AnalysisRunner } from './analysisRunner';
import { WorkerPoolRunner, type PoolOptions, type StartWorker } from './workerPool';

/** The part of the DOM Worker the transport uses. */
export interface WebWorkerLike {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?(): void }) => void) | null;
  onmessageerror: ((e: unknown) => void) | null;
  postMessage(m: unknown): void;
  terminate(): void;
}

export type WebWorkerConstructor = new (url: string, options?: { name?: string }) => WebWorkerLike;

/** Starts a web worker on the URL `scriptUrl` resolves to (asked on every start). */
export function webWorkerStarter(scriptUrl: () => Promise<string>, WorkerCtor: WebWorkerConstructor): StartWorker {
  return (listener) => {
    let worker: WebWorkerLike | undefined;
    let ended = false;
    scriptUrl()
      .then((url) => {
        if (ended) return;
        const w = new WorkerCtor(url, { name: 'scaling-planner-analysis' });
        worker = w;
        w.onmessage = (e) => listener.message(e.data);
        w.onerror = (e) => {
          e.preventDefault?.(); // reported here, not as an uncaught error of the extension host
          listener.error(`error: ${e.message || 'the worker script did not load'}`);
        };
        w.onmessageerror = () => listener.error('a message from the worker could not be read');
      })
      .catch((e: unknown) => listener.error(`cannot start: ${(e as Error)?.message ?? String(e)}`));
    return {
      postMessage: (m) => {
        if (!worker) throw new Error('the worker has not started');
        worker.postMessage(m);
      },
      terminate: () => {
        ended = true;
        worker?.terminate();
        worker = undefined;
      },
    };
  };
}

interface BlobUrls {
  createObjectURL(blob: unknown): string;
  revokeObjectURL(url: string): void;
}

export class WebWorkerRunner extends WorkerPoolRunner {
  private readonly revoke: () => void;

  /** `readScript` gives the bytes of dist/web/analysisWorker.js; read once, on the first start. */
  constructor(readScript: () => Promise<Uint8Array>, WorkerCtor: WebWorkerConstructor, urls: BlobUrls, options: PoolOptions = {}) {
    let url: Promise<string> | undefined;
    const scriptUrl = (): Promise<string> =>
      (url ??= readScript().then((bytes) => urls.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }))));
    super(webWorkerStarter(scriptUrl, WorkerCtor), 'web worker', options);
    this.revoke = () => void url?.then((u) => urls.revokeObjectURL(u), () => undefined);
  }

  override dispose(): void {
    super.dispose();
    this.revoke();
  }
}

/** A web-worker runner where this host can start web workers, else the in-process one (said once). */
export function createWebRunner(readScript: () => Promise<Uint8Array>, options: PoolOptions = {}): AnalysisRunner {
  const g = globalThis as { Worker?: WebWorkerConstructor; URL?: Partial<BlobUrls>; Blob?: unknown };
  const urls = g.URL;
  if (typeof g.Worker !== 'function' || typeof g.Blob !== 'function' || typeof urls?.createObjectURL !== 'function' || typeof urls.revokeObjectURL !== 'function') {
    options.info?.('analyses run in process (this host cannot start web workers)');
    return new InProcessRunner();
  }
  return new WebWorkerRunner(readScript, g.Worker, urls as BlobUrls, options);
}
