/**
 * threadId, as harness/kata.ts gives it to katas. A checked worker sets it to its index + 1, so
 * that a replayed schedule stripes the same way; a free-running worker sets it to Node's own
 * `threadId`. It imports nothing, so the kata typecheck needs no Node declarations for it.
 */

/** threadId is this thread's number: 0 on the main thread, and different in every worker. */
export let threadId = 0;

/** setThreadId sets the number the kata API reports for this thread. */
export function setThreadId(id: number): void {
  threadId = id;
}
