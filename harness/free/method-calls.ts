/** Calling the object's methods by name, in the loops compiled for it and in the requests. */

/** methodName is `name`, checked to be one before it goes into compiled code. */
export function methodName(name: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new TypeError(`not a method name: ${name}`);
  return name;
}

/**
 * readExpression calls a read as a number for the loop to keep: a counter's value() itself, as a
 * benchmark keeps its result; another result (a histogram's snapshot) only looked at, so that the
 * loop itself allocates nothing.
 */
export function readExpression(read: string): string {
  return read === 'value' ? 'counter.value()' : `(counter.${methodName(read)}() === undefined ? 0 : 1)`;
}

/** missing throws for a method the object does not have. */
export function missing(name: string): never {
  throw new TypeError(`${name}() is missing: the class has no method ${name}`);
}
