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
/** latest is the last PlayState answered: a move is worked out from it when its turn comes, not when its key was pressed. */
let latest: PlayState | undefined;

/** inTurn sends the request `make` returns when every earlier one is answered; none (undefined) when the move makes no sense there. */
function inTurn(make: (state: PlayState | undefined) => Promise<Response> | undefined): Promise<Answer | undefined> {
  const next = queue.then(async () => {
    const request = make(latest);
    const got = request && (await answer(await request));
    if (got && 'state' in got) latest = got.state;
    return got;
  });
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

export function fetchState(): Promise<Answer | undefined> {
  return inTurn(() => fetch(`/api/state?t=${encodeURIComponent(secret)}`));
}

/** step lets the worker step, if it can when its turn comes. */
export function step(worker: number, to: StepRequest['to']): Promise<Answer | undefined> {
  return inTurn((state) =>
    state?.workers.find((candidate) => candidate.index === worker)?.state === 'ready'
      ? post('/api/step', { worker, to })
      : undefined,
  );
}

/** goTo moves to the step `where` picks from the state it is in then (one back, one on, the end), if there is one. */
export function goTo(where: (state: PlayState) => GotoRequest['step']): Promise<Answer | undefined> {
  return inTurn((state) => {
    const target = state && where(state);
    if (!state || target === undefined || target < 0 || target > state.steps.length || target === state.position)
      return undefined;
    return post('/api/goto', { step: target });
  });
}

export function chooseWorkload(workload: WorkloadRequest['workload']): Promise<Answer | undefined> {
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
