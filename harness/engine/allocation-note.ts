/**
 * Before the kata whose lesson allocation is, going over the budget is a note for later, not a
 * failure. The note is made from the verdict's figures, the line the heap profiler found, and from
 * the curriculum: which kata is the first, after this one, where going over its budget fails the check.
 */
import { allocates, bytes, type AllocationVerdict } from '../detectors/allocation.ts';
import type { BindingBudget } from '../curriculum/katas.ts';
import type { MethodSites } from '../alloc/method-sites.ts';

/** NOTE_TEXT is the most of a line's code the note shows, so that it fits 80 columns. */
const NOTE_TEXT = 48;

/** allocationNote is the note's lines: what the costliest operation allocates, where, and where that starts to matter. */
export function allocationNote(
  worst: NonNullable<AllocationVerdict['worst']>,
  binds: BindingBudget | undefined | 'own',
  sites?: readonly MethodSites[],
): string[] {
  const calls =
    binds && binds !== 'own' && binds.budgeted ? binds.budgeted.map((op) => `${op}()`).join(' and ') : 'every call';
  // 'own': an object of the user's own, whose spec asked for a note, with no curriculum after it.
  const later =
    binds === 'own'
      ? 'Its spec makes this a note, not a failure.'
      : binds
        ? `That is fine until ${binds.kata}, where ${calls} must allocate ${bytes(binds.budget)}.`
        : 'That is fine: no later kata holds allocations to a budget.';
  const first = sites?.find((site) => site.op === worst.op)?.functions[0]?.lines[0];
  const text = first && first.text.length > NOTE_TEXT ? `${first.text.slice(0, NOTE_TEXT - 1)}…` : first?.text;
  return [`${allocates(worst)}.`, ...(first ? [`At line ${first.line}, ${first.makes}: ${text}`] : []), later];
}
