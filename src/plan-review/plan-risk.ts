/**
 * Reads a `terraform show -json` plan and says what is risky about applying
 * it for AWS Batch: job queues lost (docs/aws-batch-facts.md#job-queues),
 * compute environments replaced, and how
 * (docs/aws-batch-facts.md#replacing-a-compute-environment-safely), updates
 * the provider plans but AWS refuses (a compute environment switching
 * between the service-linked role and a custom one, a queue gaining or
 * losing its fair-share policy), job definition revisions, deletions.
 * Pure: the CLI (src/cli/plan-summary.ts) and the pull-request workflow call it.
 */
import { changeKind, type ChangeKind, type PlanJson, type ResourceChange } from './plan-json.js';
import { SERVICE_LINKED_ROLE_ARN, isUpdatable as isUpdatableStrategy } from '../aws/compute-environment-updates.js';

export type Level = 'danger' | 'notice';

export interface Finding {
  readonly level: Level;
  readonly address: string;
  readonly message: string;
}

export interface PlanRisk {
  readonly counts: { readonly create: number; readonly update: number; readonly replace: number; readonly delete: number };
  readonly findings: readonly Finding[];
  /** True when something planned loses queued jobs or cannot apply cleanly: the CLI exits 3. */
  readonly dangerous: boolean;
}

const CE = 'aws_batch_compute_environment';
const QUEUE = 'aws_batch_job_queue';
const JOB_DEFINITION = 'aws_batch_job_definition';


type Json = Record<string, any>;

/** The provider's own "updatable" test (isUpdatableComputeEnvironment), on a planned value. */
function isUpdatable(values: Json | null, unknown: Json): boolean {
  const resources = (values?.compute_resources as Json[] | undefined)?.[0];
  if (!resources) return false;
  if (resources.type === 'FARGATE' || resources.type === 'FARGATE_SPOT') return true;
  const role = values?.service_role;
  const serviceLinked = unknown.service_role === true || !role || SERVICE_LINKED_ROLE_ARN.test(role);
  return isUpdatableStrategy(resources.allocation_strategy, serviceLinked ? 'service-linked' : 'custom');
}

/** A launch template version only known at apply, e.g. `latest_version` of a template updated in the same apply. */
function launchTemplateVersionUnknown(unknown: Json): boolean {
  const template = unknown.compute_resources?.[0]?.launch_template?.[0];
  return template?.version === true;
}

function computeEnvironmentFindings(rc: ResourceChange, kind: ChangeKind): Finding[] {
  const { address } = rc;
  const unknown = (rc.change.after_unknown ?? {}) as Json;
  switch (kind) {
    case 'replace-create-before-destroy':
      return [{ level: 'notice', address, message: 'replaced, create before destroy: a new environment under a new name from its prefix; queues move to it in place, then the old one is deleted' }];
    case 'replace-destroy-before-create':
      return [{ level: 'danger', address, message: 'replaced, destroyed first: its queues have nowhere to run jobs until the new one exists, and the delete fails while a queue still uses it (add create_before_destroy and a name prefix)' }];
    case 'delete':
      return [{ level: 'notice', address, message: 'deleted' }];
    case 'update': {
      const role = serviceRoleSwitch(rc);
      if (role) return [role];
      // The provider plans an update while the version is unknown, then, during
      // apply, requires a replacement for a non-updatable environment: Terraform
      // stops with "Provider produced inconsistent final plan".
      if (launchTemplateVersionUnknown(unknown) && !(isUpdatable(rc.change.before, {}) && isUpdatable(rc.change.after, unknown))) {
        return [{ level: 'danger', address, message: 'a launch template version known only at apply on an environment that is not updatable (BEST_FIT, SPOT_PRICE_CAPACITY_OPTIMIZED or a custom service role): apply will need a replacement this plan does not show, and fail with "inconsistent final plan"' }];
      }
      return [];
    }
    default:
      return [];
  }
}

