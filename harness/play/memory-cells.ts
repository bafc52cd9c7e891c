/**
 * Shared memory as the page shows it: every element of every view the workers took from
 * SharedMemory, named as reports name it (`cell[0]`), with what it holds after the steps so far and
 * who wrote it last. The bytes are replayed from the run's own steps, each write at its offset, so
 * that a 64-bit value written as two 32-bit halves (`--32bit`) shows torn exactly as it was.
 */
import type { History, Step } from '../record/history.ts';
import { locationName, overlaps, written } from '../record/step-effects.ts';
import { showValue } from '../record/values.ts';
import type { PlayCell } from './protocol.ts';

type Kind = Step['kind'];

const SIZES: Record<Kind, number> = {
  int8: 1,
  uint8: 1,
  uint8c: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  float64: 8,
  bigint64: 8,
  biguint64: 8,
};

/** put writes one element's value into the image, as the kata's view wrote it. */
function put(image: DataView, offset: number, kind: Kind, value: unknown, little: boolean): void {
  if (offset + SIZES[kind] > image.byteLength) return;
  if (kind === 'bigint64') image.setBigInt64(offset, BigInt(value as bigint), little);
  else if (kind === 'biguint64') image.setBigUint64(offset, BigInt(value as bigint), little);
  else if (kind === 'float64') image.setFloat64(offset, Number(value), little);
  else if (kind === 'float32') image.setFloat32(offset, Number(value), little);
  else if (kind === 'int32' || kind === 'uint32') image.setUint32(offset, Number(value) >>> 0, little);
  else if (kind === 'int16' || kind === 'uint16') image.setUint16(offset, Number(value) & 0xffff, little);
  else image.setUint8(offset, Number(value) & 0xff);
}

/** get reads one element back. */
function get(image: DataView, offset: number, kind: Kind): unknown {
  switch (kind) {
    case 'bigint64':
      return image.getBigInt64(offset, true);
    case 'biguint64':
      return image.getBigUint64(offset, true);
    case 'float64':
      return image.getFloat64(offset, true);
    case 'float32':
      return image.getFloat32(offset, true);
    case 'int32':
      return image.getInt32(offset, true);
    case 'uint32':
      return image.getUint32(offset, true);
    case 'int16':
      return image.getInt16(offset, true);
    case 'uint16':
      return image.getUint16(offset, true);
    case 'int8':
      return image.getInt8(offset);
    default:
      return image.getUint8(offset);
  }
}

/** bitsOf is an element's bytes as hex, most significant first, for floats and 64-bit values. */
function bitsOf(image: DataView, offset: number, kind: Kind): string | undefined {
  if (SIZES[kind] === 8) return `0x${image.getBigUint64(offset, true).toString(16).padStart(16, '0')}`;
  if (kind === 'float32') return `0x${image.getUint32(offset, true).toString(16).padStart(8, '0')}`;
  return undefined;
}

/**
 * memoryCells are the shared cells after the steps of `history` up to time `upTo` (its setup steps
 * included), with the step at `upTo` marking what it changed.
 */
export function memoryCells(history: History, upTo: number, memoryBytes: number): PlayCell[] {
  const image = new DataView(new ArrayBuffer(memoryBytes));
  const writes: Step[] = [];
  for (const step of history.steps) {
    if (step.t > upTo) break;
    const value = written(step);
    if (value === undefined) continue;
    put(image, step.offset, step.kind, value, step.littleEndian !== false);
    writes.push(step);
  }
  const cells: PlayCell[] = [];
  const seen = new Set<string>();
  history.views.forEach((views, worker) => {
    for (const view of views) {
      if (view.kind === 'dataview') continue;
      const kind = view.kind as Kind;
      const size = SIZES[kind];
      for (let index = 0; index * size < view.byteLength; index++) {
        const offset = view.byteOffset + index * size;
        const key = `${offset}:${size}:${kind}`;
        if (seen.has(key) || offset + size > memoryBytes) continue;
        seen.add(key);
        const last = writes.findLast((step) => overlaps(step, { offset, size }));
        const bits = bitsOf(image, offset, kind);
        cells.push({
          name: locationName(history, { worker, view: view.id, index }),
          value: showValue(history, { offset, size }, get(image, offset, kind)),
          ...(bits ? { bits } : {}),
          ...(last && last.t > 0 ? { lastWriter: last.worker } : {}),
          changed: last !== undefined && last.t === upTo && upTo > 0,
        });
      }
    }
  });
  return cells;
}
