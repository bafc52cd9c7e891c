/**
 * Every route from kata code to shared memory is seen (a step on the right bytes) or refused
 * with a clear error. Snippets of kata-like code run on a worker thread whose built-ins the
 * instrumentation replaced (support/instrument-driver.ts), with a gate that records each step
 * (support/recording-gate.ts); steps read `op kind@offset+size [args]`. No scheduler is involved.
 */
import { manifest } from '../../../checks/manifest.ts';
import { existsSync, readdirSync } from 'node:fs';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { FreePool } from '../../free/free-pool.ts';
import { describeError } from '../../worker/locations.ts';
import { Driver } from '../support/driver.ts';

let plain: Driver;
let split: Driver;

beforeAll(async () => {
  [plain, split] = await Promise.all([Driver.start(), Driver.start({ split64: true })]);
});

afterAll(async () => {
  await Promise.all([plain?.close(), split?.close()]);
});

const routes = `${root}harness/test/fixtures/routes/`;

/** expectThrows runs `code` on the plain driver and expects it to throw the engine's error: `name`, with `message`. */
async function expectThrows(code: string, name: string, message: string): Promise<void> {
  expect((await plain.run(code)).error).toMatchObject({ name, message });
}

describe('elements', () => {
  it('makes each read and write one step on the element’s bytes', async () => {
    const reply = await plain.run('const cells = memory.int32(2); cells[1] += 5; return cells[1];');
    expect(reply.result).toBe(5);
    expect(reply.steps).toEqual(['read int32@4+4', 'write int32@4+4 [5]', 'read int32@4+4']);
    expect(reply.recorded[1]).toEqual({
      access: 'write',
      op: 'write',
      view: 0,
      index: 1,
      offset: 4,
      size: 4,
      kind: 'int32',
      littleEndian: true,
      args: [5],
      value: 5,
    });
    expect(reply.views).toEqual([{ id: 0, kind: 'int32', byteOffset: 0, byteLength: 8, made: 'memory' }]);
  });

  it('records a write as the element type stores it, after converting it outside the step', async () => {
    const reply = await plain.run(
      `const cells = memory.int32(2);
       cells[0] = { valueOf() { cells[1]; return 2 ** 32 + 7.9; } };
       return cells[0];`,
    );
    expect(reply.steps).toEqual(['read int32@4+4', 'write int32@0+4 [7]', 'read int32@0+4']);
    expect(reply.result).toBe(7);
  });

  it('takes no step for an index out of range, a numeric key that is no index, or "length"', async () => {
    const reply = await plain.run(
      `const cells = memory.int32(2);
       cells[5] = 1; cells[-1] = 1; cells['1.5'] = 1;
       return [cells[5], cells[-1], cells['-0'], cells.length, 5 in cells, 1 in cells, cells.byteLength, cells.byteOffset];`,
    );
    expect(reply.steps).toEqual([]);
    expect(reply.result).toEqual([undefined, undefined, undefined, 2, false, true, 8, 0]);
  });

  it('treats "01" as an ordinary property, as a typed array does', async () => {
    const reply = await plain.run(
      `const cells = memory.int32(2); cells['01'] = 'x'; return [cells['01'], Object.keys(cells)];`,
    );
    expect(reply.steps).toEqual(['read int32@0+4', 'read int32@4+4']); // Object.keys asks each element's descriptor
    expect(reply.result).toEqual(['x', ['0', '1', '01']]);
  });

  it('reads through an object that inherits from a view, and writes to that object instead', async () => {
    const reply = await plain.run(
      `const cells = memory.int32(1); cells[0] = 3;
       const child = Object.create(cells);
       const read = child[0];
       child[0] = 9;
       return [read, Object.getOwnPropertyDescriptor(child, '0').value, cells[0]];`,
    );
    expect(reply.steps).toEqual(['write int32@0+4 [3]', 'read int32@0+4', 'read int32@0+4']);
    expect(reply.result).toEqual([3, 9, 3]);
  });

  it('gives each SharedMemory view its bytes, aligned, registered as made by memory', async () => {
    const reply = await plain.run(
      'memory.int32(1); memory.float64(1); memory.uint32(3); memory.bigUint64(1); return 0;',
    );
    expect(
      reply.views.map(({ kind, byteOffset, byteLength, made }) => `${kind}@${byteOffset}+${byteLength} ${made}`),
    ).toEqual(['int32@0+4 memory', 'float64@8+8 memory', 'uint32@16+12 memory', 'biguint64@32+8 memory']);
  });
});

describe('64-bit elements on a 32-bit machine (split64)', () => {
  it('reads and writes a Float64Array element as two uint32 steps, low word first', async () => {
    const reply = await split.run('const f = memory.float64(1); f[0] = 1.5; return f[0];');
    expect(reply.steps).toEqual([
      'write uint32@0+4 lo [0]',
      'write uint32@4+4 hi [1073217536]',
      'read uint32@0+4 lo',
      'read uint32@4+4 hi',
    ]);
    expect(reply.recorded[1]).toMatchObject({ index: 0, half: 'hi', kind: 'uint32', size: 4 });
    expect(reply.result).toBe(1.5);
  });

  it('splits BigInt64Array and BigUint64Array elements, and keeps Atomics whole', async () => {
    const reply = await split.run(
      `const b = memory.bigInt64(1); const u = memory.bigUint64(1);
       b[0] = -2n; u[0] = 2n ** 40n; Atomics.add(b, 0, 1n);
       return [b[0], u[0]];`,
    );
    expect(reply.steps).toEqual([
      'write uint32@0+4 lo [4294967294]',
      'write uint32@4+4 hi [4294967295]',
      'write uint32@8+4 lo [0]',
      'write uint32@12+4 hi [256]',
      'add bigint64@0+8 [1]',
      'read uint32@0+4 lo',
      'read uint32@4+4 hi',
      'read uint32@8+4 lo',
      'read uint32@12+4 hi',
    ]);
    expect(reply.result).toEqual([-1n, 2n ** 40n]);
  });

  it('splits the elements a method touches too', async () => {
    expect(await split.steps('const f = memory.float64(2); return f.at(-1);')).toEqual([
      'read uint32@8+4 lo',
      'read uint32@12+4 hi',
    ]);
  });

  it('leaves 32-bit elements whole', async () => {
    expect(await split.steps('const c = memory.int32(1); c[0]++;')).toEqual(['read int32@0+4', 'write int32@0+4 [1]']);
  });
});

