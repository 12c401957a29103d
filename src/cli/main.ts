// scaling-planner: the same report as the editor, for terminals, CI and scripts. A dispatcher over
// the table of subcommands in ./commands (each a CliCommand in its own module).

import { colorWanted } from './color';
import { CliUsageError, type CliCommand, type CliIo } from './command';
import { COMMANDS } from './commands';
import { LAW_LIST } from './laws';
import { fdWriter, stdoutIsTTY } from './stdio';
import { packageVersion } from './version';

/** The error a bad flag or input raises (exit 2); the name older callers import. */
export { CliUsageError as UsageError } from './command';

export function usage(commands: CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage:',
    ...commands.map((c) => `  ${c.help.split('\n')[0]}`),
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `laws: ${LAW_LIST}`,
    '`scaling-planner COMMAND --help` describes a command; `scaling-planner --version` prints the version.',
  ].join('\n');
}

/** Run one command line; a usage error is thrown (as CliUsageError), anything else is the command's exit code. */
export function dispatch(argv: string[], io: CliIo, commands: CliCommand[] = COMMANDS): number | Promise<number> {
  const [name = 'help', ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    if (rest.length) throw new CliUsageError(`unexpected argument "${rest[0]}"`);
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0] ? commands.find((c) => c.name === rest[0]) : undefined;
    if (rest[0] && !topic) throw new CliUsageError(`unknown command "${rest[0]}"`);
    io.out((topic ? topic.help : usage(commands)) + '\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new CliUsageError(name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`);
  return command.run(rest, io);
}

/** One line on stderr, no stack trace; usage errors point at the help text instead of printing it. */
function report(e: unknown, io: CliIo): number {
  const msg = e instanceof CliUsageError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
  const hint = e instanceof CliUsageError && /unknown (command|option)|required|needs|unexpected/.test(msg) ? ' (scaling-planner help shows the usage)' : '';
  io.err(`scaling-planner: ${msg.replace(/\s*\n\s*/g, ' ')}${hint}\n`);
  return 2;
}

const processIo = (): CliIo => ({
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  color: colorWanted(process.stdout),
});

/** The binary's own io: the descriptors written directly (no stream objects to create at start-up). */
const descriptorIo = (): CliIo => ({
  out: fdWriter(1),
  err: fdWriter(2),
  color: colorWanted({ get isTTY() { return stdoutIsTTY(); } }),
});

/** Exit code of a command line, writing to `io` (process stdout/stderr by default). */
export function main(argv: string[], io: CliIo = processIo()): number | Promise<number> {
  try {
    const r = dispatch(argv, io);
    return typeof r === 'number' ? r : r.catch((e: unknown) => report(e, io));
  } catch (e) {
    return report(e, io);
  }
}

export interface CliResult {
  stdout: string;
  code: number;
}

/** A synchronous command line with its output collected; bad input throws CliUsageError (for tests and scripts). */
export function run(argv: string[]): CliResult {
  let stdout = '';
  const code = dispatch(argv, { out: (t) => (stdout += t), err: () => undefined });
  if (typeof code !== 'number') throw new Error(`${argv[0]} runs asynchronously; use main()`);
  return { stdout, code };
}

/** The entry point of dist/cli.js. */
export function cliMain(): void {
  // The yaml library, which reads what the compact reader declines (a file with a syntax error while
  // it is typed), reads process.env on every token (about 0.2 µs each); a plain copy of this
  // process's environment reads in nanoseconds.
  process.env = { ...process.env };
  const r = main(process.argv.slice(2), descriptorIo());
  if (typeof r === 'number') process.exitCode = r;
  else void r.then((code) => (process.exitCode = code));
}

if (require.main === module) cliMain();
