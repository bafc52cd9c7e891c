/**
 * What a sleeping thread waits for, in the words of the harness call it sleeps in: a channel's
 * receive or send, a select, a Mutex's lock. Its Atomics.wait is on a Signal or a lock word, which
 * says less: channels share one Signal, named after whichever channel reached it first.
 */
import { callObject, callSteps } from '../record/harness-calls.ts';
import type { History, Step } from '../record/history.ts';

/** Wait is one thread asleep: its wait step, the call it sleeps in, and that call's object. */
export interface Wait {
  readonly step: Step;
  /** method is the call's method: "receive", "send", "select", "lock"; absent for a bare Atomics.wait. */
  readonly method?: string;
  /** object is the field the call was made on: `in`, `mu`. */
  readonly object?: string;
  /** text says what it waits for, e.g. "waits to receive on `out`"; absent for a bare Atomics.wait. */
  readonly text?: string;
}

const texts: Record<string, (object: string) => string> = {
  'Channel.receive': (object) => `waits to receive on \`${object}\``,
  'Channel.send': (object) => `waits to send on \`${object}\``,
  'Mutex.lock': (object) => `waits to lock \`${object}\``,
};

/** waitOf names what the thread asleep at `step` waits for. */
export function waitOf(history: History, step: Step): Wait {
  const via = step.at?.via;
  if (!via) return { step };
  if (via === 'select') return { step, method: 'select', text: 'waits in select()' };
  const object = callObject(history, via, callSteps(history, step));
  const text = texts[via];
  if (!object || !text) return { step };
  return { step, method: via.split('.').pop()!, object, text: text(object) };
}

/**
 * channelAdvice says what to do when every sleeper waits on a channel. A loop thread that waits on
 * one channel alone while another thread waits on the other is kata-3's loop without `select`:
 * it should wait for whichever comes first. A select asleep while another thread waits on a channel
 * lacks that channel's case.
 */
export function channelAdvice(
  waits: readonly Wait[],
  loops: ReadonlySet<number>,
  who: (worker: number) => string,
): string | undefined {
  const selects = waits.filter((wait) => wait.method === 'select');
  const unanswered = waits.find((wait) => wait.method === 'receive' || wait.method === 'send');
  // A select asleep beside a thread asleep on a channel has no case for that channel: one would be ready.
  if (selects.length > 0 && unanswered && waits.every((wait) => wait.method !== undefined && wait.method !== 'lock')) {
    const answer = unanswered.method === 'receive' ? 'onSend' : 'onReceive';
    return (
      `Nobody answers ${who(unanswered.step.worker)} on \`${unanswered.object}\`: ${who(selects[0]!.step.worker)}'s select() has no case for it. ` +
      `Add this.${unanswered.object}.${answer}(...) to its cases.`
    );
  }
  const onChannels = waits.every((wait) => wait.method === 'receive' || wait.method === 'send');
  if (waits.length === 0 || !onChannels) return undefined;
  const loop = waits.find((wait) => loops.has(wait.step.worker));
  const other = waits.find((wait) => !loops.has(wait.step.worker) && wait.object !== loop?.object);
  if (!loop || !other) {
    const names = [...new Set(waits.map((wait) => `\`${wait.object}\``))].join(', ');
    return `Nobody is left to send or receive on ${names}: who should have?`;
  }
  const own = loop.method === 'receive' ? 'onReceive' : 'onSend';
  // The loop answers the other thread with the opposite of what that thread does.
  const answer = other.method === 'receive' ? 'onSend' : 'onReceive';
  return (
    `The loop waits on \`${loop.object}\` alone, so nobody answers ${who(other.step.worker)} on \`${other.object}\`. ` +
    `A loop that serves both waits for whichever comes first: select(this.${loop.object}.${own}(...), this.${other.object}.${answer}(...)).`
  );
}
