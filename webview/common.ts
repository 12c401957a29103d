// What the planning panel and the sidebar planner share: money and empty-value formatting, the
// one-frame render scheduler, the notice line, and the accelerator and law choices.

import { ACCELERATORS, fmtMoney, LAWS, USD, type Accelerator, type EngineOptions, type Money } from '../src/engine';
import type { EngineSettings, HostMessage } from '../src/shared/protocol';
import { h, replaceChildren } from './dom';

export const dash = '—';

/** A value formatted, or a dash when it is unknown. */
export const or = <T>(v: T | null | undefined, f: (x: T) => string): string => (v === null || v === undefined ? dash : f(v));

export const moneyOf = (settings: EngineSettings | null): Money => settings?.money ?? USD;

/** Dollars in the display currency of the settings. */
export const moneyText = (usd: number, settings: EngineSettings | null): string => fmtMoney(usd, moneyOf(settings));

/** Runs `render` once in the next animation frame, however often it is asked for before then. */
export function scheduler(render: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      render();
    });
  };
}

export type NoticeLevel = 'info' | 'warning' | 'error';

/** The live notice line: a message shows for 8 s unless a newer one replaces it. */
export function noticeArea(): { el: HTMLElement; show(level: NoticeLevel, message: string): void } {
  const el = h('div', { class: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });
  return {
    el,
    show(level, message) {
      replaceChildren(el, h('span', { class: `notice notice-${level}` }, message));
      window.setTimeout(() => {
        if (el.textContent === message) replaceChildren(el);
      }, 8000);
    },
  };
}

/** The notice a host reply carries (a plan result reads as info or error), or null. */
export function noticeOf(m: HostMessage): { level: NoticeLevel; message: string } | null {
  if (m.type === 'notice') return { level: m.level, message: m.message };
  if (m.type === 'planResult') return { level: m.ok ? 'info' : 'error', message: m.message };
  return null;
}

/** Accelerator choices: the custom ones first, then the catalog; `current` first when it is in neither. */
export function acceleratorIds(options: EngineOptions | undefined, current?: string): string[] {
  const ids = [...(options?.customAccelerators ?? []), ...ACCELERATORS].map((a) => a.id);
  if (current !== undefined && !ids.includes(current)) ids.unshift(current);
  return ids;
}

/** The hint under an accelerator choice: memory and the hourly price in use. */
export function acceleratorHint(a: Accelerator, settings: EngineSettings, noPrice = ''): string {
  return `${a.memoryGb} GiB${a.price ? ` · ${moneyText(settings.options.prices?.[a.id] ?? a.price.default, settings)}/h` : noPrice}`;
}

export const lawOptions = (): Array<[string, string]> => Object.values(LAWS).map((l) => [l.id, l.id]);
