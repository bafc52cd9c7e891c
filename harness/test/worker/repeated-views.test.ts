/**
 * A worker leaves out of its report the views and layout of its last one, and the main thread puts
 * them back (repeated-views.ts): the report it reads must be the one the worker made, field for
 * field and in the same order, whatever was left out on the way.
 */
import { describe, expect, it } from 'vitest';
import { NO_EVENTS, type WireReport } from '../../worker/packed-events.ts';
import { ReceivedViews, SentViews } from '../../worker/repeated-views.ts';

const views = [{ id: 0, kind: 'int32', byteOffset: 0, byteLength: 4, name: 'cell' }];
const layout = [{ kind: 'int32', byteOffset: 0, length: 1 }];
const report = (worker: number, name = 'cell', extra: Partial<WireReport> = {}): WireReport => ({
  worker,
  events: NO_EVENTS,
  views: views.map((view) => ({ ...view, name })),
  layout: layout.map((allocation) => ({ ...allocation })),
  ...extra,
});

describe('repeated views', () => {
  it('sends views and layout once, and puts them back, in their place, while they stay the same', () => {
    const sent = new SentViews();
    const received = new ReceivedViews();
    const first = sent.wire(report(1));
    const second = sent.wire(report(1, 'cell', { stopSwallowed: true }));
    expect('views' in first && 'layout' in first).toBe(true);
    expect('views' in second || 'layout' in second).toBe(false);
    expect(received.report(first)).toEqual(report(1));
    const back = received.report(second);
    expect(back).toEqual(report(1, 'cell', { stopSwallowed: true }));
    expect(Object.keys(back)).toEqual(['worker', 'events', 'views', 'layout', 'stopSwallowed']);
  });

  it('sends them again when a name, an offset or the count changed, and after a new kata', () => {
    const sent = new SentViews();
    sent.wire(report(0));
    expect('views' in sent.wire(report(0, 'mu.state'))).toBe(true);
    expect('views' in sent.wire({ ...report(0, 'mu.state'), layout: [] })).toBe(true);
    expect('views' in sent.wire({ ...report(0, 'mu.state'), layout: [] })).toBe(false);
    sent.forget();
    expect('views' in sent.wire({ ...report(0, 'mu.state'), layout: [] })).toBe(true);
  });

  it("keeps each worker's own, and refuses a report that left out views it never received", () => {
    const sent = [new SentViews(), new SentViews()];
    const received = new ReceivedViews();
    received.report(sent[0]!.wire(report(0, 'a')));
    received.report(sent[1]!.wire(report(1, 'b')));
    expect(received.report(sent[0]!.wire(report(0, 'a'))).views[0]!.name).toBe('a');
    expect(received.report(sent[1]!.wire(report(1, 'b'))).views[0]!.name).toBe('b');
    received.forget();
    expect(() => received.report(sent[0]!.wire(report(0, 'a')))).toThrow(/never received/);
  });
});
