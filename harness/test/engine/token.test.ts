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

  it('reject text that is not a token, saying so', () => {
    expect(() => decodeToken('not-a-token')).toThrow(/is not a replay token/);
    // A class of its own, so that the CLI tells the user's mistake from a harness error without reading the message.
    expect(() => decodeToken('not-a-token')).toThrow(TokenError);
    expect(() => decodeToken(Buffer.from('[1,"kata-1","concurrency",3,"0:1"]').toString('base64url'))).toThrow(
      TokenError,
    );
    expect(() => decodeToken(Buffer.from('[4,"kata-1"]').toString('base64url'))).toThrow(/is not a replay token/);
  });

  it('refuse a token from an older harness, whose interleavings were chosen differently', () => {
    expect(() => decodeToken(Buffer.from('[1,"kata-1","concurrency",3,"0:1"]').toString('base64url'))).toThrow(
      /older version of the harness/,
    );
  });
});
