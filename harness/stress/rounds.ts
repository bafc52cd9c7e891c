/**
 * The rounds a stress run is made of, as data: `npm run stress` prints them as a table, and class
 * grading reads the totals to catch a counter that behaves only while it is being checked.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import type { Kata } from '../curriculum/resolve.ts';
import { FreePool } from '../free/free-pool.ts';
import { Barrier, type FreeReply } from '../free/free-protocol.ts';

/** Outcome is one row of a stress table: what a round (or a read) came out as, and whether that is allowed. */
export interface Outcome {
  readonly label: string;
  readonly acceptable: boolean;
  count: number;
}

/** StressSoFar is where rounds of adds stand: what an `enough` test decides on. */
export interface StressSoFar {
  readonly lost: number;
  readonly sideBySide: number;
  readonly elapsedMs: number;
}

/** AddRounds is what rounds of adds on every worker at once came to. */
export interface AddRounds {
  readonly kind: 'adds';
  readonly outcomes: readonly Outcome[];
  readonly rounds: number;
  readonly added: number;
  readonly lost: number;
  /** sideBySide estimates how many of the adds ran while another worker was adding too: only those can race. */
  readonly sideBySide: number;
}

/** ScrapeRounds is what one writer and its readers saw. */
export interface ScrapeRounds {
  readonly kind: 'scrape';
  readonly outcomes: readonly Outcome[];
  readonly rounds: number;
  readonly adds: number;
  readonly torn: number;
  readonly examples: readonly number[];
}

/** SnapshotRounds is what a histogram's scraper saw while observers ran, and what its final scrapes counted. */
export interface SnapshotRounds {
  readonly kind: 'snapshots';
  readonly outcomes: readonly Outcome[];
  readonly rounds: number;
  readonly observed: number;
  readonly scrapes: number;
  /** inconsistent counts the scrapes that were no snapshot: the first three rows' forbidden outcomes. */
  readonly inconsistent: number;
  /** lost counts observations the final scrape of a round did not count (negative: counted twice). */
  readonly lost: number;
  readonly examples: readonly string[];
}

/** outcomeRows makes a stress table, its counts at zero: the one acceptable outcome first, then the forbidden ones. */
function outcomeRows(acceptable: string, ...forbidden: string[]): Outcome[] {
  return [
    { label: acceptable, acceptable: true, count: 0 },
    ...forbidden.map((label) => ({ label, acceptable: false, count: 0 })),
  ];
}

/** nextRoundSize is how many calls the next round makes, for rounds of about 50 ms whatever the object costs. */
function nextRoundSize(count: number, roundMs: number): number {
  return Math.max(100, Math.min(1_000_000, Math.round((count * 50) / Math.max(1, roundMs))));
}

/**
 * sizedRounds runs `round(count)` until `ms` have passed or `enough` says so, each round's count
 * sized to about 50 ms whatever the object costs, and returns how many rounds ran.
 */
export async function sizedRounds(
  ms: number,
  soFar: () => Omit<StressSoFar, 'elapsedMs'>,
  enough: ((sofar: StressSoFar) => boolean) | undefined,
  round: (count: number) => Promise<void>,
): Promise<number> {
  const began = performance.now();
  const deadline = began + ms;
  let count = 1000;
  let rounds = 0;
  while (performance.now() < deadline && !enough?.({ ...soFar(), elapsedMs: performance.now() - began })) {
    const started = performance.now();
    await round(count);
    rounds++;
    count = nextRoundSize(count, performance.now() - started);
  }
  return rounds;
}

/** forbidden counts the outcomes of a stress run that a correct counter never has. */
export function forbidden(result: { readonly outcomes: readonly Outcome[] }): number {
  return result.outcomes.filter((outcome) => !outcome.acceptable).reduce((sum, outcome) => sum + outcome.count, 0);
}

