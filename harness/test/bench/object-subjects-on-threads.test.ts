/**
 * `npm run bench -- --spec <file> --impl <file>` on the ring buffer example: a row per operation
 * of its spec at each worker count, in words about the object, never about counters or katas.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadObject, removeCopies } from '../../curriculum/own-object.ts';
import { root } from '../../curriculum/katas.ts';
import { benchFamily, objectSubjects } from '../../bench/object-subjects.ts';
import { runCli } from '../support/cli-run.ts';

const example = join(root, 'checks', 'examples', 'ring-buffer');
const spec = join(example, 'ring-buffer.spec.ts');
const implementation = join(example, 'ring-buffer.ts');
const kataWords = /\bkatas?\b|hint|progress|solved|BenchmarkCounter|histogram/i;

describe('objectSubjects', () => {
  it("benches each of the spec's operations with the arguments it draws, reading with the spec's read", async () => {
    const own = await loadObject(spec, implementation, root);
    removeCopies(own);
    const subjects = objectSubjects(own.check, implementation);
    expect(subjects.map((subject) => subject.calls?.op)).toEqual(['pop', 'push', 'size']);
    const push = subjects.find((subject) => subject.calls?.op === 'push')!;
    expect(push.name).toMatch(/^push\(\[\d(, \d)?\]\)$/);
    expect(push.calls?.args).toHaveLength(1);
    expect(subjects.every((subject) => subject.calls?.read === 'size')).toBe(true);
    expect(benchFamily(own.check)).toBe('BenchmarkRingBuffer');
  });
});

describe('npm run bench -- --spec', () => {
  it('prints ns/op for each operation at each worker count, naming the object', () => {
    const run = runCli('../bench/bench', [
      ...['--spec', spec, '--impl', implementation],
      ...['--time', '20', '--count', '1', '--workers', '1,2'],
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/your ring buffer: each row, every worker calls that operation, and size\(\) every 1000th/);
    for (const op of ['pop\\(\\d\\)', 'push\\(\\[[\\d, ]+\\]\\)', 'size\\(\\)'])
      for (const workers of [1, 2])
        expect(run.out).toMatch(new RegExp(`^BenchmarkRingBuffer/${op}-${workers} +[\\d.,]+ ns/op`, 'm'));
    expect(run.out).not.toMatch(kataWords);
  });

  it('needs --impl with --spec', () => {
    const run = runCli('../bench/bench', ['--spec', spec]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--spec benches your own object: give --impl the file that implements it/);
  });
});
