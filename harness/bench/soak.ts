/**
 * `npm run soak`: checks every solution, mutant and correct variant with many random seeds, and
 * counts the verdicts that came out wrong. The test suite uses two fixed seeds; this shows that
 * the verdicts do not depend on them. Exit code 1 if any verdict was wrong.
 *
 *   npm run soak                 50 fresh random seeds
 *   npm run soak -- 200          more
 *   npm run soak -- 50 kata-8    only some katas (a list: kata-4,kata-8, or 4,8)
 */
import { kataIdOf } from '../curriculum/katas.ts';
import { verdicts } from './verdicts.ts';
import { dropWarmPools, keepPoolsWarm } from '../worker/warm-pools.ts';
import { soakUsage } from './usage.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(soakUsage);
  process.exit(0);
}
const times = Number(process.argv[2] ?? 50);
if (!Number.isInteger(times) || times < 1) {
  console.error(`error: the number of seeds is a whole number of at least 1, not "${process.argv[2]}"\n\n${soakUsage}`);
  process.exit(2);
}
const asked = process.argv[3]
  ?.split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const only = asked?.map((name) => kataIdOf(name) ?? name);
const unknown = only?.filter((name) => !kataIdOf(name));
if (unknown && unknown.length > 0) {
  console.error(`error: there is no kata ${unknown.map((name) => `"${name}"`).join(', ')}`);
  process.exit(2);
}
keepPoolsWarm();
const started = performance.now();
const { wrong } = await verdicts(times, true, only);
await dropWarmPools();
console.log(`\nsoak took ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = wrong === 0 ? 0 : 1;
