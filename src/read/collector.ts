// Shared by every reader: reads values at YAML paths into canonical fields, recording where
// each came from and a problem for each value it could not use.

import { emptyRun, type RunDescription } from '../engine/types';
import { parseQuantity, type QuantityKind } from './quantity';
import { parseDirectives } from './directives';
import { boolOf } from './values';
import type { DialectId, FieldSource, ReadContext, ReadProblem, ReadResult, SourceKey } from './types';
import type { Hit, Span, YamlView } from './yamlDoc';

/** Hydra/OmegaConf interpolation or a mandatory-missing marker: unknown, never an error. */
export function isUnresolved(v: unknown): boolean {
  return typeof v === 'string' && (/\$\{[^}]*\}/.test(v) || v.trim() === '???');
}

export type Path = Array<string | number>;

/** A path and the node found there (Collector.first, or a block read by its pairs). */
export interface Found {
  path: Path;
  hit: Hit;
  /** The path joined with dots, when the finder has it already. */
  key?: string;
}

/** A number read from the file, with where it was written (for derived values and their inputs). */
export interface Got {
  value: number;
  path: Path;
  hit: Hit;
  /** The key path as written (for hovers and derived-value inputs). */
  key: string;
  /** The span of the number itself ("63900" in "63900ba"). */
  span: Span;
}

/** A fact the file does not state, from a `# scaling-planner:` comment or from settings. */
export interface ExternalFact {
  value: number | string;
  origin: 'comment' | 'setting';
  span?: Span;
}

export interface CollectorOptions {
  /** Resolve OmegaConf-style `${a.b}` / `${.sibling}` references to other keys of the same file. */
  interpolate?: boolean;
  ctx?: ReadContext;
}

