/**
 * A stress round whose reader (or scraper) fails while the writer waits for it at the barrier
 * rejects with that failure, at once: it is awaited with the writer, never left unhandled, which
 * would end the process before the report (CI lost kata-6's stub report so once). The pool here is
 * a stand-in whose requests settle as each case says, in the order it says.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKata } from '../../curriculum/katas.ts';
import { type FreePool, FreeWorkerError } from '../../free/free-pool.ts';
import type { FreeReply, FreeRequest } from '../../free/free-protocol.ts';
import { scrapeRounds, snapshotRounds } from '../../stress/rounds.ts';

/** Answer is how a stand-in request settles: never (a worker waiting at a barrier), or failing after `ticks` macrotasks. */
type Answer = 'never' | { readonly fails: string; readonly ticks: number };

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** standIn is a pool whose request of each type settles as `answers` says. */
function standIn(answers: Readonly<Partial<Record<FreeRequest['type'], Answer>>>): FreePool {
  const send = (_index: number, request: FreeRequest): Promise<FreeReply> => {
    const answer = answers[request.type] ?? 'never';
    if (answer === 'never') return new Promise<FreeReply>(() => {});
    return (async () => {
      for (let i = 0; i < answer.ticks; i++) await tick();
      throw new FreeWorkerError(answer.fails);
    })();
  };
  return { send } as unknown as FreePool;
}

const alignment = 'AlignmentError: float64() would start at byte 4';

describe('stress rounds whose reader fails', () => {
  const unhandled: unknown[] = [];
  const note = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', note);
  });
  afterEach(() => {
    process.off('unhandledRejection', note);
  });

  /** settled waits long enough for Node to have told of any rejection nobody handled. */
  async function settled(): Promise<void> {
    for (let i = 0; i < 5; i++) await tick();
  }

  it("rejects a scrape round with the reader's failure while the writer waits for it for ever", async () => {
    const kata = await loadKata('kata-6');
    const pool = standIn({ scrape: { fails: alignment, ticks: 0 }, adds: 'never' });
    await expect(scrapeRounds(pool, kata, 2, 60_000)).rejects.toThrow(alignment);
    await settled();
    expect(unhandled).toEqual([]);
  });

  it("rejects a scrape round with the reader's failure when the writer fails after it", async () => {
    const kata = await loadKata('kata-6');
    const pool = standIn({ scrape: { fails: alignment, ticks: 0 }, adds: { fails: 'the writer, later', ticks: 2 } });
    await expect(scrapeRounds(pool, kata, 3, 60_000)).rejects.toThrow(alignment);
    await settled();
    expect(unhandled).toEqual([]);
  });

  it("rejects a snapshot round with the scraper's failure while the observers wait for it for ever", async () => {
    const pool = standIn({ snapshots: { fails: alignment, ticks: 0 }, adds: 'never' });
    await expect(snapshotRounds(pool, 2, 60_000)).rejects.toThrow(alignment);
    await settled();
    expect(unhandled).toEqual([]);
  });
});
