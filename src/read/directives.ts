// In-file comments that steer the analysis:
//   # scaling-planner: off                         turn the file off
//   # scaling-planner: accelerator=H100 count=64   facts the file does not state
//   # scaling-planner-disable under-trained        suppress findings in this file
//   value  # scaling-planner-disable-line code     suppress findings on this line

export interface Directives {
  off: boolean;
  /** Canonical field -> raw value, with the comment's offset. */
  facts: Array<{ field: string; value: string; start: number; end: number }>;
  fileSuppressions: Set<string>;
  /** Zero-based line -> codes suppressed on it ("*" = all). */
  lineSuppressions: Map<number, Set<string>>;
}

/** Short names accepted in fact comments, mapped to canonical fields. */
export const FACT_ALIASES: Record<string, string> = {
  params: 'model.params',
  vocab: 'model.vocab_size',
  vocab_size: 'model.vocab_size',
  seq_len: 'model.seq_len',
  layers: 'model.layers',
  d_model: 'model.d_model',
  heads: 'model.heads',
  kv_heads: 'model.kv_heads',
  ffn_hidden: 'model.ffn_hidden',
  tokens: 'data.tokens',
  unique_tokens: 'data.unique_tokens',
  accelerator: 'hardware.accelerator',
  gpu: 'hardware.accelerator',
  count: 'hardware.count',
  gpus: 'hardware.count',
  world_size: 'hardware.count',
  mfu: 'hardware.mfu',
  price_per_hour: 'hardware.price_per_hour',
  price: 'hardware.price_per_hour',
  pue: 'hardware.pue',
  grid_gco2_per_kwh: 'hardware.grid_gco2_per_kwh',
  power_w: 'hardware.power_w',
  budget_usd: 'budget.usd',
  usd: 'budget.usd',
  days: 'budget.days',
  inference_tokens: 'inference.tokens',
  law: 'law',
  precision: 'training.precision',
  zero_stage: 'training.zero_stage',
  micro_batch_size: 'training.micro_batch_size',
};

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
            const field = FACT_ALIASES[key] ?? (Object.values(FACT_ALIASES).includes(key) ? key : undefined);
            if (field) d.facts.push({ field, value: f[2].replace(/^["']|["']$/g, ''), start: offset + hash, end: offset + line.length });
          }
        }
      }
    }
    offset += raw.length + 1;
  }
  return d;
}
