// A command that answers once: its flags parsed, --help printed, and the answer written as --json
// output or as text. The lifecycle commands (distill, serve) are written this way.

import { parseFlags, type FlagValues } from './args';
import { emitJsonOrText, type CliCommand } from './command';

export interface AnswerSpec {
  name: string;
  summary: string;
  help: string;
  /** The flags it takes (--help is always allowed). */
  flags: string[];
  /** How many positional arguments it takes (default none). */
  positionals?: number;
  /** The answer: what --json prints, and the text printed otherwise. */
  answer(flags: FlagValues, positionals: string[]): { json: unknown; text: string };
}

export function answerCommand(spec: AnswerSpec): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    help: spec.help,
    run(argv, io) {
      const { flags, positionals } = parseFlags(argv, spec.flags, spec.positionals ?? 0);
      if (flags.help) return io.out(spec.help + '\n'), 0;
      const a = spec.answer(flags, positionals);
      io.out(emitJsonOrText(flags.json === true, a.json, a.text));
      return 0;
    },
  };
}