/** Which kind of service role a planned value holds; unknown (a role created in this apply) is a custom one. */
function roleKind(value: unknown, unknown: boolean): 'service-linked' | 'custom' {
  if (unknown) return 'custom';
  return typeof value !== 'string' || value === '' || SERVICE_LINKED_ROLE_ARN.test(value) ? 'service-linked' : 'custom';
}

/**
 * An in-place update that moves a compute environment between Batch's
 * service-linked role and a custom role: the provider sends it, and Batch
 * refuses it at apply (docs/aws-batch-facts.md#what-replaces-a-compute-environment).
 */
function serviceRoleSwitch(rc: ResourceChange): Finding | undefined {
  const before = rc.change.before as Json | null;
  const after = rc.change.after as Json | null;
  const unknown = (rc.change.after_unknown ?? {}) as Json;
  if (!before || !after || !('service_role' in after || unknown.service_role === true)) return undefined;
  const from = roleKind(before.service_role, false);
  const to = roleKind(after.service_role, unknown.service_role === true);
  if (from === to) return undefined;
  return {
    level: 'danger',
    address: rc.address,
    message:
      `planned as an update from the ${from} service role to a ${to} one, which Batch refuses for an existing compute environment: the apply fails. ` +
      'Replace it instead: change its compute_environment_name_prefix (with create_before_destroy) in the same edit, or give it a new config key',
  };
}

/**
 * A queue cannot gain a fair-share policy after it is created, nor lose one
 * (only switch to another policy); the provider plans either as an update,
 * and the apply fails (docs/aws-batch-facts.md#job-queues).
 */
function schedulingPolicySwitch(rc: ResourceChange): Finding | undefined {
  const before = (rc.change.before as Json | null)?.scheduling_policy_arn;
  const after = (rc.change.after as Json | null)?.scheduling_policy_arn;
  const unknownAfter = ((rc.change.after_unknown ?? {}) as Json).scheduling_policy_arn === true;
  const had = typeof before === 'string' && before !== '';
  const has = unknownAfter || (typeof after === 'string' && after !== '');
  if (had === has) return undefined;
  const fix = 'Make a new queue instead: a new key in jobQueues (in plain Terraform, a new aws_batch_job_queue with its own name) with the policy you want, move the job definitions and schedules to it, and remove the old queue once it is empty';
  return {
    level: 'danger',
    address: rc.address,
    message: had
      ? `removes the queue's fair-share policy, which Batch refuses for an existing queue (a policy can only be swapped for another): the apply fails. ${fix}`
      : `adds a fair-share policy to a queue created without one (first in, first out), which Batch refuses: the apply fails. ${fix}`,
  };
}

/**
 * A compute environment that keeps, in state, a custom service role this
 * plan deletes: with `service_role` left out of the configuration the
 * provider keeps the old value and plans no change, so the environment
 * would be left with a deleted role (docs/aws-batch-facts.md#what-replaces-a-compute-environment).
 */
function orphanedServiceRoles(changes: readonly ResourceChange[]): Finding[] {
  const deleted = new Map<string, string>();
  for (const rc of changes) {
    const arn = (rc.change.before as Json | null)?.arn;
    if (rc.type === 'aws_iam_role' && changeKind(rc.change.actions) === 'delete' && typeof arn === 'string') deleted.set(arn, rc.address);
  }
  return changes.flatMap((rc) => {
    const kind = changeKind(rc.change.actions);
    if (rc.type !== CE || kind === 'delete' || kind.startsWith('replace')) return [];
    const role = (rc.change.after as Json | null)?.service_role;
    const address = typeof role === 'string' ? deleted.get(role) : undefined;
    if (!address) return [];
    return [{
      level: 'danger' as const,
      address: rc.address,
      message:
        `keeps its service role ${role}, which this plan deletes (${address}): the environment is left with a deleted role, and Batch cannot move it to the service-linked role in place. ` +
        'Replace it instead: change its compute_environment_name_prefix (with create_before_destroy) in the same edit, or give it a new config key',
    }];
  });
}

