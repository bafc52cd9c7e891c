/**
 * Reset never loses work: the attendee's file is in the backup, byte for byte, before the stub
 * replaces it, and every reset keeps its own backup.
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kataIds, loadKata, root } from '../../curriculum/katas.ts';
import { resetKata, stubPath } from '../../workshop/stubs.ts';
import { scratchDirs } from '../support/scratch-dirs.ts';

const scratch = scratchDirs('counter-katas-reset-');

/** scratchRepo copies kata-2's stub and folder into a throwaway root. */
function scratchRepo(): string {
  const dir = scratch();
  cpSync(join(root, 'checks', 'kata-2', 'stub.ts'), join(dir, 'checks', 'kata-2', 'stub.ts'));
  cpSync(join(root, 'checks', 'kata-2', 'stub.ts'), join(dir, 'katas', 'kata-2', 'counter.ts'));
  return dir;
}

describe('npm run reset', () => {
  it("backs up the attendee's file, then restores the stub", () => {
    const dir = scratchRepo();
    const mine = '// my work: two hours of it\nexport default class Mine {}\n';
    writeFileSync(join(dir, 'katas', 'kata-2', 'counter.ts'), mine);
    const outcome = resetKata({ root: dir, kata: 'kata-2', file: 'counter.ts' }, new Date('2026-11-25T10:00:00Z'));
    expect(outcome.changed).toBe(true);
    expect(readFileSync(join(dir, outcome.backup!), 'utf8')).toBe(mine);
    expect(readFileSync(join(dir, 'katas', 'kata-2', 'counter.ts'), 'utf8')).toBe(
      readFileSync(stubPath(dir, 'kata-2'), 'utf8'),
    );
  });

  it('keeps a separate backup for every reset, even two in the same instant', () => {
    const dir = scratchRepo();
    const at = new Date('2026-11-25T10:00:00Z');
    const file = join(dir, 'katas', 'kata-2', 'counter.ts');
    writeFileSync(file, 'first attempt\n');
    const first = resetKata({ root: dir, kata: 'kata-2', file: 'counter.ts' }, at);
    writeFileSync(file, 'second attempt\n');
    const second = resetKata({ root: dir, kata: 'kata-2', file: 'counter.ts' }, at);
    expect(first.backup).not.toBe(second.backup);
    expect(readFileSync(join(dir, first.backup!), 'utf8')).toBe('first attempt\n');
    expect(readFileSync(join(dir, second.backup!), 'utf8')).toBe('second attempt\n');
  });

  it('changes nothing, and backs up nothing, when the file already is the stub', () => {
    const dir = scratchRepo();
    expect(resetKata({ root: dir, kata: 'kata-2', file: 'counter.ts' })).toEqual({ changed: false });
    expect(existsSync(join(dir, '.backups'))).toBe(false);
  });

  it('changes nothing when the backup cannot be written, and says why', () => {
    const dir = scratchRepo();
    const mine = 'my work\n';
    writeFileSync(join(dir, 'katas', 'kata-2', 'counter.ts'), mine);
    writeFileSync(join(dir, '.backups'), 'a file where the backup folder should be');
    expect(() => resetKata({ root: dir, kata: 'kata-2', file: 'counter.ts' })).toThrow(/EEXIST|ENOTDIR/);
    expect(readFileSync(join(dir, 'katas', 'kata-2', 'counter.ts'), 'utf8')).toBe(mine);
  });

  it('restores a deleted file without inventing a backup', () => {
    const dir = scratchRepo();
    rmSync(join(dir, 'katas', 'kata-2', 'counter.ts'));
    expect(resetKata({ root: dir, kata: 'kata-2', file: 'counter.ts' })).toEqual({ changed: true });
    expect(readdirSync(join(dir, 'katas', 'kata-2'))).toEqual(['counter.ts']);
  });

  it('has a shipped stub for every kata', async () => {
    for (const kata of kataIds()) {
      await loadKata(kata);
      expect(existsSync(stubPath(root, kata)), kata).toBe(true);
    }
  });
});
