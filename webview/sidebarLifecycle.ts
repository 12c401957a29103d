// The sidebar planner's lifecycle result: how the budget splits between pre-training and serving,
// the serving fleet, and whether to distil.

import { fmtCount, fmtPercent, type LifecyclePlan } from '../src/engine';
import { dash } from './common';
import { h, kv, textField, type TextField } from './dom';

export interface LifecycleFields {
  requests: string;
  prompt: string;
  reasoning: string;
  output: string;
  horizon: string;
  teacher: string;
  teacherTokens: string;
}

type Field = { wrap: HTMLElement; input: TextField; hint: HTMLElement };


/** The lifecycle numbers as displayed, by key (also reported to tests). */
export function lifecycleNumbers(p: LifecyclePlan, m$: (usd: number) => string): Record<string, string> {
  const l = p.lifetime;
  const usd = (x: number | null | undefined): string => (x === null || x === undefined ? dash : m$(x));
  return {
    lifetime: usd(l.total.usd),
    trainingShare: fmtPercent(p.trainingShare),
    trainingCost: usd(l.parts.training?.usd),
    servingCost: usd(l.parts.serving?.usd),
    serveFleet: `${p.serve.devices}×${p.serve.accelerator}`,
    servePerMTokens: usd(p.serve.snapshot.usdPerMillionOutputTokens),
    distill: p.distill.recommended ? 'yes' : 'no',
    ...(p.distill.comparison ? { distillLosses: `${p.distill.comparison.distilledLoss.toFixed(3)} vs ${p.distill.comparison.supervisedLoss.toFixed(3)}` } : {}),
  };
}

export function lifecycleResult(p: LifecyclePlan, n: Record<string, string>): HTMLElement {
  const s = p.serve;
  return h(
    'div',
    { class: 'lifecycle-result', id: 'lifecycle-result' },
    h('h3', null, `Lifecycle over ${p.horizonDays} days`),
    kv([
      ['Lifetime', n.lifetime],
      ['Pre-training', `${n.trainingCost} (${n.trainingShare})`],
      ['Serving', `${n.servingCost} at the mean fleet`],
      ['Serving fleet', `${n.serveFleet} (${s.devicesPerReplica} per replica, batch ${s.batch})`],
      ['Per M output tokens', n.servePerMTokens],
      ['Tokens/day', `${fmtCount(s.tokensPerDay.prompt)} prompt, ${fmtCount(s.tokensPerDay.generated)} generated`],
      ['Distil', n.distill],
      ...(p.distill.comparison ? [['Loss, distilled vs data', n.distillLosses] as [string, string]] : []),
    ]),
    h('p', { class: 'muted small' }, p.distill.reason),
  );
}

/** The lifecycle inputs of the planner form, folded until used. */
export function lifecycleForm(state: LifecycleFields): { el: HTMLElement; all: Array<[keyof LifecycleFields, Field]> } {
  const requests = textField('Requests/day', { value: state.requests, placeholder: 'e.g. 5M', id: 'life-requests' });
  const horizon = textField('Horizon (days)', { value: state.horizon, placeholder: '365', id: 'life-horizon' });
  const prompt = textField('Prompt tokens', { value: state.prompt, placeholder: '500', id: 'life-prompt' });
  const reasoning = textField('Reasoning tokens', { value: state.reasoning, placeholder: '2,000', id: 'life-reasoning' });
  const output = textField('Output tokens', { value: state.output, placeholder: '300', id: 'life-output' });
  const teacher = textField('Teacher (optional)', { value: state.teacher, placeholder: 'Llama-3-70B or a loss', id: 'life-teacher' });
  const teacherTokens = textField('Teacher tokens', { value: state.teacherTokens, placeholder: 'e.g. 15T', id: 'life-teacher-tokens' });
  const el = h(
    'details',
    { class: 'lifecycle-inputs', id: 'lifecycle-inputs', attrs: state.requests ? { open: '' } : {} },
    h('summary', null, 'Serving over the lifetime (optional)'),
    h('p', { class: 'muted small' }, 'With requests per day, the dollar budget covers pre-training and serving over the horizon.'),
    h('div', { class: 'row2' }, requests.wrap, horizon.wrap),
    h('div', { class: 'row2' }, prompt.wrap, reasoning.wrap),
    h('div', { class: 'row2' }, output.wrap),
    h('p', { class: 'muted small' }, 'With a teacher (a known model and its training tokens, or its loss), the planner says whether distilling the planned model from it beats training it on data at the same compute.'),
    h('div', { class: 'row2' }, teacher.wrap, teacherTokens.wrap),
  );
  return {
    el,
    all: [['requests', requests], ['horizon', horizon], ['prompt', prompt], ['reasoning', reasoning], ['output', output], ['teacher', teacher], ['teacherTokens', teacherTokens]],
  };
}

