import { defineConfig } from 'vitest/config';

/**
 * The apply suite (`npm run test:apply`): real applies against the AWS
 * emulator (test-support/emulator). Kept out of `npm test` for its speed.
 * Files run one after another; inside a file, stacks apply APPLY_CONCURRENCY
 * (default 2) at a time, each against its own emulator. Most of an apply is
 * the provider's fixed waits on job queues, not CPU
 * (docs/aws-batch-facts.md#the-providers-fixed-waits-on-job-queues).
 */
export default defineConfig({
  test: {
    include: ['__tests__/apply/**/*.test.ts'],
    testTimeout: 20 * 60_000,
    hookTimeout: 20 * 60_000,
    pool: 'forks',
    fileParallelism: false,
    maxConcurrency: Number(process.env.APPLY_CONCURRENCY ?? 2),
  },
});
