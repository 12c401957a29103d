// --format for every command that reports findings.

import type { FlagValues } from '../args';
import { CliUsageError } from '../command';
import type { CheckedFile } from '../findings';
import { toMarkdown } from './markdown';
import { toSarif } from './sarif';

export type Format = 'text' | 'json' | 'sarif' | 'markdown';
const FORMATS: Format[] = ['text', 'json', 'sarif', 'markdown'];

export function formatOf(flags: FlagValues): Format {
  const f = flags.format ?? (flags.json ? 'json' : 'text');
  if (!FORMATS.includes(f as Format)) throw new CliUsageError(`unknown format "${String(f)}" (text, json, sarif, markdown)`);
  if (flags.json && f !== 'json') throw new CliUsageError(`--json and --format ${String(f)} disagree; give one`);
  return f as Format;
}

/** SARIF or Markdown over any number of files (text and JSON are each command's own). */
export function renderFindings(format: 'sarif' | 'markdown', files: CheckedFile[]): string {
  return format === 'sarif' ? JSON.stringify(toSarif(files), null, 2) + '\n' : toMarkdown(files) + '\n';
}
