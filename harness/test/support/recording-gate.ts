/**
 * RecordingGate is a StepGate with no scheduler behind it: every step runs at once and is
 * recorded, so a test can assert exactly which steps a piece of kata code took.
 */
import type { Access, Cell, StepGate, ViewInfo, WaitResult } from '../../instrument/steps.ts';

/** RecordedStep is one step as the gate saw it. */
export interface RecordedStep {
  readonly access: Access;
  readonly op: string;
  readonly view: number;
  readonly index: number;
  readonly offset: number;
  readonly size: number;
  readonly kind: string;
  readonly littleEndian: boolean;
  readonly half?: 'lo' | 'hi';
  readonly args: readonly unknown[];
  readonly value: unknown;
}

export class RecordingGate implements StepGate {
  steps: RecordedStep[] = [];
  views: ViewInfo[] = [];
  /** waitResult is what `wait` answers when the value still matches: the scheduler would block, then wake. */
  waitResult: WaitResult = 'ok';

  reset(): void {
    this.steps = [];
    this.views = [];
  }

  view(info: Omit<ViewInfo, 'id'>): ViewInfo {
    const view = { ...info, id: this.views.length };
    this.views.push(view);
    return view;
  }

  #record(access: Access, cell: Cell, op: string, args: readonly unknown[], value: unknown): void {
    const plain = op === 'read' || op === 'write';
    if (plain !== (access !== 'atomic') || (plain && access !== op))
      throw new Error(`harness test: step ${access}/${op} does not match`);
    const { view, index, offset, size, kind, littleEndian, half } = cell;
    this.steps.push({
      access,
      op,
      view: view.id,
      index,
      offset,
      size,
      kind,
      littleEndian,
      ...(half ? { half } : {}),
      args: [...args],
      value,
    });
  }

  step<T>(access: Access, cell: Cell, op: string, args: readonly unknown[], perform: () => T): T {
    const value = perform();
    this.#record(access, cell, op, args, value);
    return value;
  }

  wait(cell: Cell, expected: unknown, timeout: number, load: () => unknown): WaitResult {
    const result = load() === expected ? this.waitResult : 'not-equal';
    this.#record('atomic', cell, 'wait', timeout === Infinity ? [expected] : [expected, timeout], result);
    return result;
  }

  notify(cell: Cell, count: number): number {
    this.#record('atomic', cell, 'notify', count === Infinity ? [] : [count], 0);
    return 0;
  }
}

/** formatStep writes a step compactly: `write int32@0+4 [1]`, `read uint32@8+4 lo`, `getFloat64`'s `read float64@0+8 BE`. */
export function formatStep(step: RecordedStep): string {
  const at = `${step.kind}@${step.offset}+${step.size}${step.half ? ` ${step.half}` : ''}${step.littleEndian ? '' : ' BE'}`;
  const args = step.args.length > 0 ? ` [${step.args.map(String).join(', ')}]` : '';
  return `${step.op} ${at}${args}`;
}
