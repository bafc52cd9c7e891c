import { describe, expect, it } from 'vitest';
import { encodeScheduleToken, decodeToken } from '../../engine/token.ts';
import { argsOf, describeArg, fromJsonArg, jsonArg, type PlainArg } from '../../scheduler/op-args.ts';
import { describeOp, fromJsonOp, jsonOp, type Op } from '../../scheduler/protocol.ts';

describe('operation arguments', () => {
  it('are the one numeric arg of a kata, args of any other method, or none', () => {
    expect(argsOf({ arg: 2 })).toEqual([2]);
    expect(argsOf({ args: ['a', [1, 2]] })).toEqual(['a', [1, 2]]);
    expect(argsOf({})).toEqual([]);
  });

  it('read as code, the katas exactly as before', () => {
    expect(describeOp({ kind: 'add', arg: 2 })).toBe('add(2)');
    expect(describeOp({ kind: 'observe', arg: -0 })).toBe('observe(-0)');
    expect(describeOp({ kind: 'observe', arg: Number.NaN })).toBe('observe(NaN)');
    expect(describeOp({ kind: 'write' })).toBe('write()');
    expect(describeOp({ kind: 'put', args: ['left', [1, -0], { at: 3, 'a b': null }, true] })).toBe(
      'put("left", [1, -0], { at: 3, "a b": null }, true)',
    );
    expect(describeArg({})).toBe('{}');
  });

  it('survive JSON exactly: NaN, ±Infinity and -0 anywhere, and objects whose keys look like the encoding', () => {
    const args: PlainArg[] = [
      Number.NaN,
      [Infinity, -Infinity, -0],
      { $number: 'NaN' },
      { x: { $object: 1 } },
      's',
      null,
    ];
    const back = fromJsonArg(JSON.parse(JSON.stringify(jsonArg(args))));
    expect(back).toEqual(args);
    expect(Object.is((back as PlainArg[])[1] && ((back as PlainArg[])[1] as number[])[2], -0)).toBe(true);
  });

  it('leave a kata operation as JSON always wrote it', () => {
    expect(jsonOp({ kind: 'add', arg: 2 })).toEqual({ kind: 'add', arg: 2 });
    expect(jsonOp({ kind: 'observe', arg: -0 })).toEqual({ kind: 'observe', arg: '-0' });
    expect(fromJsonOp({ kind: 'observe', arg: 'NaN' }).arg).toBeNaN();
  });

  it('travel in a schedule token and come back the same', () => {
    const ops: Op[][] = [
      [
        { kind: 'push', args: [[1, 2]] },
        { kind: 'put', args: ['k', Number.NaN] },
      ],
      [{ kind: 'pop', arg: 1 }],
    ];
    const token = decodeToken(encodeScheduleToken({ kata: 'ring-buffer', ops, path: [0, 1, 1], seed: 0 }));
    expect(token).toEqual({ kata: 'ring-buffer', ops, path: [0, 1, 1], seed: 0 });
  });
});
