import type { Op } from '../scheduler/protocol.ts';

/** PropertyName names the properties a kata check runs: the contract, concurrency, then data races. */
export type PropertyName = 'contract' | 'concurrency' | 'races';

/** ReplayToken is everything needed to replay one failing interleaving with fast-check. */
export interface ReplayToken {
  readonly kata: string;
  readonly property: PropertyName;
  readonly seed: number;
  readonly path: string;
  /** pct is the PCT depth, for a failure found with `--pct`. */
  readonly pct?: number;
}

/** encodeToken packs a replay token into a short, copy-pasteable string. */
export function encodeToken(token: ReplayToken): string {
  const fields: unknown[] = [1, token.kata, token.property, token.seed, token.path];
  if (token.pct !== undefined) fields.push(token.pct);
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/** decodeToken unpacks a token made by `encodeToken`, or throws a TypeError that says what is wrong. */
export function decodeToken(text: string): ReplayToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new TypeError(`"${text}" is not a replay token: copy the whole token from the failure report`);
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== 1 ||
    typeof parsed[1] !== 'string' ||
    (parsed[2] !== 'contract' && parsed[2] !== 'concurrency' && parsed[2] !== 'races') ||
    !Number.isInteger(parsed[3]) ||
    typeof parsed[4] !== 'string' ||
    (parsed[5] !== undefined && !Number.isInteger(parsed[5]))
  ) {
    throw new TypeError(`"${text}" is not a replay token: copy the whole token from the failure report`);
  }
  const token = { kata: parsed[1], property: parsed[2], seed: parsed[3], path: parsed[4] };
  return Number.isInteger(parsed[5]) ? { ...token, pct: parsed[5] as number } : token;
}

/** ScheduleToken replays one explicit schedule, such as a forbidden outcome of `--exhaustive`. */
export interface ScheduleToken {
  readonly kata: string;
  readonly ops: Op[][];
}

/** encodeScheduleToken packs an explicit schedule into a replay token. */
export function encodeScheduleToken(token: ScheduleToken): string {
  return Buffer.from(JSON.stringify([2, token.kata, token.ops])).toString('base64url');
}

/** decodeAnyToken unpacks either kind of replay token, or throws a TypeError that says what is wrong. */
export function decodeAnyToken(text: string): ReplayToken | ScheduleToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new TypeError(`"${text}" is not a replay token: copy the whole token from the failure report`);
  }
  if (Array.isArray(parsed) && parsed[0] === 2 && typeof parsed[1] === 'string' && Array.isArray(parsed[2])) {
    return { kata: parsed[1], ops: parsed[2] as Op[][] };
  }
  return decodeToken(text);
}
