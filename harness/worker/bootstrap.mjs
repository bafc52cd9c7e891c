// Workers cannot take `--import tsx` here, so each worker registers tsx itself, then loads the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./entry.ts');
