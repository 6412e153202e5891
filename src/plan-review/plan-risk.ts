/**
 * Reads a `terraform show -json` plan and says what is risky about applying
 * it for AWS Batch: job queues lost (docs/aws-batch-facts.md#job-queues),
 * compute environments replaced, and how
 * (docs/aws-batch-facts.md#replacing-a-compute-environment-safely), job
 * definition revisions, deletions.
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
    case 'update':
      // The provider plans an update while the version is unknown, then, during
      // apply, requires a replacement for a non-updatable environment: Terraform
      // stops with "Provider produced inconsistent final plan".
      if (launchTemplateVersionUnknown(unknown) && !(isUpdatable(rc.change.before, {}) && isUpdatable(rc.change.after, unknown))) {
        return [{ level: 'danger', address, message: 'a launch template version known only at apply on an environment that is not updatable (BEST_FIT, SPOT_PRICE_CAPACITY_OPTIMIZED or a custom service role): apply will need a replacement this plan does not show, and fail with "inconsistent final plan"' }];
      }
      return [];
    default:
      return [];
  }
}

function findingsFor(rc: ResourceChange): Finding[] {
  const kind = changeKind(rc.change.actions);
  const { address, type } = rc;
  if (type === CE) return computeEnvironmentFindings(rc, kind);
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
