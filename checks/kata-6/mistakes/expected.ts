import type { Mistake } from '../../mistake.ts';

export const mistakes: readonly Mistake[] = [
  {
    name: 'reader-never-rechecks',
    verdict: 'fail',
    finding: 'linearizability',
    line: 45,
    advice: ['add(4294967297) ran during it', 'as it stood at one instant'],
    problem: "never says the two words came from different writes, nor to re-read seq after them (line 46's return)",
  },
  {
    name: 'atomic-words-no-sequence',
    verdict: 'fail',
    finding: 'linearizability',
    line: 33,
    advice: ['add(4294967297) ran during it', 'as it stood at one instant'],
    problem: 'a torn pair of words, reported as linearizability: never says halves of two writes, nor a sequence lock',
  },
  {
    name: 'plain-bigint-read',
    verdict: 'fail',
    finding: 'torn-read',
    line: 30,
    advice: ['one value and half of another', 'a plain 64-bit access is two'],
  },
  {
    name: 'writer-skips-the-sequence',
    verdict: 'fail',
    finding: 'linearizability',
    line: 41,
    advice: ['add(4294967297) ran during it', 'as it stood at one instant'],
    problem: 'never says the writer must make seq odd, then even: the reader checks a seq nobody changes',
  },
  {
    name: 'writer-leaves-seq-odd',
    verdict: 'fail',
    finding: 'deadlock',
    line: 39,
    advice: ['every thread is asleep', 'Atomics.wait(seq[0], 1)'],
    problem: "names the reader's wait (39), not add(), which ends with seq odd (27) and nobody to make it even",
  },
];
