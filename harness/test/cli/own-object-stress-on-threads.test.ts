/**
 * `npm run stress -- --spec <file> --impl <file>`, as a user runs it, on the ring buffer example:
 * a correct one passes in words about the object, and one whose pop takes samples nobody pushed is
 * caught returning what its spec never gives.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { runCli } from '../support/cli-run.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const example = join(root, 'checks', 'examples', 'ring-buffer');
const spec = join(example, 'ring-buffer.spec.ts');
const scratch = scratchDirs('own-object-stress-');
const kataWords = /\bkatas?\b|hint|progress|solved/i;

describe('npm run stress -- --spec', () => {
  it('runs each role on its own thread and passes a correct ring buffer, naming the object', () => {
    const run = runCli('stress', ['--spec', spec, '--impl', join(example, 'ring-buffer.ts'), '--time', '200']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^your ring buffer · .*ring-buffer\.ts · stress, 200 ms/);
    expect(run.out).toMatch(/worker 0: push\(\[/);
    expect(run.out).toMatch(/worker 1: pop\(/);
    expect(run.out).toMatch(/push\(\) → a result the spec gives +[\d,]+ /);
    expect(run.out).toMatch(/every result is one the spec gives/);
    expect(run.out).not.toMatch(/FORBIDDEN/);
    expect(run.out).not.toMatch(kataWords);
  });

  it('flags a pop that takes samples nobody pushed', () => {
    const dir = scratch();
    const unchecked = join(dir, 'pops-unwritten.ts');
    const source = readFileSync(join(example, 'ring-buffer.ts'), 'utf8');
    const line = '    if (count > written - read) return null;\n';
    expect(source).toContain(line);
    writeFileSync(
      unchecked,
      source.replace(line, '').replace("from '../../../harness/kata.ts'", `from '${join(root, 'harness', 'kata.ts')}'`),
    );
    const run = runCli('stress', ['--spec', spec, '--impl', unchecked, '--time', '200']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/pop\(\d\) → \[.*\] +[\d,]+ .*FORBIDDEN/);
    expect(run.out).toMatch(/results the spec never gives: [\d,]+ of [\d,]+ calls/);
  });

  it('needs --impl with --spec, no kata, and as many workers as roles', () => {
    const alone = runCli('stress', ['--spec', spec]);
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(/--spec names your object's spec file, and --impl the file that implements it/);
    const both = runCli('stress', ['kata-1', '--spec', spec, '--impl', join(example, 'ring-buffer.ts')]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/leave out the kata/);
    const three = runCli('stress', ['--spec', spec, '--impl', join(example, 'ring-buffer.ts'), '--workers', '3']);
    expect(three.code).toBe(2);
    expect(three.err).toMatch(/your ring buffer's spec gives 2 roles: leave out --workers, or give 2/);
  });
});
