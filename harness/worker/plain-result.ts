/**
 * plainResult copies what a kata's method returned into plain data, the only kind of result a
 * history holds: numbers (and strings, booleans), and arrays and objects of them. A typed array
 * becomes an array, read element by element inside the operation. Whatever else would not say
 * what the object holds (a Promise, a function, a BigInt) is a problem, named for the report.
 */
export type Plain = { readonly result?: unknown } | { readonly problem: string };

/** DEPTH is how deep a result may nest: `{ buckets: [1, 2] }` is 2. */
const DEPTH = 3;

export function plainResult(value: unknown, isShared: (value: unknown) => boolean = () => false): Plain {
  if (value === undefined) return {};
  try {
    return { result: copy(value, 0, '', isShared) };
  } catch (error) {
    if (error instanceof NotPlain) return { problem: error.message };
    throw error;
  }
}

class NotPlain extends Error {}

function copy(value: unknown, depth: number, path: string, isShared: (value: unknown) => boolean): unknown {
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      throw new NotPlain(`the BigInt ${value}n`);
    case 'undefined':
      return undefined;
    case 'function':
      throw new NotPlain('a function');
    case 'symbol':
      throw new NotPlain('a symbol');
  }
  if (value === null) return null;
  // A view of the shared memory would go on changing after the operation returned: no snapshot.
  if (isShared(value)) throw new NotPlain(`a view of shared memory${path ? ` as ${path}` : ''}`);
  if (value instanceof Promise) throw new NotPlain('a Promise (return the result itself: no async, no await)');
  if (depth >= DEPTH) throw new NotPlain('an object nested too deep');
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const list = value as ArrayLike<unknown>;
    const out: unknown[] = [];
    for (let i = 0; i < list.length; i++) out.push(copy(list[i], depth + 1, `${path}[${i}]`, isShared));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object)) out[key] = copy((value as Record<string, unknown>)[key], depth + 1, path ? `${path}.${key}` : key, isShared);
  return out;
}
