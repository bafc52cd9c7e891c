// The Node APIs a kata may use, declared for the kata typecheck (typecheck.ts), so that it need
// not parse all of @types/node. There are none left: `threadId` comes from harness/kata.ts, and a
// worker refuses any import of a Node module from kata code (harness/worker/kata-imports.mjs), so
// the typecheck says the same with "Cannot find module". The project's own tsconfig uses
// @types/node and leaves this file out.
export {};
