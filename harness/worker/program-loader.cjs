// A worker thread's first code: it runs the thread's program (a CommonJS bundle of the harness's
// build, build-programs.mjs) as one classic script, compiled from V8's code cache when there is
// one. Node would load the bundle itself, but compile all of it again in every thread; a thread so
// starts in a few milliseconds of CPU less. The cache is written once per build (and per set of V8
// flags, which V8 checks): by the first thread that compiled the program, once its first kata has
// loaded, so that what a thread runs to start comes compiled too. Plain JavaScript, run by Node as
// it is: it is the thread's entry (spawn.ts), before any of the build is loaded.
'use strict';
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { Script } = require('node:vm');
const { workerData } = require('node:worker_threads');

// Read before the program runs: the seal (instrument/seal.ts) empties workerData before kata code loads.
const { program, codeCache } = workerData;
let cachedData;
try {
  cachedData = readFileSync(codeCache);
} catch {
  // no cache yet: this thread compiles, and writes one
}
const source = readFileSync(program, 'utf8');
// The wrapper is on the bundle's first line, as Node's own: every other line keeps its number.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: program,
  ...(cachedData ? { cachedData } : {}),
});
const loaded = { exports: {} };
script.runInThisContext()(loaded.exports, require, loaded, program, dirname(program));
if (!cachedData || script.cachedDataRejected === true) {
  loaded.exports.onProgramLoaded(() => {
    try {
      mkdirSync(dirname(codeCache), { recursive: true });
      const partial = `${codeCache}.${process.pid}.${require('node:worker_threads').threadId}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, codeCache);
    } catch {
      // a read-only install: every thread compiles its program, a little slower
    }
  });
}
