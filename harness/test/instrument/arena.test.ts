/** Arena: the bump allocator behind SharedMemory, and the layout it fixes once the constructor has returned. */
import { describe, expect, it } from 'vitest';
import { Arena, LateAllocationError } from '../../instrument/arena.ts';

describe('Arena', () => {
  it('hands out aligned views in order, and records the layout', () => {
    const arena = new Arena(new SharedArrayBuffer(64));
    arena.memory.int32(1);
    arena.memory.float64(1);
    expect(arena.layout()).toEqual([
      { kind: 'int32', byteOffset: 0, length: 1 },
      { kind: 'float64', byteOffset: 8, length: 1 },
    ]);
  });

  it('refuses memory asked for after the constructor returned, saying why, and keeps the layout as it was', () => {
    const arena = new Arena(new SharedArrayBuffer(64));
    arena.memory.int32(1);
    arena.close();
    expect(() => arena.memory.int32(1)).toThrow(LateAllocationError);
    expect(() => arena.memory.float64(1)).toThrow('SharedMemory.float64() was called after the constructor returned');
    expect(arena.layout()).toHaveLength(1);
  });
});
