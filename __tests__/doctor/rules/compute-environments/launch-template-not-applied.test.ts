import { describe, expect, it } from 'vitest';
import { ceLaunchTemplateNotApplied } from '../../../../src/doctor/rules/compute-environments/launch-template-not-applied';
import { ce, check, computeResources, ec2Stack, ref, type Resources } from '../../helpers';

/** The EC2 stack with a custom service role (not updatable) and the template at `version`. */
function notUpdatable(version: string | undefined): Resources {
  const r = ec2Stack();
  r.aws_iam_role!.service = { name: 'batch-service', assume_role_policy: '{}' };
  ce(r).service_role = ref('aws_iam_role.service', 'arn');
  const lt = computeResources(r).launch_template;
  if (version === undefined) delete lt.version;
  else lt.version = version;
  return r;
}

describe('BATCH_CE_LAUNCH_TEMPLATE_NOT_APPLIED', () => {
  it('reports $Latest, $Default and no version on a compute environment that is not updatable', () => {
    const findings = check(ceLaunchTemplateNotApplied, notUpdatable('$Latest'));
    expect(findings).toMatchObject([{ severity: 'warning', address: 'aws_batch_compute_environment.ec2' }]);
    expect(findings[0]!.message).toBe(
      'launch_template version "$Latest" on a compute environment that is not updatable (custom service role aws_iam_role.service): Batch fixed the version of aws_launch_template.compute when it created the environment, and edits to the template never reach its instances',
    );
    expect(findings[0]!.fix).toContain('replace_triggered_by = [aws_launch_template.compute]');
    expect(check(ceLaunchTemplateNotApplied, notUpdatable('$Default'))).toHaveLength(1);
    expect(check(ceLaunchTemplateNotApplied, notUpdatable(undefined))[0]!.message).toMatch(/^launch_template version is not set \(\$Default\)/);
  });

  it('reports BEST_FIT (the default) with the service-linked role, and a literal custom role ARN', () => {
    const r = ec2Stack();
    delete computeResources(r).allocation_strategy;
    computeResources(r).launch_template.version = '$Latest';
    expect(check(ceLaunchTemplateNotApplied, r)[0]!.message).toContain('(allocation_strategy BEST_FIT)');
    const literal = notUpdatable('$Latest');
    ce(literal).service_role = 'arn:aws:iam::123456789012:role/batch-service';
    expect(check(ceLaunchTemplateNotApplied, literal)[0]!.message).toContain('(custom service role arn:aws:iam::123456789012:role/batch-service)');
  });

  it('passes latest_version (BATCH_CE_LAUNCH_TEMPLATE_VERSION judges that), a fixed number, an updatable environment, and a template outside the configuration', () => {
    expect(check(ceLaunchTemplateNotApplied, notUpdatable(ref('aws_launch_template.compute', 'latest_version')))).toEqual([]);
    expect(check(ceLaunchTemplateNotApplied, notUpdatable('3'))).toEqual([]);
    const updatable = ec2Stack();
    computeResources(updatable).launch_template.version = '$Latest';
    expect(check(ceLaunchTemplateNotApplied, updatable)).toEqual([]);
    const outside = notUpdatable('$Latest');
    computeResources(outside).launch_template.launch_template_id = 'lt-0123456789abcdef0';
    expect(check(ceLaunchTemplateNotApplied, outside)).toEqual([]);
  });

  it('does not judge a service role it cannot see with an updatable strategy', () => {
    const r = notUpdatable('$Latest');
    ce(r).service_role = '${var.service_role}';
    expect(check(ceLaunchTemplateNotApplied, r)).toEqual([]);
  });
});