/** addRounds runs rounds of add(1)s on every worker at once, for `ms`, and counts how many were lost. */
export async function addRounds(
  pool: FreePool,
  workers: number,
  ms: number,
  memory: SharedArrayBuffer,
  enough?: (sofar: StressSoFar) => boolean,
): Promise<AddRounds> {
  const outcomes = outcomeRows(
    'every update counted',
    'lost 1 to 99 updates',
    'lost 100 to 9,999 updates',
    'lost 10,000 or more updates',
    'counted more than was added',
  );
  let before = 0;
  let added = 0;
  let lost = 0;
  let sideBySide = 0;
  const soFar = () => ({ lost, sideBySide });
  const rounds = await sizedRounds(ms, soFar, enough, async (count) => {
    const control = new SharedArrayBuffer(Barrier.Fields * 4);
    const replies = (await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        pool.send(
          w,
          { type: 'adds', memory, control, round: 1, parties: workers, count, deltas: [1], slot: w },
          60_000,
        ),
      ),
    )) as Extract<FreeReply, { type: 'adds' }>[];
    for (const reply of replies)
      sideBySide += reply.checkpoints > 0 ? Math.round((count * reply.sideBySide) / reply.checkpoints) : 0;
    const reply = (await pool.send(0, { type: 'read', memory }, 60_000)) as Extract<FreeReply, { type: 'read' }>;
    const missing = before + workers * count - reply.value;
    const row = missing < 0 ? 4 : missing === 0 ? 0 : missing < 100 ? 1 : missing < 10_000 ? 2 : 3;
    outcomes[row]!.count++;
    added += workers * count;
    lost += Math.max(0, missing);
    before = reply.value;
  });
  return { kind: 'adds', outcomes, rounds, added, lost, sideBySide };
}

/** scrapeRounds runs one writer adding the check's deltas while the other workers read, and sorts every read. */
export async function scrapeRounds(pool: FreePool, check: Kata, workers: number, ms: number): Promise<ScrapeRounds> {
  const outcomes = outcomeRows(
    'a value the writer published',
    'an older value after a newer one',
    'a value nobody wrote (torn)',
  );
  const deltas = fc.sample(check.spec.writeOp, { numRuns: 64, seed: 1 }).map((op) => op.arg ?? 1);
  const count = 100_000;
  const written: number[] = [0];
  for (let i = 0; i < count; i++) written.push(written[i]! + deltas[i % deltas.length]!);
  const deadline = performance.now() + ms;
  const examples: number[] = [];
  let rounds = 0;
  while (performance.now() < deadline) {
    const memory = new SharedArrayBuffer(4096);
    const control = new SharedArrayBuffer(Barrier.Fields * 4);
    const flags = new Int32Array(control);
    const readers = Array.from({ length: workers - 1 }, (_, r) =>
      pool.send(r + 1, { type: 'scrape', memory, control, round: 1, parties: workers, written }, 60_000),
    );
    // The readers stop once the writer is done. All are awaited at once: a reader that fails (its
    // counter would not build) while the writer waits for it at the barrier rejects the round then,
    // rather than unhandled, which would end the process before its report.
    const writer = pool
      .send(0, { type: 'adds', memory, control, round: 1, parties: workers, count, deltas }, 60_000)
      .finally(() => Atomics.store(flags, Barrier.Stop, 1));
    const [, ...replies] = await Promise.all([writer, ...readers]);
    for (const reply of replies as Extract<FreeReply, { type: 'scrape' }>[]) {
      outcomes[0]!.count += reply.whole;
      outcomes[1]!.count += reply.backwards;
      outcomes[2]!.count += reply.torn;
      examples.push(...reply.examples);
    }
    rounds++;
    await sleep(0);
  }
  return { kind: 'scrape', outcomes, rounds, adds: count, torn: outcomes[2]!.count, examples };
}

/** SNAPSHOT_VALUES are what the observers observe: one value per bucket, so that a snapshot's sum follows from its buckets, and every sum is exact. */
const SNAPSHOT_VALUES = [0.25, 0.5, 2, 6.5];

/**
 * snapshotRounds runs observers on every worker but the last, which scrapes the histogram with
 * write() until they finish; then one more write() must count every observation once.
 */
