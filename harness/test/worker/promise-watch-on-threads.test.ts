/**
 * Kata code that makes a Promise during an operation is refused at the line that made it, as one
 * report: its callbacks would run after the operation returned, outside every schedule, and once
 * crashed the check when they reached a finished run. A promise made before any run, or a method
 * merely named `then`, is not refused.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { examine } from '../../engine/examine.ts';
import { liveWorkers } from '../../worker/pool.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/promises/${name}.ts`, import.meta.url));
const kata = await loadKata('kata-4');

describe('a Promise made by kata code', () => {
  afterEach(() => {
    expect(liveWorkers()).toBe(0);
  });

  it.each([
    { name: 'flushes-after-await', made: 'add(1)', line: 19 },
    { name: 'async-value', made: 'add(1)', line: 16 },
    { name: 'promise-in-constructor', made: 'the constructor', line: 10 },
  ])('$name: refused where it was made (line $line), as an error of $made', async ({ name, made, line }) => {
    const report = await examine(kata, { implementation: fixture(name), seed: 1 });
    const finding = report.properties.find((property) => property.failure)?.failure?.finding;
    expect(report.status).toBe('error');
    expect(finding).toMatchObject({
      detector: 'error',
      summary: `${made} made a Promise: its callbacks would run after ${made} returned`,
      at: { file: fixture(name), line },
    });
    expect(finding!.details.join(' ')).toContain('make it, and what it calls, synchronous');
  });

  it('is not a promise made at load time, or a method named then()', async () => {
    const report = await examine(kata, { implementation: fixture('thenable-of-its-own'), seed: 1 });
    expect(report.status, JSON.stringify(report.properties.map((property) => property.failure?.finding))).toBe('pass');
  });
});
