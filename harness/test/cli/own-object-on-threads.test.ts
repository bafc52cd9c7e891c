/**
 * `npm run check -- --spec <file> --impl <file>`, as a user runs it: what it refuses, a file kept
 * outside the checkout named at its own line, and a replay token that replays an object's run.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../curriculum/katas.ts';
import { runCli } from '../support/cli-run.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const example = join(root, 'checks', 'examples', 'ring-buffer');
const spec = join(example, 'ring-buffer.spec.ts');
const scratch = scratchDirs('own-object-');
const kataWords = /\bkatas?\b|hint|progress|solved/i;

describe('npm run check -- --spec', () => {
  it('needs both files, and a spec file that default-exports a definition', () => {
    const alone = runCli('check', ['--spec', spec]);
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(/--spec names your object's spec file, and --impl the file that implements it/);
    const dir = scratch();
    const empty = join(dir, 'empty.spec.ts');
    writeFileSync(empty, 'export const nothing = 1;\n');
    const run = runCli('check', ['--spec', empty, '--impl', join(example, 'ring-buffer.ts')]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/must default-export a definition with the object's spec/);
  });

  it('names the line of a file kept outside the checkout', () => {
    const dir = scratch();
    const own = join(dir, 'typo.ts');
    copyFileSync(spec, join(dir, 'ring-buffer.spec.ts'));
    const source = readFileSync(join(example, 'ring-buffer.ts'), 'utf8').replace('return true;', 'return "yes";');
    writeFileSync(own, source);
    const line = source.split('\n').findIndex((text) => text.includes('return "yes"')) + 1;
    const run = runCli('check', ['--spec', join(dir, 'ring-buffer.spec.ts'), '--impl', own]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`typo.ts:${line}:5: Type 'string' is not assignable to type 'boolean'.`);
    expect(run.out).not.toContain('.objects');
  });

  it("replays an object's failing run from its token, in words about your object", () => {
    const mutant = join(example, 'mutants', 'publish-before-write.ts');
    const first = runCli('check', ['--spec', spec, '--impl', mutant, '--seed', '42', '--json']);
    expect(first.code).toBe(1);
    const token = (JSON.parse(first.out) as { checks: { replay?: string }[] }).checks.find(
      (entry) => entry.replay,
    )?.replay;
    expect(token).toBeDefined();
    const replay = runCli('check', ['--spec', spec, '--impl', mutant, '--replay', token!]);
    expect(replay.code).toBe(1);
    expect(replay.out).toContain('The replayed concurrency case still fails.');
    expect(replay.out).not.toMatch(kataWords);
    const wrong = runCli('check', ['kata-4', '--replay', token!]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/that replay token belongs to ring-buffer/);
  });
});
