// The few Node APIs a kata may use, declared for the kata typecheck (typecheck.ts), so that it need
// not parse all of @types/node. The project's own tsconfig uses @types/node and leaves this out.
declare module 'node:worker_threads' {
  /** threadId is the running thread's number: 0 on the main thread, and different in every worker. */
  export const threadId: number;
}
