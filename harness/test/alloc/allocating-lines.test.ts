/** allocatingLines: the lines of one function that make an object, read from its source. */
import { describe, expect, it } from 'vitest';
import { allocatingLines, floatsHandedToAtomics } from '../../alloc/allocating-lines.ts';
import { methodSites } from '../../alloc/method-sites.ts';

const source = `import type { Counter } from '../../harness/kata.ts';
const scratch = new Float64Array(1); // made once: not a method's
export default class C implements Counter {
  private readonly bits: BigInt64Array;
  constructor(memory: SharedMemory) {
    this.bits = memory.bigInt64(1);
  }
  add(delta: number): void {
    if (!(delta >= 0)) throw new RangeError(\`bad delta \${delta}\`);
    // new Array(3) in a comment makes nothing
    const label = 'new Int32Array(2) in a string makes nothing';
    const f = new Float64Array(1);
    const w = new Int32Array(f.buffer);
    void label;
  }
  value(): number {
    return this.read();
  }
  private read(): number {
    const bits = Atomics.load(this.bits, 0);
    return Number(bits);
  }
  inc(): void {
    this.cells.forEach((cell) => Atomics.add(cell, 0, 1));
  }
}
`;

describe('allocatingLines', () => {
  it("names the function's own lines that make an object, not a throw's, a comment's or a string's", () => {
    expect(allocatingLines(source, 8)).toEqual([
      { line: 12, text: 'const f = new Float64Array(1);', makes: 'a Float64Array' },
      { line: 13, text: 'const w = new Int32Array(f.buffer);', makes: 'an Int32Array' },
    ]);
  });

  it('looks into the functions it calls when it makes nothing itself, and knows an Atomics call on a BigInt64Array', () => {
    expect(allocatingLines(source, 16)).toEqual([
      { line: 20, text: 'const bits = Atomics.load(this.bits, 0);', makes: 'a BigInt', within: 'read' },
    ]);
  });

  it('names a closure made on every call', () => {
    expect(allocatingLines(source, 23).map((line) => [line.line, line.makes])).toEqual([[24, 'a closure']]);
  });
});

describe('floatsHandedToAtomics', () => {
  const counter = (whole: string) => `export default class C {
  add(delta: number): void {
    if (Number.isInteger(delta)) this.addInteger(delta);
  }
  private addInteger(delta: number): void {
    const seq = Atomics.load(this.seq, 0);
    Atomics.compareExchange(this.seq, 0, seq, seq + 1);
    Atomics.add(this.ints, 0, ${whole});
  }
}
`;

  it('suspects a line that hands Atomics a parameter as it came, in the method or what it calls', () => {
    expect(floatsHandedToAtomics(counter('delta'), 'add')).toEqual([
      { line: 8, text: 'Atomics.add(this.ints, 0, delta);', makes: 'a boxed float', within: 'addInteger' },
    ]);
  });

  it('suspects nothing where the value is `delta | 0`, or read from an Int32Array', () => {
    expect(floatsHandedToAtomics(counter('delta | 0'), 'add')).toEqual([]);
  });
});

describe('methodSites', () => {
  it("splits the meter's figure between the functions as the profile did, leaving out a sliver", () => {
    const sites = methodSites(
      {
        value: [
          { name: 'value', line: 16, bytes: 30 },
          { name: 'read', line: 19, bytes: 10 },
          { name: 'warm-up', line: 1, bytes: 1 },
        ],
        add: [],
      },
      { value: 24, add: 16 },
      source,
    );
    expect(sites).toEqual([
      {
        op: 'value',
        bytesPerCall: 24,
        functions: [
          { name: 'value', line: 16, bytesPerCall: 18, lines: allocatingLines(source, 16) },
          { name: 'read', line: 19, bytesPerCall: 6, lines: allocatingLines(source, 19) },
        ],
      },
      { op: 'add', bytesPerCall: 16, functions: [] },
    ]);
  });

  it('suspects the lines that hand Atomics a parameter when no line of the method makes an object', () => {
    const boxes = `class C {\n  add(delta: number): void {\n    Atomics.add(this.ints, 0, delta);\n  }\n}\n`;
    expect(methodSites({ add: [] }, { add: 8 }, boxes)).toEqual([
      {
        op: 'add',
        bytesPerCall: 8,
        functions: [],
        suspects: [{ line: 3, text: 'Atomics.add(this.ints, 0, delta);', makes: 'a boxed float' }],
      },
    ]);
  });
});
