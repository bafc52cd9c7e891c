/**
 * Determinism for kata code in a checked worker: `Math.random()` is seeded from the case, and the
 * clocks (`Date.now()`, `new Date()`, `performance.now()`) are logical, so a seed and a replay token
 * run the same code the same way. A worker reseeds at the start of each run; each worker has its own
 * stream, except under SHARED_STREAM. The clocks advance by one millisecond per decision of the run and per reading.
 */
import { Ctl } from '../scheduler/control.ts';

/** EPOCH is the logical clock's start: 10 November 2015, the day of the talk. */
const EPOCH = Date.UTC(2015, 10, 10);

let state = 1;
let readings = 0;
let control: Int32Array | undefined;

/** random is mulberry32: small, fast, and good enough for kata code's coin flips. It is the worker's Math.random. */
export function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

function logicalMs(): number {
  return (control ? Math.max(0, control[Ctl.Decisions]!) : 0) + ++readings;
}

/** installDeterminism replaces the worker's random number generator and clocks; call it before the kata is imported. */
export function installDeterminism(ctl: Int32Array): void {
  control = ctl;
  Math.random = random;
  const RealDate = Date;
  const now = () => EPOCH + logicalMs();
  const LogicalDate: DateConstructor = new Proxy(RealDate, {
    construct(target, args, newTarget): object {
      return Reflect.construct(
        target,
        args.length === 0 ? [now()] : args,
        newTarget === LogicalDate ? target : newTarget,
      ) as object;
    },
    apply(target, _this, args): unknown {
      return args.length === 0 ? new target(now()).toString() : Reflect.apply(target, undefined, args);
    },
    get(target, key, receiver) {
      if (key === 'now') return now;
      return Reflect.get(target, key, receiver);
    },
  });
  globalThis.Date = LogicalDate;
  performance.now = () => logicalMs();
}

/**
 * SHARED_STREAM is the seed under which every worker draws the same numbers: the edge of what
 * Math.random can do to a kata, where threads' random choices coincide (two threads that pick the
 * same stripe, two backoffs in lockstep). Any other seed gives each worker a stream of its own.
 */
export const SHARED_STREAM = 0;

/**
 * THREAD_ID_SPREAD is how far a case's seed moves the workers' `threadId`s from their positions: far
 * enough that a kata indexing stripes or slots by `threadId % n`, for any n up to 64, meets every
 * residue across cases (the last stripe too), where positions 1 and 2 only ever meet two.
 */
export const THREAD_ID_SPREAD = 64;

/**
 * threadIdOf is worker `worker`'s `threadId` in a run with `seed`, part of the case like its
 * Math.random: consecutive numbers from a first that the seed picks, as Node numbers the threads of a
 * free-running pool (stress, bench) one after another from wherever it stands. Under SHARED_STREAM,
 * which systematic search holds and a failing case shrinks toward, they are the positions 1, 2, ...
 * Under a negative seed they are spread apart (below).
 */
export function threadIdOf(seed: number, worker: number): number {
  // A negative seed, which only a kata whose threadIds may be any numbers draws, spaces them
  // THREAD_ID_SPREAD apart: `threadId % n` is then one stripe for every worker, for any n dividing 64.
  if (seed < 0) return 1 + ((-seed - 1) % THREAD_ID_SPREAD) + THREAD_ID_SPREAD * worker;
  const first = seed === SHARED_STREAM ? 1 : 1 + (seed % THREAD_ID_SPREAD);
  return first + worker;
}

/** COLLIDING_SEED is the seed whose threadIds are 1, 65, 129, ...: one stripe for all, by `threadId % n` for any n dividing 64. */
export const COLLIDING_SEED = -1;

/** reseed starts run-local randomness and time for worker `worker` from the case's seed. */
export function reseed(seed: number, worker: number): void {
  const own = seed === SHARED_STREAM ? 0 : worker * 0x27d4eb2f;
  state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + own) | 0;
  readings = 0;
}
