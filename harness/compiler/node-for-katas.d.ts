// The Node APIs a kata may use, declared for the kata typecheck (typecheck.ts), so that it need
// not parse all of @types/node. `threadId` comes from harness/kata.ts, and a worker refuses any
// import of a Node module from kata code (harness/worker/kata-import-rules.ts), so the typecheck says
// the same with "Cannot find module". What is left is `console`, which attendees debug with: what
// a kata prints goes to stderr, never into `--json`'s output. The project's own tsconfig uses
// @types/node and leaves this file out.
declare global {
  interface Console {
    log(...data: unknown[]): void;
    error(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    info(...data: unknown[]): void;
    debug(...data: unknown[]): void;
    table(data: unknown, properties?: string[]): void;
  }
  var console: Console;
}
export {};
