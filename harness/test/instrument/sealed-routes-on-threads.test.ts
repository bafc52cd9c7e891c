/**
 * The routes around the schedule that a sealed worker refuses to kata code only
 * (deferred-callbacks.ts, other-shared-memory.ts, decided by kata-caller.ts), and the built-ins
 * that would copy kata memory by its bytes (copying-builtins.ts). Snippets play kata code, on a
 * worker whose built-ins the instrumentation replaced (support/instrument-driver.ts); each refusal
 * has a use that must go through beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Driver } from '../support/driver.ts';

let sealed: Driver;

beforeAll(async () => {
  sealed = await Driver.start();
  await sealed.request({ type: 'seal' });
});

afterAll(() => sealed?.close());

/** refusal runs a snippet and returns the message it was refused with, failing the test if it ran or took other `steps`. */
async function refusal(code: string, steps: string[] = []): Promise<string> {
  const reply = await sealed.run(code);
  if (!reply.error) throw new Error(`not refused: ${code}`);
  expect(reply.error.name).toBe('TypeError');
  expect(reply.steps).toEqual(steps);
  return reply.error.message;
}

/** allowed runs a snippet that must not throw, and returns its result. */
async function allowed(code: string): Promise<unknown> {
  const reply = await sealed.run(code);
  if (reply.error) throw new Error(`refused: ${code}: ${reply.error.message}`);
  return reply.result;
}

describe('deferred callbacks', () => {
  it.each([
    ['setTimeout', 'setTimeout(() => {})'],
    ['setInterval', 'setInterval(() => {}, 10)'],
    ['setImmediate', 'setImmediate(() => {})'],
    ['queueMicrotask', 'queueMicrotask(() => {})'],
    ['process.nextTick', 'process.nextTick(() => {})'],
  ])('refuses %s where kata code queues it', async (name, code) => {
    expect(await refusal(code)).toBe(
      `${name} would run its callback after this method has returned, outside the schedule the check controls: a counter does all its work before its method returns. To wait for another thread, use Atomics.wait, or a Mutex or Channel from harness/sync/`,
    );
  });

  it('refuses them however kata code calls them: through a built-in, Reflect, call, or new', async () => {
    for (const code of [
      '[() => {}].forEach(queueMicrotask)',
      'Reflect.apply(setTimeout, undefined, [() => {}])',
      'setImmediate.call(undefined, () => {})',
      'new setTimeout(() => {})',
    ])
      expect(await refusal(code)).toMatch(/would run its callback after this method has returned/);
    // A view's forEach, the instrumentation's own code, reads the element and calls the kata's callback.
    expect(await refusal('memory.int32(1).forEach(() => process.nextTick(() => {}))', ['read int32@0+4'])).toMatch(
      /^process\.nextTick would run its callback/,
    );
  });

  it('reads who called past what kata code did to Error, and refuses when it cannot', async () => {
    // A worker of its own: the last tampering cannot be undone.
    const tampered = await Driver.start();
    try {
      await tampered.request({ type: 'seal' });
      for (const tamper of [
        "Error.prepareStackTrace = () => 'at node:internal/timers';",
        'Error.stackTraceLimit = 0;',
        'globalThis.Error = function Error() {};',
        "Object.defineProperty(Error, 'prepareStackTrace', { get: () => () => [], set() {}, configurable: false });",
      ]) {
        const reply = await tampered.run(`
          const real = Error;
          const limit = Error.stackTraceLimit;
          try { ${tamper} setTimeout(() => {}); } finally {
            globalThis.Error = real;
            try { delete real.prepareStackTrace; real.stackTraceLimit = limit; } catch {}
          }`);
        expect(reply.error?.message).toMatch(/^setTimeout would run its callback/);
      }
    } finally {
      await tampered.close();
    }
  });

  it('leaves them to Node and the harness: console.log queues through process.nextTick', async () => {
    expect(await allowed("console.log('sealed-routes: console.log from kata code still prints'); return 1;")).toBe(1);
    expect(await allowed('return probe.harnessQueues();')).toEqual([
      '[object SharedArrayBuffer]',
      '[object SharedArrayBuffer]',
    ]);
  });
});