export async function snapshotRounds(
  pool: FreePool,
  workers: number,
  ms: number,
  enough?: (sofar: StressSoFar) => boolean,
): Promise<SnapshotRounds> {
  const outcomes = outcomeRows(
    'a snapshot',
    'count is not the sum of its buckets',
    'sum is not what its buckets hold',
    'count below an earlier scrape',
    'rounds whose final write() was off',
  );
  const observers = workers - 1;
  let observed = 0;
  let lost = 0;
  let scrapes = 0;
  const examples: string[] = [];
  const bad = () => outcomes.slice(1).reduce((sum, outcome) => sum + outcome.count, 0);
  const soFar = () => ({ lost: bad(), sideBySide: scrapes });
  const rounds = await sizedRounds(ms, soFar, enough, async (count) => {
    const memory = new SharedArrayBuffer(4096);
    const control = new SharedArrayBuffer(Barrier.Fields * 4);
    const flags = new Int32Array(control);
    const scraper = pool.send(
      observers,
      { type: 'snapshots', memory, control, round: 1, parties: workers, values: SNAPSHOT_VALUES },
      60_000,
    );
    // The scraper stops once the observers are done; awaited with them, so that its failure is never unhandled.
    const observing = Promise.all(
      Array.from({ length: observers }, (_, w) =>
        pool.send(
          w,
          {
            type: 'adds',
            op: 'observe',
            memory,
            control,
            round: 1,
            parties: workers,
            count,
            deltas: SNAPSHOT_VALUES,
          },
          60_000,
        ),
      ),
    ).finally(() => Atomics.store(flags, Barrier.Stop, 1));
    const [, seen] = (await Promise.all([observing, scraper])) as [unknown, Extract<FreeReply, { type: 'snapshots' }>];
    outcomes[0]!.count += seen.consistent;
    outcomes[1]!.count += seen.countOff;
    outcomes[2]!.count += seen.sumOff;
    outcomes[3]!.count += seen.backwards;
    scrapes += seen.consistent + seen.countOff + seen.sumOff + seen.backwards;
    for (const example of seen.examples) if (examples.length < 3) examples.push(example);
    const final = (await pool.send(0, { type: 'read', memory, read: 'write' }, 60_000)) as Extract<
      FreeReply,
      { type: 'read' }
    >;
    const counted = (final.result as { count?: unknown } | undefined)?.count;
    const missing = observers * count - (typeof counted === 'number' ? counted : 0);
    if (missing !== 0) outcomes[4]!.count++;
    lost += missing;
    observed += observers * count;
  });
  const inconsistent = outcomes[1]!.count + outcomes[2]!.count + outcomes[3]!.count;
  return { kind: 'snapshots', outcomes, rounds, observed, scrapes, inconsistent, lost, examples };
}

/**
 * withStressPool starts the free-running threads a stress needs (and its object's loop thread, if
 * it has one), runs `rounds` on them, and stops the threads. A file that cannot be loaded throws
 * KataLoadError.
 */
export async function withStressPool<T>(
  check: Kata,
  implementation: string,
  workers: number,
  rounds: (pool: FreePool, memory: SharedArrayBuffer) => Promise<T>,
): Promise<T> {
  const subject = check.subject;
  const pool = await FreePool.start({ implementation, threads: workers, subject });
  const memory = new SharedArrayBuffer(4096);
  let looper: FreePool | undefined;
  try {
    if (check.threads.loops > 0) looper = await FreePool.startLoop(implementation, memory, subject);
    return await rounds(pool, memory);
  } finally {
    await pool.close();
    await looper?.close();
  }
}

/**
 * stressRounds runs a counter kata's kind of rounds on free-running threads for at most `ms`.
 * A kata file that cannot be loaded throws KataLoadError.
 */
export async function stressRounds(
  check: Kata,
  implementation: string,
  workers: number,
  ms: number,
  enough?: (sofar: StressSoFar) => boolean,
): Promise<AddRounds | ScrapeRounds | SnapshotRounds> {
  return withStressPool(check, implementation, workers, async (pool, memory) => {
    if (check.spec.name === 'histogram') return await snapshotRounds(pool, workers, ms, enough);
    return check.writers === 'single'
      ? await scrapeRounds(pool, check, workers, ms)
      : await addRounds(pool, workers, ms, memory, enough);
  });
}
