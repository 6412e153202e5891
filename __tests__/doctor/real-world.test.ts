/**
 * The doctor on configurations shaped like real public ones
 * (__tests__/doctor/real-world/<fixture>/, each README naming the
 * repository and commit it was modelled on). The real command runs on each
 * fixture's entry folder with --format json, as a user would run it, and
 * must report exactly the findings of expected.json: an extra finding is a
 * false alarm, a missing one a missed problem. The "could not judge"
 * entries and the unread modules must match too. `npm run doctor:measure`
 * prints the same comparison as precision and recall.
 */
import { describe, expect, it } from 'vitest';
import { judge, key, loadFixtures, modelledOn, runFixture } from '../../test-support/doctor/real-world';

const fixtures = loadFixtures();

describe('the doctor on real-world fixtures', () => {
  it('has fixtures, each modelled on a named public repository and commit', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    expect(fixtures.filter((f) => !modelledOn(f.readme)).map((f) => f.name)).toEqual([]);
  });

  it.each(fixtures.map((f) => ({ name: f.name, fixture: f })))('$name', ({ fixture }) => {
    const run = runFixture(fixture);
    const judged = judge(fixture, run);
    expect(judged.stderrUnexpected, 'standard error').toBe('');
    // Exactly the expected (rule, address, severity) set: extra ones are false alarms, absent ones missed problems.
    expect([...new Set(run.findings.filter((f) => !f.suppressed).map(key))].sort(), 'findings').toEqual([...new Set(fixture.expected.findings.map(key))].sort());
    expect(judged.forbidden, 'a finding the fixture says is a false alarm').toEqual([]);
    expect(judged.skipsMissing, 'checks that must be listed as not judged').toEqual([]);
    expect(judged.unreadReported, 'modules the doctor could not read').toEqual(judged.unreadExpected);
    expect(run.status, 'exit code').toBe(judged.statusExpected);
  });
});
