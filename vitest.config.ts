import { defineConfig } from 'vitest/config';

// Two projects:
// - "suite" is the instructors' and CI's suite (`npm test`): harness tests, and every kata's
//   solution, stub, mutants and correct variants.
// - "katas" checks the attendee's own katas (`npm run ui`): it fails until they are solved.
// Every check starts real worker threads that spin while they wait for their turn; on a 2-core
// machine, two test files at a time keep them from starving each other.
const shared = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'suite', include: ['harness/test/**/*.test.ts', 'checks/suite-*.test.ts'] } },
      { test: { ...shared, name: 'katas', include: ['checks/katas.test.ts'] } },
    ],
  },
});
