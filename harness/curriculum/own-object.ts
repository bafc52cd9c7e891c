/**
 * An object of the user's own, outside the curriculum: a spec file that default-exports a
 * `KataDefinition` (its `object:` an `ObjectSpec`, or a counter's `deltas`), and the file that
 * implements it. Resolved once into the same `Kata` the engine checks a kata as, with `origin`
 * 'object', so that the reports speak of "your object" and never of hints or the next kata.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KataDefinition } from './definition.ts';
import { type Kata, resolveKata } from './resolve.ts';
import { type Placed, placeFile } from './scratch-copy.ts';

/** OwnObject is an object resolved from its spec, and its files as loaded and as the user keeps them. */
export interface OwnObject {
  readonly check: Kata;
  readonly spec: Placed;
  readonly implementation: Placed;
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
  const spec = placeFile(specFile, root);
  const placed = placeFile(implementation, root);
  const module = (await import(pathToFileURL(spec.loaded).href)) as { default?: KataDefinition };
  const definition = module.default;
  if (!definition || typeof definition !== 'object' || !(definition.object || definition.deltas))
    throw new OwnObjectError(
      `${specFile} must default-export a definition with the object's spec: export default defineKata({ object: mySpec, workers: 2, concurrency: 'required' })`,
    );
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
  return { check, spec, implementation: placed };
}
