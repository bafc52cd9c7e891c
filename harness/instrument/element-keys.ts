/** How a typed array reads a property key: an element index, another numeric key (an element that does not exist), or a property. */

/**
 * elementIndex returns the element index a property key names, or -1. It takes only the keys
 * kata code uses for elements ("0", "17"), without allocating; other numeric-looking keys
 * ("-1", "1.5", "01") are sorted out by isNumericKey.
 */
export function elementIndex(key: string): number {
  const length = key.length;
  if (length === 0 || length > 9) return -1;
  let digit = key.charCodeAt(0) - 48;
  if (digit < 0 || digit > 9 || (digit === 0 && length > 1)) return -1;
  let index = digit;
  for (let i = 1; i < length; i++) {
    digit = key.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    index = index * 10 + digit;
  }
  return index;
}

/**
 * isNumericKey is true for a canonical numeric string ("-1", "1.5", "-0", "NaN", "1e+21"): a
 * typed array treats such a key as an element that does not exist, never as a property.
 */
export function isNumericKey(key: string): boolean {
  const first = key.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 45 /* - */ || first === 73 /* I */ || first === 78) /* N */)
    return false;
  if (key === '-0') return true;
  return `${+key}` === key;
}