describe('view.buffer: the buffer handle', () => {
  it('is a SharedArrayBuffer to instanceof, with its byteLength, and never the raw buffer', async () => {
    const reply = await plain.run(
      `const a = memory.int32(1); const b = memory.float64(1); const h = a.buffer;
       return [h instanceof SharedArrayBuffer, h.byteLength, h === b.buffer, probe.isRealSharedArrayBuffer(h), Object.prototype.toString.call(h),
               h.growable, h.maxByteLength, 'length' in h, Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get.call(h)];`,
    );
    expect(reply.steps).toEqual([]);
    expect(reply.result).toEqual([true, 4096, true, false, '[object SharedArrayBuffer]', false, 4096, false, 4096]);
  });

  it('makes an instrumented Int32Array alias over the same bytes', async () => {
    const reply = await plain.run(
      'const c = memory.int32(2); const alias = new Int32Array(c.buffer, 4, 1); alias[0] += 2; return c[1];',
    );
    expect(reply.steps).toEqual(['read int32@4+4', 'write int32@4+4 [2]', 'read int32@4+4']);
    expect(reply.views[1]).toEqual({ id: 1, kind: 'int32', byteOffset: 4, byteLength: 4, made: 'alias' });
    expect(reply.result).toBe(2);
  });

  it('makes a Float64Array over a BigInt64Array’s buffer, kata-5’s natural move', async () => {
    const reply = await plain.run(
      `const bits = memory.bigInt64(1); const f = new Float64Array(bits.buffer, bits.byteOffset, 1);
       Atomics.store(bits, 0, 4609434218613702656n); return f[0];`,
    );
    expect(reply.steps).toEqual(['store bigint64@0+8 [4609434218613702656]', 'read float64@0+8']);
    expect(reply.result).toBe(1.5);
  });

  it('makes an alias of every typed-array type, over the whole buffer when given nothing else', async () => {
    const reply = await plain.run(
      `const h = memory.int32(1).buffer;
       const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
       for (const Kind of kinds) new Kind(h)[1];
       return kinds.map((Kind) => new Kind(h).length);`,
    );
    expect(reply.steps).toEqual([
      'read int8@1+1',
      'read uint8@1+1',
      'read uint8c@1+1',
      'read int16@2+2',
      'read uint16@2+2',
      'read int32@4+4',
      'read uint32@4+4',
      'read float32@4+4',
      'read float64@8+8',
      'read bigint64@8+8',
      'read biguint64@8+8',
    ]);
    expect(reply.result).toEqual([4096, 4096, 4096, 2048, 2048, 1024, 1024, 1024, 512, 512, 512]);
  });

  it('leaves the engine’s errors for a bad offset', async () => {
    const reply = await plain.run('const c = memory.int32(1); new Float64Array(c.buffer, 4, 1);');
    expect(reply.error).toMatchObject({
      name: 'RangeError',
      message: 'start offset of Float64Array should be a multiple of 8',
    });
  });

  const refusedAsList =
    "kata memory's buffer cannot be read as a list (Array.from, spread, Buffer.from, another realm's constructors): the harness would not see those reads. View it instead: new Int32Array(view.buffer, byteOffset, length), or new DataView(view.buffer)";

  it.each([
    ['Array.from', 'Array.from(memory.int32(1).buffer)'],
    ['spread', '[...memory.int32(1).buffer]'],
    ['length', 'memory.int32(1).buffer.length'],
    ['Buffer.from', 'Buffer.from(memory.int32(1).buffer)'],
    ['the engine’s own Uint8Array (Buffer’s prototype)', 'new (Object.getPrototypeOf(Buffer))(memory.int32(1).buffer)'],
    ['Uint8Array.from', 'Uint8Array.from(memory.int32(1).buffer)'],
    ['a vm realm’s Int32Array', "probe.vm.runInNewContext('new Int32Array(h)', { h: memory.int32(1).buffer })"],
  ])('refuses to read it as a list: %s', async (_route, code) => {
    const reply = await plain.run(code);
    expect(reply.steps).toEqual([]);
    expect(reply.error).toMatchObject({ name: 'TypeError', message: refusedAsList });
  });

  it.each([
    ['slice()', 'memory.int32(1).buffer.slice(0)'],
    ['SharedArrayBuffer.prototype.slice.call()', 'SharedArrayBuffer.prototype.slice.call(memory.int32(1).buffer, 0)'],
  ])('refuses %s, which would copy it unseen', async (_route, code) => {
    expect((await plain.run(code)).error).toMatchObject({
      name: 'TypeError',
      message:
        'slice() would copy kata memory without the harness seeing the reads: view the bytes instead, e.g. new Uint8Array(view.buffer, byteOffset, length)',
    });
  });

  it('refuses grow(), and structuredClone with a clear message', async () => {
    expect((await plain.run('memory.int32(1).buffer.grow(8)')).error?.message).toBe(
      'kata memory cannot grow: take what you need from SharedMemory (memory.int32(length), ...)',
    );
    expect((await plain.run('structuredClone(memory.int32(1).buffer)')).error?.message).toMatch(
      /^structuredClone would copy kata memory without the harness seeing the reads/,
    );
  });
});

