/** Hints come one at a time, are remembered per kata, and every kata has its three tiers. */
import { cpSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kataIds, loadKata, root } from '../../curriculum/katas.ts';
import { currentKata } from '../../workshop/current-kata.ts';
import { hintsSeen, nextHint, readHints } from '../../workshop/hints.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('counter-katas-hints-');

function scratchRoot(): string {
  const dir = scratch();
  for (const kata of ['kata-1', 'kata-4'])
    cpSync(join(root, 'checks', kata, 'hints.md'), join(dir, 'checks', kata, 'hints.md'));
  return dir;
}

describe('npm run hint', () => {
  it('shows the next tier each time, per kata, and stays on the last', () => {
    const dir = scratchRoot();
    expect([1, 2, 3, 4].map(() => nextHint(dir, 'kata-4')!.number)).toEqual([1, 2, 3, 3]);
    expect(nextHint(dir, 'kata-1')!.number).toBe(1);
    expect(hintsSeen(dir)).toEqual({ 'kata-4': 3, 'kata-1': 1 });
  });

  it('--again repeats the last hint seen without moving on', () => {
    const dir = scratchRoot();
    nextHint(dir, 'kata-4');
    nextHint(dir, 'kata-4');
    expect(nextHint(dir, 'kata-4', true)!.number).toBe(2);
    expect(nextHint(dir, 'kata-4')!.number).toBe(3);
  });

  it('every kata has three hints, each with a title and text', () => {
    for (const kata of kataIds()) {
      const hints = readHints(root, kata);
      expect(hints.length, kata).toBe(3);
      for (const hint of hints)
        expect(hint.title.length * hint.text.length, `${kata}: ${hint.title}`).toBeGreaterThan(0);
    }
  });

  it('with no kata named, hints the kata you saved last, or kata-1 before you have touched one', async () => {
    const dir = scratch();
    for (const kata of kataIds()) {
      const file = (await loadKata(kata)).file;
      cpSync(join(root, 'checks', kata, 'stub.ts'), join(dir, 'checks', kata, 'stub.ts'));
      cpSync(join(root, 'checks', kata, 'stub.ts'), join(dir, 'katas', kata, file));
    }
    expect(await currentKata(dir)).toBe('kata-1');
    writeFileSync(join(dir, 'katas', 'kata-4', 'counter.ts'), '// my kata-4\n');
    writeFileSync(join(dir, 'katas', 'kata-2', 'counter.ts'), '// my kata-2\n');
    utimesSync(join(dir, 'katas', 'kata-2', 'counter.ts'), new Date(2026, 0, 1), new Date(2026, 0, 1));
    expect(await currentKata(dir)).toBe('kata-4');
  });
});
