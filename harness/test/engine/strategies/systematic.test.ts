/**
 * SystematicExploration over synthetic programs (no threads): each execution a case with a path
 * schedule, judged by a hand-made verdict. It runs as many executions as the depth-first search
 * alone does (test/scheduler/strategies/systematic.test.ts pins those by combinatorics), and keeps a
 * data race apart from the failures it stops at.
 */
import { describe, expect, it } from 'vitest';
import { kataX } from '../../support/kata-x.ts';
import { executedOf, finalValue, search, SystematicExploration } from '../../../engine/strategies/systematic.ts';
import type { OpRecord } from '../../../record/history.ts';
import { EventKind } from '../../../scheduler/memory-effect.ts';
import type { Op } from '../../../scheduler/protocol.ts';
import { found, spec, syntheticTrial } from '../../support/judged-runs.ts';
import { sequentialPool } from '../../support/sequential-pool.ts';
import { historyOfSteps, outcome, step } from '../../support/step-histories.ts';
import { read, runSynthetic, searchSynthetic, write, type Program } from '../../support/synthetic-run.ts';

const kata = kataX;
const required = kata('required');
const dependent = (n: number, k: number): Program =>
  Array.from({ length: n }, () => Array.from({ length: k }, () => write(0)));
const ops: Op[][] = [[{ kind: 'add', arg: 1 }], [{ kind: 'add', arg: 1 }]];
const nothing = () => undefined;

describe('SystematicExploration', () => {
  it.each([
    [dependent(2, 2), Infinity, false, 6],
    [dependent(2, 5), 2, false, 42],
    [dependent(3, 3), 1, false, 42],
    [dependent(2, 5), Infinity, true, 252],
    [
      [
        [write(0), write(4)],
        [write(4), write(0)],
      ] as Program,
      Infinity,
      true,
      3,
    ],
    [[[write(0)], [read(0)], [read(0)]] as Program, Infinity, true, 4],
  ])('runs as many executions as the search alone (%#)', (program, bound, reduce, executions) => {
    expect(searchSynthetic(program, bound, reduce).executions).toBe(executions);
    const explored = new SystematicExploration(required, ops, { bound, maxExecutions: 10_000, reduce }).explore(
      syntheticTrial(program),
      nothing,
    );
    expect([explored.runs, explored.executions, explored.complete, explored.failing]).toEqual([
      executions,
      executions,
      true,
      undefined,
    ]);
  });

  it('stops at the first failing execution, with its path', () => {
    // Depth first, two workers' two dependent writes run in the orders 0011, 0110, 0101, 1100, 1001, 1010.
    expect(searchSynthetic(dependent(2, 2), Infinity, false).orders).toEqual([
      '0011',
      '0110',
      '0101',
      '1100',
      '1001',
      '1010',
    ]);
    const explored = new SystematicExploration(required, ops, {
      bound: Infinity,
      maxExecutions: 100,
      reduce: false,
    }).explore(
      syntheticTrial(dependent(2, 2), (order) => (order.startsWith('1') ? { finding: found('lost-update') } : {})),
      (run) => run.finding,
    );
    expect(explored.complete).toBe(false);
    expect(explored.failing).toMatchObject({
      input: { ops, seed: 0, schedule: { kind: 'path', path: [1, 1, 0, 0] } },
      finding: found('lost-update'),
      path: '1:1:0:0',
      seed: 0,
      shrinks: 0,
    });
    expect(explored.run?.path).toEqual([1, 1, 0, 0]);
    expect(explored.runs).toBe(4);
  });

  it('goes on to count every outcome when told not to stop at a failure, keeping the first', () => {
    const outcomes = new Map<string, { executions: number; forbidden: boolean }>();
    const explored = new SystematicExploration(required, ops, {
      bound: Infinity,
      maxExecutions: 100,
      reduce: false,
      stopAtFailure: false,
      outcomes,
    }).explore(
      syntheticTrial(dependent(2, 2), (order) =>
        order.startsWith('1') ? { finding: found('lost-update', order) } : {},
      ),
      (run) => run.finding,
    );
    expect([explored.runs, explored.complete, explored.failing?.finding.summary]).toEqual([6, true, '1100']);
    expect([...outcomes]).toEqual([['no final value', { executions: 6, forbidden: true }]]);
  });

  it('keeps a data race apart, and reports it only when nothing else fails', () => {
    const racy = syntheticTrial(dependent(2, 2), () => ({ race: found('data-race') }));
    const explored = new SystematicExploration(required, ops, {
      bound: Infinity,
      maxExecutions: 100,
      reduce: false,
    }).explore(racy, (run) => run.finding);
    expect([explored.runs, explored.complete, explored.failing?.finding.detector, explored.failing?.path]).toEqual([
      6,
      true,
      'data-race',
      '0:0:1:1',
    ]);
    const both = syntheticTrial(dependent(2, 2), (order) => ({
      race: found('data-race'),
      ...(order === '0110' ? { finding: found('lost-update') } : {}),
    }));
    const failed = new SystematicExploration(required, ops, {
      bound: Infinity,
      maxExecutions: 100,
      reduce: false,
    }).explore(both, (run) => run.finding);
    expect([failed.runs, failed.failing?.finding.detector, failed.failing?.path]).toEqual([
      2,
      'lost-update',
      '0:1:1:0',
    ]);
  });

  it("does not take a lesson kata's data race for a failure", () => {
    const explored = new SystematicExploration(kata('lesson'), ops, {
      bound: Infinity,
      maxExecutions: 100,
      reduce: false,
    }).explore(
      syntheticTrial(dependent(2, 2), () => ({ race: found('data-race') })),
      (run) => run.finding,
    );
    expect([explored.runs, explored.failing]).toEqual([6, undefined]);
  });

  it('stops incomplete at its most executions, and when the pool is broken', () => {
    const capped = new SystematicExploration(required, ops, {
      bound: Infinity,
      maxExecutions: 4,
      reduce: false,
    }).explore(syntheticTrial(dependent(2, 2)), nothing);
    expect([capped.runs, capped.complete]).toEqual([4, false]);
    const broken = new SystematicExploration(required, ops, {
      bound: Infinity,
      maxExecutions: 100,
      reduce: false,
      broken: () => true,
    }).explore(syntheticTrial(dependent(2, 2)), nothing);
    expect([broken.runs, broken.complete]).toEqual([1, false]);
  });
});

