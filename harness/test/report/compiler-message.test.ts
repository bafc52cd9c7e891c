/** A type error's message fitted to a report: two levels of the compiler's chain, wrapped, and a count of the rest. */
import { describe, expect, it } from 'vitest';
import { compilerMessageLines } from '../../report/compiler-message.ts';

describe('compilerMessageLines', () => {
  it('keeps two levels under the headline, wraps them, and counts the deeper lines it leaves out', () => {
    const message = [
      'No overload matches this call.',
      "  Overload 1 of 2, '(typedArray: BigInt64Array<ArrayBufferLike>, index: number, value: bigint): bigint', gave the following error.",
      "    Argument of type 'Float64Array<ArrayBufferLike>' is not assignable to parameter of type 'BigInt64Array<ArrayBufferLike>'.",
      "      Type 'number' is not assignable to type 'bigint'.",
      '        Deeper still.',
    ].join('\n');
    const { headline, chain } = compilerMessageLines(message, 60);
    expect(headline).toBe('No overload matches this call.');
    expect(chain.every((line) => line.length <= 60)).toBe(true);
    expect(chain.join(' ')).toContain("Argument of type 'Float64Array' is not assignable");
    expect(chain.join(' ')).not.toContain('ArrayBufferLike');
    expect(chain.at(-1)).toBe("    (2 deeper lines of the compiler's reasons left out)");
  });

  it('leaves a short chain whole', () => {
    expect(compilerMessageLines("Class 'C' incorrectly implements 'I'.\n  Property 'value' is missing.", 80)).toEqual({
      headline: "Class 'C' incorrectly implements 'I'.",
      chain: ["      Property 'value' is missing."],
    });
  });
});
