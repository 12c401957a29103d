// ANSI colour for severities, only when the output is a terminal and NO_COLOR is not set
// (https://no-color.org: any non-empty value turns colour off).

import type { Severity } from '../engine';

export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const CODES: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '2' };

export const paintSeverity = (s: Severity, on: boolean | undefined): string => (on ? `\u001b[${CODES[s]}m${s}\u001b[0m` : s);
