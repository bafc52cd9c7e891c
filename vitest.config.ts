import { defineConfig } from 'vitest/config';

// Every check starts real worker threads that spin while they wait for their turn; on a 2-core
// machine, two test files at a time keep the scheduler's threads from starving each other.
export default defineConfig({
  test: {
    include: ['harness/test/**/*.test.ts', 'checks/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
