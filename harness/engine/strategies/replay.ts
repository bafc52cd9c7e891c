/**
 * Replay: the one case a token names. A property's token replays through fast-check's own path,
 * over the same cases as the strategy that printed it (random or PCT), so the same seed and path
 * draw the same case; a systematic search's token names its operations and its path of decisions.
 */
import type { Kata } from '../../curriculum/resolve.ts';
import type { Case } from '../run-case.ts';
import type { Explored, Exploration, Trial, FailsOn } from './exploration.ts';

/** ScheduleReplay runs one case with a path schedule, as systematic search ran it. */
export class ScheduleReplay implements Exploration {
  readonly name = 'replay';

  constructor(private readonly input: Case) {}

  explore(trial: Trial, failsOn: FailsOn): Explored {
    const run = trial(this.input);
    const finding = failsOn(run);
    const path = this.input.schedule?.kind === 'path' ? this.input.schedule.path.join(':') : '';
    return {
      runs: 1,
      complete: true,
      ...(finding ? { failing: { input: this.input, run, finding, path, seed: this.input.seed, shrinks: 0 } } : {}),
    };
  }
}

/**
 * replayFailsOn is what fails one schedule replayed or played by hand: its finding, or its data race
 * where the kata requires concurrency (a lesson kata's race is part of its lesson, not a failure).
 */
export function replayFailsOn(check: Kata): FailsOn {
  return (run) => (check.policy.concurrency === 'lesson' ? run.finding : (run.finding ?? run.race));
}
