/** The progress list: one status vocabulary, and a row that says what stopped a kata that crashed. */
import { describe, expect, it } from 'vitest';
import { columns } from '../../report/plain-text.ts';
import { progressRow } from '../../workshop/progress-row.ts';
import { checkWords, learnerStatus } from '../../workshop/progress-status.ts';

describe("the learner's status", () => {
  it('is solved, not solved yet or error from the engine, and not started when the check stopped at a todo()', () => {
    expect(learnerStatus('pass')).toBe('solved');
    expect(learnerStatus('fail', { detector: 'lost-update' })).toBe('not solved yet');
    expect(learnerStatus('fail', { detector: 'not-solved' })).toBe('not started');
    expect(learnerStatus('error', { detector: 'stuck' })).toBe('error');
  });

  it("is said in a kata's own report as its closing line says it", () => {
    expect(['solved', 'not solved yet', 'not started', 'error'].map((status) => checkWords(status as never))).toEqual([
      'solved',
      'not solved yet',
      'not solved yet',
      'stopped on an error',
    ]);
  });
});

describe('a progress row', () => {
  const syntax = {
    kata: 'kata-4',
    status: 'error' as const,
    detector: 'load-error',
    summary: 'kata-4/counter.ts:26:36: SyntaxError: Expected ")" but found ";"',
  };

  it('names the file, the line and the message of a kata that could not load, on one line', () => {
    expect(progressRow(syntax, 'the atomic counter')).toBe(
      '  ! kata-4  kata-4/counter.ts:26:36: SyntaxError: Expected ")" but found ";"',
    );
  });

  it('fits 80 columns, however long the message, and keeps to one line', () => {
    const long = {
      ...syntax,
      summary: `kata-4/counter.ts:26:36: SyntaxError: ${'a very long message '.repeat(10)}\nand a second line`,
    };
    const row = progressRow(long, 'the atomic counter');
    expect(row).not.toContain('\n');
    expect(columns(row)).toBeLessThanOrEqual(80);
    expect(row).toMatch(/^ {2}! kata-4 {2}kata-4\/counter\.ts:26:36: SyntaxError: a very long .*…$/);
  });

  it('keeps the title and the status of every other kata', () => {
    expect(progressRow({ kata: 'kata-1', status: 'solved' }, 'the naive counter')).toBe(
      '  ✓ kata-1  the naive counter',
    );
    expect(
      progressRow(
        { kata: 'kata-2', status: 'not solved yet', detector: 'lost-update', summary: 'x' },
        'a mutex counter',
      ),
    ).toBe(`  ✗ kata-2  ${'a mutex counter'.padEnd(38)}not solved yet`);
  });

  it('keeps a title longer than its column apart from the status', () => {
    const title = 'alignment and tearing on 32-bit machines';
    expect(progressRow({ kata: 'kata-6', status: 'not started' }, title)).toBe(`  · kata-6  ${title}  not started`);
  });
});
