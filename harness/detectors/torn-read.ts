import type { History, Step } from '../record/history.ts';
import { locationName, written } from '../record/step-effects.ts';
import type { Finding } from './finding.ts';
import { tornWords } from './torn-words.ts';

const scratch = new DataView(new ArrayBuffer(8));

/** bytesOf encodes a value as a step of `kind` stores it: its bytes, in memory order. */
function bytesOf(kind: string, value: unknown, littleEndian: boolean): number[] {
  switch (kind) {
    case 'int8':
    case 'uint8':
    case 'uint8c':
      scratch.setUint8(0, Number(value));
      return [scratch.getUint8(0)];
    case 'int16':
    case 'uint16':
      scratch.setUint16(0, Number(value), littleEndian);
      return [0, 1].map((i) => scratch.getUint8(i));
    case 'int32':
    case 'uint32':
      scratch.setUint32(0, Number(value) >>> 0, littleEndian);
      return [0, 1, 2, 3].map((i) => scratch.getUint8(i));
    case 'float32':
      scratch.setFloat32(0, Number(value), littleEndian);
      return [0, 1, 2, 3].map((i) => scratch.getUint8(i));
    case 'float64':
      scratch.setFloat64(0, Number(value), littleEndian);
      break;
    default:
      scratch.setBigUint64(0, BigInt.asUintN(64, BigInt(value as bigint)), littleEndian);
  }
  return [0, 1, 2, 3, 4, 5, 6, 7].map((i) => scratch.getUint8(i));
}

/** decoded decodes 8 little-endian bytes as a 64-bit value of `kind`, for the report. */
function decoded(kind: string, bytes: readonly number[]): string {
  for (let i = 0; i < bytes.length; i++) scratch.setUint8(i, bytes[i]!);
  if (kind === 'float64') return String(scratch.getFloat64(0, true));
  if (kind === 'biguint64') return `${scratch.getBigUint64(0, true)}n`;
  return `${scratch.getBigInt64(0, true)}n`;
}

const hex = (bytes: readonly number[]) =>
  `0x${[...bytes]
    .reverse()
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('')}`;

/** PendingRead is the low half of a split 64-bit read, waiting for its high half. */
interface PendingRead {
  readonly step: Step;
  readonly start: number;
  readonly lo: readonly number[];
  readonly loFrom: Step | undefined;
  /** held lists every value the 8 bytes held from the low read on, as hex. */
  readonly held: Set<string>;
}

/**
 * tornRead checks, as on a 32-bit machine, that every 64-bit value a plain read assembled from its
 * two 32-bit halves is a value the 8 bytes held at some instant between the two halves, and not in
 * the middle of another split write (one half written, the other not yet); when one is not, it says
 * which write each half came from. Memory is replayed byte by byte from every write, whatever view
 * or Atomics call made it, so aliases count: two 32-bit words written one by one under a lock and
 * read whole are a value memory held.
 */
export function tornRead(history: History): Finding | undefined {
  // Only a split 64-bit read can be torn here: without one (every run but the 32-bit model's), the
  // replay of memory below would find nothing, and it runs for every byte of every write.
  if (!history.steps.some((step) => step.half !== undefined)) return tornWords(history);
  const memory = new Map<number, number>();
  const writer = new Map<number, Step>();
  const pending = new Map<string, PendingRead>();
  // Elements whose split write has written one half and not yet the other: until it has, the
  // element holds no value anyone wrote.
  const halfWritten = new Set<number>();
  const elementOf = (step: Step) => (step.half === 'hi' ? step.offset - 4 : step.offset);
  const bytesAt = (start: number, size: number) => Array.from({ length: size }, (_, i) => memory.get(start + i) ?? 0);
  const stable = (start: number) => ![...halfWritten].some((element) => element < start + 8 && start < element + 8);
  for (const step of history.steps) {
    const value = written(step);
    if (value !== undefined) {
      const bytes = bytesOf(step.kind, value, step.littleEndian !== false);
      bytes.forEach((byte, i) => {
        memory.set(step.offset + i, byte);
        writer.set(step.offset + i, step);
      });
      if (step.half === 'lo') halfWritten.add(elementOf(step));
      else if (step.half === 'hi') halfWritten.delete(elementOf(step));
      for (const read of pending.values()) {
        if (step.offset < read.start + 8 && read.start < step.offset + step.size && stable(read.start))
          read.held.add(hex(bytesAt(read.start, 8)));
      }
      continue;
    }
    if (step.access !== 'read' || !step.half) continue;
    const start = step.half === 'lo' ? step.offset : step.offset - 4;
    const key = `${step.worker}@${start}`;
    if (step.half === 'lo') {
      pending.set(key, {
        step,
        start,
        lo: bytesOf('uint32', step.value, true),
        loFrom: writer.get(step.offset),
        held: new Set(stable(start) ? [hex(bytesAt(start, 8))] : []),
      });
      continue;
    }
    const read = pending.get(key);
    if (!read) continue;
    pending.delete(key);
    const assembled = [...read.lo, ...bytesOf('uint32', step.value, true)];
    if (read.held.has(hex(assembled))) continue;
    const view = history.views[step.worker]?.find((entry) => entry.id === step.view);
    const kind = view?.kind ?? 'float64';
    const where = locationName(history, step);
    const hiFrom = writer.get(step.offset);
    const describe = (from: Step | undefined, half: readonly number[], name: string) => {
      if (!from) return `${name} word ${hex(half)} from the initial 0`;
      return `${name} word ${hex(half)} from worker ${from.worker}'s write of ${wholeValueOf(history, from, start, kind)}`;
    };
    return {
      detector: 'torn-read',
      summary: `torn read: worker ${step.worker} read ${where} = ${decoded(kind, assembled)}, half of one value and half of another`,
      expected: 'one value, whole',
      actual: hex(assembled),
      details: [
        `${describe(hiFrom, assembled.slice(4), 'high')},`,
        `${describe(read.loFrom, read.lo, 'low')}.`,
        'On a 32-bit machine a plain 64-bit access is two: another write fit in between.',
      ],
      marks: [read.step.t, step.t],
      ...(step.at ? { at: step.at } : {}),
    };
  }
  return tornWords(history);
}

/** wholeValueOf is the 64-bit value at [start, start + 8) that the write `step` belongs to left, for the report. */
function wholeValueOf(history: History, step: Step, start: number, kind: string): string {
  if (!step.half) {
    const value = written(step);
    if (step.offset === start && step.size === 8)
      return decoded(kind, bytesOf(step.kind, value, step.littleEndian !== false));
    return `${String(value)} (${step.size} bytes at byte ${step.offset})`;
  }
  // The other half of the same write is the worker's step just before or after this one.
  const own = history.steps.filter((other) => other.worker === step.worker);
  const at = own.indexOf(step);
  const partner = [own[at - 1], own[at + 1]].find(
    (other) =>
      other !== undefined &&
      other.half !== undefined &&
      other.half !== step.half &&
      other.access === 'write' &&
      other.view === step.view &&
      other.index === step.index,
  );
  const word = (half: 'lo' | 'hi') => {
    const from = step.half === half ? step : partner;
    return bytesOf('uint32', from?.value ?? 0, true);
  };
  return decoded(kind, [...word('lo'), ...word('hi')]);
}
