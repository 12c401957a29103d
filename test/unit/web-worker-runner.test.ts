// The browser host's analysis runner: the web-worker transport of the shared pool, and the web
// worker bundle itself. The bundle (dist/web/analysisWorker.js) runs here in a bare V8 context
// with only a worker's postMessage/onmessage, and answers like the analysis in process.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { runAnalysis } from '../../src/extension/analysisJob';
import type { AnalysisRequest, FromWorker, ToWorker } from '../../src/extension/analysisProtocol';
import { InProcessRunner, type CancelToken } from '../../src/extension/analysisRunner';
import { createWebRunner, WebWorkerRunner, type WebWorkerLike } from '../../src/extension/webWorkerRunner';

const ROOT = join(__dirname, '../../..');
const BUNDLE = join(ROOT, 'dist/web/analysisWorker.js');
const PLAN = readFileSync(join(ROOT, 'examples/llama-7b.plan.yaml'), 'utf8');
const request = (text: string, fileName = 'run.plan.yaml'): AnalysisRequest => ({ text, fileName, maxFileSizeKb: 1024, options: { law: 'epoch', maxBytes: 1024 * 1024 } });
const never: CancelToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };

/** The dist/web/analysisWorker.js bundle in its own V8 context: postMessage in, onmessage out. */
function bundleWorker(onMessage: (m: FromWorker) => void): { post(m: ToWorker): void } {
  const scope: { onmessage: ((e: { data: unknown }) => void) | null; postMessage(m: unknown): void } = {
    onmessage: null,
    // Structured clone, as postMessage does.
    postMessage: (m) => onMessage(structuredClone(m) as FromWorker),
  };
  const ctx = createContext(scope);
  runInContext(readFileSync(BUNDLE, 'utf8'), ctx, { filename: BUNDLE });
  return { post: (m) => scope.onmessage?.({ data: structuredClone(m) }) };
}

/** A Worker constructor over bundleWorker, recording what it was asked to start. */
function fakeWorkerClass(log: { urls: string[]; terminated: number }, fail = false) {
  return class implements WebWorkerLike {
    onmessage: WebWorkerLike['onmessage'] = null;
    onerror: WebWorkerLike['onerror'] = null;
    onmessageerror: WebWorkerLike['onmessageerror'] = null;
    private readonly inner?: { post(m: ToWorker): void };
    private dead = false;
    constructor(url: string) {
      log.urls.push(url);
      if (fail) {
        setTimeout(() => this.onerror?.({ message: '' }), 0);
        return;
      }
      this.inner = bundleWorker((m) => setTimeout(() => this.dead || this.onmessage?.({ data: m }), 0));
    }
    postMessage(m: unknown): void {
      const msg = m as ToWorker;
      if (msg.request.fileName === 'hang.plan.yaml') return; // a worker stuck in a runaway analysis
      this.inner?.post(msg);
    }
    terminate(): void {
      this.dead = true;
      log.terminated++;
    }
  };
}

function blobUrls() {
  const made: unknown[] = [];
  const revoked: string[] = [];
  return {
    made,
    revoked,
    createObjectURL: (blob: unknown) => (made.push(blob), `blob:test/${made.length}`),
    revokeObjectURL: (u: string) => void revoked.push(u),
  };
}

describe('web worker runner', () => {
  before(function () {
    if (!existsSync(BUNDLE)) throw new Error('run `node scripts/build.mjs` first: dist/web/analysisWorker.js is missing');
  });

  it('the web worker bundle says ready, then answers each request like the analysis in process', () => {
    const got: FromWorker[] = [];
    const w = bundleWorker((m) => got.push(m));
    assert.deepEqual(got, [{ type: 'ready' }]);
    for (const [i, name] of ['llama-7b.plan.yaml', 'mixtral-moe.plan.yaml', 'repeated-data.plan.yaml'].entries()) {
      const req = request(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
      w.post({ type: 'analyze', id: i + 1, request: req });
      const reply = got[i + 1];
      const local = runAnalysis(req);
      assert.ok(reply.type === 'result' && reply.id === i + 1 && reply.result.kind === 'done' && local.kind === 'done', name);
      assert.deepEqual(reply.result.analysis, structuredClone(local.analysis), name);
    }
    w.post({ type: 'analyze', id: 9, request: request('services:\n  web: {}\n', 'docker-compose.yml') });
    assert.deepEqual(got.at(-1), { type: 'result', id: 9, result: { kind: 'not-config' } });
  });

  it('starts the worker from a blob: URL of the script, read once however often the worker restarts', async () => {
    const log = { urls: [] as string[], terminated: 0 };
    const urls = blobUrls();
    let reads = 0;
    const readScript = async () => (reads++, new Uint8Array(readFileSync(BUNDLE)));
    const info: string[] = [];
    const runner = new WebWorkerRunner(readScript, fakeWorkerClass(log), urls, { deadlineMs: 50, maxWorkers: 1, info: (m) => info.push(m) });
    try {
      const r = await runner.analyze(request(PLAN, 'llama-7b.plan.yaml'), never);
      assert.equal(r.kind, 'done');
      assert.deepEqual(await runner.analyze(request('x: 1\n', 'hang.plan.yaml'), never), { kind: 'too-complex', limitMs: 50 });
      assert.equal((await runner.analyze(request(PLAN), never)).kind, 'done');
      assert.equal(reads, 1);
      assert.deepEqual(log.urls, ['blob:test/1', 'blob:test/1']);
      assert.equal(log.terminated, 1);
      assert.equal(runner.where, 'web worker');
      assert.deepEqual(info, ['analyses run in a web worker']);
    } finally {
      runner.dispose();
    }
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(urls.revoked, ['blob:test/1']);
  });

  it('a worker script that does not load, or cannot be read: analyses run in process', async () => {
    for (const [label, readScript, fail] of [
      ['load error', async () => new Uint8Array(readFileSync(BUNDLE)), true],
      ['unreadable', () => Promise.reject(new Error('ENOENT dist/web/analysisWorker.js')), false],
    ] as const) {
      const warnings: string[] = [];
      const runner = new WebWorkerRunner(readScript, fakeWorkerClass({ urls: [], terminated: 0 }, fail), blobUrls(), { log: (m) => warnings.push(m) });
      try {
        assert.equal((await runner.analyze(request(PLAN), never)).kind, 'done', label);
        assert.equal(runner.where, 'in process (web workers did not start)', label);
        assert.equal(warnings.length, 1, label);
        assert.match(warnings[0], fail ? /the worker script did not load/ : /cannot start: ENOENT/, label);
      } finally {
        runner.dispose();
      }
    }
  });

  it('a host without Worker (or Blob URLs): the in-process runner, said once', () => {
    // Node has Blob and URL.createObjectURL but no Worker global.
    assert.equal(typeof (globalThis as { Worker?: unknown }).Worker, 'undefined');
    const info: string[] = [];
    const runner = createWebRunner(async () => new Uint8Array(), { info: (m) => info.push(m) });
    assert.ok(runner instanceof InProcessRunner);
    assert.deepEqual(info, ['analyses run in process (this host cannot start web workers)']);
  });
});
