import { stepEffect, type History, type Step } from '../check/history.ts';
import { OP_FINAL } from '../scheduler/protocol.ts';
import { locationName } from './lost-update.ts';
import type { Finding } from './finding.ts';

/** Epoch is an access as the race detector remembers it: who made it, and that worker's clock then. */
interface Epoch {
  readonly step: Step;
  readonly clock: number;
  readonly atomic: boolean;
}

/**
 * dataRace is a happens-before race detector in the style of FastTrack, run over a finished run:
 * it reports two accesses to the same element, from different workers, at least one a write and
 * at least one plain (two Atomics never race), with nothing ordering them: the ECMAScript memory
 * model's data race. Ordering comes from Atomics operations on the same element (seq-cst,
 * so each acts as an acquire and a release), which is also how the harness's Mutex and Channel,
 * and Atomics.wait/notify, order things. It finds a race even on a schedule that lost nothing.
 */
export function dataRace(history: History): Finding | undefined {
  const workers = history.workers;
  const clocks: number[][] = Array.from({ length: workers }, (_, w) => Array.from({ length: workers }, (_, u) => (u === w ? 1 : 0)));
  const syncs = new Map<string, number[]>();
  const lastWrite = new Map<string, Epoch>();
  const reads = new Map<string, Map<number, Epoch>>();
  let finalJoined = false;
  for (const step of history.steps) {
    const w = step.worker;
    const clock = clocks[w]!;
    if (step.op === OP_FINAL && !finalJoined) {
      // The final read starts after every worker finished: the harness orders it after them all.
      for (const other of clocks) other.forEach((value, u) => (clock[u] = Math.max(clock[u]!, value)));
      finalJoined = true;
    }
    const key = `${step.region}:${step.index}`;
    const atomic = step.access === 'atomic' || step.access === 'wake';
    let sync: number[] | undefined;
    if (atomic) {
      // Acquire first: what was released on this element happened before this access.
      sync = syncs.get(key) ?? Array.from({ length: workers }, () => 0);
      for (let u = 0; u < workers; u++) clock[u] = Math.max(clock[u]!, sync[u]!);
      syncs.set(key, sync);
    }
    // A write decides: an Atomics read-modify-write conflicts with every other access.
    const effect = stepEffect(step);
    const access = effect.writes ? 'write' : effect.reads ? 'read' : undefined;
    if (access) {
      const unordered = (epoch: Epoch | undefined) =>
        epoch !== undefined && epoch.step.worker !== w && !(epoch.atomic && atomic) && epoch.clock > clock[epoch.step.worker]!;
      const write = lastWrite.get(key);
      if (unordered(write)) return report(history, write!.step, step);
      const readers = reads.get(key) ?? new Map<number, Epoch>();
      reads.set(key, readers);
      const epoch = { step, clock: clock[w]!, atomic };
      if (access === 'write') {
        for (const read of readers.values()) if (unordered(read)) return report(history, read.step, step);
        lastWrite.set(key, epoch);
      } else {
        readers.set(w, epoch);
      }
    }
    if (sync) {
      // Release: everything this worker did so far happens before the next access to this element.
      for (let u = 0; u < workers; u++) sync[u] = clock[u]!;
      clock[w]!++;
    }
  }
  return undefined;
}

function report(history: History, earlier: Step, later: Step): Finding {
  const where = locationName(history, later).replace(/\.(lo|hi)$/, '');
  const kind = (step: Step) => (step.access === 'atomic' ? `Atomics.${step.name}` : step.access === 'write' ? 'write' : 'read');
  const place = (step: Step) => (step.at ? ` at line ${step.at.line}${step.at.fn ? ` (${step.at.fn})` : ''}` : '');
  return {
    detector: 'data-race',
    summary: `WARNING: DATA RACE on ${where}`,
    details: [
      `${kind(later)} by worker ${later.worker}${place(later)}`,
      `previous ${kind(earlier)} by worker ${earlier.worker}${place(earlier)}`,
      'Nothing orders the two: no Atomics operation on the same memory, no lock, no channel.',
      'Another order of the same steps may lose an update or tear a value, even where this one did not.',
    ],
    marks: [earlier.t, later.t],
    ...(later.at ? { at: later.at } : {}),
  };
}
