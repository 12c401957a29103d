// The lifecycle cards of the panel (lifetime cost, serving throughput, KV cache, dense vs MoE):
// built with the other cards, shown only when the report has the data each one draws.

import { denseVsMoeCsv, type EngineOptions, kvMemoryCsv, lifecycleCharts, type LifecycleCharts, lifecycleCostCsv, type Money, type Report, type RunDescription, throughputCsv } from '../../src/engine';
import { h } from '../dom';
import type { Palette } from '../theme';
import { chartCard } from './card';
import { renderKv } from './kvCard';
import { renderLifecycleCost } from './lifecycleCostCard';
import { renderMoe } from './moeCard';
import { renderServing } from './servingCard';
import type { CardParts } from './state';

type Id = 'lifecycle' | 'serving' | 'kvcache' | 'moe';
let cards: Record<Id, CardParts> | null = null;
let section: HTMLElement | null = null;
let last: LifecycleCharts | null = null;

/** The section holding the lifecycle cards (hidden until a report has lifecycle data). */
export function lifecycleSection(): HTMLElement {
  const csv = <T>(f: (c: LifecycleCharts) => T | null, to: (d: T) => string) => () => {
    const d = last ? f(last) : null;
    return d ? to(d) : null;
  };
  cards = {
    lifecycle: chartCard('lifecycle', 'Lifecycle cost', [], csv((c) => c.cost, lifecycleCostCsv)),
    serving: chartCard('serving', 'Serving throughput vs batch', [], csv((c) => c.throughput, throughputCsv)),
    kvcache: chartCard('kvcache', 'KV-cache memory vs context', [], csv((c) => c.kv, kvMemoryCsv)),
    moe: chartCard('moe', 'Dense vs MoE', [], csv((c) => c.moe, denseVsMoeCsv)),
  };
  cards.lifecycle.box.classList.add('short');
  cards.moe.box.classList.add('short');
  section = h('div', { class: 'grid lifecycle', id: 'lifecycle-cards' }, ...Object.values(cards).map((c) => c.el));
  return section;
}

/** Draw the cards whose data the report has; hide the others. Returns the lifecycle chart data. */
export function renderLifecycle(run: RunDescription, r: Report, options: EngineOptions, money: Money, p: Palette): LifecycleCharts | null {
  if (!cards) return null;
  last = lifecycleCharts(run, r, options);
  const show = (id: Id, on: boolean): boolean => {
    cards![id].el.hidden = !on;
    return on;
  };
  if (show('lifecycle', !!last.cost)) renderLifecycleCost(cards.lifecycle, last.cost!, money, p);
  if (show('serving', !!last.throughput)) renderServing(cards.serving, last.throughput!, p);
  if (show('kvcache', !!last.kv)) renderKv(cards.kvcache, last.kv!, p);
  if (show('moe', !!last.moe)) renderMoe(cards.moe, last.moe!, p);
  if (section) section.hidden = !(last.cost || last.throughput || last.kv || last.moe);
  return last;
}
