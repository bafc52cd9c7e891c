/**
 * A single check's typecheck (`npm run check`), beside the check rather than before it: the kept
 * verdict when it still holds (typecheck-cache.ts: the compiler is not loaded), else a thread of its
 * own, ended once it answered. Loading the compiler and parsing the standard library's declarations
 * is about 600 ms of CPU that a typecheck on the main thread spent before the check could start;
 * on a thread it runs while the worker threads load and the checks run, on the other core. The
 * verdict still waits for it (engine/examine.ts), so a type error is the report as before.
 *
 * A process that checks many files (grading, `npm run check`'s progress list) keeps the compiler
 * and the parsed library on its main thread between them (typecheck.ts), and watch keeps one thread
 * for every save (typecheck-thread.ts): a thread per check would parse the library again each time.
 */
import type { TypeProblem } from './typecheck.ts';
import { keptVerdict } from './typecheck-cache.ts';
import type { PendingTypecheck } from './typecheck-protocol.ts';
import { TypecheckThread } from './typecheck-thread.ts';

/** typecheckBeside starts the typecheck of `file` for one check: answered at once when its verdict is kept, else on a thread of its own. */
export function typecheckBeside(file: string): PendingTypecheck {
  const started = performance.now();
  const kept = keptVerdict<TypeProblem>(file);
  if (kept) {
    const verdict = { problems: kept, ms: performance.now() - started };
    return { poll: () => verdict, done: Promise.resolve(verdict) };
  }
  const thread = new TypecheckThread();
  const pending = thread.check(file);
  const close = () => thread.close();
  void pending.done.then(close, close);
  return pending;
}
