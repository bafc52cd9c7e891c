/**
 * Before the kata whose lesson allocation is, going over the budget is a note for later, not a
 * failure. The note is made from the verdict's figures and from the curriculum: which kata
 * is the first, after this one, where going over its budget fails the check.
 */
import { allocates, bytes, type AllocationVerdict } from '../detectors/allocation.ts';
import type { BindingBudget } from '../curriculum/katas.ts';

/** allocationNote is the note's lines: what the costliest operation allocates, and where that starts to matter. */
export function allocationNote(
  worst: NonNullable<AllocationVerdict['worst']>,
  binds: BindingBudget | undefined,
): string[] {
  const later = binds
    ? `That is fine until ${binds.kata}, where every call must allocate ${bytes(binds.budget)}.`
    : 'That is fine: no later kata holds allocations to a budget.';
  return [`${allocates(worst)}.`, later];
}
