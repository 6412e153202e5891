/**
 * The plan-against-state harness, proven on hand-written Terraform JSON
 * (fixtures.ts) with the real AWS provider: convergence, realistic prior
 * state, the in-place/replace split of
 * docs/aws-batch-facts.md#what-replaces-a-compute-environment, destroy order.
 * One batched harness run serves every test in the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseId, planScenarios, type HarnessRun } from '../../../test-support/terraform/harness.js';
import { removeStackDirs } from '../../../test-support/terraform/run.js';
import { instanceAddress } from '../../../test-support/terraform/state-file.js';
import { batchFixture } from './fixtures.js';
import { terraformOrSkip } from '../../support/terraform.js';

const tf = terraformOrSkip('terraform/harness');
afterAll(removeStackDirs);

const bigger = { instanceTypes: ['m6i.xlarge'] };
const scenarios = [
  { id: 'no edit', before: batchFixture(), after: batchFixture() },
  { id: 'progressive: instance type', before: batchFixture(), after: batchFixture(bigger) },
  {
    id: 'best fit: instance type',
    before: batchFixture({ allocationStrategy: 'BEST_FIT' }),
    after: batchFixture({ allocationStrategy: 'BEST_FIT', ...bigger }),
  },
  {
    id: 'custom service role: instance type',
    before: batchFixture({ customServiceRole: true }),
    after: batchFixture({ customServiceRole: true, ...bigger }),
  },
  { id: 'job image', before: batchFixture(), after: batchFixture({ image: 'public.ecr.aws/docker/library/busybox:1.37' }) },
] as const;

describe.skipIf(!tf)('plan-against-state harness (real AWS provider 5.100.0)', () => {
  let run: HarnessRun;
  const custom = batchFixture({ customServiceRole: true });
  // The custom-role stack without the CE's depends_on on the policy attachment: the control case for destroy order.
  const loose = batchFixture({ customServiceRole: true, dependOnServicePolicy: false });
  // A tag that changes on every plan: the harness must call it a perpetual diff.
  const stamped = batchFixture() as { resource: Record<string, Record<string, Record<string, unknown>>> };
  stamped.resource.aws_batch_job_queue!.main!.tags = { deployed: '${timestamp()}' };
  const changes = (id: string) => run.results.get(id)!.changes;
  const change = (id: string, address: string) => run.results.get(id)!.plan.resource_changes!.find((rc) => rc.address === address)!;
  const destroy = (tfJson: object) => run.destroyOrders.get(baseId(tfJson))!;

  beforeAll(async () => {
    // Everything in one batched run: two rounds of terraform plan + show, and one graph.
    run = await planScenarios(
      scenarios,
      [
        { id: 'custom role without depends_on', tfJson: loose },
        { id: 'timestamp tag', tfJson: stamped },
      ],
      { maxPlans: 2, onPerpetualDiff: 'report', destroyOrderOf: [custom, loose] },
    );
    console.info(`harness: ${scenarios.length} scenarios, ${run.bases.size} bases, rounds ${run.timings.rounds.join(' + ')} ms`);
  });

  it('converges every base in two plans: the second, against the first one\'s state, shows no changes', () => {
    for (const base of run.bases.values()) expect(base.plans).toBe(2);
    expect(Object.values(changes('no edit')).every((kind) => kind === 'no-op')).toBe(true);
  });

  it('reports a perpetual diff, naming the resource and the attribute that keeps changing', () => {
    expect([...run.diverged.keys()]).toEqual([baseId(stamped)]);
    const message = run.diverged.get(baseId(stamped))!;
    expect(message).toMatch(/^stack "timestamp tag" does not converge after 2 plans \(a perpetual diff\)/);
    expect(message).toContain('aws_batch_job_queue.main [update] tags: {"deployed":""} -> {} (partly known after apply)');
  });

  it('fills the prior state with what AWS would return', () => {
    const state = run.bases.get(baseId(batchFixture()))!.state;
    const attrs = (address: string) => {
      for (const resource of state.resources) {
        for (const instance of resource.instances) if (instanceAddress(resource, instance) === address) return instance.attributes;
      }
      throw new Error(`no ${address} in state`);
    };
    const ce = attrs('aws_batch_compute_environment.ec2');
    expect(ce.service_role).toBe('arn:aws:iam::210987654321:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch');
    expect(ce.compute_environment_name).toMatch(/^fixture-ec2-\d{26}$/);
    expect(ce.arn).toBe(`arn:aws:batch:eu-west-1:210987654321:compute-environment/${ce.compute_environment_name}`);
    const job = attrs('aws_batch_job_definition.hello');
    expect(job).toMatchObject({
      arn: 'arn:aws:batch:eu-west-1:210987654321:job-definition/fixture-hello:1',
      arn_prefix: 'arn:aws:batch:eu-west-1:210987654321:job-definition/fixture-hello',
      revision: 1,
    });
    // Read back in AWS's key order, not ours: the no-change plan above proves the provider finds them equivalent.
    expect(job.container_properties).toMatch(/^\{"command":/);
    // References resolved: the queue points at the CE's placeholder ARN.
    expect(attrs('aws_batch_job_queue.main').compute_environment_order).toEqual([{ compute_environment: ce.arn, order: 0 }]);
    expect(attrs('aws_iam_role.instance').arn).toBe('arn:aws:iam::210987654321:role/fixture-instance');
  });

  it('updates a BEST_FIT_PROGRESSIVE environment with the service-linked role in place; the queue is untouched', () => {
    expect(changes('progressive: instance type')).toMatchObject({
      'aws_batch_compute_environment.ec2': 'update',
      'aws_batch_job_queue.main': 'no-op',
    });
  });

  it.each(['best fit: instance type', 'custom service role: instance type'])(
    '%s: replaces the environment create-before-destroy under a new name; the queue follows in place',
    (id) => {
      expect(changes(id)).toMatchObject({
        'aws_batch_compute_environment.ec2': 'replace-create-before-destroy',
        'aws_batch_job_queue.main': 'update',
      });
      const ce = change(id, 'aws_batch_compute_environment.ec2');
      expect(ce.change.after_unknown).toMatchObject({ compute_environment_name: true, arn: true });
      expect(ce.change.replace_paths).toContainEqual(['compute_resources', 0, 'instance_type']);
    },
  );

  it('registers a new job definition revision for an image change, touching nothing else', () => {
    const { 'aws_batch_job_definition.hello': job, ...others } = changes('job image');
    expect(job).toBe('update');
    expect(change('job image', 'aws_batch_job_definition.hello').change.after_unknown).toMatchObject({ revision: true, arn: true });
    expect(Object.values(others).every((kind) => kind === 'no-op')).toBe(true);
  });

  it("destroys the environment before its custom service role's policy attachment, only thanks to depends_on", () => {
    const ce = 'aws_batch_compute_environment.ec2';
    const attachment = 'aws_iam_role_policy_attachment.service';
    expect(destroy(custom).destroyedBefore(ce, attachment)).toBe(true);
    expect(destroy(custom).destroyedBefore(ce, 'aws_iam_role.service')).toBe(true);
    // Without the explicit dependency nothing orders the two: the check has teeth.
    expect(destroy(loose).destroyedBefore(ce, attachment)).toBe(false);
    expect(destroy(loose).destroyedBefore(ce, 'aws_iam_role.service')).toBe(true);
  });
});
