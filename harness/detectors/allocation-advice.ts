/**
 * Why the lines the heap profiler found allocate, and what to write instead: one sentence for each
 * kind of object they make. Only where the profiler saw nothing in the kata's own code does the
 * advice name the usual suspect, a boxed float, and only when no profile was taken does it list
 * every usual cause.
 */
import type { MethodSites } from '../alloc/method-sites.ts';

/** What a kind of object costs, and what to write instead. */
const because: readonly { readonly makes: RegExp; readonly sentence: string }[] = [
  {
    makes: /^a BigInt$/,
    sentence:
      'A BigInt is a heap object: in Node 20 every Atomics call on a BigInt64Array, and every read of one, returns a new one (24 B). Keep the float as two 32-bit words instead.',
  },
  {
    makes: /Array|ArrayBuffer|DataView|^an? (?:array|object)$/,
    sentence:
      'An array, typed array or object made in a method is made again on every call: make it once, outside the methods, and reuse it.',
  },
  {
    makes: /^a closure$/,
    sentence: 'A function made inside a method is a new closure on every call: make it once, outside the methods.',
  },
  { makes: /^a string$/, sentence: 'A template string that interpolates is a new string on every call.' },
];

const usualCauses = [
  '- BigInt boxing: in Node 20, every Atomics call on a BigInt64Array, and every read of one, returns a new BigInt on the heap (24 bytes); a CAS loop makes several per add.',
  '- a float handed to Atomics, or passed between functions V8 did not inline, is boxed on the heap (16 bytes). Write `delta | 0` for an integer.',
  '- a closure created on every call: a callback built inside a method captures its variables in a fresh heap object.',
  '- an array or typed array per call: build scratch arrays once, outside the methods, and reuse them.',
];

/** allocationAdvice is the sentences that explain `sites` (the methods over budget); without sites, the usual causes. */
export function allocationAdvice(sites: readonly MethodSites[] | undefined): string[] {
  if (!sites) return ['Something in these methods allocates on every call. The usual causes:', ...usualCauses];
  const kinds = sites.flatMap((site) => site.functions.flatMap((fn) => fn.lines.map((line) => line.makes)));
  const sentences = because.filter(({ makes }) => kinds.some((kind) => makes.test(kind))).map((b) => b.sentence);
  const unseen = sites
    .filter((site) => site.functions.every((fn) => fn.lines.length === 0))
    .map((site) => `${site.op}()`);
  if (unseen.length > 0)
    sentences.push(
      `${unseen.join(' and ')} made no object in ${unseen.length > 1 ? 'their' : 'its'} own lines when V8 compiled ${unseen.length > 1 ? 'them' : 'it'} alone, so what the meter counts is most likely a float that V8 boxes (16 B) where the call is compiled into its caller: V8 boxes a number it hands to Atomics unless it knows it is a small integer. Write \`delta | 0\` where the value is an integer.`,
    );
  return sentences;
}
