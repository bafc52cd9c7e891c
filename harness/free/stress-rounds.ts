/** The free worker's side of a stress round: a writer's adds, a reader's scrape, a scraper's snapshots. */
import type { Counter } from '../kata.ts';
import { Barrier, type FreeReply, type FreeRequest } from './free-protocol.ts';
import { missing } from './method-calls.ts';

/** adds is one stress round for a writer: wait at the barrier so every worker starts together, then add `count` times. */
export function adds(counter: Counter, request: Extract<FreeRequest, { type: 'adds' }>): FreeReply {
  const control = new Int32Array(request.control);
  Barrier.arriveAndSpin(control, request.round, request.parties);
  const { deltas, slot } = request;
  // Every CHECKPOINT adds (when the request gives this worker a slot), mark this worker's progress
  // and look at the others'. Threads that take turns on a busy core see each other move only at the
  // turns; threads side by side, nearly every time. So sideBySide / checkpoints is the share of
  // these adds that could race at all.
  const mine = slot === undefined ? -1 : Barrier.Progress + slot;
  const others =
    slot === undefined
      ? []
      : Array.from({ length: request.parties }, (_, w) => Barrier.Progress + w).filter((word) => word !== mine);
  const seen = others.map((word) => Atomics.load(control, word));
  let checkpoints = 0;
  let sideBySide = 0;
  // A histogram's observe rather than add: the same loop, through the method's name.
  const call =
    request.op && request.op !== 'add'
      ? ((counter as unknown as Record<string, (v: number) => void>)[request.op] ?? missing(request.op))
      : undefined;
  for (let i = 0; i < request.count; i++) {
    if (call) call.call(counter, deltas[i % deltas.length]!);
    else counter.add(deltas[i % deltas.length]!);
    if (mine < 0 || (i + 1) % Barrier.CHECKPOINT !== 0) continue;
    Atomics.add(control, mine, 1);
    checkpoints++;
    let moved = false;
    for (let o = 0; o < others.length; o++) {
      const now = Atomics.load(control, others[o]!);
      if (now !== seen[o]) moved = true;
      seen[o] = now;
    }
    if (moved) sideBySide++;
  }
  return { type: 'adds', checkpoints, sideBySide };
}

/** untilStopped waits at the barrier with the other workers, then calls `sort` over and over until the writers are done and Stop is set. */
function untilStopped(request: { control: SharedArrayBuffer; round: number; parties: number }, sort: () => void): void {
  const control = new Int32Array(request.control);
  Barrier.arriveAndSpin(control, request.round, request.parties);
  do sort();
  while (Atomics.load(control, Barrier.Stop) === 0);
}

/**
 * scrape reads `value()` over and over while the writer runs, and sorts every read: a value the
 * writer published (one of `written`, the prefix sums of its deltas), one nobody wrote, or one
 * older than a value this reader already saw.
 */
export function scrape(counter: Counter, request: Extract<FreeRequest, { type: 'scrape' }>): FreeReply {
  const written = new Set(request.written);
  let whole = 0;
  let torn = 0;
  let backwards = 0;
  let last = 0;
  const examples: number[] = [];
  untilStopped(request, () => {
    const seen = counter.value();
    if (!written.has(seen)) {
      torn++;
      if (examples.length < 3) examples.push(seen);
    } else if (seen < last) backwards++;
    else whole++;
    last = Math.max(last, seen);
  });
  return { type: 'scrape', whole, torn, backwards, examples };
}

/**
 * snapshots scrapes a histogram with write() over and over while observers run, and sorts every
 * snapshot: consistent, a count that is not the sum of its buckets (client_golang #275), a sum
 * that its buckets do not make (each bucket gets one value, `values[i]`), or a count below one this
 * scraper already saw.
 */
export function snapshots(histogram: object, request: Extract<FreeRequest, { type: 'snapshots' }>): FreeReply {
  const write = (histogram as { write?: () => unknown }).write ?? missing('write');
  let consistent = 0;
  let countOff = 0;
  let sumOff = 0;
  let backwards = 0;
  let last = 0;
  const examples: string[] = [];
  untilStopped(request, () => {
    const snapshot = write.call(histogram) as { count: number; sum: number; buckets: ArrayLike<number> };
    let inBuckets = 0;
    let sum = 0;
    for (let i = 0; i < snapshot.buckets.length; i++) {
      inBuckets += snapshot.buckets[i]!;
      sum += snapshot.buckets[i]! * request.values[i]!;
    }
    const wrong =
      snapshot.count !== inBuckets
        ? 'count'
        : snapshot.sum !== sum
          ? 'sum'
          : snapshot.count < last
            ? 'backwards'
            : undefined;
    if (wrong === 'count') countOff++;
    else if (wrong === 'sum') sumOff++;
    else if (wrong === 'backwards') backwards++;
    else consistent++;
    if (wrong && examples.length < 3)
      examples.push(`count ${snapshot.count} · sum ${snapshot.sum} · [${Array.from(snapshot.buckets).join(',')}]`);
    last = Math.max(last, snapshot.count);
  });
  return { type: 'snapshots', consistent, countOff, sumOff, backwards, examples };
}
