// scaling-planner check [PATH|GLOB …]: every training config under the paths, for CI.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeText } from '../../document/analyzeDocument';
import { looksLikeConfigText } from '../../read/read';
import type { Severity } from '../../engine';
import { parseFlags } from '../args';
import { paintSeverity } from '../color';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { discover, type Target } from '../discover';
import { atOrAbove, checkedFile, SEVERITIES, tally, type CheckedFile } from '../findings';
import { formatOf, renderFindings } from '../formats';
import { decodeText, readFileBytes } from '../input';
import { loadCheckSettings, type CheckSettings } from '../workspace';

function head(abs: string, bytes: number): string {
  const fd = openSync(abs, 'r');
  try {
    const buf = new Uint8Array(bytes);
    return new TextDecoder().decode(buf.subarray(0, readSync(fd, buf, 0, bytes, 0)));
  } finally {
    closeSync(fd);
  }
}

/** A file above the size limit gets the editor's `too-large` information when it looks like a config. */
function tooLarge(t: Target, size: number, maxKb: number): CheckedFile | undefined {
  if (!looksLikeConfigText(head(t.abs, 65536), basename(t.abs))) return undefined;
  const message = `File is ${(size / 1024).toFixed(0)} KB, above the ${maxKb.toFixed(0)} KB limit; not analysed.`;
  return { file: t.shown, dialect: null, kind: 'fatal', findings: [{ code: 'too-large', severity: 'information', message, field: null, line: 1, column: 1, endLine: 1, endColumn: 1, fix: null, rename: null, edits: [] }] };
}

/** One file: its analysis, or undefined when it is not a training config (the editor shows nothing for those). */
function checkOne(t: Target, s: CheckSettings): CheckedFile | undefined {
  const max = s.maxFileSizeKb * 1024;
  let text: string;
  try {
    const size = statSync(t.abs).size;
    if (size > max) return tooLarge(t, size, s.maxFileSizeKb);
    text = decodeText(t.shown, readFileBytes(t.abs, max, t.shown));
  } catch (e) {
    // Named on the command line, an unreadable path is an input error; found in a tree, it is not a config.
    if (t.explicit && e instanceof CliUsageError && !/is not a training config/.test(e.message)) throw e;
    return undefined;
  }
  const a = analyzeText(text, basename(t.abs), { maxBytes: max, law: s.law });
  if (a.kind === 'none') return undefined;
  return checkedFile(t.shown, text, a, s.rules);
}

function textReport(files: CheckedFile[], looked: number, io: CliIo): string {
  const lines: string[] = [];
  for (const f of files) {
    if (f.kind === 'off') continue;
    for (const x of f.findings) lines.push(`${f.file}:${x.line}:${x.column} ${paintSeverity(x.severity, io.color)} ${x.code} ${x.message.replace(/\s*\n\s*/g, ' ')}`);
  }
  const t = tally(files);
  const counts = SEVERITIES.slice().reverse().map((s) => `${t[s]} ${s === 'information' ? 'information' : s + (t[s] === 1 ? '' : 's')}`);
  lines.push(`${files.length} training config${files.length === 1 ? '' : 's'} checked (${looked} file${looked === 1 ? '' : 's'} looked at): ${counts.join(', ')}`);
  return lines.join('\n') + '\n';
}

function jsonReport(files: CheckedFile[], looked: number): string {
  const t = tally(files);
  const out = files.map((f) => ({ file: f.file, dialect: f.dialect, kind: f.kind, ...(f.report ? { report: { ...f.report, findings: undefined } } : {}), findings: f.findings }));
  return JSON.stringify({ files: out, summary: { configs: files.length, filesLookedAt: looked, ...t } }, null, 2) + '\n';
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'every training config under the paths, for CI (SARIF, Markdown, JSON)',
  help: `scaling-planner check [PATH|GLOB …] [--format text|json|sarif|markdown] [--max-severity error|warning|information|hint]

Finds the training configs under each folder (default: the current one) or glob, the way the editor
does: scalingPlanner.files.include/exclude and scalingPlanner.rules from the nearest
.vscode/settings.json (or their defaults), never node_modules, .git or lockfiles, and only files
whose content is a config. Files named explicitly skip the include globs. Prints one line per finding,
FILE:LINE:COLUMN SEVERITY CODE MESSAGE, and a summary.
Exit status: 1 when a finding is at or above --max-severity (default error), 2 on bad input, else 0.`,
  run(argv, io) {
    const { flags, positionals } = parseFlags(argv, ['format', 'json', 'max-severity'], Infinity);
    if (flags.help) return io.out(checkCommand.help + '\n'), 0;
    const format = formatOf(flags);
    const threshold = (flags['max-severity'] ?? 'error') as Severity;
    if (!SEVERITIES.includes(threshold)) throw new CliUsageError(`--max-severity ${String(threshold)}: give error, warning, information or hint`);
    const cwd = process.cwd();
    const settings = loadCheckSettings(cwd);
    if (typeof settings === 'string') throw new CliUsageError(settings);
    const targets = discover(positionals, settings, cwd);
    const files = targets.map((t) => checkOne(t, settings)).filter((f): f is CheckedFile => !!f);
    if (format === 'text') io.out(textReport(files, targets.length, io));
    else if (format === 'json') io.out(jsonReport(files, targets.length));
    else io.out(renderFindings(format, files));
    return atOrAbove(files, threshold) ? 1 : 0;
  },
};
