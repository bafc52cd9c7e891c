/**
 * `npm run soak`: checks every solution, mutant and correct variant with many random seeds, and
 * counts the verdicts that came out wrong. The test suite uses two fixed seeds; this shows that
 * the verdicts do not depend on them. Exit code 1 if any verdict was wrong.
 *
 *   npm run soak          50 fresh random seeds
 *   npm run soak -- 200   more
 */
import { verdicts } from './verdicts.ts';

const times = Number(process.argv[2] ?? 50);
const started = performance.now();
const { wrong } = await verdicts(times, true);
console.log(`\nsoak took ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = wrong === 0 ? 0 : 1;
