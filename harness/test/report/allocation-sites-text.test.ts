/** renderSites: where each method over budget allocates, one line each, within the report's width. */
import { describe, expect, it } from 'vitest';
import type { MethodSites } from '../../alloc/method-sites.ts';
import { renderSites } from '../../report/allocation-sites-text.ts';

const file = '/repo/katas/kata-7/counter.ts';
const fn = (name: string, line: number, bytesPerCall: number, lines: MethodSites['functions'][number]['lines']) => ({
  name,
  line,
  bytesPerCall,
  lines,
});

describe('renderSites', () => {
  it('names each line of each method with its code, and what it makes where the code does not say', () => {
    const sites: MethodSites[] = [
      {
        op: 'value',
        bytesPerCall: 304,
        functions: [
          fn('value', 41, 304, [
            { line: 48, text: 'const f = new Float64Array(1);', makes: 'a Float64Array' },
            { line: 49, text: 'const w = new Int32Array(f.buffer);', makes: 'an Int32Array' },
          ]),
        ],
      },
      {
        op: 'add',
        bytesPerCall: 88,
        functions: [
          fn('add', 52, 64, [{ line: 59, text: 'const oldBits = Atomics.load(this.bits, 0);', makes: 'a BigInt' }]),
          fn('float64bits', 26, 24, [
            { line: 28, text: 'return asBits[0];', makes: 'a BigInt', within: 'float64bits' },
          ]),
        ],
      },
      { op: 'inc', bytesPerCall: 16, functions: [] },
      {
        op: 'count',
        bytesPerCall: 8,
        functions: [],
        suspects: [
          { line: 62, text: 'Atomics.add(this.ints, 0, delta);', makes: 'a boxed float', within: 'addInteger' },
        ],
      },
    ];
    expect(renderSites(sites, file, 78)).toEqual([
      "What allocates, by V8's sampling heap profiler on the meter's thread:",
      'value() 304 B/op:',
      '  counter.ts:48  const f = new Float64Array(1);',
      '  counter.ts:49  const w = new Int32Array(f.buffer);',
      'add() 88 B/op:',
      '  add() (line 52), about 64 B per call:',
      '    counter.ts:59  const oldBits = Atomics.load(this.bits, 0);  (a BigInt)',
      '  float64bits() (line 26), about 24 B per call:',
      '    counter.ts:28  return asBits[0];  (a BigInt, in float64bits())',
      'inc() 16 B/op: none of its own lines makes an object',
      'count() 8 B/op: none of its own lines makes an object',
      '  Most likely a float boxed where it is handed to Atomics, here:',
      '    counter.ts:62  Atomics.add(this.ints, 0, delta);  (in addInteger())',
    ]);
  });

  it('cuts a long line of code to fit the width, and shows it as one line of plain text', () => {
    const text = `const label = \`${'x'.repeat(100)}\u001b[2J\`;`;
    const [, , line] = renderSites(
      [{ op: 'add', bytesPerCall: 200, functions: [fn('add', 1, 200, [{ line: 3, text, makes: 'a string' }])] }],
      file,
      60,
    );
    expect(line).toMatch(/^ {2}counter\.ts:3 {2}const label = `x+… {2}\(a string\)$/);
    expect(line!.length).toBeLessThanOrEqual(60);
  });
});
