/**
 * heldLock finds, for a thread asleep in a harness Mutex's lock(), the operation that left that
 * Mutex held: one that locked it and ended (returned, or threw) without unlocking it. A throw
 * between lock() and unlock() with no `finally` is kata-2's classic; the report points at it, not
 * at the thread that waits.
 */
import { atLine } from './source-line.ts';
import { callObject } from '../record/harness-calls.ts';
import type { History, OpRecord, Step } from '../record/history.ts';
import type { SourceLocation } from '../scheduler/protocol.ts';
import { describeOp } from '../scheduler/protocol.ts';
import type { Wait } from './waits.ts';

/** HeldLock is what the history says of a lock nobody unlocked: the line, the marks and the fix. */
export interface HeldLock {
  readonly details: readonly string[];
  readonly marks: readonly number[];
  readonly at?: SourceLocation;
}

/** calls lists the Mutex calls one operation made, in order: each one's method, object and first step. */
function calls(history: History, record: OpRecord): { method: string; object?: string; step: Step }[] {
  const own = history.steps.filter(
    (step) => step.worker === record.worker && step.op === record.index && step.at?.via?.startsWith('Mutex.'),
  );
  // A call is a run of steps at one call site: lock() then unlock() always change the key.
  const key = (step: Step) => `${step.at?.via}:${step.at?.line}`;
  const found: { method: string; step: Step; steps: Step[] }[] = [];
  for (const step of own) {
    const last = found.at(-1);
    if (last && key(last.steps.at(-1)!) === key(step)) last.steps.push(step);
    else found.push({ method: step.at!.via!.split('.').pop()!, step, steps: [step] });
  }
  return found.map(({ method, step, steps }) => {
    const object = callObject(history, step.at!.via!, steps);
    return object ? { method, object, step } : { method, step };
  });
}

/** heldLock names the operation that left the lock a sleeper waits for held, when one did. */
export function heldLock(history: History, waits: readonly Wait[]): HeldLock | undefined {
  const wanted = new Set(waits.filter((wait) => wait.method === 'lock').map((wait) => wait.object));
  if (wanted.size === 0) return undefined;
  const all = [...history.ops, ...(history.final ? [history.final] : [])];
  const own = selfLocked(history, waits, all);
  if (own) return own;
  const records = all.filter((record) => record.end !== Infinity);
  for (const record of records) {
    const made = calls(history, record);
    for (const object of wanted) {
      const locks = made.filter((call) => call.object === object && call.method === 'lock');
      const unlocks = made.filter((call) => call.object === object && call.method === 'unlock');
      if (locks.length <= unlocks.length) continue;
      const lock = locks.at(-1)!.step;
      const what = `worker ${record.worker}'s ${describeOp(record.op)}`;
      const thrown = record.error;
      const fact = thrown
        ? `${what} locked \`${object}\` at line ${lock.at?.line} and threw ${thrown.name}${thrown.at ? ` at line ${thrown.at.line}` : ''} before it unlocked it: the lock is still held.`
        : `${what} locked \`${object}\` at line ${lock.at?.line} and returned without unlocking it: the lock is still held.`;
      const fix = thrown
        ? `Unlock in a \`finally\`, so that a throw unlocks too: ${object}.lock(); try { … } finally { ${object}.unlock(); }`
        : `Unlock \`${object}\` on every way out of ${describeOp({ kind: record.op.kind })}: a \`finally\` does it.`;
      const at = thrown?.at ?? lock.at;
      return { details: [fact, fix], marks: [lock.t], ...(at ? { at } : {}) };
    }
  }
  return undefined;
}

/**
 * selfLocked finds a thread asleep in lock() on a Mutex it already holds: its own operation locked
 * it and has not unlocked it. The harness's Mutex, like Go's, is not reentrant.
 */
function selfLocked(history: History, waits: readonly Wait[], records: readonly OpRecord[]): HeldLock | undefined {
  for (const wait of waits) {
    if (wait.method !== 'lock') continue;
    const record = records.find((entry) => entry.worker === wait.step.worker && entry.index === wait.step.op);
    if (!record) continue;
    const made = calls(history, record).filter((call) => call.object === wait.object);
    const locks = made.filter((call) => call.method === 'lock');
    const unlocks = made.filter((call) => call.method === 'unlock');
    // The last lock() is the one it sleeps in; one before it still held makes it wait for itself.
    if (locks.length - 1 <= unlocks.length) continue;
    const first = locks.at(-2)!.step;
    const again = locks.at(-1)!.step;
    return {
      details: [
        `worker ${record.worker} already holds \`${wait.object}\`: its ${describeOp(record.op)} locked it${atLine(first.at)}, then called lock() again${atLine(again.at)}, and waits for itself.`,
        `A Mutex is not reentrant, in Go or here: lock \`${wait.object}\` in one place, and call code that assumes it is held, not code that locks it again.`,
      ],
      marks: [first.t, again.t],
      ...(first.at ? { at: first.at } : {}),
    };
  }
  return undefined;
}
