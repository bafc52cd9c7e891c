/**
 * The V8 flags this process runs with, as a key: V8 checks a code cache against every flag, and
 * rejects one made under others, so a thread's program keeps one code cache per key (spawn.ts).
 * Flags come from the command line and NODE_OPTIONS, and from the process itself as it runs
 * (setV8Flag): the allocation meter's young generation (free/free-pool.ts).
 */
import { createHash } from 'node:crypto';
import v8 from 'node:v8';

const set: string[] = [];

/** setV8Flag sets a V8 flag for this process (every thread started from now on), and notes it for v8FlagsKey. */
export function setV8Flag(flag: string): void {
  v8.setFlagsFromString(flag);
  set.push(flag);
}

/** v8FlagsKey names the flags this process runs with now: the same key, the same flags. */
export function v8FlagsKey(): string {
  const flags = [...process.execArgv, process.env['NODE_OPTIONS'] ?? '', ...set].join('\n');
  return createHash('sha256').update(flags).digest('hex').slice(0, 8);
}
