// The shape of one CLI subcommand, so each lives in its own module and the dispatcher is a table.

/** Where a command writes; the dispatcher supplies process.stdout/stderr, tests supply buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether text output may use ANSI colour (stdout is a TTY and NO_COLOR is unset). */
  color?: boolean;
}

export interface CliCommand {
  /** The word after `scaling-planner`, e.g. `analyze`. */
  name: string;
  /** One line for the top-level usage. */
  summary: string;
  /** The text `scaling-planner NAME --help` prints. */
  help: string;
  /** Exit code: 0 success, 1 findings at or above the threshold (check), 2 usage or input errors. */
  run(argv: string[], io: CliIo): number | Promise<number>;
}

/** A bad flag, value or input file: the dispatcher prints its message as one line and exits 2. */
export class CliUsageError extends Error {}

/** A command's --json output: indented, one trailing newline. */
export const json = (obj: unknown): string => JSON.stringify(obj, null, 2) + '\n';

/** What a command prints: `obj` as --json output, or its text. */
export function emitJsonOrText(asJson: boolean, obj: unknown, text: string): string {
  return asJson ? json(obj) : text;
}

/** Text lines, each ending in a newline. */
export const textLines = (lines: readonly string[]): string => lines.map((l) => `${l}\n`).join('');

/** Caveats under an answer in text output, one `warning: …` line each. */
export const warningLines = (w: readonly string[]): string => textLines(w.map((x) => `warning: ${x}`));
