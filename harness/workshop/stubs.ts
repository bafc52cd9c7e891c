/**
 * resetKata puts a kata's shipped stub back, and never loses what was there: the attendee's file is
 * copied to a backup folder first, and the stub is written only once the copy is on disk.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ResetPlace {
  /** root is the repository's top folder (tests use a scratch copy). */
  readonly root: string;
  readonly kata: string;
  /** file is the kata's file name inside `katas/<kata>/`. */
  readonly file: string;
}

export interface ResetOutcome {
  /** backup is the copy of the attendee's file, relative to root; unset when there was nothing to keep. */
  readonly backup?: string;
  /** changed is false when the file already was the stub. */
  readonly changed: boolean;
}

/** ResetError is a reset that could not write the stub; backup says where the attendee's file was kept. */
export class ResetError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly backup?: string,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** stubPath is the shipped stub of a kata: `checks/<kata>/stub.ts`, the pristine copy of `katas/<kata>/<file>`. */
export function stubPath(root: string, kata: string): string {
  return join(root, 'checks', kata, 'stub.ts');
}

/** backupFolder is where resets keep attendees' files: `.backups/`, which git ignores. */
export function backupFolder(root: string): string {
  return join(root, '.backups');
}

/** resetKata backs up `katas/<kata>/<file>` (if it exists and differs from the stub), then restores the stub. */
export function resetKata(place: ResetPlace, now = new Date()): ResetOutcome {
  const target = join(place.root, 'katas', place.kata, place.file);
  const stub = readFileSync(stubPath(place.root, place.kata), 'utf8');
  if (existsSync(target) && readFileSync(target, 'utf8') === stub) return { changed: false };
  let backup: string | undefined;
  if (existsSync(target)) {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const folder = join(backupFolder(place.root), `${place.kata}-${stamp}`);
    mkdirSync(folder, { recursive: true });
    let copy = join(folder, place.file);
    // Two resets in one millisecond must not share a backup.
    for (let n = 2; existsSync(copy); n++) copy = join(folder, `${n}-${place.file}`);
    copyFileSync(target, copy);
    if (readFileSync(copy, 'utf8') !== readFileSync(target, 'utf8'))
      throw new Error(`the backup ${copy} does not match ${target}: nothing was reset`);
    backup = relative(place.root, copy);
  }
  try {
    mkdirSync(join(place.root, 'katas', place.kata), { recursive: true });
    writeFileSync(target, stub);
  } catch (error) {
    throw new ResetError(error, backup);
  }
  return backup ? { backup, changed: true } : { changed: true };
}
