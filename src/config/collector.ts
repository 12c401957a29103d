// Shared by every reader: reads values at YAML paths into canonical fields, recording where
// each came from and a problem for each value it could not use.

import { emptyRun, type FieldId, type RunDescription } from '../engine/types';
import { parseQuantity, type QuantityKind } from './quantity';
import type { DialectId, FieldSource, ReadProblem, ReadResult } from './types';
import type { Hit, Span, YamlView } from './yamlDoc';

/** Hydra/OmegaConf interpolation or a mandatory-missing marker: unknown, never an error. */
export function isUnresolved(v: unknown): boolean {
  return typeof v === 'string' && (/\$\{[^}]*\}/.test(v) || v.trim() === '???');
}

export type Path = Array<string | number>;

export class Collector {
  readonly run: RunDescription = emptyRun();
  readonly sources: Record<FieldId, FieldSource> = {};
  readonly problems: ReadProblem[] = [];

  constructor(
    readonly view: YamlView,
    readonly dialect: DialectId,
  ) {}

  hit(path: Path): Hit | undefined {
    return this.view.get(path);
  }

  /** First path that exists. */
  first(paths: Path[]): { path: Path; hit: Hit } | undefined {
    for (const path of paths) {
      const hit = this.view.get(path);
      if (hit) return { path, hit };
    }
    return undefined;
  }

  record(field: FieldId, path: Path, hit: Hit, note?: string): void {
    this.sources[field] = { span: hit.span, keySpan: hit.keySpan, origin: 'file', key: path.join('.'), text: hit.source, note };
  }

  /** A block (mapping) whose key anchors findings about fields it does not contain. */
  block(field: FieldId, path: Path): void {
    const hit = this.view.get(path);
    if (hit?.keySpan) this.sources[field] = { span: hit.keySpan, keySpan: hit.keySpan, origin: 'file', key: path.join('.') };
  }

  private unresolved(field: FieldId, path: Path, hit: Hit): void {
    this.problems.push({
      code: 'unresolved',
      severity: 'information',
      message: `${path.join('.')} = ${String(hit.value)} is resolved at launch time; ${field} is treated as unknown.`,
      span: hit.span,
      field,
    });
  }

  /** Raw scalar at the first existing path, or undefined (null and unresolved values count as absent). */
  raw(paths: Path[], field: FieldId): { path: Path; hit: Hit } | undefined {
    const f = this.first(paths);
    if (!f || f.hit.value === null || f.hit.value === undefined) return undefined;
    if (isUnresolved(f.hit.value)) {
      this.unresolved(field, f.path, f.hit);
      return undefined;
    }
    return f;
  }

  num(paths: Path | Path[], field: FieldId, kind: QuantityKind, set?: (v: number) => void): number | undefined {
    const list = (Array.isArray(paths[0]) ? paths : [paths]) as Path[];
    const f = this.raw(list, field);
    if (!f) return undefined;
    const p = parseQuantity(f.hit.value, kind);
    if (!p.ok) {
      this.problems.push({ code: 'invalid-value', severity: 'error', message: `${f.path.join('.')}: ${p.error}.`, span: f.hit.span, field });
      return undefined;
    }
    this.record(field, f.path, f.hit);
    set?.(p.value);
    return p.value;
  }

  str(paths: Path | Path[], field: FieldId, set?: (v: string) => void): string | undefined {
    const list = (Array.isArray(paths[0]) ? paths : [paths]) as Path[];
    const f = this.raw(list, field);
    if (!f) return undefined;
    if (typeof f.hit.value === 'object') return undefined;
    const v = String(f.hit.value);
    this.record(field, f.path, f.hit);
    set?.(v);
    return v;
  }

  bool(paths: Path | Path[], field: FieldId, set?: (v: boolean) => void): boolean | undefined {
    const list = (Array.isArray(paths[0]) ? paths : [paths]) as Path[];
    const f = this.raw(list, field);
    if (!f) return undefined;
    const v = f.hit.value;
    const b = typeof v === 'boolean' ? v : typeof v === 'string' ? /^(true|yes|on|1)$/i.test(v) ? true : /^(false|no|off|0)$/i.test(v) ? false : undefined : typeof v === 'number' ? v !== 0 : undefined;
    if (b === undefined) {
      this.problems.push({ code: 'invalid-value', severity: 'error', message: `${f.path.join('.')}: expected true or false, got ${JSON.stringify(v)}.`, span: f.hit.span, field });
      return undefined;
    }
    this.record(field, f.path, f.hit);
    set?.(b);
    return b;
  }

  /** A value computed from others (tokens = steps x batch x seq); its range is the first input's. */
  derived(field: FieldId, inputs: Array<{ key: string; span: Span }>, note: string): void {
    if (!inputs.length) return;
    this.sources[field] = { span: inputs[0].span, origin: 'derived', key: inputs[0].key, note, inputs };
  }

  /** A fact from a lookup table (model name, tokenizer). */
  lookup(field: FieldId, note: string, span?: Span, key?: string): void {
    this.sources[field] = { span, origin: 'lookup', note, key };
  }

  missing(field: FieldId, message: string, span?: Span): void {
    this.problems.push({ code: 'missing-facts', severity: 'information', message, field, span });
  }

  result(): ReadResult {
    return { dialect: this.dialect, run: this.run, sources: this.sources, problems: this.problems };
  }
}
