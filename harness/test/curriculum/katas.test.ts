/** The katas of this checkout: the manifest's order, names as attendees type them, and each kata resolved from its definition. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kataIdOf, kataIds, loadKata, root } from '../../curriculum/katas.ts';

describe('kataIds', () => {
  it("lists the katas in the manifest's order", () => {
    expect(kataIds()).toEqual([
      'kata-1',
      'kata-2',
      'kata-2b',
      'kata-3',
      'kata-4',
      'kata-5',
      'kata-6',
      'kata-7',
      'kata-7a',
      'kata-7b',
      'kata-8',
    ]);
  });
});

describe('kataIdOf', () => {
  it("reads a number, an id or a folder as the kata's id", () => {
    expect(['4', '2b', '7a', 'kata-4', 'katas/kata-4/', 'katas/kata-4', '/work/katas/kata-7b//'].map(kataIdOf)).toEqual(
      ['kata-4', 'kata-2b', 'kata-7a', 'kata-4', 'kata-4', 'kata-4', 'kata-7b'],
    );
  });

  it('knows no kata that the manifest does not list', () => {
    expect(['9', 'kata-9', 'kata-2c', 'counter', '', 'katas/'].map(kataIdOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('loadKata', () => {
  it('resolves kata-2, whose next kata skips the bonus kata-2b', async () => {
    const kata = await loadKata('kata-2');
    expect([kata.id, kata.title, kata.next, kata.file]).toEqual([
      'kata-2',
      'the mutex counter',
      'kata-3',
      'counter.ts',
    ]);
    expect(kata.paths.kata).toBe(join(root, 'katas', 'kata-2', 'counter.ts'));
    expect(kata.policy.allocations).toEqual({ budget: 0, mode: 'note' });
  });

  it('resolves kata-7 to its second step kata-7a, kata-7a to kata-8 past kata-7b, and kata-8 to no next kata', async () => {
    expect((await loadKata('kata-7')).next).toBe('kata-7a');
    expect((await loadKata('kata-7a')).next).toBe('kata-8');
    const last = await loadKata('kata-8');
    expect(last.next).toBeUndefined();
    expect([last.spec.name, last.file, last.policy.stubShows]).toEqual([
      'histogram',
      'histogram.ts',
      'inconsistent-read',
    ]);
  });

  it('gives kata-3 its loop thread', async () => {
    expect((await loadKata('kata-3')).threads).toEqual({ workers: 2, loops: 1, total: 3, pool: 3 });
  });

  it("starts kata-8's pool with the three threads its searched workloads take, though its random runs take two", async () => {
    expect((await loadKata('kata-8')).threads).toEqual({ workers: 2, loops: 0, total: 2, pool: 3 });
  });

  it('titles a bonus kata as one', async () => {
    expect((await loadKata('kata-2b')).title).toBe('build your own mutex (bonus)');
  });

  it('resolves a kata once per process', async () => {
    expect(loadKata('kata-4')).toBe(loadKata('kata-4'));
    expect(await loadKata('kata-4')).toBe(await loadKata('kata-4'));
  });

  it('refuses a kata the manifest does not list', async () => {
    await expect(loadKata('kata-9')).rejects.toThrow(new TypeError('there is no kata kata-9 in checks/manifest.ts'));
  });
});
