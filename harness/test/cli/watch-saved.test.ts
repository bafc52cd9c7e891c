import { describe, expect, it } from 'vitest';
import { savedFirst } from '../../cli/watch-saved.ts';

const kata1 = { file: 'katas/kata-1/counter.ts' };
const kata2 = { file: 'katas/kata-2/counter.ts' };
const kata3 = { file: 'katas/kata-3/counter.ts' };
const watched = [kata1, kata2, kata3];

describe('savedFirst', () => {
  it('finds a save of the kata the watch started on, after it moved on to the next', () => {
    expect(savedFirst(kata2, watched, (file) => file === kata1.file)).toBe(kata1);
  });

  it('prefers the current kata when several were saved', () => {
    expect(savedFirst(kata2, watched, () => true)).toBe(kata2);
  });

  it('finds nothing when nothing was saved', () => {
    expect(savedFirst(kata2, watched, () => false)).toBeUndefined();
  });
});
