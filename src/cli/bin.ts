// dist/cli.js: load the CLI bundle (dist/cli-main.js) with V8's code cache, so a start after the
// first skips compiling it. Node 22.1+ has module.enableCompileCache; on older Node the bundle is
// compiled through vm.Script with a cache file of its own in the temp folder. Any failure of the
// cache (read-only temp folder, a rejected cache) falls back to a plain start, silently.

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

interface CliMain {
  cliMain(): void;
}

const BUNDLE = join(__dirname, 'cli-main.js');

/** A cache folder only this user can write (a cache planted by someone else is never read). */
function cacheDir(): string {
  const uid = process.getuid?.() ?? 0;
  const dir = join(tmpdir(), `scaling-planner-cache-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = statSync(dir);
  if (st.uid !== uid || (st.mode & 0o022) !== 0) throw new Error('cache folder not private');
  return dir;
}

/** Compile the bundle with a code cache in a private temp folder; written after the run, when the functions it used are compiled. */
function loadCached(): CliMain {
  const st = statSync(BUNDLE);
  // One cache per command: each holds the functions its command compiled (analyze's are not --version's).
  const command = /^[a-z-]{1,20}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const cacheFile = join(cacheDir(), `v8-${process.version}-${st.size}-${Math.round(st.mtimeMs)}-${command}.cache`);
  let cachedData: Uint8Array | undefined;
  try {
    cachedData = new Uint8Array(readFileSync(cacheFile));
  } catch {
    // first start
  }
  const script = new Script((Module as unknown as { wrap(code: string): string }).wrap(readFileSync(BUNDLE, 'utf8')), { filename: BUNDLE, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}`;
        writeFileSync(tmp, new Uint8Array(script.createCachedData()));
        renameSync(tmp, cacheFile);
      } catch {
        // no cache this time
      }
    });
  }
  const mod = { exports: {} as CliMain };
  (script.runInThisContext() as (...a: unknown[]) => void)(mod.exports, createRequire(BUNDLE), mod, BUNDLE, __dirname);
  return mod.exports;
}

function load(): CliMain {
  const enable = (Module as unknown as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (enable) {
    try {
      enable();
    } catch {
      // start without the cache
    }
  } else {
    try {
      return loadCached();
    } catch {
      // fall through to a plain require
    }
  }
  return require('./cli-main.js') as CliMain;
}

load().cliMain();