function findingsFor(rc: ResourceChange): Finding[] {
  const kind = changeKind(rc.change.actions);
  const { address, type } = rc;
  if (type === CE) return computeEnvironmentFindings(rc, kind);
  if (type === QUEUE && kind === 'update') {
    const policy = schedulingPolicySwitch(rc);
    return policy ? [policy] : [];
  }
  if (type === QUEUE && (kind === 'delete' || kind.startsWith('replace'))) {
    const how = kind === 'delete' ? 'deleted' : 'replaced';
    return [{ level: 'danger', address, message: `${how}: every job queued in it is lost` }];
  }
  if (type === JOB_DEFINITION) {
    if (kind === 'update') return [{ level: 'notice', address, message: 'new revision (the previous one is deregistered)' }];
    if (kind === 'delete') return [{ level: 'notice', address, message: 'deregistered (every revision)' }];
    if (kind.startsWith('replace')) return [{ level: 'notice', address, message: jobDefinitionReplaced(rc, kind) }];
  }
  if (kind === 'delete') return [{ level: 'notice', address, message: 'deleted' }];
  if (kind.startsWith('replace')) {
    return [{ level: 'notice', address, message: `replaced, ${kind === 'replace-create-before-destroy' ? 'create before destroy' : 'destroyed first'}` }];
  }
  return [];
}

/**
 * A replaced job definition: the provider's delete deregisters every ACTIVE
 * revision of its name, and the create registers the name again, which Batch
 * numbers after the name's last revision: revision numbers continue, they
 * never restart at 1 (docs/aws-batch-facts.md#job-definition-revisions-and-normalisation).
 */
function jobDefinitionReplaced(rc: ResourceChange, kind: ChangeKind): string {
  const before = (rc.change.before as Json | null)?.name as string | undefined;
  const after = (rc.change.after as Json | null)?.name as string | undefined;
  const order = kind === 'replace-create-before-destroy' ? 'created first' : 'deleted first';
  if (before !== undefined && after !== undefined && before !== after) {
    return `replaced, ${order}: every active revision of ${before} is deregistered, and ${after} is registered, numbered after any earlier revision of that name`;
  }
  return `replaced, ${order}: every active revision is deregistered, then the same name is registered again as its next revision (numbers continue, they do not restart at 1); jobs submitted in between, or naming an earlier revision, fail`;
}

export function summarizePlan(plan: PlanJson): PlanRisk {
  const counts = { create: 0, update: 0, replace: 0, delete: 0 };
  const findings: Finding[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const kind = changeKind(rc.change.actions);
    if (kind === 'create' || kind === 'update' || kind === 'delete') counts[kind]++;
    else if (kind.startsWith('replace')) counts.replace++;
    findings.push(...findingsFor(rc));
  }
  findings.push(...orphanedServiceRoles((plan.resource_changes ?? []).filter((rc) => rc.mode === 'managed')));
  const rank = (f: Finding) => (f.level === 'danger' ? 0 : 1);
  findings.sort((a, b) => rank(a) - rank(b) || a.address.localeCompare(b.address));
  return { counts, findings, dangerous: findings.some((f) => f.level === 'danger') };
}

export function formatPlanRisk(risk: PlanRisk): string {
  const { create, update, replace, delete: del } = risk.counts;
  const lines = [`Plan: ${create} to create, ${update} to update in place, ${replace} to replace, ${del} to delete.`];
  lines.push(risk.dangerous ? 'DANGER: this plan can lose queued jobs or fail to apply.' : 'Nothing dangerous for AWS Batch.');
  for (const finding of risk.findings) lines.push(`${finding.level === 'danger' ? 'DANGER' : '  note'}  ${finding.address}: ${finding.message}`);
  return `${lines.join('\n')}\n`;
}
