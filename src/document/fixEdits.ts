// Text edits for quick fixes: replace only the scalars a fix changes, in the user's number
// style, rename a mistyped key, and insert suppression comments. Pure: offsets in, offsets and
// text out.

import type { SuggestedFix } from '../engine/types';
import type { DocumentAnalysis, Located } from './analyzeDocument';
import { fieldSpec } from '../engine/fields';
import { formatLike } from './numberStyle';
import type { FieldSource } from '../read/types';
import type { Span } from '../read/yamlDoc';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** The edit that renames an unknown key to the plan key it is a typo of, in the key's own quotes; undefined when there is none. */
export function renameKeyEdit(text: string, l: Pick<Located, 'rename' | 'span'>): TextEdit | undefined {
  if (!l.rename) return undefined;
  const current = text.slice(l.span.start, l.span.end);
  const q = /^(['"]).*\1$/.exec(current)?.[1] ?? '';
  return { span: l.span, newText: `${q}${l.rename}${q}` };
}

/** Edits for a suggested fix; fields the file does not state are left alone. */
export function fixEdits(a: DocumentAnalysis, text: string, fix: SuggestedFix): TextEdit[] {
  const sources = a.read?.sources ?? {};
  const edits: TextEdit[] = [];
  const seen = new Set<number>();
  const inserts: string[] = [];
  for (const v of fix.values) {
    const src = sources[v.field];
    if (!src?.span && a.dialect === 'plan' && canInsert(v.field, fix, sources)) {
      const edit = insertPlanKey(text, sources, v.field, typeof v.value === 'number' ? formatLike('0', v.value) : String(v.value));
      if (edit && !inserts.includes(v.field)) {
        inserts.push(v.field);
        edits.push(edit);
      }
      continue;
    }
    if (!src?.span || seen.has(src.span.start)) continue;
    if (src.origin !== 'file' && !(src.origin === 'derived' && src.scale)) continue;
    const current = text.slice(src.span.start, src.span.end);
    let newText: string;
    if (typeof v.value === 'number') {
      const kind = fieldSpec(v.field)?.kind;
      const scaled = v.value / (src.scale ?? 1);
      newText = formatLike(current, scaled, { integer: kind !== 'fraction' && kind !== 'number' && kind !== 'usd' });
    } else newText = /^(['"]).*\1$/.test(current.trim()) ? `${current.trim()[0]}${v.value}${current.trim()[0]}` : String(v.value);
    if (newText === current) continue;
    seen.add(src.span.start);
    edits.push({ span: src.span, newText });
  }
  return edits.sort((x, y) => x.span.start - y.span.start);
}

/** Shape fields are only added where the file describes a shape, and params only where it does not. */
function canInsert(field: string, fix: SuggestedFix, sources: Record<string, FieldSource>): boolean {
  const hasShape = !!sources['model.layers'] || !!sources['model.d_model'];
  if (field === 'model.params') return !hasShape;
  if (field.startsWith('model.')) return hasShape && !!sources[field];
  void fix;
  return field.split('.').length === 2;
}

/** Add `key: value` under its block in a plan file (creating the block at the end if needed). */
function insertPlanKey(text: string, sources: Record<string, { span?: Span; keySpan?: Span }>, field: string, value: string): TextEdit | undefined {
  const [block, key] = field.split('.');
  if (!block || !key) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const at = sources[block]?.keySpan ?? sources[block]?.span;
  if (!at) {
    const sep = text.length && !text.endsWith('\n') ? eol : '';
    return { span: { start: text.length, end: text.length }, newText: `${sep}${block}:${eol}  ${key}: ${value}${eol}` };
  }
  const line = lineBounds(text, at.start);
  const blockIndent = /^\s*/.exec(text.slice(line.start, line.end))![0].length;
  const nextStart = text.indexOf('\n', line.end) + 1;
  let indent = blockIndent + 2;
  if (nextStart > 0) {
    const next = text.slice(nextStart, lineBounds(text, nextStart).end);
    const n = /^\s*/.exec(next)![0].length;
    if (next.trim() && n > blockIndent) indent = n;
  }
  if (/\{\s*\}\s*$/.test(text.slice(at.end, line.end)) || /:\s*\S/.test(text.slice(at.end, line.end).replace(/#.*$/, ''))) return undefined; // flow mapping: leave it
  return { span: { start: line.end, end: line.end }, newText: `${eol}${' '.repeat(indent)}${key}: ${value}` };
}

function lineBounds(text: string, offset: number): Span {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end };
}

/** "# scaling-planner-disable-line CODE" at the end of the line holding `offset`. */
export function suppressLineEdit(text: string, offset: number, code: string): TextEdit {
  const line = lineBounds(text, offset);
  const content = text.slice(line.start, line.end);
  const m = /#\s*scaling-planner-disable-line\b(.*)$/.exec(content);
  if (m) {
    const at = line.start + m.index + m[0].length;
    return { span: { start: at, end: at }, newText: m[1].trim() ? `, ${code}` : ` ${code}` };
  }
  return { span: { start: line.end, end: line.end }, newText: ` # scaling-planner-disable-line ${code}` };
}

/** "# scaling-planner-disable CODE" at the top of the file (extending an existing one). */
export function suppressFileEdit(text: string, code: string): TextEdit {
  const m = /^#\s*scaling-planner-disable(?!-)(.*)$/m.exec(text);
  if (m) {
    const at = m.index + m[0].length;
    return { span: { start: at, end: at }, newText: m[1].trim() ? `, ${code}` : ` ${code}` };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { span: { start: 0, end: 0 }, newText: `# scaling-planner-disable ${code}${eol}` };
}
