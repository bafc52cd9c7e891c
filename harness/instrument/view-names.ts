/**
 * Naming views for the report: a step on a view is shown as `cell[0]` after the counter field
 * that holds it (`mu.state` for one inside a Mutex), not as `view3[0]`.
 */
import { types } from 'node:util';
import { dataViewOf } from './data-view.ts';
import { reflectGetOwnPropertyDescriptor, reflectOwnKeys } from './intrinsics.ts';
import type { ViewInfo } from './steps.ts';
import { typedViewOf } from './views.ts';

/** viewInfoOf returns the ViewInfo of an instrumented view or DataView, and undefined for anything else. */
export function viewInfoOf(value: unknown): ViewInfo | undefined {
  return typedViewOf(value)?.info ?? dataViewOf(value)?.info;
}

/**
 * nameViews maps the id of each view that `root` (a counter) holds to the path of the field that
 * holds it: "cell", "mu.state", "counts[1].sumLock.state", three fields deep at most; the first field
 * found wins.
 * It reads only data properties, so no getter of the kata's runs, and it never looks inside a
 * Proxy (a view, a buffer handle, or one of the kata's own), whose traps would run.
 */
export function nameViews(root: object): Map<number, string> {
  const names = new Map<number, string>();
  const visit = (owner: object, path: string, depth: number): void => {
    const list = Array.isArray(owner);
    for (const key of reflectOwnKeys(owner)) {
      if (typeof key !== 'string') continue;
      const descriptor = reflectGetOwnPropertyDescriptor(owner, key);
      if (descriptor === undefined || reflectGetOwnPropertyDescriptor(descriptor, 'value') === undefined) continue;
      const value: unknown = descriptor.value;
      // An element of an array of fields reads as `counts[1].sum`, a field as `mu.state`.
      const name = list && /^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      const info = viewInfoOf(value);
      if (info !== undefined) {
        if (!names.has(info.id)) names.set(info.id, name);
      } else if (depth < 3 && typeof value === 'object' && value !== null && !types.isProxy(value)) {
        visit(value, name, depth + 1);
      }
    }
  };
  if (!types.isProxy(root)) visit(root, '', 0);
  return names;
}
