// What a reader returns: the canonical run, where each value came from, and what it could not read.

import type { FieldOrBlock } from '../engine/fields';
import type { RunDescription, Severity } from '../engine/types';
import type { Span } from './yamlDoc';

export type DialectId = 'plan' | 'gpt-neox' | 'olmo' | 'llm-foundry' | 'nemo' | 'torchtune' | 'axolotl' | 'litgpt' | 'hf-config';

/** tokenizer: a vocabulary from the built-in tokenizer table; lookup: a model from the model table. */
export type Origin = 'file' | 'comment' | 'setting' | 'derived' | 'lookup' | 'tokenizer' | 'default';

/** A field or block id of the registry (engine/fields.ts FieldId, BlockId), as the readers name it. */
export type SourceKey = FieldOrBlock;

export interface FieldSource {
  /** Range of the value in the file (absent for facts from settings or lookups). */
  span?: Span;
  keySpan?: Span;
  origin: Origin;
  /** Dialect key path as written, e.g. "model.n_layers", for hovers. */
  key?: string;
  /** Source text exactly as written (number style for quick fixes). */
  text?: string;
  note?: string;
  /**
   * The file value at `span` times `scale` gives the canonical value (tokens = train_iters x
   * batch x seq has scale batch x seq); a quick fix writes canonical / scale there.
   */
  scale?: number;
  /** Other values this one was derived from (tokens = steps x batch x seq). */
  inputs?: Array<{ key: string; span: Span }>;
}

export interface ReadProblem {
  code: 'yaml-syntax' | 'invalid-value' | 'unresolved' | 'unknown-model' | 'unknown-dialect' | 'too-large' | 'missing-facts' | 'unknown-key';
  severity: Severity;
  message: string;
  span?: Span;
  /** The field or plan block (fields.ts) the problem is about. */
  field?: SourceKey;
  /** For an unknown key: the plan key to write in its place at `span` (a typo of a key of the same block). */
  rename?: string;
}

/** Facts from outside the file that a reader may need while deriving values (world size for tokens). */
export interface ReadContext {
  /** Settings facts by canonical field (scalingPlanner.facts). */
  facts?: Record<string, string | number>;
  /** The device count from settings (scalingPlanner.hardware.count). */
  defaultCount?: number;
}

export interface ReadResult {
  dialect: DialectId;
  run: RunDescription;
  sources: Partial<Record<SourceKey, FieldSource>>;
  problems: ReadProblem[];
}
