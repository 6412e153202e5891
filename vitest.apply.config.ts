import { defineConfig } from 'vitest/config';

/**
 * The apply suite (`npm run test:apply`): real applies against the AWS
 * emulator (test-support/emulator). Kept out of `npm test` for its speed.
 * The files run side by side and every stack, change cycle or deployment
 * waits for one of APPLY_CONCURRENCY (default 2) slots
 * (test-support/emulator/slots.ts), each against its own emulator. Most of
 * an apply is the provider's fixed waits on job queues, not CPU
 * (docs/aws-batch-facts.md#the-providers-fixed-waits-on-job-queues).
 */
export default defineConfig({
  test: {
    include: ['__tests__/apply/**/*.test.ts'],
    // A test may queue for a slot behind most of the suite.
    testTimeout: 60 * 60_000,
    hookTimeout: 60 * 60_000,
    pool: 'forks',
    maxWorkers: 4,
    // Every stack of a file is started at once; the slots hold them back.
    maxConcurrency: 32,
    // The job CLI's own start-up turns off the SDK's Node.js-version notice
    // (src/cli/job.ts); tests that call the SDK directly do the same.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
