/** The --html picture, on a hand-made run, without a browser: which reads saw which writes, and what the page says. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterSpec } from '../../objects/counter.ts';
import { readsFrom, renderHtml } from '../../report/html.ts';
import type { Op } from '../../scheduler/protocol.ts';
import { historyOfSteps, step } from '../support/step-histories.ts';

const spec = counterSpec(fc.constant(1));
const add: Op = { kind: 'add', arg: 1 };
const write = (worker: number, t: number, value: number, fields = {}) =>
  step(worker, t, { access: 'write', name: 'write', args: [value], value, ...fields });
/** A lost update: both workers read 0, then both write 1; worker 0 reads its own write back. */
const steps = [step(0, 1), step(1, 2), write(0, 3, 1), write(1, 4, 1), step(0, 5, { op: 1, value: 1 })];
const history = historyOfSteps(spec, steps, {
  ops: [
    { worker: 0, index: 0, op: add, begin: 1, end: 3 },
    { worker: 1, index: 0, op: add, begin: 2, end: 4 },
    { worker: 0, index: 1, op: { kind: 'value' }, begin: 5, end: 5, result: 1 },
  ],
  workload: [[add, { kind: 'value' }], [add]],
});
const finding = {
  detector: 'lost-update' as const,
  summary: 'lost update: 2 adds should sum to 2, but value() is 1',
  details: ['one <add> is gone'],
  marks: [4],
  expected: '2',
  actual: '1',
};

describe('readsFrom', () => {
  it('pairs each read with the last write to its bytes, whoever made it; a read before any write saw the initial value', () => {
    expect(readsFrom(steps).map(({ from, to }) => [from.t, to.t])).toEqual([[4, 5]]);
  });

  it('pairs a read of two cells with the last write of each, and an Atomics update reads before it writes', () => {
    const wide = step(1, 4, { offset: 0, size: 8, kind: 'float64' });
    const update = step(0, 3, { access: 'atomic', name: 'add', args: [1], value: 0, offset: 4 });
    const pairs = readsFrom([write(0, 1, 1), write(1, 2, 2, { offset: 4 }), update, wide]);
    expect(pairs.map(({ from, to }) => [from.t, to.t])).toEqual([
      [2, 3],
      [1, 4],
      [3, 4],
    ]);
  });
});

describe('renderHtml', () => {
  const page = renderHtml({
    title: 'kata-1: katas/kata-1/counter.ts & co',
    verdict: 'kata-1 fails',
    finding,
    history,
    replay: 'npm run check -- --replay abc',
    outcomes: [
      { value: 'value() = 1', count: 2, forbidden: true },
      { value: 'value() = 2', count: 4, forbidden: false },
    ],
  });

  it('escapes the title, keeping a file name whole, and says the verdict', () => {
    expect(page).toContain('<title>kata-1: katas/kata-1/counter.ts &amp; co</title>');
    expect(page).toContain(
      '<header><h1><span class="nowrap">kata-1:</span> <span class="nowrap">katas/kata-1/counter.ts</span> &amp; co</h1><p class="verdict">kata-1 fails</p></header>',
    );
  });

  it('states the finding, what was expected, and its details, escaped', () => {
    expect(page).toContain(
      '<section class="finding"><h2 class="bad">lost update: 2 adds should sum to 2, but value() is 1</h2>\n<p>expected <b>2</b>, got <b>1</b></p>\n<ul><li>one &lt;add&gt; is gone</li></ul>\n</section>',
    );
  });

  it('draws one box per step, the marked one in red, and an arrow from the write to the read that saw it', () => {
    expect(page.match(/<g class="step[^"]*" data-t="\d+"/g)).toEqual([
      '<g class="step" data-t="1"',
      '<g class="step" data-t="2"',
      '<g class="step" data-t="3"',
      '<g class="step marked" data-t="4"',
      '<g class="step" data-t="5"',
    ]);
    expect(page.match(/<path class="reads-from" data-from="\d+" data-to="\d+"/g)).toEqual([
      '<path class="reads-from" data-from="4" data-to="5"',
    ]);
    expect(page).toContain('>4. write cell[0] ← 1 <tspan class="bad">✗</tspan></tspan>');
    // Each operation is named beside its first step, at the right of its worker's lane.
    expect(page.match(/<text [^>]*class="op">[^<]*<\/text>/g)).toEqual([
      '<text x="550" y="64" text-anchor="end" class="op">add(1)</text>',
      '<text x="1110" y="124" text-anchor="end" class="op">add(1)</text>',
      '<text x="550" y="304" text-anchor="end" class="op">value()</text>',
    ]);
  });

  it('adds the outcomes, scaled to the most common, and the replay', () => {
    expect(page).toContain('style="width:30%"></span><span class="bar-count">2 forbidden</span>');
    expect(page).toContain('style="width:60%"></span><span class="bar-count">4 acceptable</span>');
    expect(page).toContain(
      '<section class="replay"><h2>Replay it</h2><pre>npm run check -- --replay abc</pre></section>',
    );
  });

  it('leaves out what it was not given', () => {
    const bare = renderHtml({ title: 'kata-4', verdict: 'kata-4 is solved' });
    expect(
      ['class="finding"', 'class="timeline"', 'class="histogram"', 'class="replay"', 'class="bench"'].filter((part) =>
        bare.includes(part),
      ),
    ).toEqual([]);
    expect(renderHtml({ title: 'x', verdict: 'y', history: historyOfSteps(spec, []) })).not.toContain(
      'class="timeline"',
    );
  });
});