describe('shared memory not from SharedMemory', () => {
  it.each([
    ['BroadcastChannel', "new BroadcastChannel('counter')"],
    ['MessageChannel', 'new MessageChannel()'],
    ['MessagePort', 'new MessagePort()'],
  ])('refuses a channel of its own: %s', async (name, code) => {
    expect(await refusal(code)).toBe(
      `${name} would pass messages or memory between threads behind the harness's back: threads share only what SharedMemory hands out (memory.int32(1), ...), and talk through it or through a Channel from harness/sync/`,
    );
  });

  it.each([
    ['new SharedArrayBuffer()', 'new SharedArrayBuffer(4)'],
    ['new SharedArrayBuffer()', 'Reflect.construct(SharedArrayBuffer, [4])'],
    ['new SharedArrayBuffer()', 'class Cells extends SharedArrayBuffer {} new Cells(4)'],
    ['new SharedArrayBuffer()', 'new (Object.getPrototypeOf(memory.int32(1).buffer).constructor)(4)'],
    ['a shared WebAssembly.Memory', 'new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true })'],
  ])('refuses shared memory of its own: %s, by %s', async (what, code) => {
    expect(await refusal(code)).toBe(
      `${what} would make shared memory the harness does not see: a counter gets its memory from SharedMemory, e.g. this.cell = memory.int32(1). For scratch space of one thread, a plain new Uint8Array(n) or new ArrayBuffer(n) is fine`,
    );
  });

  it('refuses Atomics.waitAsync on any memory', async () => {
    for (const array of ['memory.int32(1)', 'new Int32Array(4)'])
      expect(await refusal(`Atomics.waitAsync(${array}, 0, 0)`)).toMatch(/^Atomics\.waitAsync would resume after/);
  });

  it('keeps scratch memory of its own, and what SharedMemory hands out', async () => {
    expect(
      await allowed(
        'const scratch = new Int32Array(new ArrayBuffer(8)); scratch[1] = 2; const plain = new WebAssembly.Memory({ initial: 1 }); return [scratch[1], new Uint8Array(4).length, plain.buffer.byteLength, memory.int32(1) instanceof Int32Array, memory.int32(1).buffer instanceof SharedArrayBuffer];',
      ),
    ).toEqual([2, 4, 65536, true, true]);
  });
});

describe('built-ins that would copy kata memory by its bytes', () => {
  const bytes = 'new Uint8Array(memory.int32(1).buffer, 0, 4)';
  it.each([
    ['TextDecoder.decode', `new TextDecoder().decode(${bytes})`, 'copy'],
    ['TextDecoder.decode', 'new TextDecoder().decode(memory.int32(1).buffer)', 'copy'],
    ['TextEncoder.encodeInto', `new TextEncoder().encodeInto('a', ${bytes})`, 'write'],
    ['crypto.getRandomValues', 'crypto.getRandomValues(memory.int32(1))', 'write'],
    ['new Blob()', `new Blob(['a', ${bytes}])`, 'copy'],
    ['new Blob()', 'new Blob([memory.int32(1).buffer])', 'copy'],
    ['new File()', `new File([${bytes}], 'cells')`, 'copy'],
    ['Buffer.compare', `Buffer.compare(Buffer.alloc(4), ${bytes})`, 'copy'],
    ['Buffer.concat', `Buffer.concat([${bytes}])`, 'copy'],
    ['Buffer.byteLength', `Buffer.byteLength(${bytes})`, 'copy'],
    ['Buffer.copyBytesFrom', `Buffer.copyBytesFrom(${bytes})`, 'copy'],
    ['buffer.equals', `Buffer.alloc(4).equals(${bytes})`, 'copy'],
    ['buffer.indexOf', `Buffer.alloc(8).indexOf(${bytes})`, 'copy'],
    ['buffer.copy', `Buffer.alloc(4).copy(${bytes})`, 'write'],
    ['structuredClone', 'structuredClone([memory.int32(1)])', 'copy'],
  ])('refuses %s given kata memory: %s', async (what, code, how) => {
    expect(await refusal(code)).toBe(
      how === 'copy'
        ? `${what} would copy kata memory without the harness seeing the reads: copy the elements through the view first (view.slice() or Array.from(view), each element a step), and pass that copy`
        : `${what} would write kata memory without the harness seeing the writes: let it fill a plain new Uint8Array(n) of your own, then copy that in with view.set(bytes), each element a step`,
    );
  });

  it('leaves them as they were on memory of its own', async () => {
    expect(
      await allowed(`
        const own = new Uint8Array(4);
        const { written } = new TextEncoder().encodeInto('hi', own);
        crypto.getRandomValues(new Uint8Array(2));
        return [written, new TextDecoder().decode(own.subarray(0, 2)), new Blob([own, 'x']).size, Buffer.concat([own]).length,
          Buffer.compare(Buffer.from(own), own), structuredClone({ own })['own'].length, Buffer.alloc(4).equals(own)];`),
    ).toEqual([2, 'hi', 5, 4, 0, 4, false]);
  });
});
