/**
 * What a kata's author has still to write: the lines of its files that keep a `TODO(author)` mark
 * from the template `npm run new-kata` wrote. The attendee's `// TODO:` lines are not marks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Kata } from '../curriculum/resolve.ts';
import { filesIn, readmeOf } from './kata-files.ts';

/** AUTHOR_MARK starts a line the template left for the author to write. */
export const AUTHOR_MARK = 'TODO(author)';

/** Placeholder is one line left to write: where, and what the template says to write there. */
export interface Placeholder {
  /** at is `file:line`, relative to the checkout. */
  readonly at: string;
  readonly text: string;
}

/** leftToFill lists the marked lines of the kata's README, hints, definition, stub, solution, mutants and correct variants. */
export function leftToFill(kata: Kata): Placeholder[] {
  const root = join(kata.paths.checks, '..', '..');
  const files = [
    readmeOf(kata),
    kata.paths.hints,
    join(kata.paths.checks, 'definition.ts'),
    kata.paths.stub,
    kata.paths.solution,
    ...filesIn(kata, 'mutants').map(({ file }) => file),
    ...filesIn(kata, 'correct').map(({ file }) => file),
  ];
  return files.flatMap((file) => {
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        const at = line.indexOf(AUTHOR_MARK);
        if (at < 0) return [];
        const text = line
          .slice(at + AUTHOR_MARK.length)
          .replace(/^[:\s]+/, '')
          .replace(/\s*-->\s*$/, '');
        return [{ at: `${relative(root, file)}:${i + 1}`, text }];
      });
  });
}
