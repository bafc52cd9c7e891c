/** kataFunctions: a sampling heap profile, made by hand, attributed to the kata's functions (no threads). */
import { describe, expect, it } from 'vitest';
import { kataFunctions, type ProfileNode } from '../../alloc/profile-sites.ts';

const kata = 'file:///katas/kata-7/counter.ts';
const harness = 'file:///harness/free/allocation-sites.ts';

let ids = 0;
function node(
  functionName: string,
  url: string,
  lineNumber: number,
  selfSize: number,
  children: ProfileNode[] = [],
): ProfileNode {
  return { id: ++ids, callFrame: { functionName, url, lineNumber, columnNumber: 2 }, selfSize, children };
}

// The loop calls value(), which allocates itself and calls loadWords(), which allocates too; add()
// allocates in a helper of the harness it calls back (a frame of another file, inside the kata's).
const profile = {
  head: node('(root)', '', -1, 0, [
    node('loop', harness, 10, 500, [
      node('value', kata, 39, 3000, [node('loadWords', kata, 60, 1000)]),
      node('add', kata, 20, 0, [node('push', harness, 3, 700)]),
    ]),
  ]),
};

describe('kataFunctions', () => {
  it('gives each allocation to the innermost kata function on its stack, and the rest to the loop', () => {
    const { functions, outside } = kataFunctions(profile, kata);
    expect(functions).toEqual([
      { name: 'value', line: 40, bytes: 3000 },
      { name: 'loadWords', line: 61, bytes: 1000 },
      { name: 'add', line: 21, bytes: 700 },
    ]);
    expect(outside).toBe(500);
  });

  it("maps each function's position in the code V8 ran to the kata's own line (the source map)", () => {
    const originalLine = (line: number, column: number) => 1000 + line * 10 + column;
    expect(kataFunctions(profile, kata, originalLine).functions.map((fn) => fn.line)).toEqual([1392, 1602, 1202]);
  });

  it('adds up one function seen on several stacks', () => {
    const twice = {
      head: node('(root)', '', -1, 0, [
        node('a', harness, 1, 0, [node('value', kata, 39, 10)]),
        node('value', kata, 39, 5),
      ]),
    };
    expect(kataFunctions(twice, kata).functions).toEqual([{ name: 'value', line: 40, bytes: 15 }]);
  });

  it('finds nothing in a profile of another file', () => {
    expect(kataFunctions(profile, 'file:///elsewhere.ts')).toEqual({ functions: [], outside: 5200 });
  });
});
