/**
 * What a plan does, counted the way a reviewer reads it, and the changes
 * that deserve a second look when no risk summary is given.
 */
import { changeKind, type ChangeKind, type PlanJson } from '../terraform/plan-json';

export interface ChangeCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /**
   * Destroyed and created again. Terraform's own "Plan:" line counts each of
   * these in both add and destroy; here they are counted once, on their own.
   */
  readonly replace: number;
}

const managedKinds = (plan: PlanJson): { address: string; type: string; kind: ChangeKind }[] =>
  (plan.resource_changes ?? [])
    .filter((rc) => rc.mode === 'managed')
    .map((rc) => ({ address: rc.address, type: rc.type, kind: changeKind(rc.change.actions) }));

export function countChanges(plan: PlanJson): ChangeCounts {
  const counts = { add: 0, change: 0, destroy: 0, replace: 0 };
  for (const { kind } of managedKinds(plan)) {
    if (kind === 'create') counts.add++;
    else if (kind === 'update') counts.change++;
    else if (kind === 'delete') counts.destroy++;
    else if (kind.startsWith('replace')) counts.replace++;
  }
  return counts;
}

export interface ReviewedChange {
  readonly address: string;
  readonly kind: ChangeKind;
  /** Why it deserves a look, in AWS Batch's terms. */
  readonly note: string;
  /** Something is destroyed before anything takes its place. */
  readonly dangerous: boolean;
}

/** Batch resources whose in-place updates change what running and queued jobs see. */
const UPDATE_NOTES: Readonly<Record<string, string>> = {
  aws_batch_compute_environment: 'compute environment updated in place; running jobs follow its update policy',
  aws_batch_job_queue: 'job queue updated: order, priority or state of where jobs run',
  aws_batch_job_definition: 'new job definition revision; jobs already submitted keep the revision they were submitted with',
  aws_batch_scheduling_policy: 'fair-share policy updated: job ordering in the queue changes',
};

/**
 * Replacements, destructions and the Batch updates above, in plan order.
 * Used when the plan-summary step's own output is not available.
 */
export function changesToReview(plan: PlanJson): ReviewedChange[] {
  const out: ReviewedChange[] = [];
  for (const { address, type, kind } of managedKinds(plan)) {
    if (kind === 'replace-create-before-destroy') out.push({ address, kind, note: 'replaced: the new one is created before the old one is destroyed', dangerous: false });
    else if (kind === 'replace-destroy-before-create') out.push({ address, kind, note: 'replaced: destroyed first, missing until the new one exists', dangerous: true });
    else if (kind === 'delete') out.push({ address, kind, note: 'destroyed', dangerous: true });
    else if (kind === 'update' && UPDATE_NOTES[type]) out.push({ address, kind, note: UPDATE_NOTES[type]!, dangerous: false });
  }
  return out;
}
