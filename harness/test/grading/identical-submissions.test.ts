/**
 * Identical kata folders are checked once: the fingerprint tells any difference in a folder's files,
 * and SharedGrades hands the first grade to every identical folder after it, except a grade from a
 * grader the machine stopped.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderFingerprint, SharedGrades } from '../../grading/identical-submissions.ts';
import type { KataGrade } from '../../workshop/progress.ts';

const work = mkdtempSync(join(tmpdir(), 'counter-katas-identical-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let folders = 0;
/** folder writes `files` (path in the folder → text) into a new folder, and returns it. */
function folder(files: Record<string, string>): string {
  const dir = join(work, `folder-${folders++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('folderFingerprint', () => {
  const counter = 'export class Counter {}\n';
  const base = folderFingerprint(folder({ 'counter.ts': counter, 'helper.ts': 'export {};\n' }));

  it('is the same for two folders with the same files', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(folderFingerprint(folder({ 'helper.ts': 'export {};\n', 'counter.ts': counter }))).toBe(base);
  });

  it('differs when one byte, a name, a file or a subfolder differs', () => {
    const variants = [
      { 'counter.ts': counter.replace('{}', '{ }'), 'helper.ts': 'export {};\n' },
      { 'counter.ts': counter, 'helpers.ts': 'export {};\n' },
      { 'counter.ts': counter },
      { 'counter.ts': counter, 'helper.ts': 'export {};\n', 'notes.md': '' },
      { 'counter.ts': counter, 'lib/helper.ts': 'export {};\n' },
      // The same bytes split across two files another way.
      { 'counter.ts': `${counter}export {};\n`, 'helper.ts': '' },
    ];
    const prints = variants.map((files) => folderFingerprint(folder(files)));
    expect(new Set([base, ...prints]).size).toBe(variants.length + 1);
  });

  it('has none for a folder whose files name one outside it, which the typecheck would read too', () => {
    const outside = [
      "import type { Counter as Mine } from '../kata-2/counter.ts';\n",
      '/// <reference path="../kata-2/types.d.ts" />\n',
      "export * from '/etc/passwd';\n",
      "const later = () => import('../../checks/kata-4/stub.ts');\n",
      "import '../kata-3/side-effect.ts';\n",
    ];
    for (const line of outside) expect(folderFingerprint(folder({ 'counter.ts': line + counter }))).toBeUndefined();
    expect(
      folderFingerprint(folder({ 'counter.ts': counter, 'lib/helper.ts': "import '../../kata-2/x.ts';\n" })),
    ).toBeUndefined();
    // The kata API, its own files (from a subfolder too), packages and Node's modules are the same for everyone.
    const inside = folder({
      'counter.ts': `import type { Counter } from '../../harness/kata.ts';\nimport { Mutex } from '../../harness/sync/mutex.ts';\nimport { helper } from './lib/helper.ts';\nimport fc from 'fast-check';\n${counter}`,
      'lib/helper.ts': "import { other } from '../other.ts';\nexport const helper = other;\n",
      'other.ts': 'export const other = 1;\n',
    });
    expect(folderFingerprint(inside)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has none for a folder with a file larger than any kata file, rather than read it whole', () => {
    expect(folderFingerprint(folder({ 'counter.ts': counter, 'blob.bin': 'x'.repeat((1 << 20) + 1) }))).toBeUndefined();
  });

  it('leaves out symlinks, as grading copies a submission, and has no fingerprint for a missing folder', () => {
    const linked = folder({ 'counter.ts': counter, 'helper.ts': 'export {};\n' });
    symlinkSync(join(linked, 'counter.ts'), join(linked, 'other.ts'));
    expect(folderFingerprint(linked)).toBe(base);
    expect(folderFingerprint(join(work, 'nowhere'))).toBeUndefined();
  });
});

describe('SharedGrades', () => {
  const solved: KataGrade = { kata: 'kata-4', status: 'solved' };

  it('makes the first claim the owner and hands its grade to every identical claim after it', async () => {
    const shared = new SharedGrades();
    const first = shared.claim('kata-4', 'abc');
    const second = shared.claim('kata-4', 'abc');
    expect(first.kind).toBe('owner');
    expect(second.kind).toBe('identical');
    // Another kata, or other contents, is another grade.
    expect(shared.claim('kata-5', 'abc').kind).toBe('owner');
    expect(shared.claim('kata-4', 'abd').kind).toBe('owner');
    if (first.kind !== 'owner' || second.kind !== 'identical') return;
    first.settle(solved);
    expect(await second.grade).toEqual(solved);
    expect(shared.identical).toBe(1);
  });

  it("shares a check's error, but not a grader the machine stopped or a stuck worker: the next identical folder checks itself", async () => {
    const shared = new SharedGrades();
    const syntax: KataGrade = { kata: 'kata-4', status: 'error', detector: 'load-error', summary: 'SyntaxError' };
    const owner = shared.claim('kata-4', 'syntax');
    if (owner.kind !== 'owner') throw new Error('the first claim owns');
    owner.settle(syntax);
    const twin = shared.claim('kata-4', 'syntax');
    expect(twin.kind === 'identical' && (await twin.grade)).toEqual(syntax);

    const slow = shared.claim('kata-4', 'slow');
    const waiting = shared.claim('kata-4', 'slow');
    if (slow.kind !== 'owner' || waiting.kind !== 'identical') throw new Error('owner, then identical');
    slow.settle({ kata: 'kata-4', status: 'error', detector: 'time-limit', summary: 'did not finish' });
    expect(await waiting.grade).toBeUndefined();
    expect(shared.claim('kata-4', 'slow').kind).toBe('owner');
    expect(shared.identical).toBe(1);

    // A worker stuck for 2 s of wall-clock time can be a busy machine too.
    const stuck = shared.claim('kata-5', 'stuck');
    const twin2 = shared.claim('kata-5', 'stuck');
    if (stuck.kind !== 'owner' || twin2.kind !== 'identical') throw new Error('owner, then identical');
    stuck.settle({ kata: 'kata-5', status: 'error', detector: 'stuck', summary: 'worker 1 ran 2 s without a step' });
    expect(await twin2.grade).toBeUndefined();
  });

  it('settles once: a later settle (the owner giving up in its finally) changes nothing', async () => {
    const shared = new SharedGrades();
    const owner = shared.claim('kata-4', 'x');
    const twin = shared.claim('kata-4', 'x');
    if (owner.kind !== 'owner' || twin.kind !== 'identical') throw new Error('owner, then identical');
    owner.settle(solved);
    owner.settle(undefined);
    expect(await twin.grade).toEqual(solved);
    expect(shared.claim('kata-4', 'x').kind).toBe('identical');
  });
});
