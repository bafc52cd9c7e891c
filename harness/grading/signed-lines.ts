/**
 * The channel a sandboxed grader reports on. Kata code shares the sandboxed process with the
 * grader, and can print to stdout like anyone: a fake `{"status": "pass"}` included. So every line
 * the grader means is signed with a key that only the grading process and the grader's main thread
 * know. The key arrives on stdin before any kata code loads, and kata code runs on worker threads,
 * which cannot read the main thread's memory. The grading process believes signed lines only.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'counter-katas-grade ';

/** newKey makes the key for one sandbox. */
export function newKey(): string {
  return randomBytes(32).toString('hex');
}

function mac(key: string, body: string): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(body).digest('hex');
}

/** signLine makes one line of the channel: `counter-katas-grade <mac> <json>`. */
export function signLine(key: string, message: unknown): string {
  const body = JSON.stringify(message);
  return `${PREFIX}${mac(key, body)} ${body}\n`;
}

/** readSignedLine returns the message a line carries if its signature holds, and undefined for anything else. */
export function readSignedLine(key: string, line: string): unknown {
  if (!line.startsWith(PREFIX)) return undefined;
  const rest = line.slice(PREFIX.length);
  const space = rest.indexOf(' ');
  if (space !== 64) return undefined;
  const given = Buffer.from(rest.slice(0, space), 'hex');
  const body = rest.slice(space + 1);
  const expected = Buffer.from(mac(key, body), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** CHANNEL_FD is the grader's file descriptor for the channel: a pipe of its own, never stdout. */
export const CHANNEL_FD = 3;
