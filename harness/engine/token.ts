/**
 * Replay tokens: a short string that replays one failing interleaving exactly. Tokens are versioned
 * (as shuttle learned to do): when the schedule space changes, an old token would replay something
 * else, so it is refused with a clear message instead.
 */
import { fromJsonOp, type JsonOp, jsonOp, type Op } from '../scheduler/protocol.ts';

/** PropertyName names the properties a kata check runs: the contract, concurrency, then data races. */
export type PropertyName = 'contract' | 'concurrency' | 'races';

/** TOKEN_VERSION changes whenever what a token means changes: 6 since a case's seed also sets the threads' threadId, and a counter's add(0) is drawn. */
const TOKEN_VERSION = 6;

/** ReplayToken is everything needed to replay one failing case of a fast-check property. */
export interface ReplayToken {
  readonly kata: string;
  readonly property: PropertyName;
  /** on is, for a race, the property whose cases it was found among. */
  readonly on?: 'contract' | 'concurrency';
  readonly seed: number;
  readonly path: string;
  /** pct is the PCT depth, for a failure found with `--pct`. */
  readonly pct?: number;
  /** patience is the run's spin patience (scheduler/control.ts), when not the default; older tokens have none. */
  readonly patience?: number;
}

/** ScheduleToken replays one execution of systematic search: the workload, and the worker chosen at each decision. */
export interface ScheduleToken {
  readonly kata: string;
  readonly ops: Op[][];
  readonly path: number[];
  readonly seed: number;
  /** patience is the run's spin patience, when not the default; older tokens have none. */
  readonly patience?: number;
}

/** TokenError is text given as a replay token that is none, or one an older harness made: the user's mistake, not the harness's. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
}

const refuse = (text: string) =>
  new TokenError(`"${text}" is not a replay token: copy the whole token from the failure report`);

/** encodeToken packs a replay token into a short, copy-pasteable string. */
export function encodeToken(token: ReplayToken): string {
  return Buffer.from(
    JSON.stringify([
      TOKEN_VERSION,
      'case',
      token.kata,
      token.property,
      token.seed,
      token.path,
      token.on ?? null,
      token.pct ?? null,
      ...(token.patience !== undefined ? [token.patience] : []),
    ]),
  ).toString('base64url');
}

/** encodeScheduleToken packs an explicit schedule into a replay token. */
export function encodeScheduleToken(token: ScheduleToken): string {
  return Buffer.from(
    JSON.stringify([
      TOKEN_VERSION,
      'schedule',
      token.kata,
      token.ops.map((list) => list.map(jsonOp)),
      packPath(token.path),
      token.seed,
      ...(token.patience !== undefined ? [token.patience] : []),
    ]),
  ).toString('base64url');
}

/** packPath writes a path as digits, one per decision: short, since most runs have few threads. */
function packPath(path: readonly number[]): string {
  return path.join('');
}

/** decodeToken unpacks either kind of replay token, or throws a TokenError that says what is wrong. */
export function decodeToken(text: string): ReplayToken | ScheduleToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse(text);
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'number') throw refuse(text);
  if (parsed[0] !== TOKEN_VERSION) {
    throw new TokenError(
      'that replay token was made by an older version of the harness, whose interleavings were chosen differently: run the check again for a new one',
    );
  }
  if (
    parsed[1] === 'schedule' &&
    typeof parsed[2] === 'string' &&
    Array.isArray(parsed[3]) &&
    typeof parsed[4] === 'string' &&
    /^[0-7]*$/.test(parsed[4]) &&
    Number.isInteger(parsed[5]) &&
    isPatience(parsed[6])
  ) {
    const ops = (parsed[3] as JsonOp[][]).map((list) => list.map(fromJsonOp));
    const patience = parsed[6] as number | undefined;
    return {
      kata: parsed[2],
      ops,
      path: [...parsed[4]].map(Number),
      seed: parsed[5] as number,
      ...(patience !== undefined ? { patience } : {}),
    };
  }
  const [, kind, kata, property, seed, path, on, pct, patience] = parsed as unknown[];
  if (
    kind !== 'case' ||
    typeof kata !== 'string' ||
    (property !== 'contract' && property !== 'concurrency' && property !== 'races') ||
    !Number.isInteger(seed) ||
    typeof path !== 'string' ||
    (on !== null && on !== 'contract' && on !== 'concurrency') ||
    (pct !== null && !Number.isInteger(pct)) ||
    !isPatience(patience)
  ) {
    throw refuse(text);
  }
  return {
    kata,
    property,
    seed: seed as number,
    path,
    ...(on ? { on } : {}),
    ...(pct !== null ? { pct: pct as number } : {}),
    ...(patience !== undefined ? { patience: patience as number } : {}),
  };
}

/** isPatience says whether a token's last field is a spin patience, or absent (a token from before it). */
function isPatience(value: unknown): boolean {
  return value === undefined || (Number.isInteger(value) && (value as number) >= 2 && (value as number) <= 1 << 16);
}
