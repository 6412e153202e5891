/**
 * vitest setupFiles: after every test file, remove the temp folders the
 * project's helpers made in this worker (stack dirs, the scratch apps'
 * output folder, tempDir() folders). Their exit handlers do not run in time:
 * vitest stops its workers rather than letting them exit, and checks the
 * temp directory before that (see temp-guard.ts).
 */
import { afterAll } from 'vitest';
import { removeStackDirs } from '../../test-support/terraform/run';
import { removeScratchApps } from '../../test-support/terraform/scratch-app';
import { removeTempDirs } from './temp';

afterAll(() => {
  removeStackDirs();
  removeScratchApps();
  removeTempDirs();
});
