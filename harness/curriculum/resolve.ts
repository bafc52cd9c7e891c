/**
 * resolveKata reads a kata's manifest entry and definition once, into the `Kata` everything
 * downstream uses, as fast-check reads its parameters once (`QualifiedParameters.read`): the
 * object's spec, the threads, the systematic workloads, the files and what passing requires. No
 * later code asks whether a kata has a loop thread, or which spec its deltas make.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { counterSpec } from '../objects/counter.ts';
import { boundaryOps, edgeOps, type ObjectSpec } from '../objects/object-spec.ts';
import type { Op } from '../scheduler/protocol.ts';
import type { KataDefinition, ManifestEntry, PlayGoal, Workload } from './definition.ts';

/** Threads says how many threads a kata's runs take: its operations workers, and its object's own loop threads. */
export interface Threads {
  readonly workers: number;
  /** loops is 1 for a counter with a `loop()` of its own (kata-3), else 0. */
  readonly loops: number;
  /** total is workers + loops: how many threads the check's random runs take. */
  readonly total: number;
  /**
   * pool is how many threads a check's pool starts: enough for its random runs and for each of its
   * systematic workloads (kata-8's searched workloads have three workers, its random ones two), so
   * that the search runs on the threads the properties warmed, not on a pool of its own started cold.
   */
  readonly pool: number;
}

/** AllocationPolicy is what the allocation check holds an object to. */
export interface AllocationPolicy {
  /** budget is the most bytes per call. */
  readonly budget: number;
  /** mode 'note' reports going over the budget as a note for later; 'budget' fails the kata. */
  readonly mode: 'budget' | 'note';
  /** budgeted lists the operations the budget holds for; unset, all of them. */
  readonly budgeted?: readonly string[];
}

/** Policy is what passing the kata requires. */
export interface Policy {
  /** concurrency 'lesson' expects a concurrency finding and shows it as the lesson (kata-1). */
  readonly concurrency: 'required' | 'lesson';
  readonly lesson?: string;
  /** advice is the kata's own line under a finding of each detector it names (KataDefinition.advice). */
  readonly advice?: KataDefinition['advice'];
  /** stubShows is the detector the shipped stub fails with ('not-solved' unless the stub runs). */
  readonly stubShows: string;
  /** allocations is unset when allocations are not checked (kata-3: its add needs its loop's thread). */
  readonly allocations?: AllocationPolicy;
}

/** KataPaths are the kata's files, absolute. */
export interface KataPaths {
  /** kata is the attendee's file; solution the reference one; stub what `npm run reset` puts back. */
  readonly kata: string;
  readonly solution: string;
  readonly stub: string;
  readonly hints: string;
  /** checks is the kata's folder in checks/ (its definition, mutants and correct variants). */
  readonly checks: string;
}

/** Kata is one kata, resolved: everything the engine, the reports and the workshop need to know of it. */
export interface Kata {
  readonly id: string;
  /**
   * origin says what is checked: a kata of the curriculum, or an object of the user's own, checked
   * from its spec file (`npm run check -- --spec`). Every word a report says of what comes next
   * (hints, the next kata, progress) follows it, and of an object says "your object".
   */
  readonly origin: 'kata' | 'object';
  /** title is as shown, with "(bonus)" after a bonus kata's. */
  readonly title: string;
  readonly bonus: boolean;
  /** next is the kata to do after this one: the next one in the manifest that is not a bonus. */
  readonly next?: string;
  /** file is the file's name inside the kata's folder. */
  readonly file: string;
  readonly paths: KataPaths;
  readonly spec: ObjectSpec;
  readonly subject: 'counter' | 'lock';
  readonly threads: Threads;
  readonly platform: '64-bit' | '32-bit';
  readonly writers: 'any' | 'single';
  /** threadIds is what kata code may assume of `threadId` (definition.ts). */
  readonly threadIds: 'consecutive' | 'any';
  /** roles, when the object's threads each have one job, draws each worker's operations (definition.ts). */
  readonly roles?: readonly fc.Arbitrary<Op>[];
  /** workloads are what systematic search explores: the kata's own, or the defaults (defaultWorkloads); then one of the spec's edges, when it has edges it accepts. */
  readonly workloads: readonly Workload[];
  /** edges is the last of `workloads` when the spec has edges it accepts: searched with fewer preemptions (engine/exhaustive.ts). */
  readonly edges?: Workload;
  readonly policy: Policy;
  /** play is the goal of playing its scheduler by hand, when the kata sets one. */
  readonly play?: PlayGoal;
}

