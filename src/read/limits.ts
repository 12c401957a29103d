// What the readers refuse before reading: text that is too complex to analyse in the editor's time
// budget, and text that cannot be a training config whatever its name (binary, empty, no mapping).
// Documented in README.md ("Limits") and docs/findings.md#too-large.

import type { YamlTree } from './yamlTree';
import { groupDigits } from '../engine/digits';

/**
 * At most this many entries (non-blank lines, comment lines included, plus flow-collection items
 * and openings) are read.
 * An entry costs the compact YAML parse a fraction of a µs and 20-40 bytes, but the readers and the
 * document layer up to a few µs more (a finding per unknown key): 20,000 entries keep any analysis
 * well inside 250 ms on a 2-core machine, and the YAML tree under 3× the text (real configs have
 * a few hundred lines; a 5,000-line config is about 7,000 entries).
 */
export const MAX_ENTRIES = 20_000;

/** Flow collections nested deeper than this are refused (the YAML composer recurses per level). */
export const MAX_FLOW_DEPTH = 256;

/**
 * Why a text is too complex to analyse, or undefined. One pass over the characters, stopping at
 * the limit: commas in comments do not count, quoted ones do (an estimate that errs on the safe side).
 */
export function complexityProblem(text: string, maxEntries = MAX_ENTRIES): string | undefined {
  // Every entry is counted on a character of its own (a line end, a comma, an opening), and every
  // level of nesting on an opening: a text shorter than the limit, with fewer openings than the
  // depth limit, is within both without a walk (nearly every config).
  if (text.length <= maxEntries && openings(text) <= MAX_FLOW_DEPTH) return undefined;
  let entries = 0;
  let depth = 0;
  let lineHasContent = false;
  let inComment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (lineHasContent) entries++;
      lineHasContent = false;
      inComment = false;
    } else if (inComment) {
      continue;
    } else if (c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      inComment = true; // a comment line counts (the parser steps over each), its commas do not
      lineHasContent = true;
    } else if (c === 44 /* , */) {
      entries++;
      lineHasContent = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      entries++;
      lineHasContent = true;
      if (++depth > MAX_FLOW_DEPTH) return `Collections are nested more than ${MAX_FLOW_DEPTH} levels deep; not analysed.`;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (depth > 0) depth--;
      lineHasContent = true;
    } else if (c > 32) {
      lineHasContent = true;
    }
    if (entries > maxEntries) {
      return `File is too complex to analyse: more than ${groupDigits(maxEntries)} entries (lines and list or map items); not analysed.`;
    }
  }
  return undefined;
}

/** The number of `[` and `{` in a text, up to one past the depth limit. */
function openings(text: string): number {
  let n = 0;
  for (const c of ['[', '{']) {
    for (let i = text.indexOf(c); i >= 0 && n <= MAX_FLOW_DEPTH; i = text.indexOf(c, i + 1)) n++;
  }
  return n;
}

/**
 * Why a text is not a training config whatever its file name, judged on the characters alone
 * (worded to follow `NAME is not a training config: `, see notConfigMessage in read.ts):
 * empty, whitespace only, NUL bytes (binary data, or UTF-16 read without decoding). Undefined when
 * the text may be one (then only a parse tells: see rootProblem).
 */
export function textProblem(text: string): string | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return 'it is empty';
  if (body.includes('\0')) {
    return /^\uFFFD\uFFFD|^\0/.test(body) || /^[^\0]\0[^\0]\0/.test(body)
      ? 'it looks like UTF-16 text read without decoding (NUL bytes between the characters); save it as UTF-8'
      : 'it holds NUL bytes (binary data, not YAML or JSON text)';
  }
  if (body.trim() === '') return 'it holds only whitespace';
  return undefined;
}

/** Why a parsed document is not a training config: its top is not a mapping of keys. */
export function rootProblem(tree: YamlTree | null): string | undefined {
  if (!tree) return undefined;
  const c = tree.root;
  if (tree.isMap(c)) return undefined;
  // No node at all, or the empty node a bare `---` opens: nothing but comments and markers.
  const empty = !tree.kind(c) || (tree.isScalar(c) && tree.value(c) === null && tree.start(c) === tree.end(c));
  if (empty) return 'it holds no YAML mapping (only comments or an empty document)';
  return 'it has no YAML mapping at its top (a training config is a mapping of keys)';
}
