/**
 * A kata not solved yet points at the first `// TODO:` the attendee has to fill in: the first of
 * the first method that still calls todo(), whichever todo() the failing case happened to call.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kataIds, loadKata, root } from '../../curriculum/katas.ts';
import { notSolved } from '../../detectors/not-solved.ts';
import { examine } from '../../engine/examine.ts';
import { stubPath } from '../../workshop/stubs.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('counter-katas-not-solved-');

const source = [
  "// A header that quotes todo('header()') is no call.", // 1
  'export default class C {', // 2
  '  inc(): void {', // 3
  '    // Some context first.', // 4
  '    // TODO: add 1.', // 5
  '    //       (a TODO may run on)', // 6
  '    // TODO: and a second one.', // 7
  "    todo('inc()');", // 8
  '  }', // 9
  '  value(): number {', // 10
  '    // TODO: return the count.', // 11
  "    return todo('value()');", // 12
  '  }', // 13
  '}', // 14
].join('\n');

/** todoThrown is what todo() throws at a line of `file`, as the worker reports it. */
const todoThrown = (file: string, line: number, what: string) => ({
  name: 'NotSolvedYet',
  message: `${what} is not written yet`,
  at: { file, line, column: 5, fn: 'C.x' },
});

/** firstTodo is where the attendee starts: the first `// TODO:` of the comment block above the file's first todo('…') call. */
function firstTodo(text: string): number {
  const lines = text.split('\n');
  const call = lines.findIndex((line) => !/^\s*\/\//.test(line) && /\btodo\(\s*['"`]/.test(line));
  let start = call;
  while (start > 0 && /^\s*\/\//.test(lines[start - 1]!)) start--;
  return lines.findIndex((line, index) => index >= start && /^\s*\/\/\s*TODO:/.test(line)) + 1;
}

describe('not solved yet', () => {
  it('points at the first TODO of the first method left, whichever todo() threw', () => {
    const file = join(scratch(), 'counter.ts');
    writeFileSync(file, source);
    const fromInc = notSolved(todoThrown(file, 8, 'inc()'), 'inc() is not written yet');
    const fromValue = notSolved(todoThrown(file, 12, 'value()'), 'value() is not written yet');
    expect(fromInc).toEqual(fromValue);
    expect(fromValue.summary).toBe('inc() and value() are not written yet');
    expect(fromValue.at).toEqual({ file, line: 5, column: 5 });
    expect(firstTodo(source)).toBe(5);
  });

  it('points at the todo() call itself when no TODO is written above it', () => {
    const file = join(scratch(), 'counter.ts');
    writeFileSync(file, source.replace('    // TODO: return the count.', '').replace(/\n.*todo\('inc\(\)'\);/, ''));
    const finding = notSolved(todoThrown(file, 11, 'value()'), 'value() is not written yet');
    expect(finding.summary).toBe('value() is not written yet');
    expect(finding.at?.line).toBe(11);
    expect(readFileSync(file, 'utf8').split('\n')[10]).toContain("todo('value()')");
  });

  it('keeps the place it was given when the file cannot be read', () => {
    const missing = todoThrown(join(scratch(), 'gone.ts'), 3, 'add()');
    expect(notSolved(missing, 'add(): add() is not written yet')).toMatchObject({
      summary: 'add(): add() is not written yet',
      at: missing.at,
    });
  });

  it('points every shipped stub that is not solved yet at its first TODO', async () => {
    const stubs = [];
    for (const id of kataIds()) if ((await loadKata(id)).policy.stubShows === 'not-solved') stubs.push(id);
    expect(stubs.length).toBeGreaterThanOrEqual(5);
    for (const id of stubs) {
      const check = await loadKata(id);
      const implementation = stubPath(root, id);
      const result = await examine(check, { implementation, typecheck: false, exhaustive: false, allocations: false });
      const finding = result.properties[0]?.failure?.finding;
      expect(finding?.detector, id).toBe('not-solved');
      const text = readFileSync(implementation, 'utf8');
      expect(finding?.at?.line, id).toBe(firstTodo(text));
      expect(text.split('\n')[finding!.at!.line - 1], id).toMatch(/^\s*\/\/ TODO:/);
    }
  });
});
