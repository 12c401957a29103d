// In-file comments that steer the analysis:
//   # scaling-planner: off                         turn the file off
//   # scaling-planner: accelerator=H100 count=64   facts the file does not state
//   # scaling-planner-disable under-trained        suppress findings in this file
//   value  # scaling-planner-disable-line code     suppress findings on this line

import { FACT_ALIASES, factField, type FieldId } from '../engine/fields';

export interface Directives {
  off: boolean;
  /** Canonical field -> raw value, with the comment's offset. */
  facts: Array<{ field: FieldId; value: string; start: number; end: number }>;
  fileSuppressions: Set<string>;
  /** Zero-based line -> codes suppressed on it ("*" = all). */
  lineSuppressions: Map<number, Set<string>>;
}

/** Short names accepted in fact comments (the registry's aliases), mapped to canonical fields. */
export { FACT_ALIASES };

const COMMENT = /#\s*scaling-planner(-disable(?:-line|-next-line)?)?\s*:?\s*(.*)$/;

export function parseDirectives(text: string): Directives {
  const d: Directives = { off: false, facts: [], fileSuppressions: new Set(), lineSuppressions: new Map() };
  if (!text.includes('scaling-planner')) return d;
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw; // CRLF files
    const hash = line.search(/#\s*scaling-planner/);
    if (hash >= 0) {
      const m = COMMENT.exec(line.slice(hash));
      if (m) {
        const kind = m[1];
        const body = m[2].trim();
        const codes = body.split(/[\s,]+/).filter(Boolean);
        if (kind === '-disable') codes.length ? codes.forEach((c) => d.fileSuppressions.add(c)) : d.fileSuppressions.add('*');
        else if (kind === '-disable-line' || kind === '-disable-next-line') {
          const target = kind === '-disable-line' ? i : i + 1;
          const set = d.lineSuppressions.get(target) ?? new Set<string>();
          (codes.length ? codes : ['*']).forEach((c) => set.add(c));
          d.lineSuppressions.set(target, set);
        } else if (/^off\b/i.test(body)) d.off = true;
        else {
          const re = /([A-Za-z_.]+)\s*=\s*("[^"]*"|'[^']*'|[^\s,]+)/g;
          let f: RegExpExecArray | null;
          while ((f = re.exec(body))) {
            const key = f[1];
            const field = factField(key);
            if (field) d.facts.push({ field, value: f[2].replace(/^["']|["']$/g, ''), start: offset + hash, end: offset + line.length });
          }
        }
      }
    }
    offset += raw.length + 1;
  }
  return d;
}
