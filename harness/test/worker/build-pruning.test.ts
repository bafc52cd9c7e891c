/**
 * Old builds of a checkout are removed once nothing uses them: not the current build, not one a
 * live process runs from, not one used a moment ago, and never another checkout's (unless that
 * checkout is gone).
 */
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STALE_AFTER_MS, pruneBuilds } from '../../worker/build-pruning.mjs';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('counter-katas-build-pruning-');

/** A pid no process has: above Linux's largest. */
const DEAD_PID = 4_194_305;

describe('pruning builds', () => {
  it("removes the checkout's unused old builds, and what only they were good for, and keeps the rest", () => {
    const checkout = scratch();
    const folder = join(checkout, 'node_modules/.cache/counter-katas');
    const now = Date.now();
    const old = (now - STALE_AFTER_MS - 60_000) / 1000;
    const build = (hash: string, owner: string, options: { used?: number; users?: number[] } = {}) => {
      const dir = join(folder, `worker-${hash.repeat(16)}`);
      mkdirSync(join(dir, 'harness'), { recursive: true });
      writeFileSync(join(dir, 'complete'), owner);
      if (options.users) {
        mkdirSync(join(dir, 'users'));
        for (const pid of options.users) writeFileSync(join(dir, 'users', String(pid)), '');
      }
      const used = options.used ?? old;
      if (options.users) utimesSync(join(dir, 'users'), used, used);
      utimesSync(join(dir, 'complete'), used, used);
      return dir;
    };
    const stale = build('a', checkout);
    const current = build('b', checkout);
    const running = build('c', checkout, { users: [process.pid] });
    const endedLongAgo = build('d', checkout, { users: [DEAD_PID] });
    const justUsed = build('e', checkout, { used: now / 1000 });
    mkdirSync(join(checkout, 'elsewhere'));
    const another = build('f', join(checkout, 'elsewhere'));
    const ofAGoneCheckout = build('9', join(checkout, 'gone'));
    // An older build names its checkout only in its program's table of sources.
    const older = build('0', '');
    mkdirSync(join(older, 'harness/worker'), { recursive: true });
    const entry = pathToFileURL(join(checkout, 'harness/worker/entry.ts')).href;
    writeFileSync(join(older, 'harness/worker/entry.js.sources.json'), JSON.stringify([[1, entry]]));
    // Half made by a process that died, and by this one.
    const halfMade = join(folder, `worker-${'1'.repeat(16)}.${DEAD_PID}.1`);
    const beingMade = join(folder, `worker-${'2'.repeat(16)}.${process.pid}.1`);
    for (const dir of [halfMade, beingMade]) {
      mkdirSync(dir);
      utimesSync(dir, old, old);
    }
    // Records: a kata compiled for the stale build and one for the current; the build last found
    // current by a checkout whose build is gone.
    mkdirSync(join(folder, 'katas'));
    writeFileSync(join(folder, 'katas', 'aa.json'), JSON.stringify({ build: `worker-${'a'.repeat(16)}` }));
    writeFileSync(join(folder, 'katas', 'bb.json'), JSON.stringify({ build: `worker-${'b'.repeat(16)}` }));
    writeFileSync(join(folder, 'current-aa.json'), JSON.stringify({ dir: stale }));
    writeFileSync(join(folder, 'current-bb.json'), JSON.stringify({ dir: current }));

    const removed = pruneBuilds(folder, join(checkout, '/'), current, now);

    expect(removed.sort()).toEqual([
      `worker-${'0'.repeat(16)}`,
      `worker-${'9'.repeat(16)}`,
      `worker-${'a'.repeat(16)}`,
      `worker-${'d'.repeat(16)}`,
    ]);
    for (const dir of [stale, endedLongAgo, older, ofAGoneCheckout, halfMade]) expect(existsSync(dir), dir).toBe(false);
    for (const dir of [current, running, justUsed, another, beingMade]) expect(existsSync(dir), dir).toBe(true);
    expect(readdirSync(join(folder, 'katas'))).toEqual(['bb.json']);
    expect(readdirSync(folder).filter((name) => name.startsWith('current-'))).toEqual(['current-bb.json']);
  });
});
