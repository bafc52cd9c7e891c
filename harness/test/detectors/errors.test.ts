/** runErrors on hand-made runs: each way a run fails to complete as it should, in the order they are told. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpRecord } from '../../record/history.ts';
import { runErrors } from '../../detectors/errors.ts';
import { Abort } from '../../scheduler/control.ts';
import type { ErrorInfo, Op, WorkerReport } from '../../scheduler/protocol.ts';
import { counterSpec } from '../../objects/counter.ts';
import { historyOfSteps, outcome, step, type HistoryParts } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const add = (arg: number): Op => ({ kind: 'add', arg });
const value: Op = { kind: 'value' };
const record = (worker: number, index: number, op: Op, extra: Partial<OpRecord> = {}): OpRecord => ({
  worker,
  index,
  op,
  begin: 1,
  end: 2,
  ...extra,
});
const report = (worker: number, extra: Partial<WorkerReport> = {}): WorkerReport => ({
  worker,
  events: [],
  views: [],
  layout: [],
  ...extra,
});
const error = (name: string, message: string, extra: Partial<ErrorInfo> = {}): ErrorInfo => ({
  name,
  message,
  ...extra,
});
const at = (line: number, fn?: string) => ({
  file: '/katas/kata-4/counter.ts',
  line,
  column: 3,
  ...(fn ? { fn } : {}),
});
const judge = (parts: HistoryParts) => runErrors(historyOfSteps(spec, [], { ops: [record(0, 0, add(1))], ...parts }));

describe('a worker that got stuck', () => {
  const workload = [[add(1)], [add(2)]];

  it('is named with its operation and the line it loops on', () => {
    const finding = judge({
      workload,
      outcome: outcome({ abort: Abort.TimedOut, stuck: { worker: 1, op: 0, ms: 2000, at: at(16, 'Hangs.add') } }),
    });
    expect(finding).toEqual({
      detector: 'stuck',
      summary: 'worker 1 ran for 2000 ms without touching shared memory',
      details: [
        'It is stuck in add(2) at line 16 (Hangs.add).',
        'A loop that never ends, or one that waits for something no shared access can change?',
      ],
      marks: [],
      at: at(16, 'Hangs.add'),
    });
  });

  it('is named while building its counter, in the final read, or after its last step', () => {
    const stuck = (op: number, where: object) =>
      judge({ workload, outcome: outcome({ abort: Abort.TimedOut, stuck: { worker: 0, op, ms: 300, ...where } }) })!
        .details[0];
    expect(stuck(-1, {})).toBe('It was stuck while building its counter.');
    expect(stuck(-2, {})).toBe('It was stuck in the final value().');
    expect(stuck(0, { after: at(9) })).toBe('It was stuck in add(1), after its step at line 9.');
  });
});

describe('a run that did not report', () => {
  it('is an error when a worker crashed', () => {
    expect(
      judge({
        outcome: outcome({
          reports: [report(0), report(1, { crash: error('RangeError', 'Maximum call stack size exceeded') })],
        }),
      })?.summary,
    ).toBe('worker 1 crashed: RangeError: Maximum call stack size exceeded');
  });

  it('is an error when a report is missing', () => {
    expect(judge({ outcome: outcome({ missing: [1, 2] }) })).toMatchObject({
      detector: 'error',
      summary: 'worker 1 and 2 never reported its run',
    });
  });

  it('is an error when the record disagrees with the decisions', () => {
    const tampered = outcome({
      decisions: [{ chosen: 0, runnable: 3, sleep: 0 }],
      reports: [report(0), report(1, { events: [{ t: 1, type: 'end', op: 0 }] })],
    });
    expect(judge({ outcome: tampered })?.summary).toBe(
      'the record of a run disagrees with the scheduler: worker 1 reports an event at decision 1, which chose worker 0',
    );
  });
});

describe('a constructor that threw', () => {
  const thrown = (setupError: ErrorInfo) =>
    judge({ outcome: outcome({ reports: [report(0, { setupError }), report(1)] }) });

  it('is not solved yet while it calls todo()', () => {
    expect(thrown(error('NotSolvedYet', 'build the counter'))).toMatchObject({
      detector: 'not-solved',
      summary: 'the constructor: build the counter',
    });
  });

  it('is a misaligned field for an AlignmentError, one sentence a line', () => {
    const sentences = ['bigInt64 at byte 4 is misaligned.', 'Put 64-bit fields first.'];
    const alignment = error('AlignmentError', 'bigInt64 at byte 4 is misaligned. Put 64-bit fields first.', {
      details: sentences,
    });
    expect(thrown(alignment)).toMatchObject({
      detector: 'alignment',
      summary: 'a 64-bit field is misaligned',
      details: ['bigInt64 at byte 4 is misaligned.', 'Put 64-bit fields first.'],
    });
  });

  it('is an error otherwise, and comes before a record that disagrees', () => {
    const reports = [
      report(0, { setupError: error('TypeError', 'no memory') }),
      report(1, { events: [{ t: 5, type: 'end', op: 0 }] }),
    ];
    expect(judge({ outcome: outcome({ reports }) })).toMatchObject({
      detector: 'error',
      summary: 'the constructor threw TypeError: no memory',
    });
  });
});

describe('kata code that swallowed the stop signal', () => {
  it('is an error, at its last step', () => {
    const history = historyOfSteps(spec, [step(1, 3, { at: at(21) }), step(0, 4)], {
      ops: [record(0, 0, add(1))],
      outcome: outcome({ reports: [report(0), report(1, { stopSwallowed: true })] }),
    });
    expect(runErrors(history)).toMatchObject({
      detector: 'error',
      summary: "worker 1 caught the harness's stop signal and carried on",
      at: at(21),
    });
  });
});

describe('an operation that threw', () => {
  const directory = mkdtempSync(join(tmpdir(), 'errors-test-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('is not solved yet at a todo(), naming every method still to write', () => {
    const file = join(directory, 'counter.ts');
    writeFileSync(file, "inc() { todo('inc()'); }\nadd() { todo('add()'); }\nvalue() { return todo(\"value()\"); }\n");
    const todo = error('NotSolvedYet', 'write inc()', { at: { file, line: 1, column: 9 } });
    expect(judge({ ops: [record(0, 0, { kind: 'inc' }, { error: todo })] })).toMatchObject({
      detector: 'not-solved',
      summary: 'inc(), add() and value() are not written yet',
    });
    expect(
      judge({ ops: [record(0, 0, { kind: 'inc' }, { error: error('NotSolvedYet', 'write inc()') })] })?.summary,
    ).toBe('inc(): write inc()');
  });

  it("breaks mutual exclusion, marked at the second worker's entry", () => {
    const steps = [
      step(1, 5, { access: 'atomic', name: 'add', args: [1], value: 0 }),
      step(1, 7, { access: 'atomic', name: 'add', args: [1], value: 1, at: at(12) }),
    ];
    const ops = [
      record(1, 0, add(1), { error: error('MutualExclusionViolation', 'entered while worker 0 held the lock') }),
    ];
    expect(runErrors(historyOfSteps(spec, steps, { ops }))).toEqual({
      detector: 'mutual-exclusion',
      summary: 'mutual exclusion broken: worker 1 entered while worker 0 held the lock',
      details: ['lock() returned to a second worker before the first called unlock().'],
      marks: [7],
      at: at(12),
    });
  });

  it('is left to the contract when the spec rejects the operation with that error, and an error otherwise', () => {
    expect(judge({ ops: [record(0, 0, add(-1), { error: error('RangeError', 'negative') })] })).toBeUndefined();
    expect(judge({ ops: [record(0, 0, add(1), { error: error('RangeError', 'negative') })] })).toMatchObject({
      detector: 'error',
      summary: 'add(1) threw RangeError: negative',
    });
  });

  it("breaks the contract when an operation at the spec's boundary threw the rejection's error, and only there", () => {
    expect(judge({ ops: [record(0, 0, add(0), { error: error('RangeError', 'negative') })] })).toMatchObject({
      detector: 'contract',
      summary: 'add(0) threw RangeError, but the counter accepts it',
      actual: 'RangeError: negative',
    });
    expect(judge({ ops: [record(0, 0, add(0), { error: error('TypeError', 'bad') })] })?.detector).toBe('error');
  });

  it('breaks the contract with the wanted error when a rejected operation threw another', () => {
    expect(judge({ ops: [record(0, 0, add(-1), { error: error('Error', 'negative') })] })).toMatchObject({
      detector: 'contract',
      summary: 'add(-1) threw Error instead of RangeError',
      actual: 'Error: negative',
    });
  });

  it("says a float's bits do not come from BigInt() when BigInt() refused a fraction, and nothing of other RangeErrors", () => {
    const fraction = error(
      'RangeError',
      'The number 0.25 cannot be converted to a BigInt because it is not an integer',
    );
    expect(judge({ ops: [record(0, 0, add(0.25), { error: fraction })] })?.details.join(' ')).toMatch(
      /Float64Array and a BigInt64Array over the same 8 bytes/,
    );
    expect(judge({ ops: [record(0, 0, add(1), { error: error('RangeError', 'negative') })] })?.details).toEqual([]);
  });

  it('breaks the contract when it returned what no such operation returns', () => {
    const returned = error('BadResult', 'value() returned a Promise, not a number', { returned: 'a Promise' });
    const ops = [record(0, 0, value, { error: returned })];
    expect(judge({ ops })).toMatchObject({
      detector: 'contract',
      summary: 'value() returned a Promise, not a number',
      expected: 'a number',
      actual: 'a Promise',
    });
  });
});

describe('the final read', () => {
  it('is an error when it threw, and not solved at a todo()', () => {
    expect(judge({ final: record(0, -2, value, { error: error('TypeError', 'boom') }) })?.summary).toBe(
      'value() threw TypeError: boom',
    );
    expect(judge({ final: record(0, -2, value, { error: error('NotSolvedYet', 'write value()') }) })).toMatchObject({
      detector: 'not-solved',
      summary: 'write value()',
    });
  });

  it('breaks the contract when its result has the wrong shape', () => {
    expect(judge({ final: record(0, -2, value, { result: '0' }) })).toMatchObject({
      detector: 'contract',
      summary: 'value() returned the string "0", not a number',
      actual: 'the string "0"',
    });
  });
});

describe('the run as a whole', () => {
  it('is an error when workers laid out memory differently', () => {
    const layouts = [[{ kind: 'int32', byteOffset: 0, length: 1 }], [{ kind: 'int32', byteOffset: 0, length: 2 }]];
    expect(judge({ layouts })).toMatchObject({
      detector: 'error',
      summary: "worker 1 laid out the counter's memory differently from worker 0",
      details: [
        expect.stringMatching(
          /^Its view #1 from SharedMemory is int32\(2\) at byte 0; worker 0's is int32\(1\) at byte 0\.$/,
        ),
        expect.any(String),
      ],
    });
  });

  it("is spinning when it spent its step budget, named at the last step's loop", () => {
    const steps = [
      step(1, 1, { access: 'atomic', name: 'compareExchange', args: [0, 1], value: 1 }),
      step(1, 2, { access: 'atomic', name: 'compareExchange', args: [0, 1], value: 1, at: at(15, 'Livelock.add') }),
    ];
    const decisions = steps.map(() => ({ chosen: 1, runnable: 3, sleep: 0 }));
    expect(
      runErrors(
        historyOfSteps(spec, steps, {
          ops: [record(1, 0, add(1), { end: Infinity })],
          outcome: outcome({ abort: Abort.Budget, decisions }),
        }),
      ),
    ).toMatchObject({
      detector: 'spinning',
      summary: 'the run took 2 steps and still had not finished',
      details: [
        'worker 1 goes round a loop at line 15 (Livelock.add), on cell[0], and never gets out.',
        // Its loop is a compareExchange that keeps expecting the 0 that is no longer there.
        'Its compareExchange(cell[0], 0, …) finds 1 every time, never the 0 it expects, and each retry expects the same again.',
        expect.stringMatching(/^Take the expected value from what compareExchange returned/),
      ],
      marks: [2],
    });
  });

  it('is an error when it went another way than its schedule', () => {
    expect(judge({ outcome: outcome({ abort: Abort.Diverged }) })?.summary).toBe(
      'the schedule does not fit this code: the run went another way',
    );
  });

  it('is an error when it recorded no operation at all, unless sleep sets cut it short', () => {
    const silent = (abort: number) =>
      runErrors(historyOfSteps(spec, [], { outcome: outcome({ abort, reports: [report(0), report(1)] }) }));
    expect(silent(Abort.Finished)?.summary).toBe('the run recorded no operation at all');
    expect(silent(Abort.SleepBlocked)).toBeUndefined();
  });

  it('is nothing wrong when every operation completed as allowed', () => {
    expect(judge({ final: record(0, -2, value, { result: 1 }) })).toBeUndefined();
  });
});
