// The webview end of the protocol: post typed messages, receive validated ones, keep UI state
// with setState, and report Content Security Policy violations to the host.

import { isHostMessage, PROTOCOL_VERSION, type HostMessage, type RenderedState, type ViewKind, type WebviewMessage } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(m: WebviewMessage): void {
  api.postMessage(m);
}

export function getState<T extends object>(): Partial<T> {
  const s = api.getState();
  return typeof s === 'object' && s !== null ? (s as Partial<T>) : {};
}

export function setState<T extends object>(patch: Partial<T>): void {
  api.setState({ ...getState<T>(), ...patch });
}

type Reply = Extract<HostMessage, { type: 'reply' }>;
const pending = new Map<number, (r: Reply) => void>();
let lastId = 0;

/** Ask the host; the promise settles with the reply that carries this request's id. */
export function request(method: 'refresh'): Promise<Reply> {
  const id = ++lastId;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    post({ type: 'request', id, method });
  });
}

/** Listen to the host; anything that is not a known host message is ignored, replies go to their request. */
export function onHostMessage(cb: (m: HostMessage) => void): void {
  window.addEventListener('message', (e: MessageEvent) => {
    if (!isHostMessage(e.data)) return;
    if (e.data.type === 'reply') {
      pending.get(e.data.id)?.(e.data);
      pending.delete(e.data.id);
      return;
    }
    cb(e.data);
  });
}

declare global {
  interface Window {
    /** The last rendered state, for end-to-end tests that read the webview's DOM. */
    __scalingPlanner?: RenderedState & { cspViolations: string[]; renders: number };
  }
}

const violations: string[] = [];

/** Report every CSP violation to the host (tests assert there are none). */
export function watchCsp(): void {
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = { directive: String(e.violatedDirective).slice(0, 200), blockedUri: String(e.blockedURI).slice(0, 2000), sample: String(e.sample ?? '').slice(0, 2000) };
    violations.push(`${v.directive} ${v.blockedUri}`);
    if (window.__scalingPlanner) window.__scalingPlanner.cspViolations = [...violations];
    post({ type: 'cspViolation', ...v });
  });
}

let renders = 0;

/** Tell the host (and tests) what was drawn. */
export function reportRendered(state: RenderedState): void {
  renders += 1;
  window.__scalingPlanner = { ...state, cspViolations: [...violations], renders };
  document.body.dataset.renders = String(renders);
  post({ type: 'rendered', state });
}

export function ready(view: ViewKind): void {
  post({ type: 'ready', protocol: PROTOCOL_VERSION, view });
}
