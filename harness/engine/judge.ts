/**
 * Every detector, on every history: whatever made the schedule (random, PCT, systematic search or a
 * replay), a run is checked for everything at once. Which findings fail which property is the
 * verdict's business (verdict.ts).
 */
import { contract, invalidOps } from '../detectors/contract.ts';
import { dataRace } from '../detectors/data-race.ts';
import { deadlock } from '../detectors/deadlock.ts';
import { runErrors } from '../detectors/errors.ts';
import type { Finding } from '../detectors/finding.ts';
import { inconsistentRead } from '../detectors/inconsistent-read.ts';
import { linearizability } from '../detectors/linearizability.ts';
import { lostUpdate } from '../detectors/lost-update.ts';
import { tornRead } from '../detectors/torn-read.ts';
import type { History } from '../record/history.ts';

/** Detector finds one kind of problem in a history, or nothing. */
export type Detector = (history: History) => Finding | undefined;

/**
 * detectors, most fundamental first: a run that crashed or deadlocked says nothing reliable about
 * values; a torn read explains the wrong value that follows from it; a read that is no state at all
 * (a histogram's count against its buckets) says which fields disagree; a lost update is the
 * clearest story of a wrong count; a data race is found even where the values came out right.
 */
const concurrent: readonly Detector[] = [
  runErrors,
  deadlock,
  invalidOps,
  tornRead,
  inconsistentRead,
  lostUpdate,
  linearizability,
  dataRace,
];

/** Findings is everything the detectors found in one run. */
export interface Findings {
  /** first is the first finding in the order above, leaving data races out. */
  readonly first?: Finding;
  /** race is the data race, if there is one. */
  readonly race?: Finding;
}

/**
 * detect runs every detector on a history. With one operations thread (the contract), the sequential
 * contract is checked too, right after errors and deadlocks; a rejected operation that returned
 * normally comes before a deadlock, which can follow from it (kata-3's loop, throwing in its place).
 */
export function judge(history: History, sequential: boolean): Findings {
  const order = sequential ? [runErrors, invalidOps, deadlock, contract, ...concurrent.slice(3)] : concurrent;
  let first: Finding | undefined;
  let race: Finding | undefined;
  for (const detector of order) {
    if (detector === dataRace) {
      race = dataRace(history);
      continue;
    }
    if (first) continue;
    first = detector(history);
  }
  return { ...(first ? { first } : {}), ...(race ? { race } : {}) };
}
