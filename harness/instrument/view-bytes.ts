/**
 * What a typed view and a DataView over kata memory both answer of where they stand: `buffer` (the
 * handle, never the raw buffer), `byteOffset` and `byteLength`. The proxies' `get` traps and the
 * patched prototype getters read this one definition.
 */

/** ViewBytes is where a view stands in kata memory. */
export interface ViewBytes {
  /** handle is what `view.buffer` returns. */
  readonly handle: object;
  readonly byteOffset: number;
  readonly byteLength: number;
}

/** VIEW_BYTES_KEYS are the properties viewBytesProperty answers. */
export const VIEW_BYTES_KEYS: readonly string[] = ['buffer', 'byteLength', 'byteOffset'];

/** viewBytesProperty is what `view[key]` is for one of VIEW_BYTES_KEYS, and undefined for any other key. */
export function viewBytesProperty(view: ViewBytes, key: string | symbol): unknown {
  switch (key) {
    case 'buffer':
      return view.handle;
    case 'byteOffset':
      return view.byteOffset;
    case 'byteLength':
      return view.byteLength;
  }
  return undefined;
}