describe('methods: one step per element they touch', () => {
  const cases: [string, string, string[], unknown][] = [
    ['at', 'c.at(-1)', ['read int32@8+4'], 3],
    [
      'fill',
      'c.fill(7, 1); return [...c]',
      ['write int32@4+4 [7]', 'write int32@8+4 [7]', 'read int32@0+4', 'read int32@4+4', 'read int32@8+4'],
      [1, 7, 7],
    ],
    [
      'copyWithin',
      'c.copyWithin(0, 1, 2); return c[0]',
      ['read int32@4+4', 'write int32@0+4 [2]', 'read int32@0+4'],
      2,
    ],
    [
      'slice',
      'const s = c.slice(1); return [s instanceof Int32Array, probe.isRealTypedArray(s), s.buffer instanceof SharedArrayBuffer, [...s]]',
      ['read int32@4+4', 'read int32@8+4'],
      [true, true, false, [2, 3]],
    ],
    ['indexOf', 'c.indexOf(2)', ['read int32@0+4', 'read int32@4+4'], 1],
    ['lastIndexOf', 'c.lastIndexOf(3)', ['read int32@8+4'], 2],
    ['includes', 'c.includes(9)', ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'], false],
    ['join', "c.join('-')", ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'], '1-2-3'],
    ['toString', 'c.toString()', ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'], '1,2,3'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet is code, and its template literal reads the view.
    ['a template literal', '`${c}`', ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'], '1,2,3'],
    ['toLocaleString', 'c.toLocaleString()', ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'], '1,2,3'],
    [
      'map',
      'const m = c.map((x) => x * 2); return [m instanceof Int32Array, [...m]]',
      ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'],
      [true, [2, 4, 6]],
    ],
    [
      'filter',
      'const f = c.filter((x) => x > 1); return [f instanceof Int32Array, [...f]]',
      ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'],
      [true, [2, 3]],
    ],
    ['reduce', 'c.reduce((a, x) => a + x, 0)', ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'], 6],
    [
      'reduceRight',
      "c.reduceRight((a, x) => a + x, '')",
      ['read int32@8+4', 'read int32@4+4', 'read int32@0+4'],
      '321',
    ],
    [
      'forEach',
      'let s = 0; c.forEach((x) => (s += x)); return s',
      ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'],
      6,
    ],
    ['every', 'c.every((x) => x < 2)', ['read int32@0+4', 'read int32@4+4'], false],
    ['some', 'c.some((x) => x === 2)', ['read int32@0+4', 'read int32@4+4'], true],
    ['find', 'c.find((x) => x > 1)', ['read int32@0+4', 'read int32@4+4'], 2],
    ['findIndex', 'c.findIndex((x) => x > 1)', ['read int32@0+4', 'read int32@4+4'], 1],
    ['findLast', 'c.findLast((x) => x < 3)', ['read int32@8+4', 'read int32@4+4'], 2],
    ['findLastIndex', 'c.findLastIndex((x) => x < 3)', ['read int32@8+4', 'read int32@4+4'], 1],
    [
      'reverse',
      'return c.reverse() === c',
      ['read int32@0+4', 'read int32@8+4', 'write int32@0+4 [3]', 'write int32@8+4 [1]'],
      true,
    ],
    [
      'with',
      'const w = c.with(1, 9); return [w instanceof Int32Array, [...w]]',
      ['read int32@0+4', 'read int32@8+4'],
      [true, [1, 9, 3]],
    ],
    ['toReversed', '[...c.toReversed()]', ['read int32@8+4', 'read int32@4+4', 'read int32@0+4'], [3, 2, 1]],
    ['entries', '[...c.entries()][2]', ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'], [2, 3]],
    ['keys, which reads no element', '[...c.keys()]', [], [0, 1, 2]],
    ['Array.from', 'Array.from(c)', ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'], [1, 2, 3]],
    ['destructuring', 'const [a] = c; return a', ['read int32@0+4'], 1],
    [
      'for...of',
      'let s = 0; for (const x of c) s += x; return s',
      ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'],
      6,
    ],
    [
      'Symbol.iterator, lazily: one element per next()',
      'const it = c[Symbol.iterator](); return it.next().value',
      ['read int32@0+4'],
      1,
    ],
    [
      'values, lazily',
      'const it = c.values(); it.next(); return it.next().value',
      ['read int32@0+4', 'read int32@4+4'],
      2,
    ],
    [
      'Array.prototype methods called on a view',
      'Array.prototype.map.call(c, (x) => -x)',
      ['read int32@0+4', 'read int32@4+4', 'read int32@8+4'],
      [-1, -2, -3],
    ],
  ];

  it.each(cases)('%s', async (_name, body, steps, result) => {
    const code = `const c = memory.int32(3); probe.realAtomics.store; c.set([1, 2, 3]);\n${body.startsWith('return') || body.includes('; return') ? body : `return ${body}`}`;
    const reply = await plain.run(code);
    expect(reply.error).toBeUndefined();
    expect(reply.steps.slice(3)).toEqual(steps);
    expect(reply.result).toEqual(result);
  });

  it('sorts numerically by default, -0 before +0 and NaN last, as typed arrays do', async () => {
    const reply = await plain.run(
      'const f = memory.float64(5); f.set([10, NaN, 9, 0, -0]); f.sort(); return [...f].map((x) => Object.is(x, -0) ? "-0" : x);',
    );
    expect(reply.result).toEqual(['-0', 0, 9, 10, NaN]);
    expect(reply.steps.slice(5, 10)).toEqual([
      'read float64@0+8',
      'read float64@8+8',
      'read float64@16+8',
      'read float64@24+8',
      'read float64@32+8',
    ]);
    expect(reply.steps.slice(10, 15)).toEqual([
      'write float64@0+8 [0]',
      'write float64@8+8 [0]',
      'write float64@16+8 [9]',
      'write float64@24+8 [10]',
      'write float64@32+8 [NaN]',
    ]);
  });

  it('sorts with a comparator, toSorted into a real copy, and refuses a comparator that is no function as the engine does', async () => {
    expect(
      (await plain.run('const c = memory.int32(3); c.set([1, 3, 2]); c.sort((a, b) => b - a); return [...c];')).result,
    ).toEqual([3, 2, 1]);
    expect(
      (
        await plain.run(
          'const c = memory.int32(3); c.set([1, 3, 2]); const s = c.toSorted(); return [s instanceof Int32Array, [...s], [...c]];',
        )
      ).result,
    ).toEqual([true, [1, 2, 3], [1, 3, 2]]);
    await expectThrows(
      'memory.int32(1).sort(1)',
      'TypeError',
      'The comparison function must be either a function or undefined',
    );
  });

  it('fill converts its value once, before any step', async () => {
    const reply = await plain.run(
      'let n = 0; const c = memory.int32(2); c.fill({ valueOf() { n++; return 4; } }); return n;',
    );
    expect(reply.steps).toEqual(['write int32@0+4 [4]', 'write int32@4+4 [4]']);
    expect(reply.result).toBe(1);
  });

  it('set from an array, a string and a real typed array writes each element; reading a plain source is no step', async () => {
    expect(await plain.steps('memory.int32(3).set([5, 6], 1);')).toEqual([
      'write int32@4+4 [5]',
      'write int32@8+4 [6]',
    ]);
    expect(await plain.steps("memory.int32(2).set('78');")).toEqual(['write int32@0+4 [7]', 'write int32@4+4 [8]']);
    expect(await plain.steps('memory.int32(2).set(new Float64Array([1.5, 2.5]));')).toEqual([
      'write int32@0+4 [1]',
      'write int32@4+4 [2]',
    ]);
  });

  it('set from a view over the same bytes reads the whole source first, then writes, as the spec clones it', async () => {
    const reply = await plain.run(
      'const c = memory.int32(3); c[0] = 1; c[1] = 2; c.set(c.subarray(0, 2), 1); return [...c];',
    );
    expect(reply.steps.slice(2)).toEqual([
      'read int32@0+4',
      'read int32@4+4',
      'write int32@4+4 [1]',
      'write int32@8+4 [2]',
      'read int32@0+4',
      'read int32@4+4',
      'read int32@8+4',
    ]);
    expect(reply.result).toEqual([1, 1, 2]);
  });

  it.each([
    ['past the end', 'memory.int32(1).set([1, 2])', 'RangeError', 'offset is out of bounds'],
    ['a negative offset', 'memory.int32(1).set([1], -1)', 'RangeError', 'offset is out of bounds'],
    [
      'BigInts into numbers',
      'memory.int32(1).set(memory.bigInt64(1))',
      'TypeError',
      'Cannot mix BigInt and other types, use explicit conversions',
    ],
  ])('set refuses as the engine does: %s', async (_, code, name, message) => {
    expect((await plain.run(code)).error).toMatchObject({ name, message });
  });

  it('subarray returns an instrumented alias over the same bytes', async () => {
    const reply = await plain.run(
      'const c = memory.int32(4); const s = c.subarray(1, -1); s[1] = 5; return [s.length, s.byteOffset, s.buffer === c.buffer, c[2], probe.isProxy(s)];',
    );
    expect(reply.steps).toEqual(['write int32@8+4 [5]', 'read int32@8+4']);
    expect(reply.views[1]).toEqual({ id: 1, kind: 'int32', byteOffset: 4, byteLength: 8, made: 'alias' });
    expect(reply.result).toEqual([2, 4, true, 5, true]);
  });

  it('with refuses an index out of range as the engine does, before reading anything', async () => {
    const reply = await plain.run('memory.int32(2).with(2, 0)');
    expect(reply.steps).toEqual([]);
    expect(reply.error).toMatchObject({ name: 'RangeError', message: 'Invalid typed array index' });
  });
});

describe('reflection', () => {
  it.each([
    [
      'Reflect.get and Reflect.set',
      'Reflect.set(c, 0, Reflect.get(c, 1) + 1); return c[0]',
      ['read int32@4+4', 'write int32@0+4 [3]', 'read int32@0+4'],
      3,
    ],
    [
      'Object.getOwnPropertyDescriptor',
      "Object.getOwnPropertyDescriptor(c, '1')",
      ['read int32@4+4'],
      { value: 2, writable: true, enumerable: true, configurable: true },
    ],
    [
      'Object.defineProperty with a value',
      "Object.defineProperty(c, '0', { value: 8 }); return c[0]",
      ['write int32@0+4 [8]', 'read int32@0+4'],
      8,
    ],
    [
      'Object.getOwnPropertyDescriptors',
      'Object.keys(Object.getOwnPropertyDescriptors(c))',
      ['read int32@0+4', 'read int32@4+4'],
      ['0', '1'],
    ],
    [
      'Object.values (a descriptor, then the value)',
      'Object.values(c)',
      ['read int32@0+4', 'read int32@0+4', 'read int32@4+4', 'read int32@4+4'],
      [1, 2],
    ],
    [
      'Object.entries',
      'Object.entries(c)[1]',
      ['read int32@0+4', 'read int32@0+4', 'read int32@4+4', 'read int32@4+4'],
      ['1', 2],
    ],
    [
      'JSON.stringify (every descriptor, then every value)',
      'JSON.stringify(c)',
      ['read int32@0+4', 'read int32@4+4', 'read int32@0+4', 'read int32@4+4'],
      '{"0":1,"1":2}',
    ],
    ['object spread', '({ ...c })[1]', ['read int32@0+4', 'read int32@0+4', 'read int32@4+4', 'read int32@4+4'], 2],
    [
      'Object.assign',
      'Object.assign({}, c)[0]',
      ['read int32@0+4', 'read int32@0+4', 'read int32@4+4', 'read int32@4+4'],
      1,
    ],
    ['in, which reads nothing', '0 in c', [], true],
  ])('%s', async (_name, body, steps, result) => {
    const reply = await plain.run(
      `const c = memory.int32(2); c.set([1, 2]);\n${body.includes('return') ? body : `return ${body}`}`,
    );
    expect(reply.error).toBeUndefined();
    expect(reply.steps.slice(2)).toEqual(steps);
    expect(reply.result).toEqual(result);
  });

  it('refuses to redefine an element as anything but a writable, enumerable, configurable value, as a typed array does', async () => {
    const reply = await plain.run(
      "const c = memory.int32(1); return [Reflect.defineProperty(c, '0', { value: 1, writable: false }), Reflect.defineProperty(c, '0', { get() { return 1; } }), Reflect.deleteProperty(c, '0')];",
    );
    expect(reply.steps).toEqual([]);
    expect(reply.result).toEqual([false, false, false]);
  });

  it('refuses Object.freeze, Object.seal and Object.preventExtensions with a clear message', async () => {
    const message =
      'Object.freeze, Object.seal and Object.preventExtensions do not work on kata memory: its views stay writable';
    for (const call of [
      'Object.freeze(memory.int32(1))',
      'Object.seal(memory.int32(1))',
      'Object.preventExtensions(memory.int32(1))',
    ]) {
      expect((await plain.run(call)).error).toMatchObject({ name: 'TypeError', message });
    }
  });

  it('keeps a property of the kata’s own on a view, as a typed array does', async () => {
    const reply = await plain.run(
      "const c = memory.int32(1); c.label = 'count'; return [c.label, Object.keys(c), Reflect.ownKeys(c).length, c.hasOwnProperty('label')];",
    );
    expect(reply.result).toEqual(['count', ['0', 'label'], 2, true]);
  });

  it('prints a view for console.log as the engine prints a typed array, reading each element', async () => {
    const reply = await plain.run(
      'const c = memory.int32(2); c[1] = 4; return [probe.inspect(c), probe.inspect(c.buffer), probe.inspect(new DataView(c.buffer, 4))];',
    );
    expect(reply.steps).toEqual(['write int32@4+4 [4]', 'read int32@0+4', 'read int32@4+4']);
    expect(reply.result).toEqual([
      'Int32Array(2) [ 0, 4 ]',
      'SharedArrayBuffer { byteLength: 4096 } (kata memory: read it through a view)',
      'DataView { byteLength: 4092, byteOffset: 4 } (kata memory)',
    ]);
  });

  it('structuredClone refuses a view, one inside an object, and a DataView, and says why', async () => {
    for (const value of ['memory.int32(1)', '{ cells: [memory.int32(1)] }', 'new DataView(memory.int32(1).buffer)']) {
      const reply = await plain.run(`structuredClone(${value})`);
      expect(reply.steps).toEqual([]);
      expect(reply.error).toMatchObject({
        name: 'TypeError',
        message:
          'structuredClone would copy kata memory without the harness seeing the reads: copy the elements through the view first (view.slice() or Array.from(view), each element a step), and pass that copy',
      });
    }
  });
});

describe('prototypes and constructors', () => {
  it('keeps instanceof, the constructor, statics and names', async () => {
    const reply = await plain.run(
      `const c = memory.int32(1);
       const TypedArray = Object.getPrototypeOf(Int32Array);
       return [c instanceof Int32Array, c instanceof TypedArray, c.constructor === Int32Array, Int32Array.prototype.constructor === Int32Array,
               Object.getPrototypeOf(c) === Int32Array.prototype, Int32Array.name, Int32Array.length, Int32Array.BYTES_PER_ELEMENT,
               Int32Array[Symbol.species] === Int32Array, Object.getPrototypeOf(Int32Array) === Object.getPrototypeOf(Float64Array),
               Object.prototype.toString.call(c), Array.isArray(c), ArrayBuffer.isView(c), ArrayBuffer.isView({}), DataView.name, DataView.prototype.constructor === DataView];`,
    );
    expect(reply.result).toEqual([
      true,
      true,
      true,
      true,
      true,
      'Int32Array',
      3,
      4,
      true,
      true,
      '[object Int32Array]',
      false,
      true,
      false,
      'DataView',
      true,
    ]);
  });

  it('leaves scratch arrays real, and from, of and species make real ones', async () => {
    const reply = await plain.run(
      `const scratch = new Float64Array(new ArrayBuffer(8)); const bits = new BigInt64Array(scratch.buffer);
       scratch[0] = 1.5;
       const made = [new Int32Array(2), new Int32Array([1, 2]), Int32Array.from([1]), Int32Array.of(1), new Int32Array(4).subarray(1), new Int32Array(2).map((x) => x)];
       return [probe.isRealTypedArray(scratch), bits[0], ...made.map((a) => probe.isRealTypedArray(a))];`,
    );
    expect(reply.steps).toEqual([]);
    expect(reply.result).toEqual([true, 4609434218613702656n, true, true, true, true, true, true]);
  });

  it('copies a view through steps when a constructor, from or of is given one', async () => {
    const reply = await plain.run(
      `const c = memory.int32(2); c.set([1, 2]);
       const copies = [new Float64Array(c), Int32Array.from(c), Int32Array.of(...c)];
       return copies.map((copy) => [probe.isRealTypedArray(copy), [...copy]]);`,
    );
    expect(reply.steps.slice(2)).toEqual([
      'read int32@0+4',
      'read int32@4+4',
      'read int32@0+4',
      'read int32@4+4',
      'read int32@0+4',
      'read int32@4+4',
    ]);
    expect(reply.result).toEqual([
      [true, [1, 2]],
      [true, [1, 2]],
      [true, [1, 2]],
    ]);
    await expectThrows(
      'new BigInt64Array(memory.int32(1))',
      'TypeError',
      'Cannot mix BigInt and other types, use explicit conversions',
    );
  });

  it('runs the patched methods and getters when called on a view through the prototype', async () => {
    const reply = await plain.run(
      `const c = memory.int32(2);
       const TypedArrayPrototype = Object.getPrototypeOf(Int32Array.prototype);
       Int32Array.prototype.fill.call(c, 3);
       const getter = (key) => Object.getOwnPropertyDescriptor(TypedArrayPrototype, key).get.call(c);
       return [getter('buffer') === c.buffer, getter('length'), getter('byteLength'), getter('byteOffset'), getter(Symbol.toStringTag),
               TypedArrayPrototype.at.call(c, 1), Int32Array.prototype.fill.name, Int32Array.prototype.fill.length,
               TypedArrayPrototype[Symbol.iterator] === TypedArrayPrototype.values];`,
    );
    expect(reply.steps).toEqual(['write int32@0+4 [3]', 'write int32@4+4 [3]', 'read int32@4+4']);
    expect(reply.result).toEqual([true, 2, 8, 0, 'Int32Array', 3, 'fill', 1, true]);
  });

  it('refuses a subclass over kata memory, and leaves other subclasses alone', async () => {
    const reply = await plain.run('class Cells extends Int32Array {} new Cells(memory.int32(1).buffer);');
    expect(reply.error).toMatchObject({
      name: 'TypeError',
      message:
        'a subclass of Int32Array (Cells) cannot view kata memory: keep a Int32Array in a field instead, e.g. this.cells = new Int32Array(view.buffer)',
    });
    expect(
      (
        await plain.run(
          'class Cells extends Int32Array {} const c = new Cells(2); return [c instanceof Cells, probe.isRealTypedArray(c)];',
        )
      ).result,
    ).toEqual([true, true]);
  });

  it('throws the engine’s error for a constructor called without new', async () => {
    await expectThrows('Int32Array(1)', 'TypeError', "Constructor Int32Array requires 'new'");
  });
});

describe('DataView over kata memory', () => {
  it('makes every get and set one step, with its endianness in the cell', async () => {
    const reply = await plain.run(
      `const c = memory.int32(4); const d = new DataView(c.buffer, 4, 12);
       d.setInt16(0, -2); d.setUint32(4, 7, true); d.setFloat64(4, 1.5); d.setInt8(11, 300);
       return [d.getInt16(0), d.getUint8(11), d.getFloat32(4, true), d.getBigUint64(4), d.buffer === c.buffer, d.byteOffset, d.byteLength];`,
    );
    expect(reply.steps).toEqual([
      'write int16@4+2 BE [-2]',
      'write uint32@8+4 [7]',
      'write float64@8+8 BE [1.5]',
      'write int8@15+1 [44]',
      'read int16@4+2 BE',
      'read uint8@15+1',
      'read float32@8+4',
      'read biguint64@8+8 BE',
    ]);
    expect(reply.views[1]).toEqual({ id: 1, kind: 'dataview', byteOffset: 4, byteLength: 12, made: 'alias' });
    expect(reply.recorded[0]).toMatchObject({ index: 0, offset: 4, littleEndian: false });
    const bytes = new DataView(new ArrayBuffer(8));
    bytes.setFloat64(0, 1.5);
    bytes.setInt8(7, 44); // setInt8(11, 300) wrote the float's last byte
    expect(reply.result).toEqual([-2, 44, bytes.getFloat32(0, true), bytes.getBigUint64(0), true, 4, 12]);
  });

  it('splits a 64-bit get or set in two on a 32-bit machine, the low word where the endianness puts it', async () => {
    const reply = await split.run(
      'const d = new DataView(memory.int32(4).buffer); d.setFloat64(0, 1.5); d.setBigInt64(8, -1n, true); return d.getFloat64(0);',
    );
    expect(reply.steps).toEqual([
      'write uint32@4+4 lo BE [0]',
      'write uint32@0+4 hi BE [1073217536]',
      'write uint32@8+4 lo [4294967295]',
      'write uint32@12+4 hi [4294967295]',
      'read uint32@4+4 lo BE',
      'read uint32@0+4 hi BE',
    ]);
    expect(reply.result).toBe(1.5);
  });

  it('runs through DataView.prototype too, and refuses out of bounds as the engine does', async () => {
    expect(
      await plain.steps(
        'const d = new DataView(memory.int32(1).buffer); DataView.prototype.setUint16.call(d, 2, 9, true);',
      ),
    ).toEqual(['write uint16@2+2 [9]']);
    const getters = await plain.run(
      "const d = new DataView(memory.int32(1).buffer, 8); const get = (key) => Object.getOwnPropertyDescriptor(DataView.prototype, key).get.call(d); return [get('buffer') === d.buffer, get('byteOffset'), get('byteLength'), ArrayBuffer.isView(d), Object.prototype.toString.call(d)];",
    );
    expect(getters.result).toEqual([true, 8, 4088, true, '[object DataView]']);
    await expectThrows(
      'new DataView(memory.int32(1).buffer, 0, 4).getInt32(1)',
      'RangeError',
      'Offset is outside the bounds of the DataView',
    );
  });

  it('stays the engine’s own over any other buffer', async () => {
    const reply = await plain.run(
      'const d = new DataView(new ArrayBuffer(8)); d.setInt32(0, 5); return [d.getInt32(0), probe.isProxy(d), d instanceof DataView];',
    );
    expect(reply.steps).toEqual([]);
    expect(reply.result).toEqual([5, false, true]);
  });
});

describe('Atomics', () => {
  it('is a new object, and each operation on a view is one atomic step with its arguments converted', async () => {
    const reply = await plain.run(
      `const c = memory.int32(1); const b = memory.bigInt64(1);
       return [Atomics !== probe.realAtomics, Object.prototype.toString.call(Atomics), Atomics.add.length,
               Atomics.store(c, 0, 2 ** 33 + 1.5), Atomics.add(c, '0', 1), Atomics.sub(c, 0, 1), Atomics.and(c, 0, 3), Atomics.or(c, 0, 4),
               Atomics.xor(c, 0, 1), Atomics.exchange(c, 0, 9), Atomics.compareExchange(c, 0, 9, 10), Atomics.load(c, 0),
               Atomics.compareExchange(b, 0, 0n, 2n ** 70n), Atomics.load(b, 0)];`,
    );
    expect(reply.steps).toEqual([
      'store int32@0+4 [8589934593]',
      'add int32@0+4 [1]',
      'sub int32@0+4 [1]',
      'and int32@0+4 [3]',
      'or int32@0+4 [4]',
      'xor int32@0+4 [1]',
      'exchange int32@0+4 [9]',
      'compareExchange int32@0+4 [9, 10]',
      'load int32@0+4',
      'compareExchange bigint64@8+8 [0, 1180591620717411303424]',
      'load bigint64@8+8',
    ]);
    expect(reply.result).toEqual([true, '[object Atomics]', 3, 8589934593, 1, 2, 1, 1, 5, 4, 9, 10, 0n, 0n]);
  });

  it('runs a valueOf before the step, never inside it', async () => {
    expect(
      await plain.steps('const c = memory.int32(2); Atomics.add(c, 0, { valueOf() { return c[1] + 1; } });'),
    ).toEqual(['read int32@4+4', 'add int32@0+4 [1]']);
  });

  it('hands wait and notify to the gate', async () => {
    const reply = await plain.run(
      'const c = memory.int32(1); return [Atomics.wait(c, 0, 1), Atomics.wait(c, 0, 0, 5), Atomics.notify(c, 0), Atomics.notify(c, 0, 2)];',
    );
    expect(reply.steps).toEqual([
      'wait int32@0+4 [1]',
      'wait int32@0+4 [0, 5]',
      'notify int32@0+4',
      'notify int32@0+4 [2]',
    ]);
    expect(reply.result).toEqual(['not-equal', 'ok', 0, 0]);
  });

  it('stays the engine’s own on any other array', async () => {
    const reply = await plain.run('const local = new Int32Array(1); return [Atomics.add(local, 0, 2), local[0]];');
    expect(reply.steps).toEqual([]);
    expect(reply.result).toEqual([0, 2]);
  });

  it.each([
    [
      'a Float64Array',
      'Atomics.add(memory.float64(1), 0, 1)',
      'TypeError',
      'Atomics.add needs an integer typed array (Int32Array, BigInt64Array, ...), not a Float64Array: for a float, compare-and-swap its bits in a BigInt64Array over the same bytes, as in kata-5',
    ],
    [
      'a Uint8ClampedArray',
      'Atomics.load(new Uint8ClampedArray(memory.int32(1).buffer), 0)',
      'TypeError',
      'Atomics.load needs an integer typed array (Int32Array, BigInt64Array, ...), not a Uint8ClampedArray: use a Uint8Array over the same bytes',
    ],
    [
      'wait on a Uint32Array',
      'Atomics.wait(memory.uint32(1), 0, 0)',
      'TypeError',
      'Atomics.wait works only on an Int32Array or a BigInt64Array, not on a Uint32Array: take the cell from memory.int32() or memory.bigInt64()',
    ],
    [
      'notify on a BigUint64Array',
      'Atomics.notify(memory.bigUint64(1), 0)',
      'TypeError',
      'Atomics.notify works only on an Int32Array or a BigInt64Array, not on a BigUint64Array: take the cell from memory.int32() or memory.bigInt64()',
    ],
    [
      'a DataView',
      'Atomics.load(new DataView(memory.int32(1).buffer), 0)',
      'TypeError',
      'Atomics.load does not work on a DataView: use an integer typed array over the same bytes, e.g. new Int32Array(dataView.buffer, dataView.byteOffset, 1)',
    ],
    [
      'the buffer itself',
      'Atomics.store(memory.int32(1).buffer, 0, 1)',
      'TypeError',
      'Atomics.store needs a typed array, not a buffer: new Int32Array(view.buffer, byteOffset, length)',
    ],
    ['an index out of range', 'Atomics.add(memory.int32(1), 1, 1)', 'RangeError', 'Invalid atomic access index'],
    [
      'waitAsync',
      'Atomics.waitAsync(memory.int32(1), 0, 0)',
      'TypeError',
      'Atomics.waitAsync would resume after this method has returned, outside the schedule the check controls: a counter blocks with Atomics.wait',
    ],
  ])('refuses %s with the engine’s error type and a clear message', async (_name, code, name, message) => {
    const reply = await plain.run(code);
    expect(reply.steps).toEqual([]);
    expect(reply.error).toMatchObject({ name, message });
  });

  it('explains another realm’s Atomics on a view, and names the line', async () => {
    const reply = await plain.run(
      "const c = memory.int32(1);\nprobe.vm.runInNewContext('Atomics.add(c, 0, 1)', { c });",
    );
    expect(reply.error?.name).toBe('TypeError');
    expect(reply.error?.message).toMatch(
      /^\[object \w+\] is not an integer typed array\. The call at [\w.-]+:\d+ used another realm's built-ins \(a vm context's Atomics or typed arrays\), which cannot see the views the harness instruments: use the global Atomics there\.$/,
    );
  });
});

describe('SharedMemory', () => {
  it('hands the kata nothing but its methods', async () => {
    const reply = await plain.run(
      `return [Object.keys(memory), Reflect.ownKeys(memory), 'buffer' in memory, Object.getOwnPropertyNames(Object.getPrototypeOf(memory)),
               Object.keys(memory.packed())];`,
    );
    expect(reply.result).toEqual([
      [],
      [],
      false,
      ['constructor', 'int32', 'uint32', 'float64', 'bigInt64', 'bigUint64', 'packed'],
      [],
    ]);
  });

  it('gives the harness its layout, in allocation order, packed ones included', async () => {
    const reply = await plain.run(
      'memory.int32(3); const p = memory.packed(); p.int32(1); p.bigInt64(1); memory.uint32(1); return 0;',
    );
    expect(reply.layout).toEqual([
      { kind: 'int32', byteOffset: 0, length: 3 },
      { kind: 'int32', byteOffset: 12, length: 1 },
      { kind: 'bigint64', byteOffset: 16, length: 1 },
      { kind: 'uint32', byteOffset: 24, length: 1 },
    ]);
  });

  it('keeps the packed layout’s AlignmentError', async () => {
    const reply = await plain.run('const p = memory.packed(); p.int32(1); p.float64(1);');
    expect(reply.error?.name).toBe('AlignmentError');
    expect(reply.error?.message).toMatch(
      /^float64\(\) would start at byte 4, and a 64-bit view must start at a multiple of 8\. In a packed layout, put the 64-bit fields first/,
    );
  });

  it('says what is wrong with a length or a size', async () => {
    expect((await plain.run('memory.bigInt64(0)')).error?.message).toBe(
      'SharedMemory.bigInt64(0): the length must be a whole number of at least 1',
    );
    expect((await plain.run('memory.int32(1025)')).error?.message).toBe(
      'SharedMemory.int32(1025) needs 4100 bytes at offset 0, but the harness gives each counter 4096 bytes',
    );
  });
});

describe('kata route fixtures', () => {
  // What add(1) then value() takes, through each route: every route is seen as plain steps.
  const expected: Record<string, string[]> = {
    'alias-int32-over-buffer': ['read int32@0+4', 'write int32@0+4 [1]', 'load int32@0+4'],
    at: ['add int32@0+4 [1]', 'read int32@0+4'],
    'bytes-of-a-cell': ['add int32@0+4 [1]', 'read uint8@0+1', 'read uint8@1+1', 'read uint8@2+1', 'read uint8@3+1'],
    'copy-constructor': ['add int32@0+4 [1]', 'read int32@0+4'],
    'copy-within': ['load int32@0+4', 'store int32@4+4 [1]', 'read int32@4+4', 'write int32@0+4 [1]', 'load int32@0+4'],
    'data-view': ['read int32@0+4', 'write int32@0+4 [1]', 'read int32@0+4'],
    'destructured-atomics': ['load int32@0+4', 'store int32@0+4 [1]', 'load int32@0+4'],
    fill: ['load int32@0+4', 'write int32@0+4 [1]', 'load int32@0+4'],
    'float64-over-bigint64-buffer': [
      'load bigint64@0+8',
      'compareExchange bigint64@0+8 [0, 4607182418800017408]',
      'read float64@0+8',
    ],
    iteration: ['add int32@0+4 [1]', 'read int32@0+4', 'read int32@4+4'],
    json: ['add int32@0+4 [1]', 'read int32@0+4', 'read int32@0+4'],
    'object-spread': ['add int32@0+4 [1]', 'read int32@0+4', 'read int32@0+4'],
    'property-descriptor': ['read int32@0+4', 'write int32@0+4 [1]', 'load int32@0+4'],
    'prototype-call': ['load int32@0+4', 'write int32@0+4 [1]', 'load int32@0+4'],
    reflect: ['read int32@0+4', 'write int32@0+4 [1]', 'load int32@0+4'],
    set: ['load int32@0+4', 'write int32@0+4 [1]', 'load int32@0+4'],
    slice: ['add int32@0+4 [1]', 'read int32@0+4'],
    spread: ['read int32@0+4', 'store int32@0+4 [1]', 'load int32@0+4'],
    subarray: ['read int32@8+4', 'write int32@8+4 [1]', 'load int32@8+4'],
  };

  it.each(Object.keys(expected))('%s', async (name) => {
    const reply = await plain.counter(`${routes}${name}.ts`, [['add', 1], 'value']);
    expect(reply.error).toBeUndefined();
    expect(reply.setup).toBe(0);
    expect(reply.steps).toEqual(expected[name]);
    expect(reply.result).toEqual([1]);
    expect(['lost-update', 'data-race']).toContain(reply.flaggedBy);
  });

  it('names each view by the field that holds it', async () => {
    expect((await plain.counter(`${routes}float64-over-bigint64-buffer.ts`, [])).names).toEqual({
      0: 'bits',
      1: 'float',
    });
    expect((await plain.counter(`${routes}data-view.ts`, [])).names).toEqual({ 1: 'view' });
  });

  it('tears the float of kata-5’s alias on a 32-bit machine', async () => {
    const reply = await split.counter(`${routes}float64-over-bigint64-buffer.ts`, [['add', 1], 'value']);
    expect(reply.steps).toEqual([
      'load bigint64@0+8',
      'compareExchange bigint64@0+8 [0, 4607182418800017408]',
      'read uint32@0+4 lo',
      'read uint32@4+4 hi',
    ]);
  });
});

describe('what kata code may import', () => {
  const api =
    'a kata imports only Counter, SharedMemory, todo and threadId from harness/kata.ts, Mutex and Channel from harness/sync/, and files of its own';
  it.each([
    ['refused-node-fs', 3, `imports 'node:fs': katas cannot import Node's modules: ${api}`],
    [
      'refused-worker-threads',
      4,
      "imports 'node:worker_threads': katas cannot import Node's modules. threadId comes from the kata API instead: import { threadId } from '../../../kata.ts'",
    ],
    [
      'refused-instrument-atomics',
      4,
      `imports '../../../instrument/atomics.ts': that is the harness's own machinery, which would bypass the checks: ${api}`,
    ],
    ['refused-npm-package', 3, `imports 'fast-check': npm packages are not available to katas: ${api}`],
    [
      'refused-data-url',
      6,
      `imports 'data:text/javascript,export { workerData } from "node:worker_threads"': kata code imports only files: ${api}`,
    ],
    ['refused-commonjs', 6, `imports './commonjs-helper.cjs': kata code imports only ES modules (.ts files): ${api}`],
    [
      'refused-another-folder',
      4,
      `imports '../../../../solutions/kata-4/counter.ts': kata code imports only files in its own folder: ${api}`,
    ],
  ])('%s is refused, with its file, line and what to import instead', async (name, line, message) => {
    const reply = await plain.counter(`${routes}${name}.ts`, []);
    expect(reply.error).toMatchObject({
      name: 'KataImportError',
      message: `harness/test/fixtures/routes/${name}.ts:${line} ${message}`,
    });
    expect(reply.error?.at).toMatchObject({ file: `${root}harness/test/fixtures/routes/${name}.ts`, line });
  });

  it('refuses an import() of a Node module at run time just the same', async () => {
    const reply = await plain.counter(`${root}harness/test/fixtures/dynamic-import.ts`, []);
    expect(reply.exported?.['attempt']).toMatch(
      /^KataImportError: harness\/test\/fixtures\/dynamic-import.ts:5 imports 'node:worker_threads': katas cannot import Node's modules\./,
    );
  });

  it('refuses an import() from code the kata evaluates, with eval or new Function, just the same', async () => {
    const reply = await plain.counter(`${root}harness/test/fixtures/eval-import.ts`, []);
    const attempts = reply.exported?.['attempts'] as string[];
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts)
      expect(attempt).toMatch(
        /^KataImportError: harness\/test\/fixtures\/eval-import.ts:\d+ imports 'node:fs': katas cannot import Node's modules: /,
      );
  });

  it('lets every kata, stub, solution, mutant and variant load and build its counter', async () => {
    const files = [
      ...readdirSync(`${root}katas`).map((kata) => `${root}katas/${kata}/counter.ts`),
      ...readdirSync(`${root}solutions`).map((kata) => `${root}solutions/${kata}/counter.ts`),
      // Every kata of the curriculum: checks/ also holds examples of objects that are no counter.
      ...manifest
        .map(({ id }) => ({ name: id }))
        .flatMap(({ name }) => [
          `${root}checks/${name}/stub.ts`,
          ...['mutants', 'correct'].flatMap((folder) =>
            readdirSync(`${root}checks/${name}/${folder}`).map((file) => `${root}checks/${name}/${folder}/${file}`),
          ),
        ]),
    ].filter((file) => existsSync(file));
    expect(files.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const file of files) {
      const reply = await plain.counter(file, []);
      // A packed layout that misaligns a 64-bit view is meant to fail in its constructor.
      if (reply.error && reply.error.name !== 'AlignmentError')
        failures.push(`${file}: ${reply.error.name}: ${reply.error.message}`);
    }
    expect(failures).toEqual([]);
  });

  it('loads a kata that imports harness/kata.ts and harness/sync/', async () => {
    const reply = await plain.counter(`${root}solutions/kata-3/counter.ts`, []);
    expect(reply.error).toBeUndefined();
  });
});

describe('threadId', () => {
  it('is the worker index + 1 in a checked worker', async () => {
    const driver = await Driver.start({ index: 2 });
    try {
      expect((await driver.counter(`${root}harness/test/fixtures/thread-id-counter.ts`, ['value'])).result).toEqual([
        3,
      ]);
    } finally {
      await driver.close();
    }
  });

  it('is Node’s own threadId in a free-running worker', async () => {
    const pool = await FreePool.start({
      implementation: `${root}harness/test/fixtures/thread-id-counter.ts`,
      threads: 1,
    });
    try {
      const reply = await pool.send(0, { type: 'read', memory: new SharedArrayBuffer(64) }, 10_000);
      expect(reply).toMatchObject({ type: 'read' });
      expect((reply as { value: number }).value).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});

describe('sealWorker', () => {
  let sealed: Driver;
  beforeAll(async () => {
    sealed = await Driver.start();
    await sealed.request({ type: 'seal' });
  });
  afterAll(() => sealed.close());

  it('empties workerData', async () => {
    expect((await sealed.run('return probe.workerDataKeys();')).result).toEqual([]);
    expect((await plain.run('return probe.workerDataKeys();')).result).toEqual(['entry', 'split64', 'index']);
  });

  it.each([
    ['process.getBuiltinModule', "process.getBuiltinModule('node:worker_threads')"],
    ['process.binding', "process.binding('inspector')"],
  ])('refuses %s', async (name, code) => {
    expect((await sealed.run(code)).error).toMatchObject({
      name: 'TypeError',
      message: `${name} is not available to kata code: a counter needs only its SharedMemory, Atomics, and what harness/kata.ts exports`,
    });
  });

  it('still loads katas through tsx', async () => {
    const reply = await sealed.counter(`${root}solutions/kata-2/counter.ts`, [['add', 2], 'value']);
    expect(reply.error).toBeUndefined();
    expect(reply.result).toEqual([2]);
  });
});

describe('kata code that replaces built-ins first', () => {
  // Each snippet replaces built-ins the way hostile (or just curious) kata code could, runs every
  // route, and counts what its replacements were handed that is the raw buffer or a real typed
  // array over it: the instrumentation touches those only through the built-ins it captured.
  let hostile: Driver;
  beforeAll(async () => {
    hostile = await Driver.start();
  });
  afterAll(() => hostile.close());

  const everyRoute = `
    const c = memory.int32(4); const b = memory.bigInt64(1); const f = memory.float64(1);
    c[0] = 1; c[0] += 1; c.fill(2); c.set([1, 2]); c.set(c.subarray(0, 2), 2); [...c]; c.slice(); c.map((x) => x); c.sort(); c.at(0); c.join();
    Object.keys(c); Object.getOwnPropertyDescriptor(c, '0'); Object.defineProperty(c, '0', { value: 3 }); JSON.stringify(c); 'x' in c; delete c.x;
    Object.getPrototypeOf(c); Object.isExtensible(c); Reflect.ownKeys(c); c instanceof Int32Array; c.length; c.byteOffset;
    const h = c.buffer; h.byteLength; new Int32Array(h, 4, 1)[0]; new Float64Array(b.buffer, b.byteOffset, 1)[0]; Object.getPrototypeOf(h);
    const d = new DataView(h); d.setInt32(0, 1); d.getFloat64(8, true); Object.getPrototypeOf(d); d.byteLength;
    Atomics.add(c, 0, 1); Atomics.compareExchange(b, 0, 0n, 1n); Atomics.wait(c, 0, 42); Atomics.notify(c, 0);
    new Int32Array(c); Int32Array.from(c); memory.packed().uint32(1);
    probe.inspect(c); probe.inspect(h); probe.inspect(d);
    for (const shown of [c, h, d]) probe.inspect(shown, { showProxy: true, customInspect: true, depth: 4 });
    for (const refused of [() => Atomics.add(f, 0, 1), () => h.slice(), () => Array.from(h), () => Object.freeze(c)]) try { refused(); } catch {}
    routeObjects = [c, b, f, h, d];`;

  async function leaksWith(patches: string): Promise<unknown> {
    const reply = await hostile.run(`
      // A Set, and loops by index: the patches below replace what an array and for...of would use.
      const seen = new Set();
      const undo = [];
      let routeObjects = [];
      const replace = (owner, key, make) => {
        const old = Object.getOwnPropertyDescriptor(owner, key);
        undo.push(() => (old ? Object.defineProperty(owner, key, old) : delete owner[key]));
        Object.defineProperty(owner, key, { ...make(old), configurable: true });
      };
      function record() { for (let i = 0; i < arguments.length; i++) seen.add(arguments[i]); }
      try {
        ${patches}
        ${everyRoute}
      } finally {
        for (const step of undo.reverse()) step();
      }
      // A WeakMap a replacement was handed could be asked what it maps a view to.
      const held = [...seen];
      for (const value of seen) if (value instanceof WeakMap) for (const object of routeObjects) held.push(WeakMap.prototype.get.call(value, object));
      return [seen.size > 0, held.filter((value) => probe.leaks(value)).length];`);
    if (reply.error) throw new Error(`${reply.error.name}: ${reply.error.message}`);
    return reply.result;
  }

  it('Proxy traps put on Object.prototype, which a handler could inherit', async () => {
    const traps =
      "['has', 'ownKeys', 'deleteProperty', 'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions', 'apply', 'construct', 'defineProperty', 'getOwnPropertyDescriptor']";
    expect(
      await leaksWith(
        `for (const trap of ${traps}) { const forward = Reflect[trap]; replace(Object.prototype, trap, () => ({ writable: true, value(...args) { record(this, ...args); return forward(...args); } })); }`,
      ),
    ).toEqual([false, 0]);
  });

  it('WeakMap.prototype, Reflect and Function.prototype methods', async () => {
    expect(
      await leaksWith(`
        for (const key of ['get', 'set', 'has']) replace(WeakMap.prototype, key, (old) => ({ writable: true, value(...args) { record(this, ...args); return old.value.apply(this, args); } }));
        for (const key of Reflect.ownKeys(Reflect)) if (typeof Reflect[key] === 'function') { const real = Reflect[key]; replace(Reflect, key, () => ({ writable: true, value(...args) { record(...args); return real(...args); } })); }
        const apply = Function.prototype.apply;
        for (const key of ['call', 'apply', 'bind']) replace(Function.prototype, key, (old) => ({ writable: true, value(...args) { record(this, ...args, ...(Array.isArray(args[1]) ? args[1] : [])); return apply.call(old.value, this, args); } }));`),
    ).toEqual([true, 0]);
  });

  it('getters on the typed-array, DataView and SharedArrayBuffer prototypes, and util.inspect.custom', async () => {
    expect(
      await leaksWith(`
        const TypedArrayPrototype = Object.getPrototypeOf(Int32Array.prototype);
        for (const key of ['buffer', 'length', 'byteLength', 'byteOffset', Symbol.toStringTag]) replace(TypedArrayPrototype, key, (old) => ({ get() { record(this); return old.get.call(this); } }));
        for (const key of ['buffer', 'byteLength', 'byteOffset']) replace(DataView.prototype, key, (old) => ({ get() { record(this); return old.get.call(this); } }));
        for (const key of ['byteLength', 'growable', 'maxByteLength']) replace(SharedArrayBuffer.prototype, key, (old) => ({ get() { record(this); return old.get.call(this); } }));
        for (const key of ['slice', 'grow']) replace(SharedArrayBuffer.prototype, key, (old) => ({ writable: true, value(...args) { record(this); return old.value.apply(this, args); } }));
        const custom = Symbol.for('nodejs.util.inspect.custom');
        for (const owner of [TypedArrayPrototype, Int32Array.prototype, DataView.prototype, SharedArrayBuffer.prototype, Object.prototype]) replace(owner, custom, () => ({ get() { record(this); return undefined; } }));
        replace(Int32Array.prototype, 'constructor', () => ({ get() { record(this); return Int32Array; } }));`),
    ).toEqual([true, 0]);
  });

  it('getters on Object.prototype that util.inspect reads, while it shows a view’s proxy, target and handler', async () => {
    const reply = await hostile.run(`
      const seen = new Set();
      const custom = Symbol.for('nodejs.util.inspect.custom');
      const c = memory.int32(1); const d = new DataView(c.buffer);
      for (const key of [Symbol.toStringTag, custom]) Object.defineProperty(Object.prototype, key, { get() { seen.add(this); return undefined; }, configurable: true });
      let shown;
      try {
        shown = [c, c.buffer, d].map((value) => probe.inspect(value, { showProxy: true, customInspect: true, depth: 6 }));
      } finally {
        delete Object.prototype[Symbol.toStringTag];
        delete Object.prototype[custom];
      }
      const held = [...seen];
      return [held.filter((value) => probe.leaks(value)).length, held.filter((value) => typeof value.atomic === 'function' || typeof value.read === 'function').length, held.filter((value) => Object.isFrozen(value) === false && typeof value.Real === 'function').length, shown[0].includes('TypedView')];`);
    expect(reply.error).toBeUndefined();
    expect(reply.result).toEqual([0, 0, 0, true]);
  });

  it('index setters on Array.prototype, its iterator, and the Proxy constructor', async () => {
    expect(
      await leaksWith(`
        for (let i = 0; i < 8; i++) replace(Array.prototype, String(i), () => ({ get() { record(this); return undefined; }, set(value) { record(this, value); Object.defineProperty(this, String(i), { value, writable: true, enumerable: true, configurable: true }); } }));
        const ArrayIteratorPrototype = Object.getPrototypeOf([][Symbol.iterator]());
        replace(ArrayIteratorPrototype, 'next', (old) => ({ writable: true, value() { record(this); return old.value.call(this); } }));
        const RealProxy = Proxy;
        globalThis.Proxy = function (target, handler) { record(target, handler); return new RealProxy(target, handler); };
        undo.push(() => { globalThis.Proxy = RealProxy; });`),
    ).toEqual([true, 0]);
  });
});

describe('describeError', () => {
  it('describes an error from another realm by its name, message and line', () => {
    const thrown = vm.runInNewContext('new RangeError("out of range")') as unknown;
    expect(thrown instanceof Error).toBe(false);
    expect(describeError(thrown)).toMatchObject({ name: 'RangeError', message: 'out of range' });
  });

  it('survives a thrown value whose toString throws, a null-prototype object, and a Proxy that throws', () => {
    expect(
      describeError({
        toString: () => {
          throw new Error('no');
        },
      }),
    ).toEqual({ name: 'object', message: '[object Object]' });
    expect(describeError(Object.create(null))).toEqual({ name: 'object', message: '[object Object]' });
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error('no');
        },
        get: () => {
          throw new Error('no');
        },
      },
    );
    expect(describeError(hostile)).toEqual({ name: 'object', message: '[object]' });
    expect(describeError(Symbol('s'))).toEqual({ name: 'symbol', message: 'Symbol(s)' });
  });

  it('survives an Error whose name and message getters throw', () => {
    const error = new Error('x');
    Object.defineProperty(error, 'message', {
      get: () => {
        throw new Error('no');
      },
    });
    expect(describeError(error)).toMatchObject({ name: 'Error', message: 'undefined' });
  });
});
