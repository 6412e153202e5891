/**
 * What each config edit does to live infrastructure, from real plans of the
 * edited BatchStack against the converged state of the deployed one
 * (test-support/terraform/harness.ts). One batched harness run (two
 * terraform plan + show rounds for every scenario and every emitted stack
 * together) serves the whole file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChangeMatrix } from '../../test-support/terraform/change-matrix.js';
import { baseId, planScenarios, type HarnessRun } from '../../test-support/terraform/harness.js';
import type { ChangeKind, ResourceChange } from '../../src/plan-review/plan-json.js';
import { summarizePlan } from '../../src/plan-review/plan-risk.js';
import { removeStackDirs } from '../../test-support/terraform/run.js';
import { changeScenarios, emittedStacks, type BaseName } from '../../test-support/terraform/safe-changes.js';
import { terraformOrSkip } from '../support/terraform.js';

const tf = terraformOrSkip('safe changes');
afterAll(removeStackDirs);

const scenarios = tf ? changeScenarios() : [];
const emitted = tf ? emittedStacks() : [];
const CE = 'aws_batch_compute_environment';
const QUEUE = 'aws_batch_job_queue.main';

describe.skipIf(!tf)('safe changes, planned against deployed state with the real AWS provider 5.100.0', () => {
  let run: HarnessRun;
  const customRole = scenarios.find((s) => s.base === 'custom-role')?.before ?? {};

  const result = (id: string) => {
    const found = run.results.get(id);
    if (!found) throw new Error(`no scenario ${id}`);
    return found;
  };
  /** Only the resources the plan changes. */
  const changed = (id: string): Record<string, ChangeKind> =>
    Object.fromEntries(Object.entries(result(id).changes).filter(([, kind]) => kind !== 'no-op'));
  const resourceChange = (id: string, address: string): ResourceChange => {
    const rc = result(id).plan.resource_changes!.find((c) => c.address === address);
    if (!rc) throw new Error(`${id}: no change for ${address}`);
    return rc;
  };

  beforeAll(async () => {
    run = await planScenarios(scenarios, emitted, { destroyOrderOf: [customRole] });
    const perScenario = Math.round(run.timings.totalMs / scenarios.length);
    console.info(
      `safe changes: ${scenarios.length} scenarios + ${emitted.length} emitted stacks, ${run.bases.size} bases; ` +
        `rounds ${run.timings.rounds.join(' + ')} ms; ${run.timings.totalMs} ms in all, ${perScenario} ms per scenario`,
    );
  });

  describe('no perpetual diff', () => {
    it.each(emitted.map((s) => s.id))('%s: a plan against its own applied state shows no changes', (id) => {
      const stack = emitted.find((s) => s.id === id)!;
      // Converged means exactly that: the harness plans each stack against the
      // state of its previous plan until one shows no changes, and throws if none does.
      const base = run.bases.get(baseId(stack.tfJson));
      expect(base, `${id} converged`).toBeDefined();
      expect(base!.plans).toBe(2);
    });
  });

  const ceEdits = ['instance-types', 'subnets', 'security-groups', 'allocation-strategy', 'launch-template', 'image-type', 'max-vcpus'];

  describe('updatable compute environments (defaults: progressive/spot-optimized strategy, service-linked role)', () => {
    it.each(ceEdits)('%s: compute environments updated in place; the queue untouched', (edit) => {
      const id = `updatable/${edit}`;
      const changes = changed(id);
      const ces = Object.entries(changes).filter(([address]) => address.startsWith(`${CE}.`));
      expect(ces.length).toBeGreaterThan(0);
      for (const [, kind] of ces) expect(kind).toBe('update');
      expect(result(id).changes[QUEUE]).toBe('no-op');
      // Nothing is replaced or deleted; the launch template edit also updates the template itself.
      expect(Object.values(changes).every((kind) => kind === 'update')).toBe(true);
    });
  });

  const replacing = ['instance-types', 'subnets', 'security-groups', 'allocation-strategy', 'image-type'];

  describe.each(['best-fit', 'custom-role'] satisfies BaseName[])('%s compute environments', (base) => {
    it.each(replacing)('%s: replaced create-before-destroy under a new name; the queue updated in place to point at it', (edit) => {
      const id = `${base}/${edit}`;
      const changes = changed(id);
      const replaced = Object.keys(changes).filter((address) => changes[address] === 'replace-create-before-destroy');
      expect(replaced.length).toBeGreaterThan(0);
      for (const address of replaced) {
        expect(address.startsWith(`${CE}.`)).toBe(true);
        const rc = resourceChange(id, address);
        // A new name from the same prefix: the old environment still exists while the new one is created.
        expect(rc.change.after_unknown).toMatchObject({ compute_environment_name: true, arn: true });
        expect(rc.change.after!.compute_environment_name_prefix).toBe(rc.change.before!.compute_environment_name_prefix);
      }
      expect(changes[QUEUE]).toBe('update');
      const order = resourceChange(id, QUEUE).change.after_unknown as { compute_environment_order: { compute_environment?: boolean }[] };
      expect(order.compute_environment_order.some((entry) => entry.compute_environment === true)).toBe(true);
      // Only compute environments and the queue change; no queue is ever replaced.
      expect(Object.entries(changes).every(([address, kind]) => address.startsWith(`${CE}.`) || (address === QUEUE && kind === 'update'))).toBe(true);
    });

    it('max vCPUs: always in place, even when the environment is not updatable', () => {
      expect(Object.values(changed(`${base}/max-vcpus`))).toEqual(['update', 'update']);
    });

    it('launch template contents: replaced create-before-destroy, in the plan and in the apply re-plan alike', () => {
      // Launch template version changes replace a non-updatable environment
      // (docs/aws-batch-facts.md#what-replaces-a-compute-environment). At plan time the new version is unknown, so without
      // help the provider plans an update and then, during apply, with the
      // version known, requires a replacement: "inconsistent final plan".
      // The stack's replace_triggered_by makes the plan say replace up front.
      for (const id of [`${base}/launch-template`, `${base}/launch-template-at-apply`]) {
        expect(changed(id)[`${CE}.ondemand`], id).toBe('replace-create-before-destroy');
        expect(changed(id)[QUEUE], id).toBe('update');
      }
      expect(changed('updatable/launch-template-at-apply')[`${CE}.ondemand`]).toBe('update');
    });
  });

  describe('Fargate compute environments', () => {
    it.each(['subnets', 'security-groups', 'max-vcpus'])('%s: updated in place; nothing else changes', (edit) => {
      expect(changed(`fargate/${edit}`)).toEqual({ [`${CE}.fargate`]: 'update' });
    });
  });

  describe('job definitions', () => {
    it.each(['job-image', 'job-command', 'job-environment', 'job-resources', 'job-retries'])(
      '%s: a new revision; queue and compute environments untouched',
      (edit) => {
        const id = `updatable/${edit}`;
        expect(changed(id)).toEqual({ 'aws_batch_job_definition.report': 'update' });
        // An update of a job definition registers a new revision: new revision number and ARN.
        expect(resourceChange(id, 'aws_batch_job_definition.report').change.after_unknown).toMatchObject({ revision: true, arn: true });
      },
    );

    it.each([
      'job-workloads/job-retry-rule-edited',
      'job-workloads/job-shared-memory',
      'job-workloads/job-ulimits',
      'job-workloads/job-parameters',
      'updatable/job-host-volume',
      'fargate/job-ephemeral-storage',
      'fargate/job-cpu-architecture',
      'job-workloads/multi-node-nodes',
    ])('%s: a new revision of that job definition only', (id) => {
      const changes = changed(id);
      expect(Object.values(changes)).toEqual(['update']);
      const [address] = Object.keys(changes);
      expect(address).toMatch(/^aws_batch_job_definition\./);
      expect(resourceChange(id, address!).change.after_unknown).toMatchObject({ revision: true, arn: true });
    });

    it.each(['updatable/job-retry-rule-added', 'job-workloads/job-retry-rule-removed'])(
      '%s: the job definition is replaced, destroyed first (evaluate_on_exit is ForceNew on its count)',
      (id) => {
        expect(changed(id)).toEqual({ 'aws_batch_job_definition.report': 'replace-destroy-before-create' });
        expect(resourceChange(id, 'aws_batch_job_definition.report').change.replace_paths).toEqual([['retry_strategy', 0, 'evaluate_on_exit']]);
      },
    );

    it('turning deregisterOnNewRevision off plans an update of that attribute only (no new ARN announced)', () => {
      const id = 'updatable/job-keep-revisions';
      expect(changed(id)).toEqual({ 'aws_batch_job_definition.report': 'update' });
      const change = resourceChange(id, 'aws_batch_job_definition.report').change;
      expect(change.before!.deregister_on_new_revision).toBe(true);
      expect(change.after!.deregister_on_new_revision).toBe(false);
      expect(change.after_unknown).not.toMatchObject({ arn: true });
    });
  });

  describe('EFS and multi-node parallel jobs', () => {
    it('adding a file system creates it with a mount target per zone and its security group, opens NFS out of the Batch group in place, and revises the job', () => {
      expect(changed('new-vpc/efs-added')).toEqual({
        'aws_batch_job_definition.report': 'update',
        'aws_efs_file_system.shared': 'create',
        'aws_efs_mount_target.shared_ap-northeast-1a': 'create',
        'aws_efs_mount_target.shared_ap-northeast-1c': 'create',
        'aws_security_group.batch': 'update',
        'aws_security_group.efs_shared': 'create',
      });
    });

    it('a new access point path replaces the access point create-before-destroy, and revises the job that mounts it', () => {
      expect(changed('job-workloads/efs-access-point-path')).toEqual({
        'aws_batch_job_definition.report': 'update',
        'aws_efs_access_point.shared_data': 'replace-create-before-destroy',
      });
    });

    it('throughput mode changes the file system in place', () => {
      expect(changed('job-workloads/efs-throughput-mode')).toEqual({ 'aws_efs_file_system.shared': 'update' });
    });

    it('IAM authorization adds the file system policy and the job role grant, and revises the job', () => {
      expect(changed('job-workloads/efs-iam-authorization')).toEqual({
        'aws_batch_job_definition.report': 'update',
        'aws_efs_file_system_policy.shared': 'create',
        'aws_iam_role_policy.job_report': 'create',
      });
    });

    it('adding a multi-node job gives its on-demand environment the inter-node group in place; nothing is replaced', () => {
      expect(changed('new-vpc/multi-node-added')).toEqual({
        [`${CE}.ondemand`]: 'update',
        'aws_batch_job_queue.nodes': 'create',
        'aws_batch_job_definition.nodes': 'create',
        'aws_iam_role.job_nodes': 'create',
        'aws_security_group.mnp_ondemand': 'create',
      });
    });
  });

  describe('renames', () => {
    it('renaming a job definition key replaces that job definition (and its own job role) only', () => {
      expect(changed('updatable/job-rename')).toEqual({
        'aws_batch_job_definition.report': 'delete',
        'aws_batch_job_definition.reports': 'create',
        'aws_iam_role.job_report': 'delete',
        'aws_iam_role.job_reports': 'create',
      });
    });
  });

  describe('additions', () => {
    it("adding a compute environment to a queue's order: it is created and the queue updated, nothing else", () => {
      expect(changed('updatable/add-compute-environment')).toEqual({ [`${CE}.large`]: 'create', [QUEUE]: 'update' });
    });

    it('adding a job definition: only creations (the job definition and its job role)', () => {
      expect(changed('updatable/add-job-definition')).toEqual({
        'aws_batch_job_definition.cleanup': 'create',
        'aws_iam_role.job_cleanup': 'create',
      });
    });

    it('adding an availability zone to a stack-made VPC: new subnet, environments and endpoints updated in place', () => {
      const changes = changed('new-vpc/add-az');
      expect(Object.entries(changes).filter(([, kind]) => kind === 'create').map(([a]) => a).sort()).toEqual([
        'aws_route_table_association.private_ap-northeast-1d',
        'aws_subnet.private_ap-northeast-1d',
      ]);
      expect(Object.values(changes).filter((kind) => kind !== 'create').every((kind) => kind === 'update')).toBe(true);
      expect(changes[`${CE}.ondemand`]).toBe('update');
    });
  });

  describe("settings of one compute environment's instances (docs/aws-batch-facts.md#what-replaces-a-compute-environment)", () => {
    const set = ['root-volume', 'user-data', 'ami-override', 'instance-tags', 'own-subnets'];
    const ownTemplate = (id: string) => (/root-volume|user-data/.test(id) ? { [`aws_launch_template.compute_${id.startsWith('spot-price/') ? 'spot' : 'ondemand'}`]: 'create' } : {});

    it.each(set)('%s on an updatable environment: updated in place, the queue untouched', (edit) => {
      expect(changed(`updatable/${edit}`)).toEqual({ [`${CE}.ondemand`]: 'update', ...ownTemplate(edit) });
    });

    it.each((['best-fit', 'custom-role', 'spot-price'] satisfies BaseName[]).flatMap((base) => set.map((edit) => `${base}/${edit}`)))(
      '%s on an environment that is not updatable: replaced create-before-destroy, the queue updated to it',
      (id) => {
        const key = id.startsWith('spot-price/') ? 'spot' : 'ondemand';
        expect(changed(id)).toEqual({ [`${CE}.${key}`]: 'replace-create-before-destroy', [QUEUE]: 'update', ...ownTemplate(id) });
      },
    );

    it.each(['updatable', 'best-fit', 'custom-role', 'spot-price'] satisfies BaseName[])(
      'a cluster placement group, and the first GPU instance type, replace even the %s environment',
      (base) => {
        const key = base === 'spot-price' ? 'spot' : 'ondemand';
        expect(changed(`${base}/placement-group`)).toEqual({ [`${CE}.${key}`]: 'replace-create-before-destroy', [QUEUE]: 'update', [`aws_placement_group.${key}`]: 'create' });
        expect(changed(`${base}/first-gpu-type`)).toEqual({ [`${CE}.${key}`]: 'replace-create-before-destroy', [QUEUE]: 'update' });
        expect(resourceChange(`${base}/placement-group`, `${CE}.${key}`).action_reason).toBe('replace_because_cannot_update');
      },
    );

    it('SPOT_PRICE_CAPACITY_OPTIMIZED is not updatable in 5.100.0: every infrastructure edit replaces, max vCPUs stay in place', () => {
      for (const edit of ['instance-types', 'subnets', 'security-groups', 'allocation-strategy', 'launch-template', 'launch-template-at-apply', 'image-type']) {
        expect(changed(`spot-price/${edit}`)[`${CE}.spot`], edit).toBe('replace-create-before-destroy');
      }
      expect(changed('spot-price/max-vcpus')).toEqual({ [`${CE}.ondemand`]: 'update', [`${CE}.spot`]: 'update' });
    });

    it('a stack with every setting converges: a plan against its own applied state shows no changes', () => {
      for (const base of ['workloads', 'workloads-best-fit'] satisfies BaseName[]) {
        expect(run.bases.get(baseId(scenarios.find((s) => s.base === base)!.before))!.plans, base).toBe(2);
      }
    });

    it('removing the AMI override changes nothing: the old AMI stays (image_id_override is optional and computed)', () => {
      expect(changed('workloads/ami-override-removed')).toEqual({});
      expect(changed('workloads-best-fit/ami-override-removed')).toEqual({});
      expect(changed('workloads/ami-override-changed')).toEqual({ [`${CE}.ondemand`]: 'update' });
    });

    it('instance tags changed or removed: in place on an updatable environment, replaced on one that is not', () => {
      for (const edit of ['instance-tags-changed', 'instance-tags-removed']) {
        expect(changed(`workloads/${edit}`)).toEqual({ [`${CE}.ondemand`]: 'update' });
        expect(changed(`workloads-best-fit/${edit}`)).toEqual({ [`${CE}.ondemand`]: 'replace-create-before-destroy', [QUEUE]: 'update' });
      }
      const removed = resourceChange('workloads/instance-tags-removed', `${CE}.ondemand`).change;
      expect((removed.before as { compute_resources: { tags: unknown }[] }).compute_resources[0]!.tags).toEqual({ CostCenter: 'genomics' });
    });

    it('root volume or user data edits: a new version of its own template; the not-updatable environment replaced in the plan and in the apply re-plan alike', () => {
      for (const edit of ['root-volume-size', 'root-volume-size-at-apply', 'user-data-edit']) {
        expect(changed(`workloads/${edit}`), edit).toEqual({ [`${CE}.ondemand`]: 'update', 'aws_launch_template.compute_ondemand': 'update' });
        expect(changed(`workloads-best-fit/${edit}`), edit).toEqual({
          [`${CE}.ondemand`]: 'replace-create-before-destroy',
          [QUEUE]: 'update',
          'aws_launch_template.compute_ondemand': 'update',
        });
      }
    });

    it('removing the placement group or the own template deletes it after the environment stops using it, without a dependency cycle', () => {
      expect(changed('workloads/placement-group-removed')).toEqual({ [`${CE}.ondemand`]: 'replace-create-before-destroy', [QUEUE]: 'update', 'aws_placement_group.ondemand': 'delete' });
      expect(changed('workloads/own-template-removed')).toEqual({ [`${CE}.ondemand`]: 'update', 'aws_launch_template.compute_ondemand': 'delete' });
      expect(changed('workloads-best-fit/own-template-removed')).toEqual({
        [`${CE}.ondemand`]: 'replace-create-before-destroy',
        [QUEUE]: 'update',
        'aws_launch_template.compute_ondemand': 'delete',
      });
    });

    it("an environment's own availability zones: in place", () => {
      expect(changed('new-vpc/own-zones')).toEqual({ [`${CE}.ondemand`]: 'update' });
      expect(changed('workloads/own-subnets-changed')).toEqual({ [`${CE}.ondemand`]: 'update' });
    });
  });

  describe('job queues', () => {
    it('priority: updated in place', () => {
      expect(changed('updatable/queue-priority')).toEqual({ [QUEUE]: 'update' });
    });

    it('renaming a queue key deletes the queue (the danger plan-summary reports)', () => {
      expect(changed('updatable/queue-rename')).toEqual({ [QUEUE]: 'delete', 'aws_batch_job_queue.primary': 'create' });
    });
  });

  describe('destroy', () => {
    it('with a custom service role, each compute environment is destroyed before the role policy attachment and the role', () => {
      const order = run.destroyOrders.get(baseId(customRole))!;
      for (const ce of [`${CE}.ondemand`, `${CE}.spot`]) {
        expect(order.destroyedBefore(ce, 'aws_iam_role_policy_attachment.service_batch')).toBe(true);
        expect(order.destroyedBefore(ce, 'aws_iam_role.batch_service')).toBe(true);
      }
    });

    it('with the service-linked role (the default) the stack owns no service role that a destroy could delete first', () => {
      const state = run.bases.get(baseId(scenarios.find((s) => s.base === 'updatable')!.before))!.state;
      const policies = state.resources.flatMap((r) => r.instances.map((i) => i.attributes.policy_arn));
      expect(policies).not.toContain('arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole');
    });
  });

  it('plan-summary calls exactly the queue rename dangerous', () => {
    const dangerous = scenarios.filter((s) => summarizePlan(result(s.id).plan).dangerous).map((s) => s.id);
    expect(dangerous.sort()).toEqual(['updatable/queue-rename']);
  });

  it('docs/change-matrix.md is what the harness produces (regenerate: npm run change-matrix)', () => {
    const committed = readFileSync(new URL('../../docs/change-matrix.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderChangeMatrix(scenarios, run));
  });
});
