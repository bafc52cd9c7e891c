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
  ) {}

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
    if (!Number.isInteger(length) || length < 1) {
      throw new RangeError(`SharedMemory.${kind}(${length}): the length must be a whole number of at least 1`);
    }
    const Ctor = constructors[kind];
    const size = Ctor.BYTES_PER_ELEMENT;
    const byteOffset = Math.ceil(this.next / size) * size;
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