const MAX_REF_HOPS = 8;
/** A whole-value reference such as `${variables.max_seq_len}`, `${model.encoder_seq_length}` or `${.encoder_seq_length}`. */
const REFERENCE = /^\$\{\s*(\.*)([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}$/;

/** A value as the file wrote it (at most 40 characters), for messages. */
export function written(view: YamlView, hit: Hit): string {
  const t = view.parsed.text.slice(hit.span.start, hit.span.end).trim();
  const tag = view.tagOf(hit);
  const tagged = tag ? ` (tagged ${tag.replace(/^tag:yaml\.org,2002:/, '!!')})` : '';
  if (!t) return `nothing${tagged}`;
  return `${JSON.stringify(t.length > 40 ? `${t.slice(0, 40)}…` : t)}${tagged}`;
}

/** One path or several (the first that exists wins). */
function pathList(paths: Path | Path[]): Path[] {
  return (Array.isArray(paths[0]) ? paths : [paths]) as Path[];
}

export class Collector {
  readonly run: RunDescription = emptyRun();
  readonly sources: Partial<Record<SourceKey, FieldSource>> = {};
  readonly problems: ReadProblem[] = [];
  private commentFacts?: Map<string, { value: string; start: number; end: number }>;

  constructor(
    readonly view: YamlView,
    readonly dialect: DialectId,
    readonly opts: CollectorOptions = {},
  ) {}

  hit(path: Path): Hit | undefined {
    return this.view.get(path);
  }

  /** First path that exists. */
  first(paths: Path[]): Found | undefined {
    for (const path of paths) {
      const hit = this.view.get(path);
      if (hit) return { path, hit };
    }
    return undefined;
  }

  record(field: SourceKey, path: Path, hit: Hit, note?: string): void {
    this.recordKey(field, path.join('.'), hit, note);
  }

  private recordKey(field: SourceKey, key: string, hit: Hit, note?: string): void {
    this.sources[field] = { span: hit.span, keySpan: hit.keySpan, origin: 'file', key, text: hit.source, note };
  }

  /** A block (mapping) whose key anchors findings about fields it does not contain; `hit`: the block as already found at `path`. */
  block(field: SourceKey, path: Path, hit: Hit | undefined = this.view.get(path)): void {
    if (hit?.keySpan) this.sources[field] = { span: hit.keySpan, keySpan: hit.keySpan, origin: 'file', key: path.join('.') };
  }

  private unresolved(field: SourceKey, path: Path, hit: Hit): void {
    this.problems.push({
      code: 'unresolved',
      severity: 'information',
      message: `${path.join('.')} = ${String(hit.value)} is resolved at launch time; ${field} is treated as unknown.`,
      span: hit.span,
      field,
    });
  }

  /** Raw scalar at the first existing path, or undefined (null and unresolved values count as absent). */
  raw(paths: Path[], field: SourceKey, found?: Found): Found | undefined {
    return this.rawAt(found ?? this.first(paths), field);
  }

  private rawAt(f: Found | undefined, field: SourceKey): Found | undefined {
    if (!f || f.hit.value === null || f.hit.value === undefined) return undefined;
    if (isUnresolved(f.hit.value)) {
      const target = this.opts.interpolate ? this.follow(f.path, f.hit) : undefined;
      if (target) return { path: f.path, hit: { ...target, keySpan: f.hit.keySpan } };
      this.unresolved(field, f.path, f.hit);
      return undefined;
    }
    return f;
  }

  /** The scalar at a path, through a `${...}` reference to another key of this file (no finding when it leads nowhere). */
  resolved(path: Path): Hit | undefined {
    const h = this.view.get(path);
    return h && isUnresolved(h.value) ? this.follow(path, h) : h;
  }

  /** The scalar a `${...}` reference points to in this file, if it is one (OmegaConf absolute and relative paths). */
  private follow(path: Path, hit: Hit): Hit | undefined {
    let at = path;
    let h: Hit | undefined = hit;
    for (let i = 0; i < MAX_REF_HOPS && h; i++) {
      if (typeof h.value !== 'string') return h.value === null || h.value === undefined ? undefined : h;
      const m = REFERENCE.exec(h.value.trim());
      if (!m) return isUnresolved(h.value) ? undefined : h;
      const dots = m[1].length;
      const rel = m[2].split('.');
      // "${.x}" is a sibling of the key holding the reference; each further dot goes one level up.
      const target: Path = dots ? [...at.slice(0, Math.max(0, at.length - dots)), ...rel] : rel;
      if (dots > at.length) return undefined;
      at = target;
      h = this.view.get(target);
    }
    return h && !isUnresolved(h.value) && h.value !== null && h.value !== undefined ? h : undefined;
  }

  num(paths: Path | Path[], field: SourceKey, kind: QuantityKind, set?: (v: number) => void): number | undefined {
    return this.numAt(this.first(pathList(paths)), field, kind, set);
  }

  /** num on a node already found. */
  numAt(found: Found | undefined, field: SourceKey, kind: QuantityKind, set?: (v: number) => void): number | undefined {
    const g = this.valueAt(found, field, kind);
    if (!g) return undefined;
    this.recordKey(field, g.key, g.hit);
    set?.(g.value);
    return g.value;
  }

  /** A number at the first existing path, recorded as the field's source; the number and where it was written. */
  got(paths: Path | Path[], field: SourceKey, kind: QuantityKind = 'count'): Got | undefined {
    const g = this.value(paths, field, kind);
    if (g) this.recordKey(field, g.key, g.hit);
    return g;
  }

  /** A number at the first existing path, without recording it as a field (inputs of derived values). */
  value(paths: Path | Path[], field: SourceKey, kind: QuantityKind = 'count'): Got | undefined {
    return this.valueAt(this.first(pathList(paths)), field, kind);
  }

  private valueAt(present: Found | undefined, field: SourceKey, kind: QuantityKind): Got | undefined {
    if (present && present.hit.value === undefined) {
      // A sequence or mapping (perhaps through an alias) where a number belongs: say so, on its range.
      const what = this.view.isSeqHit(present.hit) ? 'a sequence' : 'a mapping';
      this.problems.push({ code: 'invalid-value', severity: 'error', message: `${present.path.join('.')}: expected a number, found ${what}.`, span: present.hit.aliasSpan ?? present.hit.span, field });
      return undefined;
    }
    const f = this.rawAt(present, field);
    if (!f) return undefined;
    // A number YAML read as infinite or NaN (1e400, .inf) is judged on what the file wrote.
    const v = f.hit.value;
    const p = parseQuantity(typeof v === 'number' && !Number.isFinite(v) && f.hit.source ? f.hit.source.trim() : v, kind);
    if (!p.ok) {
      this.problems.push({ code: 'invalid-value', severity: 'error', message: `${f.path.join('.')}: ${p.error}.`, span: f.hit.span, field });
      return undefined;
    }
    return { value: p.value, path: f.path, hit: f.hit, key: f.key ?? f.path.join('.'), span: f.hit.span };
  }

  /** A comment fact (`# scaling-planner: gpus=64`) or a settings fact for a canonical field. */
  external(field: SourceKey): ExternalFact | undefined {
    if (!this.commentFacts) {
      this.commentFacts = new Map();
      for (const f of parseDirectives(this.view.parsed.text).facts) if (!this.commentFacts.has(f.field)) this.commentFacts.set(f.field, f);
    }
    const c = this.commentFacts.get(field);
    if (c) return { value: c.value, origin: 'comment', span: { start: c.start, end: c.end } };
    const s = this.opts.ctx?.facts?.[field];
    if (s !== undefined) return { value: s, origin: 'setting' };
    if (field === 'hardware.count' && this.opts.ctx?.defaultCount !== undefined) return { value: this.opts.ctx.defaultCount, origin: 'setting' };
    return undefined;
  }

  problem(code: ReadProblem['code'], severity: ReadProblem['severity'], message: string, span?: Span, field?: SourceKey): void {
    this.problems.push({ code, severity, message, span, field });
  }

  str(paths: Path | Path[], field: SourceKey, set?: (v: string) => void): string | undefined {
    return this.strAt(this.first(pathList(paths)), field, set);
  }

  /** str on a node already found. */
  strAt(found: Found | undefined, field: SourceKey, set?: (v: string) => void): string | undefined {
    const f = this.rawAt(found, field);
    if (!f) return undefined;
    if (typeof f.hit.value === 'object') return undefined;
    // A number as written (`accelerator: 1e400` is "1e400", not "Infinity").
    const v = typeof f.hit.value === 'number' && f.hit.source.trim() ? f.hit.source.trim() : String(f.hit.value);
    this.recordKey(field, f.key ?? f.path.join('.'), f.hit);
    set?.(v);
    return v;
  }

  bool(paths: Path | Path[], field: SourceKey, set?: (v: boolean) => void): boolean | undefined {
    return this.boolAt(this.first(pathList(paths)), field, set);
  }

  /** bool on a node already found. */
  boolAt(found: Found | undefined, field: SourceKey, set?: (v: boolean) => void): boolean | undefined {
    const f = this.rawAt(found, field);
    if (!f) return undefined;
    const b = boolOf(f.hit.value);
    if (b === undefined) {
      this.problems.push({ code: 'invalid-value', severity: 'error', message: `${f.path.join('.')}: expected true or false, got ${written(this.view, f.hit)}.`, span: f.hit.span, field });
      return undefined;
    }
    this.recordKey(field, f.key ?? f.path.join('.'), f.hit);
    set?.(b);
    return b;
  }

  /**
   * A value computed from others (tokens = steps x batch x seq); its range is the first input's.
   * With `scale`, a quick fix may rewrite that first input as canonical / scale.
   */
  derived(field: SourceKey, inputs: Array<{ key: string; span: Span }>, note: string, scale?: number): void {
    if (!inputs.length) return;
    this.sources[field] = { span: inputs[0].span, origin: 'derived', key: inputs[0].key, note, inputs, ...(scale !== undefined ? { scale } : {}) };
  }

  /** A fact from a lookup table (model name, tokenizer). */
  lookup(field: SourceKey, note: string, span?: Span, key?: string): void {
    this.sources[field] = { span, origin: 'lookup', note, key };
  }

  missing(field: SourceKey, message: string, span?: Span): void {
    this.problems.push({ code: 'missing-facts', severity: 'information', message, field, span });
  }

  result(): ReadResult {
    return { dialect: this.dialect, run: this.run, sources: this.sources, problems: this.problems };
  }
}
