/**
 * An object of the user's own, outside the curriculum: a spec file that default-exports a
 * `KataDefinition` (its `object:` an `ObjectSpec`, or a counter's `deltas`), and the file that
 * implements it. Resolved once into the same `Kata` the engine checks a kata as, with `origin`
 * 'object', so that the reports speak of "your object" and never of hints or the next kata.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { KataDefinition } from './definition.ts';
import { type Kata, resolveKata } from './resolve.ts';
import { type Placed, placeFile, scratchFolder } from './scratch-copy.ts';
import { sourceModuleUrl } from '../worker/build-cache.mjs';

/** OwnObject is an object resolved from its spec, and its files as loaded and as the user keeps them. */
export interface OwnObject {
  readonly check: Kata;
  readonly spec: Placed;
  readonly implementation: Placed;
  /** scratch is the folder of the copies of files outside the checkout: remove it (`removeCopies`) when the check is done. */
  readonly scratch: string;
}

/** removeCopies removes the copies an object's check ran from. */
export function removeCopies(own: Pick<OwnObject, 'scratch'>): void {
  rmSync(own.scratch, { recursive: true, force: true });
}

/** OwnObjectError is a spec or implementation file that cannot be used, in words for the user. */
export class OwnObjectError extends Error {}

/** objectId names an object by its spec file: `my-queue.spec.ts` is "my-queue". */
export function objectId(specFile: string): string {
  return basename(specFile).replace(/(\.spec)?\.[cm]?[jt]s$/, '');
}

/** loadObject resolves an object from its spec file and implementation (absolute paths). */
export async function loadObject(specFile: string, implementation: string, root: string): Promise<OwnObject> {
  for (const [option, file] of [
    ['--spec', specFile],
    ['--impl', implementation],
  ] as const) {
    if (!existsSync(file)) throw new OwnObjectError(`${option} ${file}: no such file`);
    if (statSync(file).isDirectory()) throw new OwnObjectError(`${option} ${file} is a folder: name the file`);
  }
  // Each in a folder of its own: a spec and an implementation may have the same name.
  const scratch = scratchFolder(root);
  const spec = placeFile(specFile, root, join(scratch, 'spec'));
  const placed = placeFile(implementation, root, join(scratch, 'implementation'));
  const module = (await import(await sourceModuleUrl(spec.loaded)).catch((error: unknown) => {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  })) as { default?: KataDefinition };
  const definition = module.default;
  if (!definition || typeof definition !== 'object' || !(definition.object || definition.deltas)) {
    rmSync(scratch, { recursive: true, force: true });
    throw new OwnObjectError(
      `${specFile} must default-export a definition with the object's spec: export default defineKata({ object: mySpec, workers: 2, concurrency: 'required' })`,
    );
  }
  const id = objectId(specFile);
  const name = definition.object?.name ?? 'counter';
  const kata = resolveKata({ id, title: `your ${name}`, file: basename(implementation) }, definition, root, undefined);
  const check: Kata = {
    ...kata,
    origin: 'object',
    paths: {
      kata: placed.loaded,
      solution: placed.loaded,
      stub: placed.loaded,
      hints: '',
      checks: resolve(spec.loaded, '..'),
    },
  };
  return { check, spec, implementation: placed, scratch };
}

/**
 * loadTypedObject resolves `--spec` and `--impl` as the user typed them to any command (check,
 * stress, bench): relative to where they typed it, since npm runs scripts from the checkout and
 * sets INIT_CWD to the folder the command came from.
 */
export function loadTypedObject(spec: string, implementation: string, root: string): Promise<OwnObject> {
  const from = process.env['INIT_CWD'] ?? process.cwd();
  return loadObject(resolve(from, spec), resolve(from, implementation), root);
}
