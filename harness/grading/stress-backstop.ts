/**
 * The stress backstop: a kata that passed its check runs once more, briefly, on free-running
 * threads with nothing instrumented. Kata code can tell it is being checked (the replacement
 * `Atomics` is not the engine's), and a counter that behaves only then would pass; on real threads
 * its lost updates show. What it cannot show is a torn read: this machine does 64-bit accesses in
 * one instruction, so that is the 32-bit model's job, in the check.
 */
import type { Kata } from '../curriculum/resolve.ts';
import { KataLoadError } from '../worker/kata-loading.ts';
import { forbidden, stressRounds, type AddRounds, type ScrapeRounds, type SnapshotRounds } from '../stress/rounds.ts';

/** StressFinding is what the backstop saw that a correct counter never does, in a sentence. */
export interface StressFinding {
  readonly summary: string;
}

/** SIDE_BY_SIDE is how many adds made while another thread added too are enough to pass: a counter racy on real threads loses updates at a far higher rate. */
export const SIDE_BY_SIDE = 100_000;
/** MIN_MS is the least a backstop runs, even on an idle machine. */
const MIN_MS = 200;

/**
 * stressBackstop runs `file` on free-running threads until it loses an update, or until enough of
 * its adds ran side by side with another thread's (on a busy machine, threads take turns on a core,
 * and turns cannot race), for at most `ms`. It returns what went wrong, if anything.
 */
export async function stressBackstop(check: Kata, file: string, ms: number): Promise<StressFinding | undefined> {
  const workers = Math.max(2, check.threads.workers);
  let result: AddRounds | ScrapeRounds | SnapshotRounds;
  try {
    result = await stressRounds(
      check,
      file,
      workers,
      ms,
      ({ lost, sideBySide, elapsedMs }) => lost > 0 || (sideBySide >= SIDE_BY_SIDE && elapsedMs >= MIN_MS),
    );
  } catch (error) {
    if (error instanceof KataLoadError)
      return {
        summary: `on free-running threads it could not be loaded: ${error.error.name}: ${error.error.message.split('\n')[0]}`,
      };
    return {
      summary: `on free-running threads it failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
  const bad = forbidden(result);
  if (bad === 0) return undefined;
  if (result.kind === 'snapshots') {
    const how =
      result.inconsistent > 0
        ? `${result.inconsistent.toLocaleString('en')} of ${result.scrapes.toLocaleString('en')} scrapes were no snapshot`
        : `a round's final write() was off by ${Math.abs(result.lost).toLocaleString('en')} observations`;
    return {
      summary: `on free-running threads, ${how}, though the check passed: the histogram behaves differently when it is checked`,
    };
  }
  if (result.kind === 'scrape')
    return {
      summary: `on free-running threads, ${bad.toLocaleString('en')} reads saw a value the writer never published, though the check passed: the counter behaves differently when it is checked`,
    };
  const how =
    result.lost > 0
      ? `lost ${result.lost.toLocaleString('en')} of ${result.added.toLocaleString('en')} updates`
      : `counted more than was added in ${bad} rounds`;
  return {
    summary: `on free-running threads it ${how}, though the check passed: the counter behaves differently when it is checked`,
  };
}
