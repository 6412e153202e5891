/**
 * Config keys never collide with the ids the stack derives from other keys
 * (`<key>-fair-share`, `job-<key>-policy`, `launch-template-<key>`...) or with
 * its fixed ids (`launch-template`, `dead-letters`...). Keys are unique only
 * within their own map, so a construct scope holds either config keys or
 * fixed ids, never both (src/stack/terraform-ids.ts).
 *
 * Instead of a list of known suffixes, the candidates are every construct id
 * and Terraform name a feature-rich stack builds, and every part of them
 * split at `-` and `_`: each candidate is added as a new entry to each config
 * map, next to the entries whose ids it mimics. The stack must build it (or
 * refuse it with a ConfigError), never fail inside cdktf or constructs.
 */
import { Testing, TerraformElement, TerraformOutput, TerraformResource } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { BatchStack, ConfigError, type BatchConfig } from '../../src/index';
import { scratchApp } from '../../test-support/terraform/scratch-app';

const ECR = '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com';
const POLICY_ARN = 'arn:aws:iam::123456789012:policy/boundary';

/** Every kind of construct the stack builds: own launch template, placement group, fair share, job roles, schedules, EFS, multi-node, notifications. */
function richConfig(): any {
  return {
    name: 'ids',
    accountId: '123456789012',
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    network: { mode: 'endpoints' },
    serviceRole: 'custom',
    permissionsBoundary: POLICY_ARN,
    computeEnvironments: {
      ondemand: { type: 'EC2', maxVcpus: 16, instanceTypes: ['m6i.large'], rootVolume: { sizeGiB: 100 }, placementGroup: 'cluster', availabilityZones: ['ap-northeast-1a'] },
      spot: { type: 'SPOT', maxVcpus: 16, instanceTypes: ['m6i.large'] },
    },
    jobQueues: {
      main: { computeEnvironments: ['ondemand'], fairShare: { shares: { teamA: 1 } } },
      nodes: { computeEnvironments: ['ondemand'] },
    },
    fileSystems: { shared: { accessPoints: { data: { path: '/data', uid: 1000, gid: 1000 } } } },
    jobDefinitions: {
      hello: {
        queue: 'main',
        shareIdentifier: 'teamA',
        image: `${ECR}/hello:1`,
        jobRoleStatements: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }],
        secrets: { TOKEN: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:token-AbCdEf' },
        volumes: { data: { efs: 'shared', accessPoint: 'data', containerPath: '/data' } },
        schedules: { nightly: { expression: 'rate(1 day)' } },
      },
      mpi: { queue: 'nodes', image: `${ECR}/mpi:1`, multiNode: { numNodes: 2 } },
    },
    notifications: { statuses: ['FAILED'], subscriptions: { oncall: { protocol: 'email', endpoint: 'oncall@example.com' } } },
  };
}

function build(config: any): BatchStack {
  return new BatchStack(scratchApp(), 'ids', config as BatchConfig);
}

/**
 * Ids the stack once derived from keys, which crashed synth: the derived
 * candidates below come from today's construct tree, so these stay listed.
 */
const EARLIER_TRAPS = ['launch-template', 'launch-template-ondemand', 'placement-group-ondemand', 'main-fair-share', 'job-hello', 'hello-policy', 'role-hello', 'policy-hello', 'hello_nightly', 'mnp-ondemand', 'dead-letters'];

const KEY = /^[A-Za-z][A-Za-z0-9_-]{0,19}$/;

/** Every construct id and Terraform name of the rich stack, and every run of their `-`/`_` separated parts. */
function candidates(): string[] {
  const stack = build(richConfig());
  const ids = new Set<string>();
  for (const c of stack.node.findAll()) {
    ids.add(c.node.id);
    if (TerraformElement.isTerraformElement(c)) ids.add(c.friendlyUniqueId);
  }
  const out = new Set<string>(EARLIER_TRAPS);
  for (const id of ids) {
    const parts = id.split(/([-_])/);
    for (let i = 0; i < parts.length; i += 2) for (let j = i; j < parts.length; j += 2) out.add(parts.slice(i, j + 1).join(''));
  }
  return [...out].filter((k) => KEY.test(k) && !(k in {})).sort();
}

/** Where each map's new entries go, and what each new entry is a copy of (the entry whose derived ids it mimics most). */
const MAPS: Record<string, { add: (config: any, key: string) => void; address: (key: string) => string }> = {
  computeEnvironments: { add: (c, k) => (c.computeEnvironments[k] = structuredClone(c.computeEnvironments.ondemand)), address: (k) => `aws_batch_compute_environment.${k}` },
  jobQueues: { add: (c, k) => (c.jobQueues[k] = structuredClone(c.jobQueues.main)), address: (k) => `aws_batch_job_queue.${k}` },
  jobDefinitions: { add: (c, k) => (c.jobDefinitions[k] = structuredClone(c.jobDefinitions.hello)), address: (k) => `aws_iam_role_policy.job_${k}` },
  schedules: { add: (c, k) => (c.jobDefinitions.hello.schedules[k] = { expression: 'rate(1 day)' }), address: (k) => `aws_scheduler_schedule.hello_${k}` },
  fileSystems: { add: (c, k) => (c.fileSystems[k] = structuredClone(c.fileSystems.shared)), address: (k) => `aws_efs_file_system.${k}` },
  accessPoints: { add: (c, k) => (c.fileSystems.shared.accessPoints[k] = { path: `/${k}`, uid: 1000, gid: 1000 }), address: (k) => `aws_efs_access_point.shared_${k}` },
  subscriptions: { add: (c, k) => (c.notifications.subscriptions[k] = { protocol: 'email', endpoint: `${k}@example.com` }), address: (k) => `aws_sns_topic_subscription.notify_${k}` },
};

describe('config keys named like the ids the stack derives from other keys', () => {
  const keys = candidates();

  it('the candidates include the ids of today\'s tree', () => {
    expect(keys).toEqual(expect.arrayContaining(['environments', 'fair-share', 'jobs', 'policy', 'roles', 'schedules', 'inter-node']));
  });

  for (const [map, { add, address }] of Object.entries(MAPS)) {
    it(`${map}: an entry under every candidate name builds, each at its own Terraform address`, () => {
      const config = richConfig();
      const added = keys.filter((k) => {
        const existing = map === 'schedules' ? config.jobDefinitions.hello.schedules : map === 'accessPoints' ? config.fileSystems.shared.accessPoints : map === 'subscriptions' ? config.notifications.subscriptions : config[map];
        return !(k in existing);
      });
      for (const key of added) add(config, key);
      let json: any;
      let stack: BatchStack;
      try {
        stack = build(config);
        json = JSON.parse(Testing.synth(stack));
      } catch (error) {
        // A ConfigError is a fine answer only if it names a real Terraform or AWS clash; anything else is the bug.
        expect(error, String(error)).toBeInstanceOf(ConfigError);
        throw error;
      }
      const have = new Set(Object.entries(json.resource as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)));
      for (const key of added) expect(have.has(address(key)), address(key)).toBe(true);
      // Two constructs with one Terraform address would be merged into one block by cdktf, silently.
      const addresses = stack!.node.findAll().flatMap((c) =>
        c instanceof TerraformResource ? [`${c.terraformResourceType}.${c.friendlyUniqueId}`] : c instanceof TerraformOutput ? [`output.${c.friendlyUniqueId}`] : [],
      );
      expect(addresses.filter((a, i) => addresses.indexOf(a) !== i)).toEqual([]);
    });
  }
});
