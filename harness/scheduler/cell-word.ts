/**
 * cellWord reads a cell's bytes as 32-bit numbers, so that the worker can tell later whether they
 * changed without keeping a copy: a cell of up to 8 bytes is two words, from 0 and from 4.
 */

/** cellWord packs the bytes [start + from, start + from + 4) that lie inside [start, end) into one 32-bit number. */
export function cellWord(bytes: Uint8Array, start: number, end: number, from: number): number {
  let word = 0;
  for (let i = start + from; i < end && i < start + from + 4; i++) word = (word << 8) | bytes[i]!;
  return word;
}
