// The findings list: what the Problems panel shows for the file (rules, suppression comments and
// downgrades applied by the document layer), or for a what-if run under the same decisions.

import type { ShownFinding } from '../../src/shared/findings';
import { h, replaceChildren } from '../dom';

export function renderFindings(el: HTMLElement, findings: readonly ShownFinding[]): void {
  // The general "missing facts" finding is worth a line only when the list is short.
  const items = findings.filter((f) => f.code !== 'missing-facts' || findings.length < 6);
  if (!items.length) {
    replaceChildren(el);
    el.hidden = true;
    return;
  }
  el.hidden = false;
  replaceChildren(
    el,
    h('h2', { class: 'visually-hidden' }, 'Findings'),
    h('ul', { class: 'finding-list' }, ...items.map((f) => h('li', { class: `finding sev-${f.severity}`, attrs: { 'data-code': f.code } }, h('span', { class: 'sev' }, f.severity), h('code', null, f.code), ' ', f.message))),
  );
}
