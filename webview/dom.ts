// Building the DOM without markup: every string becomes a text node (textContent), attributes go
// through setAttribute and never include event handlers or inline styles. A config value such as
// `<img src=x onerror=alert(1)>` therefore always shows as the text it is.

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
}

const FORBIDDEN_ATTR = /^(on|style$|srcdoc$)/i;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props | null, ...children: Child[]): HTMLElement;
export function h(tag: string, props?: Props | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (props?.class) el.className = props.class;
  if (props?.id) el.id = props.id;
  for (const [k, v] of Object.entries(props?.attrs ?? {})) {
    if (FORBIDDEN_ATTR.test(k)) throw new Error(`attribute ${k} is not allowed`);
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

let ids = 0;
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

// ---------------------------------------------------------------- controls (@vscode-elements)

export interface TextField extends HTMLElement {
  value: string;
  invalid: boolean;
  placeholder: string | undefined;
  disabled: boolean;
}

export interface SingleSelect extends HTMLElement {
  value: string;
}

export interface Button extends HTMLElement {
  disabled: boolean;
  secondary: boolean;
}

/** A labelled vscode-textfield; `hint` is a muted line under it (also its accessible description). */
export function textField(label: string, opts: { value?: string; placeholder?: string; hint?: string; id?: string } = {}): { wrap: HTMLElement; input: TextField; hint: HTMLElement } {
  const id = opts.id ?? uid('tf');
  const hintId = `${id}-hint`;
  const input = h('vscode-textfield', { id, attrs: { placeholder: opts.placeholder, 'aria-describedby': hintId } }) as TextField;
  if (opts.value !== undefined) input.value = opts.value;
  const hint = h('div', { class: 'hint', id: hintId }, opts.hint ?? '');
  const wrap = h('div', { class: 'field' }, h('vscode-label', { attrs: { for: id } }, label), input, hint);
  return { wrap, input, hint };
}

/** A labelled vscode-single-select over (value, label) options. */
export function select(label: string, options: Array<[string, string]>, value: string, opts: { id?: string; hint?: string } = {}): { wrap: HTMLElement; input: SingleSelect; hint: HTMLElement } {
  const id = opts.id ?? uid('sel');
  const input = h('vscode-single-select', { id }, ...options.map(([v, l]) => h('vscode-option', { attrs: { value: v, selected: v === value } }, l))) as SingleSelect;
  const hint = h('div', { class: 'hint' }, opts.hint ?? '');
  const wrap = h('div', { class: 'field' }, h('vscode-label', { attrs: { for: id } }, label), input, hint);
  return { wrap, input, hint };
}

export function button(label: string, onClick: () => void, opts: { secondary?: boolean; id?: string; title?: string } = {}): Button {
  const b = h('vscode-button', { id: opts.id, attrs: { secondary: !!opts.secondary, title: opts.title, 'aria-label': opts.title } }, label) as Button;
  b.addEventListener('click', () => {
    if (!b.disabled) onClick();
  });
  return b;
}

// ---------------------------------------------------------------- tables and lists

export type Cell = string | { text: string; class?: string };

/** A native table (the accessible twin of a chart, or a plain data table). */
export function table(caption: string, head: string[], rows: Cell[][], opts: { class?: string; rowClass?: (i: number) => string | undefined } = {}): HTMLTableElement {
  return h(
    'table',
    { class: `data ${opts.class ?? ''}`.trim() },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ...head.map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
    h(
      'tbody',
      null,
      ...rows.map((r, i) =>
        h(
          'tr',
          { class: opts.rowClass?.(i) },
          ...r.map((c, j) => {
            const cell = typeof c === 'string' ? { text: c } : c;
            return j === 0 ? h('th', { class: cell.class, attrs: { scope: 'row' } }, cell.text) : h('td', { class: cell.class }, cell.text);
          }),
        ),
      ),
    ),
  );
}

/** Label/value pairs as a description list. */
export function kv(pairs: Array<[string, Child, string?]>, cls = 'kv'): HTMLElement {
  return h('dl', { class: cls }, ...pairs.flatMap(([k, v, c]) => [h('dt', null, k), h('dd', { class: c }, v)]));
}