describe('search', () => {
  it("runs a workload's executions on a pool through runCase, counting each final value", () => {
    // The sequential pool leaves one worker runnable at each decision: one execution.
    const outcomes = new Map<string, { executions: number; forbidden: boolean }>();
    const { pool, asked } = sequentialPool(required.spec);
    const explored = search(pool, required, ops, { bound: 2, maxExecutions: 100, outcomes });
    expect([explored.executions, explored.complete, explored.failing]).toEqual([1, true, undefined]);
    expect(asked).toEqual([{ ops, loops: 0, seed: 0, schedule: { kind: 'path', path: [], sleepFrom: -1, sleep: 0 } }]);
    expect([...outcomes]).toEqual([['value() = 2', { executions: 1, forbidden: false }]]);
  });

  it('stops at a lost update, with the path that replays it', () => {
    const { pool } = sequentialPool(required.spec, (op) => op.kind === 'add');
    const explored = search(pool, required, ops, { bound: 2, maxExecutions: 100 });
    expect([explored.executions, explored.complete, explored.failing?.finding.summary, explored.failing?.path]).toEqual(
      [1, false, 'lost update: 2 adds should sum to 2, but value() is 0', '0:1:0'],
    );
  });
});

describe('executedOf', () => {
  it("reads a synthetic run's events back from its steps", () => {
    const program: Program = [
      [write(0), read(4)],
      [write(4), read(0)],
    ];
    const run = runSynthetic(program, { path: [1, 0], sleepFrom: -1, sleep: 0 });
    const judged = syntheticTrial(program)({ ops, seed: 0, schedule: { kind: 'path', path: [1, 0] } });
    expect(executedOf(judged.history, judged.outcome)).toEqual({ ...run.executed, causes: [] });
  });

  it("marks operations' first events and ends, and makes the final read wait for every worker's last return", () => {
    const record = (worker: number, index: number, begin: number, end: number): OpRecord => ({
      worker,
      index,
      op: ops[0]![0]!,
      begin,
      end,
    });
    const steps = [
      step(0, 1, { access: 'write', name: 'write' }),
      step(1, 2, { access: 'atomic', name: 'add', offset: 4 }),
    ];
    const decisions = Array.from({ length: 5 }, () => ({ chosen: 0, runnable: 1, sleep: 0 }));
    const ran = outcome({ decisions });
    const history = historyOfSteps(spec, steps, {
      ops: [record(0, 0, 1, 3), record(1, 0, 2, 4)],
      final: { ...record(0, -2, 5, 5), op: { kind: 'value' } },
      outcome: ran,
    });
    expect(executedOf(history, ran)).toEqual({
      decisions,
      events: [
        { kind: EventKind.Write, start: 0, end: 4, first: true },
        { kind: EventKind.Update, start: 4, end: 8, first: true },
        { kind: EventKind.End, start: 0, end: 0, first: false },
        { kind: EventKind.End, start: 0, end: 0, first: false },
        { kind: EventKind.End, start: 0, end: 0, first: true },
      ],
      pending: [],
      causes: [],
    });
  });
});

describe('finalValue', () => {
  it('names a run by its final read, or says it had none', () => {
    const final: OpRecord = { worker: 0, index: -2, op: { kind: 'value' }, begin: 9, end: 10, result: 3 };
    expect(finalValue(historyOfSteps(spec, [], { final }))).toBe('value() = 3');
    expect(finalValue(historyOfSteps(spec, [], {}))).toBe('no final value');
    expect(
      finalValue(
        historyOfSteps(spec, [], { final: { worker: 0, index: -2, op: { kind: 'value' }, begin: 9, end: Infinity } }),
      ),
    ).toBe('no final value');
  });

  it("names a counter's run by every read it made, in each worker's order, when one read while adds ran", () => {
    const final: OpRecord = { worker: 0, index: -2, op: { kind: 'value' }, begin: 9, end: 10, result: 3 };
    const ops: OpRecord[] = [
      { worker: 0, index: 0, op: { kind: 'add', arg: 2 }, begin: 1, end: 4 },
      { worker: 1, index: 0, op: { kind: 'value' }, begin: 2, end: 3, result: 1 },
    ];
    expect(finalValue(historyOfSteps(spec, [], { final, ops }))).toBe('value() = 1, value() = 3');
  });
});
