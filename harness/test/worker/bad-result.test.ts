/**
 * A read that returns what no such read returns (a Promise, a string) breaks the contract. The
 * report says what it returned from the run's own record of it, in the finding's `actual` and on
 * the timeline, never by cutting the summary's words apart.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKata, root } from '../../curriculum/katas.ts';
import { findingOf } from '../../engine/results.ts';
import { examine } from '../../engine/examine.ts';
import { renderText } from '../../report/text.ts';

const scratch = join(root, `.scratch-bad-result-${process.pid}`);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const solution = readFileSync(join(root, 'solutions/kata-4/counter.ts'), 'utf8');

function kataFile(name: string, value: string): string {
  const source = `// @ts-nocheck\n${solution.replace(/ {2}value\(\): number \{\n.*\n/, `  ${value}\n`)}`;
  expect(source).toContain(value);
  const file = join(scratch, name, 'kata-4', 'counter.ts');
  mkdirSync(join(scratch, name, 'kata-4'), { recursive: true });
  writeFileSync(file, source);
  return file;
}

/** contractOf checks a kata-4 whose value() is `value`, and returns its report and the contract's finding. */
async function contractOf(name: string, value: string) {
  const kata = await loadKata('kata-4');
  const result = await examine(kata, {
    implementation: kataFile(name, value),
    seed: 1,
    exhaustive: false,
    allocations: false,
  });
  const finding = findingOf(result.properties.find((property) => property.property === 'contract')!)!;
  return { kata, result, finding };
}

describe('a read that returns what no read returns', () => {
  it('a Promise: the contract, with what it returned as the actual value and on the timeline', async () => {
    const { kata, result, finding } = await contractOf(
      'promise',
      'async value() {\n    return Atomics.load(this.cell, 0);',
    );
    expect(finding).toMatchObject({
      detector: 'contract',
      actual: 'a Promise (return the result itself: no async, no await)',
    });
    expect(finding.summary).toBe('value() returned a Promise (return the result itself: no async, no await)');
    expect(renderText(kata, result, { command: 'npm run check kata-4 --' })).toContain(
      'final value() returns a Promise',
    );
  });

  it('says all of what it returned, whatever words the returned value holds', async () => {
    const { finding } = await contractOf(
      'words',
      "value() {\n    return { 'count, not a number': Promise.resolve(Atomics.load(this.cell, 0)) };",
    );
    expect(finding.actual).toMatch(
      /^a Promise as .*count, not a number.* \(return the result itself: no async, no await\)$/,
    );
  });

  it("a string: the spec's shape error, with the string as the actual value", async () => {
    const { finding } = await contractOf('string', 'value() {\n    return String(Atomics.load(this.cell, 0));');
    expect(finding).toMatchObject({ detector: 'contract', actual: expect.stringMatching(/^the string "\d+"$/) });
    expect(finding.summary).toMatch(/^value\(\) returned the string "\d+", not a number$/);
  });
});
