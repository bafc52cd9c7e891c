/** Source excerpts: the line a problem is on with a caret under its column, and where a load error happened. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { excerpt, locate, unclosedBrace } from '../../report/source.ts';

const folder = mkdtempSync(join(tmpdir(), 'counter-katas-source-'));
const file = join(folder, 'counter.ts');
writeFileSync(
  file,
  ['export class Counter {', '\tadd(delta: number): void {', '    this.value += delta;   ', '  }', '}'].join('\n'),
);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('excerpt', () => {
  it('shows the line with a caret under the column', () => {
    expect(excerpt({ file, line: 3, column: 10 })).toEqual(['3 |     this.value += delta;', '  |          ^']);
  });

  it('shows a tab as two spaces, and keeps the caret within the line', () => {
    expect(excerpt({ file, line: 2, column: 2 })).toEqual(['2 |   add(delta: number): void {', '  |  ^']);
    expect(excerpt({ file, line: 4, column: 99 })).toEqual(['4 |   }', '  |    ^']);
    expect(excerpt({ file, line: 1, column: 0 })).toEqual(['1 | export class Counter {', '  | ^']);
  });

  it('shows a line wider than the room around the caret, with … where it cut, the caret under the same character', () => {
    const whole = '  add(delta: number): void {';
    for (const column of [3, 10, 26]) {
      const [line, caret] = excerpt({ file, line: 2, column }, 24);
      const shown = line!.slice('2 | '.length);
      expect(shown.length).toBe(20);
      expect(shown.startsWith('…') || shown.endsWith('…')).toBe(true);
      expect(shown[caret!.indexOf('^') - '  | '.length]).toBe(whole[column - 1]);
    }
  });

  it('shows nothing for a line past the end or a file that cannot be read', () => {
    expect(excerpt({ file, line: 9, column: 1 })).toEqual([]);
    expect(excerpt({ file: join(folder, 'missing.ts'), line: 1, column: 1 })).toEqual([]);
  });
});

describe('locate', () => {
  it('reads the location esbuild wrote into a transform error, counting its column from 1', () => {
    const message =
      'Transform failed with 1 error:\n/k/katas/kata-1/counter.ts:7:12: ERROR: Expected ";" but found "value"';
    expect(locate({ name: 'Error', message })).toEqual({
      at: { file: '/k/katas/kata-1/counter.ts', line: 7, column: 13 },
      message: 'Expected ";" but found "value"',
    });
  });

  it("keeps an error's own location and message otherwise", () => {
    const at = { file: '/k/katas/kata-1/counter.ts', line: 2, column: 3 };
    expect(locate({ name: 'TypeError', message: 'x is not a function', at })).toEqual({
      at,
      message: 'x is not a function',
    });
    expect(locate({ name: 'Error', message: 'no export Counter' })).toEqual({ message: 'no export Counter' });
  });
});

describe('unclosedBrace', () => {
  const write = (name: string, lines: string[]) => {
    const path = join(folder, name);
    writeFileSync(path, lines.join('\n'));
    return path;
  };

  it('finds the { that nothing at its indentation closes, above where the parser gave up', () => {
    const open = write('open.ts', [
      'class C {',
      '  add(d: number): void {',
      '    if (d < 0) {',
      '      throw new RangeError();',
      '    this.x += d;',
      '  }',
      '',
      '  value(): number {',
      '    return 1;',
      '  }',
      '}',
    ]);
    expect(unclosedBrace(open, 8)).toBe(3);
  });

  it('finds none in code whose braces close at their indentation: else, arrows, calls and objects', () => {
    const closed = write('closed.ts', [
      'class C {',
      '  add(d: number): void {',
      '    if (d < 0) {',
      '      throw new RangeError();',
      '    } else {',
      '      run(() => {',
      '        go({',
      '          a: 1,',
      '        });',
      '      });',
      '    }',
      '  }',
      '  value(): number { // {',
      '    return 1 ]',
      '  }',
      '}',
    ]);
    expect(unclosedBrace(closed, 14)).toBeUndefined();
  });
});
