// Which files `check` analyses: the editor's candidates (scalingPlanner.files.include/exclude,
// YAML or JSON, never a lockfile) under the given folders or globs, skipping node_modules and .git.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CliUsageError } from './command';
import { matchesAny, globToRegExp } from './glob';
import { LOCKFILE } from '../read/files';
import type { CheckSettings } from './workspace';

/** Package-manager lockfiles, never a config (src/read/files.ts, the editor's test too). */
export { LOCKFILE };
const CONFIG_EXT = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);
const GLOB_CHARS = /[*?{[]/;

const posix = (p: string): string => p.split(sep).join('/');

/** Whether the editor would consider a file (before its content decides). */
export function isCandidate(abs: string, s: CheckSettings): boolean {
  if (!CONFIG_EXT.test(abs) || LOCKFILE.test(abs)) return false;
  const rel = posix(relative(s.root, abs));
  const paths = [rel, posix(abs)];
  if (paths.some((p) => matchesAny(p, s.exclude))) return false;
  return paths.some((p) => matchesAny(p, s.include));
}

function walk(dir: string, visit: (abs: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folders are skipped, as the editor's file search does
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const abs = join(dir, e.name);
    // Symbolic links are not followed (no loops, nothing outside the tree); devices and FIFOs are never read.
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(abs, visit);
    } else if (e.isFile()) visit(abs);
  }
}

/** The folder a glob's matches lie under: its leading segments without glob characters. */
function globBase(glob: string): string {
  const parts = posix(glob).split('/');
  const fixed: string[] = [];
  for (const p of parts) {
    if (GLOB_CHARS.test(p)) break;
    fixed.push(p);
  }
  return fixed.join('/') || (glob.startsWith('/') ? '/' : '.');
}

export interface Target {
  /** Absolute path. */
  abs: string;
  /** As printed: relative to the working directory when below it. */
  shown: string;
  /** Named on the command line (so not subject to the include globs). */
  explicit: boolean;
}

/** Every file to analyse for `check PATH|GLOB …`, once each, in a stable order. */
export function discover(args: string[], s: CheckSettings, cwd: string): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  const shown = (abs: string): string => {
    const rel = relative(cwd, abs);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? posix(rel) : abs;
  };
  const add = (abs: string, explicit: boolean): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, shown: shown(abs), explicit });
  };
  for (const arg of args.length ? args : ['.']) {
    const abs = resolve(cwd, arg);
    if (existsSync(abs)) {
      let isDir = false;
      try {
        isDir = statSync(abs).isDirectory();
      } catch {
        // a dangling link: reported as missing below
      }
      if (isDir) walk(abs, (f) => isCandidate(f, s) && add(f, false));
      // Named files skip the include globs (pre-commit passes every staged YAML), never the exclusions.
      else if (!LOCKFILE.test(abs) && !matchesAny(posix(relative(s.root, abs)), s.exclude)) add(abs, true);
      continue;
    }
    if (!GLOB_CHARS.test(arg)) throw new CliUsageError(`cannot read ${arg}: no such file or folder`);
    const re = globToRegExp(posix(isAbsolute(arg) ? arg : relative(cwd, abs)));
    const base = resolve(cwd, globBase(arg));
    walk(base, (f) => {
      const rel = isAbsolute(arg) ? posix(f) : posix(relative(cwd, f));
      if (re.test(rel) && CONFIG_EXT.test(f) && !LOCKFILE.test(f) && !matchesAny(posix(relative(s.root, f)), s.exclude)) add(f, false);
    });
  }
  return out;
}
