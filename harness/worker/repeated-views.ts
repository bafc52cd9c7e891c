/**
 * A worker's views and layout are sent only when they changed since its last report. A counter
 * builds the same fields in every run, so kata-3's three workers sent 28 of the same small objects
 * each, every run, and after its events were packed (packed-events.ts) those were most of what the
 * main thread copied back. Each side keeps the last it sent or received: reports on one port arrive
 * in the order they were sent, and both sides forget on a new kata (a warm pool's reload).
 */
import type { Allocation, ViewName } from '../scheduler/protocol.ts';
import type { WireReport } from './packed-events.ts';

/** Views are the views and layout of a worker's last report. */
type Views = Pick<WireReport, 'views' | 'layout'>;

/**
 * sameFields says whether two lists hold objects with the same values in `keys`, in the same order.
 * Indexed loops, not `for of`: kata code in the worker may have replaced the array iterator.
 */
function sameFields<T>(a: readonly T[], b: readonly T[], keys: readonly (keyof T)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    for (let k = 0; k < keys.length; k++) if (a[i]![keys[k]!] !== b[i]![keys[k]!]) return false;
  return true;
}

const VIEW_KEYS: readonly (keyof ViewName)[] = ['id', 'kind', 'byteOffset', 'byteLength', 'name'];
const LAYOUT_KEYS: readonly (keyof Allocation)[] = ['kind', 'byteOffset', 'length'];

/** SentViews is the worker's side: it leaves out views and layout that the main thread has already. */
export class SentViews {
  private last: Views | undefined;

  /** forget starts over, for a new kata. */
  forget(): void {
    this.last = undefined;
  }

  /** wire is the report as sent: without its views and layout when they are the last report's. */
  wire(report: WireReport): WireReport | Omit<WireReport, 'views' | 'layout'> {
    const last = this.last;
    if (
      last &&
      sameFields(report.views, last.views, VIEW_KEYS) &&
      sameFields(report.layout, last.layout, LAYOUT_KEYS)
    ) {
      const { views: _views, layout: _layout, ...rest } = report;
      return rest;
    }
    this.last = { views: report.views, layout: report.layout };
    return report;
  }
}

/** ReceivedViews is the main thread's side, per worker: it puts back what a report left out. */
export class ReceivedViews {
  private last: Views[] = [];

  /** forget starts over, for a new kata. */
  forget(): void {
    this.last = [];
  }

  /** report is the report as the worker made it, its fields in the same order. */
  report(wire: WireReport | Omit<WireReport, 'views' | 'layout'>): WireReport {
    const { worker, events, ...rest } = wire;
    if ('views' in rest) {
      this.last[worker] = { views: rest.views, layout: rest.layout };
      return { worker, events, ...rest };
    }
    const last = this.last[worker];
    if (!last) throw new Error(`worker ${worker} left out views the main thread never received`);
    return { worker, events, views: last.views, layout: last.layout, ...rest };
  }
}
