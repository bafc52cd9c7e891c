import type { SharedMemory } from '../kata.ts';

/** ElementKind names the element types a kata can ask for. */
export type ElementKind = 'int32' | 'uint32' | 'float64' | 'bigint64' | 'biguint64';

/** Region describes one view that a kata took: the harness names steps after it. */
export interface Region {
  /** id is the view's position in allocation order: the same in every worker. */
  readonly id: number;
  readonly kind: ElementKind;
  readonly byteOffset: number;
  readonly length: number;
}

type View = Int32Array | Uint32Array | Float64Array | BigInt64Array | BigUint64Array;

const constructors = {
  int32: Int32Array,
  uint32: Uint32Array,
  float64: Float64Array,
  bigint64: BigInt64Array,
  biguint64: BigUint64Array,
} as const;

/** ViewWrapper turns a real view into what the kata receives: itself (bench) or an instrumented proxy (check). */
export type ViewWrapper = <T extends View>(view: T, region: Region) => T;

/** AlignmentError explains a 64-bit view that a packed layout placed off an 8-byte boundary. */
export class AlignmentError extends RangeError {
  constructor(kind: string, byteOffset: number) {
    super(
      `${kind}() would start at byte ${byteOffset}, and a 64-bit view must start at a multiple of 8. ` +
        'In a packed layout, put the 64-bit fields first, as client_golang does: its counter\'s value ' +
        '"has to go first in the struct to guarantee alignment for atomic operations". ' +
        'JavaScript refuses a misaligned BigInt64Array or Float64Array outright; Go on 32-bit ARM panics, and on 386 its atomics can silently tear.',
    );
    this.name = 'AlignmentError';
  }
}

/**
 * Arena implements SharedMemory as a bump allocator over one SharedArrayBuffer.
 * Every worker that replays the same calls gets the same offsets.
 */
export class Arena implements SharedMemory {
  readonly regions: Region[] = [];
  private next = 0;

  constructor(
    readonly buffer: SharedArrayBuffer,
    private readonly wrap: ViewWrapper = (view) => view,
    private readonly align = true,
    private readonly parent?: Arena,
  ) {}

  packed(): Arena {
    return new Arena(this.buffer, this.wrap, false, this.root());
  }

  private root(): Arena {
    return this.parent ?? this;
  }

  int32(length = 1): Int32Array {
    return this.take('int32', length);
  }
  uint32(length = 1): Uint32Array {
    return this.take('uint32', length);
  }
  float64(length = 1): Float64Array {
    return this.take('float64', length);
  }
  bigInt64(length = 1): BigInt64Array {
    return this.take('bigint64', length);
  }
  bigUint64(length = 1): BigUint64Array {
    return this.take('biguint64', length);
  }

  private take<K extends ElementKind>(kind: K, length: number): InstanceType<(typeof constructors)[K]> {
    if (this.parent) return this.parent.takeAt(kind, length, this.align);
    return this.takeAt(kind, length, this.align);
  }

  private takeAt<K extends ElementKind>(kind: K, length: number, align: boolean): InstanceType<(typeof constructors)[K]> {
    if (!Number.isInteger(length) || length < 1) {
      throw new RangeError(`SharedMemory.${kind}(${length}): the length must be a whole number of at least 1`);
    }
    const Ctor = constructors[kind];
    const size = Ctor.BYTES_PER_ELEMENT;
    const byteOffset = align ? Math.ceil(this.next / size) * size : this.next;
    if (byteOffset % size !== 0) throw new AlignmentError(kind === 'bigint64' ? 'bigInt64' : kind === 'biguint64' ? 'bigUint64' : kind, byteOffset);
    if (byteOffset + size * length > this.buffer.byteLength) {
      throw new RangeError(
        `SharedMemory.${kind}(${length}) needs ${size * length} bytes at offset ${byteOffset}, ` +
          `but the harness gives each counter ${this.buffer.byteLength} bytes`,
      );
    }
    this.next = byteOffset + size * length;
    const region: Region = { id: this.regions.length, kind, byteOffset, length };
    this.regions.push(region);
    const view = new (Ctor as unknown as new (buffer: SharedArrayBuffer, offset: number, length: number) => View)(
      this.buffer,
      byteOffset,
      length,
    ) as InstanceType<(typeof constructors)[K]>;
    return this.wrap(view, region);
  }
}
