/** defineKata only gives a definition its type: what a kata's author writes is what the harness reads. */
import { describe, expect, it } from 'vitest';
import { defineKata, type KataDefinition } from '../../curriculum/definition.ts';
import { wholeDeltas } from '../../objects/counter.ts';

describe('defineKata', () => {
  it('returns the very definition it was given', () => {
    const definition: KataDefinition = {
      concurrency: 'required',
      workers: 2,
      deltas: wholeDeltas,
      allocationBudget: 0,
    };
    expect(defineKata(definition)).toBe(definition);
  });
});
