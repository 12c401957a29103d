// The what-if card: accelerator, devices, MFU, law, tokens and size as the user types them, parsed
// with the readers' quantity rules; "Apply to file" and "Reset"; the hints under each control.

import {
  DEFAULT_ACCELERATOR,
  findAccelerator,
  fmtCount,
  fmtPercent,
  isLawId,
  isShapeField,
  LAWS,
  whatIfValues,
  type FixValue,
  type Report,
  type WhatIf,
} from '../../src/engine';
import { parseQuantity } from '../../src/shared/quantity';
import { acceleratorHint, acceleratorIds, lawOptions, or } from '../common';
import { button, h, select, textField, type Button, type SingleSelect, type TextField } from '../dom';
import { post } from '../host';
import { panel } from './state';

let controls: Partial<Record<keyof WhatIf, TextField | SingleSelect>> = {};
let hints: Partial<Record<keyof WhatIf, HTMLElement>> = {};
let applyButton: Button | null = null;
let changesLine: HTMLElement | null = null;

/** The what-if values the controls hold, and the controls whose text does not parse. */
export function currentWhatIf(): { w: WhatIf; invalid: Set<keyof WhatIf> } {
  const w: WhatIf = {};
  const invalid = new Set<keyof WhatIf>();
  const r = panel.ui.raw;
  const num = (k: 'count' | 'tokens' | 'params' | 'mfu', kind: 'count' | 'fraction'): void => {
    const s = r[k];
    if (s === undefined) return;
    const p = parseQuantity(s, kind);
    if (!p.ok || !(p.value > 0) || (k === 'mfu' && p.value > 1)) invalid.add(k);
    else w[k] = p.value;
  };
  num('count', 'count');
  num('tokens', 'count');
  num('params', 'count');
  num('mfu', 'fraction');
  if (r.accelerator !== undefined) w.accelerator = r.accelerator;
  if (r.law !== undefined && isLawId(r.law)) w.law = r.law;
  return { w, invalid };
}

export function currentValues(): FixValue[] {
  return panel.config ? whatIfValues(panel.config.run, currentWhatIf().w) : [];
}

function currentAccelerator(): string {
  const { config, settings } = panel;
  const id = config?.run.hardware.accelerator ?? settings?.options.defaults?.accelerator ?? DEFAULT_ACCELERATOR;
  return findAccelerator(id, settings?.options.customAccelerators)?.id ?? id;
}

/** The card; `onChange` re-renders, `onReset` rebuilds from the file's values. */
export function buildControls(onChange: () => void, onReset: () => void): HTMLElement {
  const run = panel.config!.run;
  const base = panel.baseReport!;
  const raw = panel.ui.raw;
  controls = {};
  hints = {};
  const cur = currentAccelerator();
  const entries: Array<[keyof WhatIf, { wrap: HTMLElement; input: TextField | SingleSelect; hint: HTMLElement }]> = [
    ['accelerator', select('Accelerator', acceleratorIds(panel.settings?.options, cur).map((id) => [id, id]), raw.accelerator ?? cur)],
    ['count', textField('Devices', { value: raw.count ?? (base.hardware.count !== null ? String(base.hardware.count) : ''), placeholder: '1' })],
    ['mfu', textField('MFU', { value: raw.mfu ?? fmtPercent(base.hardware.mfu), placeholder: '40%' })],
    ['law', select('Scaling law', lawOptions(), raw.law ?? base.scaling.law)],
    ['tokens', textField('Training tokens', { value: raw.tokens ?? or(run.data.tokens, fmtCount), placeholder: '2T' })],
    ['params', textField('Model size (parameters)', { value: raw.params ?? or(base.model.paramsTotal, fmtCount), placeholder: '7B' })],
  ];
  for (const [k, c] of entries) {
    controls[k] = c.input;
    hints[k] = c.hint;
    c.input.dataset.whatif = k;
    const changed = (): void => {
      let v = c.input.value;
      if (k === 'accelerator' && v === cur) v = '';
      if (k === 'law' && v === (panel.config!.run.law ?? base.scaling.law)) v = '';
      if (v === '' && (k === 'accelerator' || k === 'law')) delete panel.ui.raw[k];
      else panel.ui.raw[k] = v;
      onChange();
    };
    c.input.addEventListener(c.input.tagName.toLowerCase() === 'vscode-single-select' ? 'change' : 'input', changed);
  }
  applyButton = button('Apply to file…', () => {
    const values = currentValues();
    if (!panel.config || !values.length) return;
    // The values are dropped only once the host says they are in the file (not on Cancel).
    post({ type: 'applyValues', uri: panel.config.uri, values });
  }, { id: 'apply', title: 'Write the changed values into the config (asks first; Undo reverts)' });
  const reset = button('Reset', () => {
    panel.ui.raw = {};
    onReset();
  }, { secondary: true, id: 'reset', title: 'Back to the values in the file' });
  changesLine = h('p', { class: 'changes muted', attrs: { 'aria-live': 'polite' } });
  return h(
    'section',
    { class: 'card whatif', attrs: { 'aria-labelledby': 'whatif-title' } },
    h('div', { class: 'card-head' }, h('h2', { id: 'whatif-title' }, 'What if'), h('div', { class: 'card-tools' }, reset, applyButton)),
    h('div', { class: 'controls' }, ...entries.map(([, c]) => c.wrap)),
    changesLine,
  );
}

/** Marks the controls that do not parse, fills the hints, the changes line and the Apply button. */
export function showWhatIf(values: FixValue[], invalid: Set<keyof WhatIf>, report: Report): void {
  for (const [k, el] of Object.entries(controls)) {
    if ('invalid' in el!) (el as TextField).invalid = invalid.has(k as keyof WhatIf);
  }
  if (hints.params) {
    const shapeValues = values.filter((v) => isShapeField(v.field));
    hints.params.textContent = shapeValues.length && report.model.paramsTotal !== null
      ? `Nearest shape: ${shapeValues.map((v) => `${v.field.slice(6)} ${v.value}`).join(', ')} (${fmtCount(report.model.paramsTotal)})`
      : invalid.has('params') ? 'e.g. 7B or 1.3e9' : '';
  }
  if (hints.tokens) hints.tokens.textContent = invalid.has('tokens') ? 'e.g. 2T, 300B or 3e11' : report.scaling.optimalTokensForParams !== null ? `optimum for this size ≈ ${fmtCount(report.scaling.optimalTokensForParams)}` : '';
  if (hints.mfu) hints.mfu.textContent = invalid.has('mfu') ? 'a fraction or percentage, e.g. 0.4 or 40%' : '';
  if (hints.count) hints.count.textContent = invalid.has('count') ? 'a whole number of devices' : '';
  if (hints.accelerator && panel.settings) {
    const a = findAccelerator(report.hardware.accelerator ?? '', panel.settings.options.customAccelerators);
    hints.accelerator.textContent = a ? acceleratorHint(a, panel.settings) : '';
  }
  if (hints.law) hints.law.textContent = LAWS[report.scaling.law].name;
  if (changesLine) {
    const shown = (v: FixValue): string => (typeof v.value === 'number' ? (v.field === 'hardware.mfu' ? fmtPercent(v.value) : fmtCount(v.value)) : v.value);
    changesLine.textContent = values.length
      ? `Changed from the file: ${values.map((v) => `${v.field} → ${shown(v)}`).join(', ')}`
      : 'Change a value to see the effect at once; the file is not touched until you apply.';
  }
  if (applyButton) applyButton.disabled = !values.length || !panel.config?.editable;
}
