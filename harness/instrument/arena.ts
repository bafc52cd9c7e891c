/**
 * SharedMemory, as the harness builds it: an Arena hands out aligned views on one
 * SharedArrayBuffer, and every worker that makes the same calls gets the same offsets. The kata
 * receives only `arena.memory`, whose one field is private: no buffer, no allocator, nothing but
 * the SharedMemory methods. The harness reads what was allocated with `arena.layout()`.
 */
import type { SharedMemory as SharedMemoryApi } from '../kata.ts';
import { SharedArrayBufferByteLength, construct, realConstructors } from './intrinsics.ts';

/** MemoryKind names the element types SharedMemory hands out. */
export type MemoryKind = 'int32' | 'uint32' | 'float64' | 'bigint64' | 'biguint64';

/** Allocation is one view SharedMemory handed out. Every worker must build the same list. */
export interface Allocation {
  readonly kind: MemoryKind;
  readonly byteOffset: number;
  readonly length: number;
}

/** ViewMaker makes the view of one allocation: a real typed array (free-running workers) or an instrumented one (checked workers). */
export type ViewMaker = (kind: MemoryKind, byteOffset: number, length: number) => object;

const constructors = {
  int32: realConstructors.Int32Array,
  uint32: realConstructors.Uint32Array,
  float64: realConstructors.Float64Array,
  bigint64: realConstructors.BigInt64Array,
  biguint64: realConstructors.BigUint64Array,
} as const;

/** methodNames are the SharedMemory methods that allocate each kind, for messages. */
const methodNames = {
  int32: 'int32',
  uint32: 'uint32',
  float64: 'float64',
  bigint64: 'bigInt64',
  biguint64: 'bigUint64',
} as const;

/** AlignmentError explains a 64-bit view that a packed layout placed off an 8-byte boundary. */
export class AlignmentError extends RangeError {
  /** details are the message's sentences, one a line, for the report. */
  readonly details: readonly string[];

  constructor(kind: string, byteOffset: number) {
    const details = [
      `${kind}() would start at byte ${byteOffset}, and a 64-bit view must start at a multiple of 8.`,
      'In a packed layout, put the 64-bit fields first, as client_golang does: its counter\'s value "has to go first in the struct to guarantee alignment for atomic operations".',
      'JavaScript refuses a misaligned BigInt64Array or Float64Array outright; in Go on 32-bit ARM and 386, a 64-bit atomic on one crashes.',
    ];
    super(details.join(' '));
    this.name = 'AlignmentError';
    this.details = details;
  }
}

/** LateAllocationError explains memory asked for after the constructor returned, when the layout is fixed. */
export class LateAllocationError extends TypeError {
  /** details are the message's sentences, one a line, for the report. */
  readonly details: readonly string[];

  constructor(method: string) {
    const details = [
      "Each thread builds its object on the same memory, and gets the same offsets by asking for the same memory in the same order: memory made later is shared only by chance (each thread's n-th call gets the n-th new word, whoever else has one).",
      'Make it in the constructor and keep it in a field, as you would a Mutex.',
    ];
    super(`SharedMemory.${method}() was called after the constructor returned`);
    this.details = details;
  }
}

/**
 * Arena is the harness's side of one SharedMemory: a bump allocator over `buffer`. `memory` is
 * what the kata's constructor receives; `layout()` is what it allocated, in order.
 */
export class Arena {
  /** memory is the SharedMemory the kata's constructor receives. */
  readonly memory: SharedMemoryApi;
  /** #byteLength is read once, with the engine's getter: the buffer itself is never handed to a getter kata code could have replaced. */
  readonly #byteLength: number;
  readonly #makeView: ViewMaker;
  readonly #layout: Allocation[] = [];
  #next = 0;
  /** #closed is set once the kata's constructor has returned: from then on the layout is fixed. */
  #closed = false;

  /** By default the views are real typed arrays over `buffer`. */
  constructor(buffer: SharedArrayBuffer, makeView?: ViewMaker) {
    this.#byteLength = SharedArrayBufferByteLength(buffer);
    this.#makeView =
      makeView ?? ((kind, byteOffset, length) => construct(constructors[kind], [buffer, byteOffset, length]));
    this.memory = new SharedMemory(this, true);
  }

  /** layout lists every view handed out so far, in allocation order. */
  layout(): readonly Allocation[] {
    return [...this.#layout];
  }

  /**
   * close fixes the layout once the constructor has returned. Every thread builds its own object on
   * the same memory, and gets the same offsets by making the same calls in the same order: memory
   * made later, in a method, is shared only by chance (each thread's n-th call gets the n-th new
   * word, whoever else has one), so it is refused where it is asked for.
   */
  close(): void {
    this.#closed = true;
  }

  /** take allocates `length` elements of `kind`, naturally aligned unless `align` is false (a packed layout). */
  take(kind: MemoryKind, length: number, align: boolean): object {
    const method = methodNames[kind];
    if (this.#closed) throw new LateAllocationError(method);
    if (!Number.isInteger(length) || length < 1) {
      throw new RangeError(`SharedMemory.${method}(${length}): the length must be a whole number of at least 1`);
    }
    const size = constructors[kind].BYTES_PER_ELEMENT;
    const byteOffset = align ? Math.ceil(this.#next / size) * size : this.#next;
    if (byteOffset % size !== 0) throw new AlignmentError(method, byteOffset);
    if (byteOffset + size * length > this.#byteLength) {
      throw new RangeError(
        `SharedMemory.${method}(${length}) needs ${size * length} bytes at offset ${byteOffset}, ` +
          `but the harness gives each counter ${this.#byteLength} bytes`,
      );
    }
    this.#next = byteOffset + size * length;
    this.#layout.push(Object.freeze({ kind, byteOffset, length }));
    return this.#makeView(kind, byteOffset, length);
  }
}

/** SharedMemory is the object a kata's constructor receives: the API's methods, and a private arena. */
class SharedMemory implements SharedMemoryApi {
  readonly #arena: Arena;
  readonly #align: boolean;

  constructor(arena: Arena, align: boolean) {
    this.#arena = arena;
    this.#align = align;
  }

  int32(length = 1): Int32Array {
    return this.#arena.take('int32', length, this.#align) as Int32Array;
  }
  uint32(length = 1): Uint32Array {
    return this.#arena.take('uint32', length, this.#align) as Uint32Array;
  }
  float64(length = 1): Float64Array {
    return this.#arena.take('float64', length, this.#align) as Float64Array;
  }
  bigInt64(length = 1): BigInt64Array {
    return this.#arena.take('bigint64', length, this.#align) as BigInt64Array;
  }
  bigUint64(length = 1): BigUint64Array {
    return this.#arena.take('biguint64', length, this.#align) as BigUint64Array;
  }
  packed(): SharedMemoryApi {
    return new SharedMemory(this.#arena, false);
  }
}
