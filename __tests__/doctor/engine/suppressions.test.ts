/** Suppressions with a written reason, as cdk-nag requires them. */
import { describe, expect, it } from 'vitest';
import { findingsJson, formatFindings, hasErrors, parseSuppressions, runDoctor, type Suppression } from '../../../src/doctor/index';
import { computeResources, ec2Stack, tf, type Resources } from '../helpers';

/** One error (min above max) and one warning (no create_before_destroy) on aws_batch_compute_environment.ec2. */
function flawed(): Resources {
  const r = ec2Stack();
  computeResources(r).min_vcpus = 128;
  delete r.aws_batch_compute_environment!.ec2!.lifecycle;
  return r;
}

describe('a suppression with a reason', () => {
  it('marks the finding suppressed, keeps it in the output, and stops counting it', () => {
    const reason = 'capacity is reserved up front for the nightly run';
    const findings = runDoctor(tf(flawed()), { suppressions: [{ rule: 'BATCH_CE_MIN_ABOVE_MAX', address: 'aws_batch_compute_environment.ec2', reason }] });
    expect(findings.map((f) => [f.rule, f.suppressed])).toEqual([
      ['BATCH_CE_NO_CREATE_BEFORE_DESTROY', undefined],
      ['BATCH_CE_MIN_ABOVE_MAX', { reason }],
    ]);
    expect(hasErrors(findings)).toBe(false);
    const human = formatFindings(findings);
    expect(human).toContain(`  suppressed: ${reason}\n`);
    expect(human).toMatch(/Batch doctor: 0 errors, 1 warning, 1 suppressed\.\n$/);
    expect(JSON.parse(findingsJson(findings)).findings[1]).toMatchObject({ rule: 'BATCH_CE_MIN_ABOVE_MAX', severity: 'error', suppressed: { reason } });
  });

  it('matches an address glob, or every address of the rule when it names none', () => {
    const r = flawed();
    r.aws_batch_compute_environment!.other = JSON.parse(JSON.stringify(r.aws_batch_compute_environment!.ec2));
    const suppressed = (s: Suppression): string[] => runDoctor(tf(r), { suppressions: [s] }).filter((f) => f.suppressed).map((f) => f.address);
    const both = ['aws_batch_compute_environment.ec2', 'aws_batch_compute_environment.other'];
    expect(suppressed({ rule: 'BATCH_CE_MIN_ABOVE_MAX', address: 'aws_batch_compute_environment.*', reason: 'r' })).toEqual(both);
    expect(suppressed({ rule: 'BATCH_CE_MIN_ABOVE_MAX', reason: 'r' })).toEqual(both);
    expect(suppressed({ rule: 'BATCH_CE_MIN_ABOVE_MAX', address: 'aws_batch_compute_environment.o?her', reason: 'r' })).toEqual(['aws_batch_compute_environment.other']);
    expect(suppressed({ rule: 'BATCH_CE_MIN_ABOVE_MAX', address: 'aws_batch_compute_environment', reason: 'r' })).toEqual([]);
  });
});

describe('a suppression without a reason', () => {
  it('suppresses nothing and is itself an error, named by where it is written', () => {
    for (const reason of [undefined, '', '   ']) {
      const findings = runDoctor(tf(flawed()), { suppressions: [{ rule: 'BATCH_CE_MIN_ABOVE_MAX', origin: 'infra/.batch-doctor.json suppressions[0]', ...(reason !== undefined ? { reason } : {}) }] });
      expect(findings.filter((f) => f.suppressed)).toEqual([]);
      expect(findings.find((f) => f.rule === 'BATCH_SUPPRESSION_WITHOUT_REASON')).toEqual({
        rule: 'BATCH_SUPPRESSION_WITHOUT_REASON',
        severity: 'error',
        address: 'infra/.batch-doctor.json suppressions[0]',
        message: 'suppression of BATCH_CE_MIN_ABOVE_MAX gives no reason, so it suppresses nothing',
        fix: 'Add "reason": why the finding is accepted and by whom, or remove the suppression.',
      });
    }
  });
});

describe('a suppression that matches nothing', () => {
  it('is reported as a warning, saying when its rule id does not exist', () => {
    const findings = runDoctor(tf(ec2Stack()), {
      suppressions: [
        { rule: 'BATCH_CE_MIN_ABOVE_MAX', address: 'aws_batch_compute_environment.ec2', reason: 'was needed once' },
        { rule: 'BATCH_CE_MIN_ABOVE_MAXX', reason: 'typo' },
      ],
    });
    expect(findings.map((f) => [f.severity, f.rule, f.address, f.message])).toEqual([
      ['warning', 'BATCH_SUPPRESSION_UNUSED', 'suppressions[0]', 'suppression of BATCH_CE_MIN_ABOVE_MAX at aws_batch_compute_environment.ec2 matches no finding'],
      ['warning', 'BATCH_SUPPRESSION_UNUSED', 'suppressions[1]', 'suppression of BATCH_CE_MIN_ABOVE_MAXX matches no finding; no rule has the id BATCH_CE_MIN_ABOVE_MAXX'],
    ]);
  });

  it('leaves the findings as they were when there are no suppressions', () => {
    expect(runDoctor(tf(flawed()), { suppressions: [] })).toEqual(runDoctor(tf(flawed())));
  });
});

describe('parseSuppressions', () => {
  it('reads {"suppressions": [...]}, remembering where each one is written', () => {
    expect(parseSuppressions({ suppressions: [{ rule: 'BATCH_SEC_SNS_UNENCRYPTED', address: 'aws_sns_topic.*', reason: 'no data' }, { rule: 'BATCH_QUEUE_DISABLED' }] }, 'a.json')).toEqual([
      { rule: 'BATCH_SEC_SNS_UNENCRYPTED', address: 'aws_sns_topic.*', reason: 'no data', origin: 'a.json suppressions[0]' },
      { rule: 'BATCH_QUEUE_DISABLED', origin: 'a.json suppressions[1]' },
    ]);
  });

  it.each([
    [[], 'a.json: (top level): expected an object {"suppressions": [...]}'],
    [{ suppressions: {} }, 'a.json: suppressions: expected a list of {"rule", "address", "reason"}'],
    [{ suppressions: [], ignore: [] }, 'a.json: ignore: unknown key; the file holds only "suppressions"'],
    [{ suppressions: [{ reason: 'x' }] }, 'a.json: suppressions[0].rule: expected a rule id such as "BATCH_SEC_SNS_UNENCRYPTED"'],
    [{ suppressions: [{ rule: 'BATCH_X', resource: 'aws_x.y' }] }, 'a.json: suppressions[0].resource: unknown key; use "rule", "address" and "reason"'],
    [{ suppressions: [{ rule: 'BATCH_X', address: '' }] }, 'a.json: suppressions[0].address: expected a resource address such as "aws_sns_topic.alerts" (or a glob: "aws_sns_topic.*")'],
    [{ suppressions: [{ rule: 'BATCH_X', reason: 3 }] }, 'a.json: suppressions[0].reason: expected the reason as a string'],
  ])('refuses %j naming the file and the path', (value, message) => {
    expect(() => parseSuppressions(value, 'a.json')).toThrow(message);
  });
});
