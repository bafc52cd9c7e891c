/**
 * The kata API's modules as this thread's harness has them: harness/kata.ts and each file of
 * harness/sync/. A kata's imports of them (kata-modules.ts) are handed these very objects, so that
 * kata and harness share one `threadId`, one `Mutex`, one `Channel`; they are part of the harness's
 * own program (one bundle, build-programs.mjs), not modules loaded apart, which cost a thread about
 * 10 ms of CPU to start. test/worker/kata-api-modules.test.ts checks that every file is here.
 */
import * as kata from '../kata.ts';
import * as channel from '../sync/channel.ts';
import * as mutex from '../sync/mutex.ts';
import * as select from '../sync/select.ts';
import * as signal from '../sync/signal.ts';
import * as spinBudget from '../sync/spin-budget.ts';

const harness = new URL('../', import.meta.url).href;

const modules = new Map<string, object>([
  ['kata.ts', kata],
  ['sync/channel.ts', channel],
  ['sync/mutex.ts', mutex],
  ['sync/select.ts', select],
  ['sync/signal.ts', signal],
  ['sync/spin-budget.ts', spinBudget],
]);

/** kataApiModuleUrls lists the URL of every module of the kata API, by its source. */
export function kataApiModuleUrls(): string[] {
  return [...modules.keys()].map((path) => new URL(path, harness).href);
}

/**
 * kataApiExports returns the exports of the kata API module at `url` (its source's URL) as a plain
 * object of their values now, or undefined when no module of the kata API is there.
 */
export function kataApiExports(url: string): Record<string, unknown> | undefined {
  const module = url.startsWith(harness) ? modules.get(url.slice(harness.length)) : undefined;
  if (!module) return undefined;
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(module)) values[name] = (module as Record<string, unknown>)[name];
  return values;
}
