import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeAws, type FakeAws } from './fake-aws';
import { projectRoot, useFakeCredentials } from './cli';

/**
 * One fake AWS endpoint on loopback for the test file, fake credentials for
 * every test, and the request log cleared before each. Fields are set in
 * beforeAll: read them inside tests.
 */
export function fakeAwsPerFile(): { aws: FakeAws; root: string } {
  const suite = {} as { aws: FakeAws; root: string };
  beforeAll(async () => {
    suite.aws = await startFakeAws();
    suite.root = projectRoot();
  });
  afterAll(() => suite.aws.close());
  beforeEach(() => {
    useFakeCredentials();
    suite.aws.requests.length = 0;
  });
  return suite;
}
