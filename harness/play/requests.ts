/**
 * The page's POST requests, checked against protocol.ts before the session sees them: each field
 * present with its type, nothing taken on trust from the body.
 */
import type { PlayState, StepRequest } from './protocol.ts';
import type { PlaySession } from './session.ts';

const whole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** routeRequest is the session call a POST to `pathname` with `body` asks for, or undefined when the request is not one of the protocol's. */
export function routeRequest(
  session: PlaySession,
  pathname: string,
  body: object,
): (() => Promise<PlayState>) | undefined {
  const fields = body as Record<string, unknown>;
  if (pathname === '/api/step') {
    const to = fields['to'];
    if (!whole(fields['worker']) || (to !== 'step' && to !== 'op')) return undefined;
    const worker = fields['worker'];
    return () => session.step(worker, to as StepRequest['to']);
  }
  if (pathname === '/api/goto') {
    const step = fields['step'];
    return whole(step) ? () => session.goto(step) : undefined;
  }
  if (pathname === '/api/workload') {
    const workload = fields['workload'];
    return whole(workload) ? () => session.chooseWorkload(workload) : undefined;
  }
  return undefined;
}
