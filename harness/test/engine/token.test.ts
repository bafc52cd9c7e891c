/**
 * Replay tokens: every token round-trips; as written, what each kind packs, and the malformed
 * tokens refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToken, encodeScheduleToken, encodeToken, TokenError } from '../../engine/token.ts';

describe('replay tokens', () => {
  it('round-trip every token', () => {
    fc.assert(
      fc.property(
        fc.record({
          kata: fc.string(),
          property: fc.constantFrom('contract' as const, 'concurrency' as const),
          seed: fc.integer().map((seed) => seed + 0), // JSON has no -0; fast-check seeds are never -0
          path: fc.array(fc.nat(), { maxLength: 20 }).map((steps) => steps.join(':')),
        }),
        (token) => {
          expect(decodeToken(encodeToken(token))).toEqual(token);
        },
      ),
    );
  });

  it('round-trip every schedule token', () => {
    const token = {
      kata: 'kata-3',
      ops: [[{ kind: 'add', arg: 1 }], [], [{ kind: 'loop' }]],
      path: [0, 2, 2, 1, 0, 0, 1],
      seed: 7,
    };
    expect(decodeToken(encodeScheduleToken(token))).toEqual(token);
  });

  it('round-trip the arguments JSON has no number for: NaN, ±Infinity and -0', () => {
    const token = {
      kata: 'kata-8',
      ops: [
        [
          { kind: 'observe', arg: Number.NaN },
          { kind: 'observe', arg: -0 },
        ],
        [{ kind: 'observe', arg: -Infinity }],
      ],
      path: [0, 1],
      seed: 0,
    };
    const decoded = decodeToken(encodeScheduleToken(token)) as typeof token;
    expect(decoded).toEqual(token);
    expect(Object.is(decoded.ops[0]![1]!.arg, -0)).toBe(true);
  });

  it('reject text that is not a token, saying so', () => {
    expect(() => decodeToken('not-a-token')).toThrow(/is not a replay token/);
    // A class of its own, so that the CLI tells the user's mistake from a harness error without reading the message.
    expect(() => decodeToken('not-a-token')).toThrow(TokenError);
    expect(() => decodeToken(Buffer.from('[1,"kata-1","concurrency",3,"0:1"]').toString('base64url'))).toThrow(
      TokenError,
    );
    expect(() => decodeToken(Buffer.from('[6,"kata-1"]').toString('base64url'))).toThrow(/is not a replay token/);
  });

  it('refuse a token from an older harness, whose interleavings were chosen differently', () => {
    expect(() => decodeToken(Buffer.from('[1,"kata-1","concurrency",3,"0:1"]').toString('base64url'))).toThrow(
      /older version of the harness/,
    );
  });
});

const packed = (token: string) => JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
const token = (fields: unknown[]) => Buffer.from(JSON.stringify(fields)).toString('base64url');

describe('encodeToken', () => {
  it("packs the version, the kata, the property, fast-check's seed and path, and what a race was found on and a PCT depth", () => {
    expect(packed(encodeToken({ kata: 'kata-4', property: 'concurrency', seed: 42, path: '3:0:1' }))).toEqual([
      6,
      'case',
      'kata-4',
      'concurrency',
      42,
      '3:0:1',
      null,
      null,
    ]);
    const race = { kata: 'kata-1', property: 'races' as const, on: 'contract' as const, seed: -7, path: '0', pct: 3 };
    expect(packed(encodeToken(race))).toEqual([6, 'case', 'kata-1', 'races', -7, '0', 'contract', 3]);
    expect(decodeToken(encodeToken(race))).toEqual(race);
  });

  it('packs a spin patience other than the default last, and reads a token without one as the default', () => {
    const long = { kata: 'kata-2b', property: 'concurrency' as const, seed: 42, path: '3:0', patience: 128 };
    expect(packed(encodeToken(long))).toEqual([6, 'case', 'kata-2b', 'concurrency', 42, '3:0', null, null, 128]);
    expect(decodeToken(encodeToken(long))).toEqual(long);
    const schedule = { kata: 'kata-2b', ops: [[{ kind: 'value' }]], path: [0, 1], seed: 0, patience: 128 };
    expect(packed(encodeScheduleToken(schedule))).toEqual([6, 'schedule', 'kata-2b', schedule.ops, '01', 0, 128]);
    expect(decodeToken(encodeScheduleToken(schedule))).toEqual(schedule);
    // Tokens made before the patience travelled in them have none: they replay with the default.
    expect(decodeToken(token([6, 'case', 'kata-2b', 'concurrency', 42, '3:0', null, null]))).not.toHaveProperty(
      'patience',
    );
    expect(() => decodeToken(token([6, 'case', 'kata-2b', 'concurrency', 42, '3:0', null, null, 1]))).toThrow(
      /is not a replay token/,
    );
    expect(() => decodeToken(token([6, 'schedule', 'kata-2b', [], '01', 0, 'long']))).toThrow(/is not a replay token/);
  });
});

describe('encodeScheduleToken', () => {
  it("packs a schedule's path as one digit per decision", () => {
    const schedule = {
      kata: 'kata-2',
      ops: [[{ kind: 'add', arg: 1 }], [{ kind: 'value' }]],
      path: [0, 1, 1, 0, 2],
      seed: 0,
    };
    expect(packed(encodeScheduleToken(schedule))).toEqual([6, 'schedule', 'kata-2', schedule.ops, '01102', 0]);
    expect(decodeToken(encodeScheduleToken(schedule))).toEqual(schedule);
  });
});

describe('decodeToken', () => {
  it('refuses a schedule whose path is not digits below 8, or whose seed is no integer', () => {
    expect(() => decodeToken(token([6, 'schedule', 'kata-2', [], '018', 0]))).toThrow(/is not a replay token/);
    expect(() => decodeToken(token([6, 'schedule', 'kata-2', [], '01', 0.5]))).toThrow(/is not a replay token/);
  });

  it('refuses a case with an unknown property, a seed that is no integer, or a race found on something else', () => {
    expect(() => decodeToken(token([6, 'case', 'kata-1', 'speed', 1, '0', null, null]))).toThrow(
      /is not a replay token/,
    );
    expect(() => decodeToken(token([6, 'case', 'kata-1', 'contract', 1.5, '0', null, null]))).toThrow(
      /is not a replay token/,
    );
    expect(() => decodeToken(token([6, 'case', 'kata-1', 'races', 1, '0', 'races', null]))).toThrow(
      /is not a replay token/,
    );
    expect(() => decodeToken(token([6, 'case', 'kata-1', 'contract', 1, '0', null, 'deep']))).toThrow(
      /is not a replay token/,
    );
  });

  it("says a token is an older version's, and quotes text that is no token", () => {
    expect(() => decodeToken(token([3, 'case', 'kata-1', 'contract', 1, '0', null, null]))).toThrow(
      new TokenError(
        'that replay token was made by an older version of the harness, whose interleavings were chosen differently: run the check again for a new one',
      ),
    );
    expect(() => decodeToken('%%%')).toThrow(
      new TokenError('"%%%" is not a replay token: copy the whole token from the failure report'),
    );
  });
});
