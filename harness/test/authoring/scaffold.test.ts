/** scaffoldKata's edit of the manifest: the new entry goes last or after a kata, and a taken id or an unknown kata is refused. */
import { describe, expect, it } from 'vitest';
import { ScaffoldError, withEntry } from '../../authoring/scaffold.ts';

const manifest = `export const manifest: readonly ManifestEntry[] = [
  { id: 'kata-1', title: 'the naive counter', file: 'counter.ts' },
  { id: 'kata-2', title: 'the mutex counter', file: 'counter.ts' },
];
`;

const queue = { id: 'queue', title: "Lamport's queue", file: 'queue.ts' };

describe('withEntry', () => {
  it('adds the kata last, its title quoted as TypeScript', () => {
    expect(withEntry(manifest, queue).split('\n').slice(2, 5)).toEqual([
      "  { id: 'kata-2', title: 'the mutex counter', file: 'counter.ts' },",
      "  { id: 'queue', title: 'Lamport\\'s queue', file: 'queue.ts' },",
      '];',
    ]);
  });

  it('adds the kata after the one it is told', () => {
    expect(
      withEntry(manifest, { ...queue, after: 'kata-1' })
        .split('\n')
        .slice(1, 4),
    ).toEqual([
      "  { id: 'kata-1', title: 'the naive counter', file: 'counter.ts' },",
      "  { id: 'queue', title: 'Lamport\\'s queue', file: 'queue.ts' },",
      "  { id: 'kata-2', title: 'the mutex counter', file: 'counter.ts' },",
    ]);
  });

  it('refuses an id the manifest has, and a kata to follow that it has not', () => {
    expect(() => withEntry(manifest, { ...queue, id: 'kata-2' })).toThrow(
      new ScaffoldError('kata-2 is already in checks/manifest.ts: nothing was written'),
    );
    expect(() => withEntry(manifest, { ...queue, after: 'kata-9' })).toThrow(
      new ScaffoldError('there is no kata kata-9 in checks/manifest.ts to put it after'),
    );
  });
});
