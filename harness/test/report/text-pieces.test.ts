/** What the text reports share: the title line, places, load errors, counts and durations. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plain } from '../../report/timeline.ts';
import { count, duration, lessonLine, loadErrorLines, place, titleLine } from '../../report/text-pieces.ts';
import { command, kata } from './kata-x-report.ts';

const style = { ...plain, good: (text: string) => text, dim: (text: string) => `<dim>${text}` };

describe('titleLine', () => {
  it('names the kata, its title and the file, and a note dimmed after them', () => {
    expect(titleLine(kata('required'), 'katas/kata-x/counter.ts', style, { command })).toBe(
      'kata-x · the x counter · katas/kata-x/counter.ts',
    );
    expect(
      titleLine(kata('required'), 'katas/kata-x/counter.ts', style, { command, note: 'as on a 32-bit machine' }),
    ).toBe('kata-x · the x counter · katas/kata-x/counter.ts<dim> · as on a 32-bit machine');
  });
});

describe('place', () => {
  it('writes a location relative to the working folder, or nothing', () => {
    expect(place({ file: join(process.cwd(), 'katas/kata-x/counter.ts'), line: 12, column: 3 })).toBe(
      'katas/kata-x/counter.ts:12',
    );
    expect(place(undefined)).toBe('');
  });
});

describe('loadErrorLines', () => {
  it("calls esbuild's transform error a SyntaxError, where esbuild says it is", () => {
    const message = `${join(process.cwd(), 'katas/kata-x/missing.ts')}:3:4: ERROR: Unexpected "}"`;
    expect(loadErrorLines('katas/kata-x/missing.ts', { name: 'TransformError', message }, plain)).toEqual([
      '✗ katas/kata-x/missing.ts could not be loaded',
      '  katas/kata-x/missing.ts:3:5: SyntaxError: Unexpected "}"',
      '',
      '',
      'Fix the error above and run the check again.',
    ]);
  });
});

describe('lessonLine, count and duration', () => {
  it('render the lesson, counts with thousands separated, and durations for a person', () => {
    expect(lessonLine(kata('lesson'))).toBe('kata-x: Two threads, one number: the lesson.');
    expect([count(1, 'run'), count(1200, 'run'), count(2, 'context switch', 'context switches')]).toEqual([
      '1 run',
      '1,200 runs',
      '2 context switches',
    ]);
    expect([duration(40.4), duration(999.4), duration(999.6), duration(2340)]).toEqual([
      '40 ms',
      '999 ms',
      '1.0 s',
      '2.3 s',
    ]);
  });
});
