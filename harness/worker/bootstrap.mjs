// Workers cannot take `--import tsx` here, so each worker registers tsx itself, then loads its
// TypeScript program, named in workerData.entry (see spawn.ts): the scheduled worker (entry.ts) by default.
// The kata-imports hook is registered after tsx, so it runs first and sees every import a kata
// makes before tsx resolves it: kata code imports only the kata API (see kata-imports.mjs).
import { register as registerHooks } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
// The hook counts modules as they load (workerData.loadProgress): a load that stops moving is a
// loop at a kata's top level.
registerHooks('./kata-imports.mjs', { parentURL: import.meta.url, data: { progress: workerData?.loadProgress } });
await import(workerData?.entry ?? './entry.ts');
