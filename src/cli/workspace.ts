// The scalingPlanner settings `check` honours from a folder's .vscode/settings.json (JSON with
// comments and trailing commas, as VS Code writes it): which files, rule severities, size limit, law.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RuleLevel } from '../document/display';
import { isLawId, type LawId } from '../engine';

import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_KB } from '../read/files';

/** The defaults of package.json `scalingPlanner.files.include/exclude` and `maxFileSizeKb` (src/read/files.ts). */
export { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_KB };

export interface CheckSettings {
  /** The folder the globs are relative to (the one holding .vscode/, else the working directory). */
  root: string;
  settingsFile: string | null;
  include: string[];
  exclude: string[];
  rules: Record<string, RuleLevel>;
  maxFileSizeKb: number;
  law?: LawId;
}

/** JSONC to JSON: comments out, trailing commas out, strings untouched. */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

const strList = (v: unknown, dflt: string[]): string[] => {
  if (typeof v === 'string') return v.trim() ? [v] : [];
  return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : dflt;
};
const LEVELS = new Set(['off', 'hint', 'information', 'warning', 'error']);

/** The nearest .vscode/settings.json from `start` upwards. */
function findSettings(start: string): string | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const f = join(dir, '.vscode', 'settings.json');
    if (existsSync(f)) return f;
    if (dirname(dir) === dir) return null;
  }
}

/** Settings for `check`, or a message naming the settings file that could not be read. */
export function loadCheckSettings(cwd: string): CheckSettings | string {
  const settingsFile = findSettings(cwd);
  const base: CheckSettings = { root: resolve(cwd), settingsFile, include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, rules: {}, maxFileSizeKb: DEFAULT_MAX_FILE_KB };
  if (!settingsFile) return base;
  let s: Record<string, unknown>;
  try {
    const parsed = JSON.parse(stripJsonComments(readFileSync(settingsFile, 'utf8')) || '{}') as unknown;
    s = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch (e) {
    return `cannot read ${settingsFile}: ${(e as Error).message.split('\n')[0]}`;
  }
  const rules = s['scalingPlanner.rules'];
  const kb = s['scalingPlanner.maxFileSizeKb'];
  const law = s['scalingPlanner.law'];
  return {
    ...base,
    root: dirname(dirname(settingsFile)),
    include: strList(s['scalingPlanner.files.include'], DEFAULT_INCLUDE),
    exclude: strList(s['scalingPlanner.files.exclude'], DEFAULT_EXCLUDE),
    rules: Object.fromEntries(
      Object.entries(rules && typeof rules === 'object' ? (rules as Record<string, unknown>) : {}).filter((e): e is [string, RuleLevel] => typeof e[1] === 'string' && LEVELS.has(e[1])),
    ),
    maxFileSizeKb: typeof kb === 'number' && Number.isFinite(kb) && kb >= 1 ? kb : DEFAULT_MAX_FILE_KB,
    law: typeof law === 'string' && isLawId(law) ? law : undefined,
  };
}
