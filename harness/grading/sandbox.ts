/**
 * The sandbox one attendee's code is graded in: bubblewrap (`bwrap`, a Debian package; Flatpak
 * runs on it) with no network, no other process in sight, a private `/tmp`, and a filesystem
 * made of read-only binds: the system's programs, Node, and the parts of this checkout the
 * harness needs. The attendee's own `katas/` is bound where the checkout's would be, so their
 * imports of `../../harness/kata.ts` resolve as at home; nothing else of the class, the
 * instructor's home or the checkout's `.git`, `solutions/` or `results/` is there at all.
 *
 * The process inside gets no capabilities, its own session (so it cannot type into the
 * instructor's terminal), a data-size limit (`ulimit -d`, which counts the heap; `ulimit -v`
 * cannot be used, since WebAssembly reserves gigabytes of address space it never touches), and it
 * dies with the grading process. Its time limit is the grading process's to enforce.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** What the harness needs of the checkout, read-only; `katas/` is the attendee's. */
const CHECKOUT_PARTS = ['harness', 'checks', 'node_modules', 'package.json', 'tsconfig.json'] as const;

/** SandboxPlan is one sandbox: what to bind where, and its limits. */
export interface SandboxPlan {
  /** root is the checkout; katasDir the attendee's copy, bound at `<root>/katas`. */
  readonly root: string;
  readonly katasDir: string;
  /** hide lists folders inside the checkout to cover with an empty one: the class folder, when it is there. */
  readonly hide: readonly string[];
  readonly memoryMb: number;
  /** argv is the program to run inside, from `node` on. */
  readonly argv: readonly string[];
}

/** sandboxCommand returns the command line that runs `plan.argv` in its sandbox. */
export function sandboxCommand(plan: SandboxPlan): { command: string; args: string[] } {
  const args = [
    '--unshare-all',
    '--cap-drop',
    'ALL',
    '--die-with-parent',
    '--new-session',
    '--ro-bind',
    '/usr',
    '/usr',
  ];
  // Merged /usr (Debian, Fedora) makes these symlinks; elsewhere they are folders of their own.
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64']) {
    if (!existsSync(top)) continue;
    if (lstatSync(top).isSymbolicLink()) args.push('--symlink', readlinkSync(top), top);
    else args.push('--ro-bind', top, top);
  }
  const nodePrefix = dirname(dirname(process.execPath));
  if (nodePrefix !== '/usr' && !isInside(process.execPath, '/usr')) args.push('--ro-bind', nodePrefix, nodePrefix);
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  for (const part of CHECKOUT_PARTS) args.push('--ro-bind', join(plan.root, part), join(plan.root, part));
  args.push('--ro-bind', plan.katasDir, join(plan.root, 'katas'));
  for (const folder of plan.hide)
    if (CHECKOUT_PARTS.some((part) => isInside(folder, join(plan.root, part)))) args.push('--tmpfs', folder);
  args.push(
    '--chdir',
    plan.root,
    '--clearenv',
    '--setenv',
    'PATH',
    '/usr/bin:/bin',
    '--setenv',
    'HOME',
    '/tmp',
    '--setenv',
    'TMPDIR',
    '/tmp',
  );
  const kib = plan.memoryMb * 1024;
  args.push('--', '/bin/sh', '-c', `ulimit -d ${kib} && exec "$0" "$@"`, ...plan.argv);
  return { command: 'bwrap', args };
}

/** isInside is true when `path` is `folder` or lies within it. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/** SandboxStatus says whether sandboxes can be made here, and if not, how to get them. */
export type SandboxStatus = { readonly ok: true } | { readonly ok: false; readonly why: string; readonly fix: string };

/** sandboxStatus tries to make one sandbox, as grading would. */
export function sandboxStatus(): SandboxStatus {
  if (process.platform !== 'linux')
    return {
      ok: false,
      why: `grading sandboxes use Linux namespaces, and this is ${process.platform}`,
      fix: 'grade on a Linux machine or in a Linux CI job (see README, "Grading a class")',
    };
  const probe = spawnSync(
    'bwrap',
    ['--unshare-all', '--cap-drop', 'ALL', '--die-with-parent', '--ro-bind', '/', '/', 'true'],
    { encoding: 'utf8' },
  );
  if (probe.error)
    return {
      ok: false,
      why: 'bubblewrap (bwrap) is not installed',
      fix: 'sudo apt-get install bubblewrap   (Fedora: sudo dnf install bubblewrap)',
    };
  if (probe.status !== 0)
    return {
      ok: false,
      why: `bwrap cannot make a sandbox here: ${(probe.stderr || '').trim() || `exit ${probe.status}`}`,
      fix: 'allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1), or grade as a user who may',
    };
  return { ok: true };
}
