import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // A temp directory per run, checked to be empty at the end.
    globalSetup: ['__tests__/support/temp-guard.ts'],
    setupFiles: ['__tests__/support/cleanup.ts'],
    // Real applies against the AWS emulator: their own run (npm run test:apply, vitest.apply.config.ts).
    exclude: [...configDefaults.exclude, '__tests__/apply/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // vitest's default is one worker less than the cores: one, on a 2-core
    // machine. Terraform-backed files wait on terraform most of the time.
    maxWorkers: 2,
  },
});
