/**
 * The arguments of an operation. The katas' methods take at most one number (`add(2)`,
 * `observe(0.5)`: `Op.arg`); an object checked from its own spec may take any number of plain values
 * (`Op.args`): numbers, strings, booleans, null, and arrays and objects of them, the same kinds a
 * result is copied into (worker/plain-result.ts). They travel to a worker by structured clone, which
 * keeps them all; JSON (a token, `--json`) does not keep NaN, ±Infinity or -0, so those are written
 * as `{ "$number": "NaN" }`, and an object with a key that starts with `$` is wrapped in
 * `{ "$object": … }` so that it is never read back as one of those.
 */

/** PlainArg is one argument a workload passes a method. */
export type PlainArg = number | string | boolean | null | readonly PlainArg[] | { readonly [key: string]: PlainArg };

/** argsOf is what a worker passes the method: `args`, or the one numeric `arg`, or nothing. */
export function argsOf(op: { readonly arg?: number; readonly args?: readonly PlainArg[] }): readonly PlainArg[] {
  return op.args ?? (op.arg === undefined ? [] : [op.arg]);
}

/** describeArg renders an argument as code: `-0`, `NaN`, `"left"`, `[1, 2]`, `{ at: 3 }`. */
export function describeArg(value: PlainArg): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(describeArg).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: PlainArg });
  if (entries.length === 0) return '{}';
  const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
  return `{ ${entries.map(([name, item]) => `${key(name)}: ${describeArg(item)}`).join(', ')} }`;
}

/** jsonArg is an argument JSON keeps exactly: NaN, ±Infinity and -0 as `{ "$number": … }`. */
export function jsonArg(value: PlainArg): unknown {
  if (typeof value === 'number')
    return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: describeArg(value) };
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(jsonArg);
  const entries = Object.entries(value as { readonly [key: string]: PlainArg });
  const object = Object.fromEntries(entries.map(([name, item]) => [name, jsonArg(item)]));
  return entries.some(([name]) => name.startsWith('$')) ? { $object: object } : object;
}

/** fromJsonArg reads back what jsonArg wrote. */
export function fromJsonArg(value: unknown): PlainArg {
  if (value === null || typeof value !== 'object') return value as PlainArg;
  if (Array.isArray(value)) return value.map(fromJsonArg);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && typeof record['$number'] === 'string') return Number(record['$number']);
  const object = keys.length === 1 && '$object' in record ? (record['$object'] as Record<string, unknown>) : record;
  return Object.fromEntries(Object.entries(object).map(([name, item]) => [name, fromJsonArg(item)]));
}
