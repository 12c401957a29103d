// Dialect readers. Each scores how sure it is that a document is its own (0 = not mine);
// the highest score reads the file.

import type { DialectId, ReadContext, ReadResult } from '../types';
import type { KeyNormalizer, YamlView } from '../yamlDoc';

export interface Dialect {
  id: DialectId;
  label: string;
  /** Key normaliser for this dialect's lookups (GPT-NeoX: "-" == "_"). */
  keys?: KeyNormalizer;
  detect(view: YamlView, fileName: string): number;
  read(view: YamlView, fileName: string, ctx?: ReadContext): ReadResult;
}
