/**
 * The page's side of harness/play/protocol.ts: every request carries the session's secret, and
 * requests go one at a time, in the order they were made, so a fast run of keys is taken in order.
 */
import type { GotoRequest, PlayState, StepRequest, WorkloadRequest } from '../protocol.ts';

/** secret is the `t` of the page's own URL. */
const secret = new URLSearchParams(location.search).get('t') ?? '';

/** Answer is a PlayState, or the text of a report that stopped the play (a syntax error in the kata, as the check words it). */
export type Answer = { readonly state: PlayState } | { readonly report: string };

async function answer(response: Response): Promise<Answer> {
  if (response.ok) return { state: (await response.json()) as PlayState };
  return { report: await response.text() };
}

let queue: Promise<unknown> = Promise.resolve();

function inTurn(request: () => Promise<Response>): Promise<Answer> {
  const next = queue.then(request).then(answer);
  queue = next.catch(() => undefined);
  return next;
}

function post(route: string, body: object): Promise<Response> {
  return fetch(route, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, t: secret }),
  });
}

export function fetchState(): Promise<Answer> {
  return inTurn(() => fetch(`/api/state?t=${encodeURIComponent(secret)}`));
}

export function step(worker: number, to: StepRequest['to']): Promise<Answer> {
  return inTurn(() => post('/api/step', { worker, to }));
}

export function goTo(position: GotoRequest['step']): Promise<Answer> {
  return inTurn(() => post('/api/goto', { step: position }));
}

export function chooseWorkload(workload: WorkloadRequest['workload']): Promise<Answer> {
  return inTurn(() => post('/api/workload', { workload }));
}

/** sayBye tells the server this page is gone: it stops when no page is left. keepalive lets it leave with the page. */
export function sayBye(): void {
  void fetch('/api/bye', {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ t: secret }),
  }).catch(() => undefined);
}