/** resolveKata makes the one `Kata` of a manifest entry and its definition. `next` is the manifest's to say. */
export function resolveKata(
  entry: ManifestEntry,
  definition: KataDefinition,
  root: string,
  next: string | undefined,
): Kata {
  const spec = specOf(entry.id, definition);
  const loops = definition.loop ? 1 : 0;
  const writers = definition.writers ?? 'any';
  const roles = definition.roles;
  if (roles && roles.length !== definition.workers)
    throw new TypeError(`${entry.id}'s definition gives ${roles.length} roles for ${definition.workers} workers`);
  const own =
    definition.systematic ?? (roles ? [roleWorkload(roles)] : defaultWorkloads(spec, definition.workers, writers));
  const edges = edgeWorkload(spec, own[0]?.length ?? definition.workers);
  const workloads = edges ? [...own, edges] : own;
  const allocations: AllocationPolicy | undefined =
    definition.allocationBudget === undefined
      ? undefined
      : {
          budget: definition.allocationBudget,
          mode: definition.allocations ?? 'budget',
          ...(definition.budgeted ? { budgeted: definition.budgeted } : {}),
        };
  return {
    id: entry.id,
    origin: 'kata',
    title: entry.bonus ? `${entry.title} (bonus)` : entry.title,
    bonus: entry.bonus ?? false,
    ...(next ? { next } : {}),
    file: entry.file,
    paths: {
      kata: join(root, 'katas', entry.id, entry.file),
      solution: join(root, 'solutions', entry.id, entry.file),
      stub: join(root, 'checks', entry.id, 'stub.ts'),
      hints: join(root, 'checks', entry.id, 'hints.md'),
      checks: join(root, 'checks', entry.id),
    },
    spec,
    subject: definition.subject ?? 'counter',
    threads: {
      workers: definition.workers,
      loops,
      total: definition.workers + loops,
      pool: Math.max(definition.workers, ...workloads.map((workload) => workload.length)) + loops,
    },
    platform: definition.platform ?? '64-bit',
    writers,
    threadIds: definition.threadIds ?? 'consecutive',
    ...(roles ? { roles } : {}),
    workloads,
    ...(edges ? { edges } : {}),
    policy: {
      concurrency: definition.concurrency,
      ...(definition.lesson ? { lesson: definition.lesson } : {}),
      ...(definition.advice ? { advice: definition.advice } : {}),
      stubShows: definition.stubShows ?? 'not-solved',
      ...(allocations ? { allocations } : {}),
    },
    ...(definition.play ? { play: definition.play } : {}),
  };
}

/** specOf is a definition's object spec: its own, or the counter over its deltas. */
function specOf(id: string, definition: KataDefinition): ObjectSpec {
  if (definition.object) return definition.object;
  if (!definition.deltas) throw new TypeError(`${id}'s definition gives neither an object spec nor a counter's deltas`);
  return counterSpec(definition.deltas, definition.edgeDeltas) as ObjectSpec;
}

/**
 * defaultWorkloads are what systematic search explores when a kata names none: two workers that
 * each change the object (two drawn operations, `add` of two of a counter's deltas) and read it,
 * one read beside three changes of the other worker, two workers making the same change, and an
 * operation the object must reject beside a valid one; for a single writer, its changes beside one
 * reader, then beside two.
 */
function defaultWorkloads(spec: ObjectSpec, workers: number, writers: 'any' | 'single'): readonly Workload[] {
  const [a, b] = fc.sample(spec.writeOp, { numRuns: 2, seed: 1 }) as [Op, Op];
  const read = spec.read;
  // Publish and scrape: the writer's two changes beside two reads, then one change beside two
  // readers, so that two threads can sleep through one write at once: a notify that wakes only one
  // of them (a count of 1) leaves the other asleep, which one reader alone never shows.
  if (writers === 'single')
    return [
      [[a, b], [read, read], []],
      [[a], [read], [read]],
    ];
  const pair: Workload = [
    [a, read],
    [b, read],
  ];
  // A read that reads the object in parts (client_golang's get(): the float part, then the integer
  // part) can see a later change without an earlier one of the same thread: a state the object never
  // held. Only changes that one thread orders, both inside the read, show it; a, b, a orders them
  // both ways, whichever part the read reads first.
  const straddled: Workload = [[a, b, a], [read]];
  // Two workers making the same change: a and b may take different paths through the object (an
  // integer add its integer cell, a fraction its float part), and then the pair never has two
  // writers of one part, where a lock or a compare-and-swap is what keeps an update from being lost.
  const contended: Workload = [[a], [a, read]];
  // The simplest refusal to read: the first edge the spec rejects (a counter's add(-1)).
  const [refused] = edgeOps(spec).rejected;
  const invalid: Workload | undefined = refused ? [[refused], [a]] : undefined;
  return workers === 2 && invalid ? [pair, straddled, contended, invalid] : [pair, straddled, contended];
}

/** roleWorkload is systematic search's default for an object whose workers have roles: two operations of each worker's role. */
function roleWorkload(roles: readonly fc.Arbitrary<Op>[]): Workload {
  return roles.map((role) => fc.sample(role, { numRuns: 2, seed: 1 }));
}

/**
 * edgeWorkload is the workload that runs every edge the spec accepts (NaN, -0, each bound and its
 * neighbours) and its boundary (a counter's add(0)): worker 0 calls them one after another and
 * reads, the other `width - 1` workers idle. One thread, since what an edge tests is where its
 * value goes: a search of a few executions.
 */
function edgeWorkload(spec: ObjectSpec, width: number): Workload | undefined {
  const { accepted } = edgeOps(spec);
  const boundary = boundaryOps(spec);
  if (accepted.length + boundary.length === 0) return undefined;
  return [[...accepted, ...boundary, spec.read], ...Array.from({ length: width - 1 }, (): Op[] => [])];
}

/** withLoopThreads is a workload as the pool runs it: each worker's operations, then a `loop()` on each of the object's loop threads. */
export function withLoopThreads(kata: Kata, workload: Workload): Op[][] {
  return [
    ...workload.map((list) => [...list]),
    ...Array.from({ length: kata.threads.loops }, (): Op[] => [{ kind: 'loop' }]),
  ];
}
