// scaling-planner analyze FILE: the editor's report for one config.

import { basename } from 'node:path';
import { analyzeText } from '../../document/analyzeDocument';
import { DEFAULT_MAX_BYTES } from '../../read/read';
import { renderText } from '../../engine';
import { num, parseFlags } from '../args';
import { paintSeverity } from '../color';
import { CliUsageError, type CliCommand } from '../command';
import { checkedFile } from '../findings';
import { formatOf, renderFindings } from '../formats';
import { notConfigError, readConfigText } from '../input';
import { lawOf } from '../laws';

const DIALECT_LIST = 'plan, gpt-neox, olmo, llm-foundry, nemo, torchtune, axolotl, litgpt, hf-config';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'the report for one config (FILE, or - for standard input)',
  help: `scaling-planner analyze FILE [--format text|json|sarif|markdown] [--json] [--law L] [--accelerator ID] [--count N] [--mfu X] [--price USD] [--stdin-name NAME]

The report the editor shows for one training config: parameters, FLOPs, the law's optimum, memory,
time, cost and CO2, then every finding as FILE:LINE:COLUMN. FILE "-" reads standard input; its
dialect is detected from its content, or from --stdin-name (e.g. run.plan.yaml).
Flags override what the file states. --json is --format json.
Exit status: 0, 1 when a finding is an error, 2 on bad input.`,
  run(argv, io) {
    const { flags, positionals } = parseFlags(argv, ['json', 'format', 'law', 'accelerator', 'count', 'mfu', 'price', 'stdin-name'], 1);
    if (flags.help) return io.out(analyzeCommand.help + '\n'), 0;
    const format = formatOf(flags);
    const file = positionals[0];
    if (!file) throw new CliUsageError('analyze needs a FILE');
    const text = readConfigText(file, DEFAULT_MAX_BYTES);
    const name = file === '-' ? String(flags['stdin-name'] ?? 'stdin.yaml') : basename(file);
    const a = analyzeText(text, name, {
      anySyntaxError: true,
      overrides: {
        law: flags.law !== undefined ? lawOf(flags) : undefined,
        accelerator: flags.accelerator as string | undefined,
        count: num(flags, 'count'),
        mfu: num(flags, 'mfu'),
        pricePerHour: num(flags, 'price'),
      },
    });
    const label = file === '-' ? name : file;
    if (a.kind === 'off') return io.out(format === 'json' ? '{"off":true}\n' : `${label}: turned off by a # scaling-planner: off comment\n`), 0;
    if (a.kind === 'none' && a.notConfig) throw notConfigError(file, a.notConfig);
    if (a.kind === 'none') throw new CliUsageError(`${label} is not a training config this tool reads (${DIALECT_LIST})`);
    const checked = checkedFile(label, text, a);
    if (a.kind === 'fatal') {
      const f = checked.findings[0];
      throw new CliUsageError(`${label}:${f.line}:${f.column}: ${f.message}`);
    }
    const hasError = checked.findings.some((f) => f.severity === 'error');
    if (format === 'json') {
      const findings = checked.findings.map(({ code, severity, message, field, line, column, fix, rename, edits }) => ({ code, severity, message, field, line, column, fix, rename, edits }));
      io.out(JSON.stringify({ file: label, dialect: a.dialect, ...a.report!, findings }, null, 2) + '\n');
    } else if (format === 'text') {
      let out = renderText({ ...a.report!, findings: [] }, a.dialect);
      if (checked.findings.length) {
        out += '\nFindings\n' + checked.findings.map((f) => `  ${label}:${f.line}:${f.column} ${paintSeverity(f.severity, io.color)} ${f.code}: ${f.message}`).join('\n') + '\n';
      }
      io.out(out);
    } else io.out(renderFindings(format, [checked]));
    return hasError ? 1 : 0;
  },
};
