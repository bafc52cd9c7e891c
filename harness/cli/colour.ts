import { paint } from '../report/paint.ts';

/**
 * useColour turns paint's colours on only for a terminal, and off when NO_COLOR is set
 * (https://no-color.org) or the output is meant for a program (`off`, e.g. --json).
 */
export function useColour(off = false): boolean {
  const on = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'] && !off;
  paint.level = on ? paint.level || 1 : 0;
  return on;
}
