// Workers cannot take `--import tsx` here, so each worker registers tsx itself, then loads its
// TypeScript program: the scheduled worker (entry.ts), or the one named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData?.entry ?? './entry.ts');
