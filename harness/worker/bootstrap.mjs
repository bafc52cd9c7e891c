// A thread that runs the harness's TypeScript sources as they are, through tsx: the tests' own
// threads (test/support/driver.ts), whose programs are not part of the build that checked threads
// run (worker-build.ts). It registers tsx, then loads the program named in workerData.entry. Kata
// code loads as it does in a checked thread, as vm modules held to the import rules
// (kata-modules.ts): start the thread with --experimental-vm-modules.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
