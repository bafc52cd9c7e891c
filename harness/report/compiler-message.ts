/**
 * The compiler's message for a type error, fitted to a report: TypeScript explains a mismatch as a
 * chain, each reason indented under the one it explains, and for a call with overloads the chain
 * runs a dozen lines deep into the types' iterators. A report keeps the first two levels under the
 * headline, which say what did not fit where, wraps them at its width, and says how many deeper
 * lines it left out.
 */
import { wrap } from './timeline.ts';

/** KEPT_DEPTH is how many levels of the chain under the headline a report shows. */
const KEPT_DEPTH = 2;

/** compilerMessageLines renders a type error's message: its headline, then its chain indented by 4. */
export function compilerMessageLines(message: string, width: number): { headline: string; chain: string[] } {
  // `Float64Array<ArrayBufferLike>` is how TypeScript 5.7 spells every typed array a kata has.
  const [headline = '', ...rest] = message.replaceAll('<ArrayBufferLike>', '').split('\n');
  const chain: string[] = [];
  let left = 0;
  for (const line of rest) {
    const indent = line.length - line.trimStart().length;
    // TypeScript indents each level of its chain by two spaces.
    if (Math.ceil(indent / 2) > KEPT_DEPTH) {
      left++;
      continue;
    }
    const lead = ' '.repeat(4 + indent);
    chain.push(...wrap(lead + line.trimStart(), width, `${lead}  `));
  }
  if (left > 0) chain.push(`    (${left} deeper ${left === 1 ? 'line' : 'lines'} of the compiler's reasons left out)`);
  return { headline, chain };
}
