// Sources for values the file does not write as such: a framework default, a value computed by
// the framework's own rule, a vocabulary from the tokenizer table.

import type { Collector, Got } from '../collector';
import type { SourceKey } from '../types';
import type { Span } from '../yamlDoc';

/** A value the framework supplies when the file leaves it out (recorded so hovers can say so). */
export function defaulted(c: Collector, field: SourceKey, note: string, span?: Span): void {
  if (c.sources[field]) return;
  c.sources[field] = { span, keySpan: span, origin: 'default', note };
}

/**
 * A canonical value computed from one file value by the framework's own rule (NeoX's gated MLP
 * width, OLMo's halved SwiGLU width). With `scale` (canonical = file value x scale) a quick fix
 * may rewrite the file value; without it, fixes leave the key alone.
 */
export function recordComputed(c: Collector, field: SourceKey, g: Got, note: string, scale?: number): void {
  c.sources[field] = { span: g.hit.span, keySpan: g.hit.keySpan, origin: 'derived', key: g.key, text: g.hit.source, note, inputs: [{ key: g.key, span: g.hit.span }], ...(scale !== undefined ? { scale } : {}) };
}

/** A vocabulary from the built-in tokenizer table (anchored on the tokenizer the file names). */
export function tokenizerVocab(c: Collector, field: SourceKey, note: string, span?: Span, key?: string): void {
  c.sources[field] = { span, origin: 'tokenizer', note, key };
}
