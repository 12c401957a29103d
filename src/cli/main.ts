// scaling-planner: the same report as the editor, for terminals, CI and scripts.

import { readFileSync, statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { analyzeText } from '../config/analyzeDocument';
import { DEFAULT_MAX_BYTES } from '../config/read';
import { parseQuantity, type QuantityKind } from '../config/quantity';
import { lineCol } from '../config/yamlDoc';
import { coefficientsOf, isLawId, LAWS, lossAt, optimalFor, DEFAULT_LAW } from '../engine/laws';
import { dataConstrainedLoss, muennighoffCaveat } from '../engine/dataConstrained';
import { planBudget, PlanError } from '../engine/plan';
import { extrapolationWarning } from '../engine/fitRange';
import { checkValue } from '../engine/validate';
import { renderText } from '../engine/render';
import { fmtCount, fmtDays, fmtFlops, fmtUsd } from '../engine/format';
import type { LawId } from '../engine/types';

export class UsageError extends Error {}

const USAGE = `usage:
  scaling-planner analyze FILE [--json] [--law L] [--accelerator ID] [--count N] [--mfu X] [--price USD]
  scaling-planner optimal --flops C [--law L] [--json]
  scaling-planner loss --params N --tokens D [--unique-tokens U] [--law L] [--json]
  scaling-planner plan (--budget-usd X | --gpu-hours H | --flops C | --days T) --accelerator ID [--count N] [--mfu X] [--price USD] [--law L] [--unique-tokens U] [--inference-tokens T] [--json]
laws: epoch (default), chinchilla, chinchilla-tex, chinchilla-a1, kaplan`;

const FLAGS: Record<string, QuantityKind | 'string' | 'bool'> = {
  json: 'bool', law: 'string', accelerator: 'string', count: 'count', mfu: 'fraction', price: 'usd', flops: 'count',
  params: 'count', tokens: 'count', 'unique-tokens': 'count', 'budget-usd': 'usd', 'gpu-hours': 'count', days: 'days',
  'inference-tokens': 'count', help: 'bool',
};

/**
 * The plan key whose range each numeric flag must respect (validate.ts RULES, the bounds a plan file
 * gets): --count a whole number 1–1e7, --mfu 0.001–1, --price 0–1e4, --unique-tokens 1–1e18, ...
 */
const FLAG_FIELDS: Record<string, string> = {
  count: 'hardware.count', mfu: 'hardware.mfu', price: 'hardware.price_per_hour', flops: 'budget.flops',
  params: 'model.params', tokens: 'data.tokens', 'unique-tokens': 'data.unique_tokens', 'budget-usd': 'budget.usd',
  'gpu-hours': 'budget.gpu_hours', days: 'budget.days', 'inference-tokens': 'inference.tokens',
};

interface Args {
  command: string;
  positional: string[];
  opts: Record<string, number | string | boolean>;
}

export function parseArgs(argv: string[]): Args {
  const [command = 'help', ...rest] = argv;
  const positional: string[] = [];
  const opts: Args['opts'] = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    let [name, value] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = FLAGS[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'bool') {
      opts[name] = true;
      continue;
    }
    if (value === undefined) {
      value = rest[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
    }
    if (kind === 'string') opts[name] = value;
    else {
      const p = parseQuantity(value, kind);
      if (!p.ok) throw new UsageError(`--${name}: ${p.error}`);
      const bad = FLAG_FIELDS[name] ? checkValue(FLAG_FIELDS[name], p.value) : undefined;
      if (bad) throw new UsageError(`--${name} ${value}: ${bad}`);
      opts[name] = p.value;
    }
  }
  return { command, positional, opts };
}

function lawOf(opts: Args['opts']): LawId {
  const l = opts.law ?? DEFAULT_LAW;
  if (!isLawId(l)) throw new UsageError(`unknown law "${String(l)}" (epoch, chinchilla, chinchilla-tex, chinchilla-a1, kaplan)`);
  return l;
}

const num = (o: Args['opts'], k: string): number | undefined => (typeof o[k] === 'number' ? (o[k] as number) : undefined);

function need(o: Args['opts'], k: string): number {
  const v = num(o, k);
  if (v === undefined) throw new UsageError(`--${k} is required`);
  return v;
}

/**
 * Caveats printed with an answer (and under `warnings` in --json): outside the law's fitted range,
 * or Muennighoff et al.'s decay constants applied with another base law.
 */
function warningsFor(law: LawId, params: number, tokens: number, subject: string, dataConstrained = false): string[] {
  const w: string[] = [];
  const range = extrapolationWarning(law, params, tokens);
  if (range) w.push(`${subject} ${range}`);
  if (dataConstrained) w.push(muennighoffCaveat(LAWS[law].name));
  return w;
}

const warningLines = (w: string[]): string => w.map((x) => `warning: ${x}\n`).join('');

export interface CliResult {
  stdout: string;
  code: number;
}

export function run(argv: string[]): CliResult {
  const { command, positional, opts } = parseArgs(argv);
  const json = opts.json === true;
  const out = (obj: unknown, text: string): CliResult => ({ stdout: json ? JSON.stringify(obj, null, 2) + '\n' : text, code: 0 });
  switch (command) {
    case 'analyze': {
      const file = positional[0];
      if (!file) throw new UsageError('analyze needs a FILE');
      let stat: Stats;
      try {
        stat = statSync(file);
      } catch {
        throw new UsageError(`cannot read ${file}: no such file`);
      }
      if (stat.isDirectory()) throw new UsageError(`${file} is a directory; give a config file`);
      if (stat.size > DEFAULT_MAX_BYTES) throw new UsageError(`${file} is ${(stat.size / 1024).toFixed(0)} KB, above the ${DEFAULT_MAX_BYTES / 1024} KB limit`);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const a = analyzeText(text, basename(file), {
        anySyntaxError: true,
        overrides: {
          law: opts.law !== undefined ? lawOf(opts) : undefined,
          accelerator: opts.accelerator as string | undefined,
          count: num(opts, 'count'),
          mfu: num(opts, 'mfu'),
          pricePerHour: num(opts, 'price'),
        },
      });
      if (a.kind === 'off') return { stdout: json ? '{"off":true}\n' : `${file}: turned off by a # scaling-planner: off comment\n`, code: 0 };
      if (a.kind === 'none') throw new UsageError(`${file} is not a training config this tool reads (plan, gpt-neox, olmo, llm-foundry, nemo, torchtune, axolotl, litgpt, hf-config)`);
      if (a.kind === 'fatal') {
        const at = lineCol(text, a.located[0].span.start);
        throw new UsageError(`${file}:${at.line + 1}:${at.character + 1}: ${a.located[0].message}`);
      }
      const report = a.report!;
      const findings = a.located.map((l) => {
        const at = lineCol(text, l.span.start);
        return { code: l.code, severity: l.severity, message: l.message, field: l.field ?? null, line: at.line + 1, column: at.character + 1, fix: l.finding?.fix ?? null };
      });
      const hasError = findings.some((f) => f.severity === 'error');
      const obj = { file, dialect: a.dialect, ...report, findings };
      let text2 = renderText({ ...report, findings: [] }, a.dialect);
      if (findings.length) {
        text2 += '\nFindings\n' + findings.map((f) => `  ${file}:${f.line}:${f.column} ${f.severity} ${f.code}: ${f.message}`).join('\n') + '\n';
      }
      return { ...out(obj, text2), code: hasError ? 1 : 0 };
    }
    case 'optimal': {
      const law = lawOf(opts);
      const flops = need(opts, 'flops');
      const o = optimalFor(LAWS[law], flops);
      const warnings = warningsFor(law, o.params, o.tokens, 'the optimum is');
      return out(
        { law, flops, params: o.params, tokens: o.tokens, tokensPerParam: o.tokens / o.params, loss: o.loss, ...(warnings.length ? { warnings } : {}) },
        `${LAWS[law].name} at ${fmtFlops(flops)} FLOPs: ${fmtCount(o.params)} params on ${fmtCount(o.tokens)} tokens (${(o.tokens / o.params).toFixed(1)} tokens/param), loss ${o.loss.toFixed(4)}\n${warningLines(warnings)}`,
      );
    }
    case 'loss': {
      const law = lawOf(opts);
      const N = need(opts, 'params');
      const D = need(opts, 'tokens');
      const U = num(opts, 'unique-tokens');
      const l = LAWS[law];
      const coeffs = coefficientsOf(l);
      if (U !== undefined && !coeffs) throw new UsageError('--unique-tokens needs a parametric law (not kaplan)');
      const loss = U !== undefined ? dataConstrainedLoss(coeffs!, N, D, U) : lossAt(l, N, D);
      const warnings = warningsFor(law, N, D, 'the run is', U !== undefined);
      return out(
        { law, params: N, tokens: D, ...(U !== undefined ? { uniqueTokens: U } : {}), loss, ...(warnings.length ? { warnings } : {}) },
        `${l.name}: L(${fmtCount(N)}, ${fmtCount(D)}) = ${loss.toFixed(4)}\n${warningLines(warnings)}`,
      );
    }
    case 'plan': {
      const acc = opts.accelerator;
      if (typeof acc !== 'string') throw new UsageError('--accelerator is required');
      try {
        const p = planBudget({
          usd: num(opts, 'budget-usd'), gpuHours: num(opts, 'gpu-hours'), flops: num(opts, 'flops'), days: num(opts, 'days'),
          accelerator: acc, count: num(opts, 'count'), mfu: num(opts, 'mfu'), pricePerHour: num(opts, 'price'), law: lawOf(opts),
          uniqueTokens: num(opts, 'unique-tokens'), inferenceTokens: num(opts, 'inference-tokens'),
        });
        const lines = [
          `Plan (${LAWS[p.law].name}) on ${p.count} × ${p.accelerator} at ${(p.mfu * 100).toFixed(0)}% MFU`,
          `  compute     ${fmtFlops(p.flops)} FLOPs`,
          `  model       ${fmtCount(p.params)} params on ${fmtCount(p.tokens)} tokens (${p.tokensPerParam.toFixed(1)} tokens/param)${p.dataConstrained ? ', limited by unique tokens' : ''}`,
          `  loss        ${p.loss.toFixed(4)}`,
          `  time        ${fmtCount(p.gpuHours)} GPU-hours, ${fmtDays(p.wallClockDays)} wall clock`,
          `  cost        ${p.usd === null ? '—' : fmtUsd(p.usd)}`,
        ];
        if (p.inferenceAware) lines.push(`  inference   ${fmtCount(p.inferenceAware.params)} params on ${fmtCount(p.inferenceAware.tokens)} tokens saves ${(p.inferenceAware.savingFraction * 100).toFixed(0)}% of lifetime FLOPs`);
        const warnings = warningsFor(p.law, p.params, p.tokens, 'the plan is', p.dataConstrained);
        return out(warnings.length ? { ...p, warnings } : p, lines.join('\n') + '\n' + warningLines(warnings));
      } catch (e) {
        if (e instanceof PlanError) throw new UsageError(e.message);
        throw e;
      }
    }
    case 'help':
    case '--help':
    case '-h':
      return { stdout: USAGE + '\n', code: 0 };
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

export function main(argv: string[]): number {
  try {
    const r = run(argv);
    process.stdout.write(r.stdout);
    return r.code;
  } catch (e) {
    // One line, no stack trace; usage errors point at the help text instead of printing it.
    const msg = e instanceof UsageError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
    const hint = e instanceof UsageError && /unknown (command|option)|required|needs/.test(msg) ? ' (scaling-planner help shows the usage)' : '';
    process.stderr.write(`scaling-planner: ${msg.replace(/\s*\n\s*/g, ' ')}${hint}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
