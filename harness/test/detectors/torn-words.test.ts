/**
 * tornWords on hand-made steps: a value a read assembled from two 32-bit words, each read whole,
 * that the words never held together, as kata-6's sequence lock without its re-check returns.
 */
import { describe, expect, it } from 'vitest';
import { tornWords } from '../../detectors/torn-words.ts';
import { counterSpec, wholeDeltas } from '../../objects/counter.ts';
import type { OpRecord, Step } from '../../record/history.ts';
import { historyOfSteps, step, view } from '../support/step-histories.ts';

const spec = counterSpec(wholeDeltas);
const views = [view({ id: 0, name: 'seq' }), view({ id: 1, byteOffset: 4, byteLength: 8, name: 'words' })];
const at = (view: number, index: number) => ({ view, index, offset: view === 0 ? 0 : 4 + 4 * index });
const load = (worker: number, t: number, view: number, index: number, value: number, op = 0): Step =>
  step(worker, t, { ...at(view, index), access: 'atomic', name: 'load', value, op });
const store = (worker: number, t: number, view: number, index: number, value: number): Step =>
  step(worker, t, { ...at(view, index), access: 'atomic', name: 'store', args: [value], value });
// 2³² + 1 as a float64: high word 0x41f00000, low word 0x00100000.
const [LO, HI] = [0x00100000, 0x41f00000];
const add: OpRecord = { worker: 0, index: 0, op: { kind: 'add', arg: 2 ** 32 + 1 }, begin: 3, end: 7 };
const write = [store(0, 3, 0, 0, 1), store(0, 4, 1, 0, LO), store(0, 5, 1, 1, HI), store(0, 6, 0, 0, 2)];

/** reader reads seq, then the low word, lets the write in, reads the high word, and perhaps seq again. */
function reader(recheck: boolean, result: number) {
  const steps = [load(1, 1, 0, 0, 0), load(1, 2, 1, 0, 0), ...write, load(1, 8, 1, 1, HI)];
  if (recheck) steps.push(load(1, 9, 0, 0, 2));
  const read: OpRecord = { worker: 1, index: 0, op: { kind: 'value' }, begin: 1, end: 10, result };
  return historyOfSteps(spec, steps, { ops: [add, read], views: [views, views] });
}

describe('tornWords', () => {
  it('calls a value assembled from two writes a torn read, says where each word came from, and asks for the re-check', () => {
    expect(tornWords(reader(false, 2 ** 32))).toEqual({
      detector: 'torn-read',
      summary: "torn read: worker 1's value() returned 4294967296, half of one value and half of another",
      expected: 'one value, whole',
      actual: '0x41f00000 0x00000000',
      details: [
        "high word words[1] = 0x41f00000 from worker 0's add(4294967297),",
        'low word words[0] = 0x00000000 from the initial 0.',
      ],
      advice: [
        'It read seq[0] before the words and never after them: read it again after both, and retry if it moved.',
      ],
      marks: [2, 8],
    });
  });

  it('says nothing of a value the words held together', () => {
    expect(tornWords(reader(true, 2 ** 32 + 1))).toBeUndefined();
  });

  it('asks for a check after both words when the reader checked nothing before them', () => {
    const history = reader(false, 2 ** 32);
    const withoutSeq = { ...history, steps: history.steps.filter((each) => each.worker === 0 || each.view === 1) };
    expect(tornWords(withoutSeq)?.advice).toEqual([
      'Two 32-bit reads are two steps: check, after both, that no write began in between, and retry if one did.',
    ]);
  });
});
