/** pinnable says whether this machine lets a check's threads share one core (worker/one-core.ts): Linux, two cores or more, and taskset. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const pinnable =
  process.platform === 'linux' &&
  availableParallelism() > 1 &&
  existsSync('/proc/thread-self') &&
  spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
