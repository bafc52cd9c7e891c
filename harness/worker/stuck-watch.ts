/**
 * Watching a run from the main thread: it waits for the workers without blocking for ever, and when
 * nothing happens for too long it names the stuck worker, its operation and, from the trail a
 * capturing worker leaves (run-record.ts), the line it last passed.
 */
import { A, Abort, Ctl, TRAIL_BYTES, W, startLateBuilders, workerField } from '../scheduler/control.ts';
import type { SourceLocation } from '../scheduler/protocol.ts';
import type { Stuck } from './run-outcome.ts';

/**
 * waitFor blocks until `ctl[field] >= target` (or, with `orAbort`, until the run is aborted); it
 * returns who is stuck if nothing happens for stepTimeoutMs.
 */
export function waitFor(
  ctl: Int32Array,
  trail: Uint8Array,
  workers: number,
  stepTimeoutMs: number,
  field: number,
  target: number,
  orAbort = false,
): Stuck | undefined {
  let beat = A.load(ctl, Ctl.Heartbeat);
  let since = performance.now();
  for (let spin = 0; ; spin++) {
    const value = A.load(ctl, field);
    if (value >= target || (orAbort && A.load(ctl, Ctl.Abort) !== Abort.None)) return undefined;
    if (spin < 2000) continue;
    A.wait(ctl, field, value, 20);
    startLateBuilders(ctl, workers);
    const now = performance.now();
    const current = A.load(ctl, Ctl.Heartbeat) + A.load(ctl, Ctl.Ready) * 1_000_000 + A.load(ctl, Ctl.SetupClock);
    if (current !== beat) {
      beat = current;
      since = now;
    } else if (now - since > stepTimeoutMs) {
      return whoIsStuck(ctl, trail, workers, now - since);
    }
  }
}

/** whoIsStuck names the worker that holds the turn (or has not loaded yet), its operation, and the line it last passed. */
export function whoIsStuck(ctl: Int32Array, trail: Uint8Array, n: number, ms: number): Stuck {
  let worker = 0;
  for (let w = 0; w < n; w++) if (A.load(ctl, workerField(w, W.Go)) === 1) worker = w;
  if (A.load(ctl, Ctl.Ready) < n) worker = Math.min(n - 1, A.load(ctl, Ctl.Ready));
  const stuck = { worker, op: A.load(ctl, workerField(worker, W.Op)), ms: Math.round(ms) };
  const after = lastStep(trail, worker);
  return after ? { ...stuck, after } : stuck;
}

/** lastStep reads the location a capturing worker left in the trail before its last step. */
function lastStep(trail: Uint8Array, worker: number): SourceLocation | undefined {
  const slot = trail.slice(worker * TRAIL_BYTES, (worker + 1) * TRAIL_BYTES);
  const text = new TextDecoder().decode(slot.subarray(0, Math.max(0, slot.indexOf(0))));
  const match = /^(.*):(\d+):(\d+)(?:\|(.*))?$/.exec(text);
  if (!match) return undefined;
  const at = { file: match[1]!, line: Number(match[2]), column: Number(match[3]) };
  return match[4] ? { ...at, fn: match[4] } : at;
}
