// YAML or JSON text -> canonical run, whichever dialect it is written in.

import { DIALECTS } from './dialects';
import type { Dialect } from './dialects/registry';
import type { DialectId, ReadContext, ReadResult } from './types';
import { complexityProblem, rootProblem, textProblem } from './limits';
import { parseYaml, YamlView, type ParsedYaml } from './yamlDoc';

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/** A detection score no other reader can beat. */
const CERTAIN = 100;

export interface Detection {
  dialect: Dialect;
  score: number;
}

export function detectDialect(parsed: ParsedYaml, fileName: string, dialects: Dialect[] = DIALECTS): Detection | undefined {
  let best: Detection | undefined;
  for (const d of dialects) {
    let score = 0;
    try {
      score = d.detect(new YamlView(parsed, d.keys), fileName);
    } catch {
      score = 0;
    }
    if (score > 0 && (!best || score > best.score)) best = { dialect: d, score };
    if (score >= CERTAIN) break; // the name alone decides (a *.plan.yaml): no other reader need look
  }
  return best;
}

export interface ReadOutcome {
  parsed: ParsedYaml;
  /** Undefined when the text is not a training config any reader knows. */
  result?: ReadResult;
  /** Syntax errors and size problems (reported once, without a cascade). */
  fatal?: { message: string; start: number; end: number };
  /** Why the text is not a training config whatever its name (empty, binary, no mapping at its top). */
  notConfig?: string;
}

/**
 * Why a text cannot be a training config whatever its file name (empty, whitespace only, NUL
 * bytes, UTF-16 read without decoding, no YAML mapping at its top), or undefined when it may be
 * one: the same rule readConfig applies (its `notConfig`). The CLI refuses such files with
 * notConfigMessage; the editor shows nothing for them.
 */
export function configTextProblem(text: string): string | undefined {
  return textProblem(text) ?? rootProblem(parseYaml(text).tree);
}

/** The one wording for a text that is not a training config: `NAME is not a training config: WHY`. */
export function notConfigMessage(name: string, why: string): string {
  return `${name} is not a training config: ${why}`;
}

/**
 * Top-level keys that mark a training config in text that does not parse (so detection on the
 * document cannot run): a broken Helm chart or mkdocs.yml is not ours to report.
 */
const CONFIG_KEY_HINT =
  /^(model|trainer|training|train|data|hardware|budget|optimizer|num_layers|num-layers|n_layers|hidden_size|hidden-size|base_model|model_name|model_config|max_duration|global_train_batch_size)\s*:|^[{\s]*"(model_type|num_hidden_layers|num[-_]layers|hidden[-_]size)"\s*:/m;

/** By name or by the keys its head writes, whether a text is a training config (before, or without, parsing it). */
export function looksLikeConfigText(text: string, fileName: string): boolean {
  return /\.plan\.ya?ml$/i.test(fileName) || CONFIG_KEY_HINT.test(text.slice(0, 65536));
}

/** Whether a file that failed to parse is still, by its name or the keys it writes, a training config. */
export function looksLikeConfig(parsed: ParsedYaml, fileName: string): boolean {
  return (!!parsed.tree && !!detectDialect(parsed, fileName)) || looksLikeConfigText(parsed.text, fileName);
}

export function readConfig(
  text: string,
  fileName: string,
  opts: { maxBytes?: number; dialect?: DialectId; ctx?: ReadContext; anySyntaxError?: boolean } = {},
): ReadOutcome {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > max) {
    return {
      parsed: { tree: null, text: '', problems: [] },
      fatal: { message: `File is ${(text.length / 1024).toFixed(0)} KB, above the ${(max / 1024).toFixed(0)} KB limit; not analysed.`, start: 0, end: 0 },
    };
  }
  const tooComplex = complexityProblem(text);
  // A big YAML file that is not a training config is not ours to report, too complex or not.
  if (tooComplex && !opts.dialect && !looksLikeConfigText(text, fileName)) return { parsed: { tree: null, text: '', problems: [] } };
  if (tooComplex) return { parsed: { tree: null, text: '', problems: [] }, fatal: { message: tooComplex, start: 0, end: 0 } };
  const badText = textProblem(text);
  if (badText) return { parsed: { tree: null, text, problems: [] }, notConfig: badText };
  const parsed = parseYaml(text);
  if (parsed.declined) {
    if (!opts.dialect && !looksLikeConfigText(text, fileName)) return { parsed };
    const d = parsed.declined;
    return { parsed, fatal: { message: d.message, start: d.span.start, end: d.span.end } };
  }
  if (parsed.problems.length) {
    // Only a training config gets a syntax diagnostic (the YAML extension reports the rest).
    if (!opts.anySyntaxError && !opts.dialect && !looksLikeConfig(parsed, fileName)) return { parsed };
    const p = parsed.problems[0];
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
    return { parsed, fatal: { message: `YAML syntax error: ${p.message}${more}`, start: p.span.start, end: p.span.end } };
  }
  const noMapping = rootProblem(parsed.tree);
  if (noMapping) return { parsed, notConfig: noMapping };
  const forced = opts.dialect ? DIALECTS.find((d) => d.id === opts.dialect) : undefined;
  const det = forced ? { dialect: forced, score: 1 } : detectDialect(parsed, fileName);
  if (!det) return { parsed };
  try {
    return { parsed, result: det.dialect.read(new YamlView(parsed, det.dialect.keys), fileName, opts.ctx) };
  } catch (e) {
    return { parsed, fatal: { message: `${det.dialect.label} reader could not read this file: ${(e as Error).message}`, start: 0, end: 0 } };
  }
}
