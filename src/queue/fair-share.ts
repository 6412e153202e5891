/**
 * Share identifiers and fair-share queues (docs/aws-batch-facts.md#fair-share-share-identifiers):
 * SubmitJob to a queue with a scheduling policy fails without a share
 * identifier, and must not carry one for a queue without. Shared by the
 * config checks and the job CLI, so both judge a share the same way.
 */
import { show, type ConfigProblem } from '../config/errors';
import type { ResolvedConfig } from '../config/schema';

/**
 * Whether a job's share falls under one of a policy's entries: the same
 * identifier, or an entry `prefix*` the share starts with. A policy that
 * lists no shares takes any share (each at weight 1).
 */
export function shareMatches(share: string, policyShares: readonly string[]): boolean {
  if (policyShares.length === 0) return true;
  return policyShares.some((entry) => (entry.endsWith('*') ? share.startsWith(entry.slice(0, -1)) : share === entry));
}

/** `a, b*` for messages. */
export function listShares(policyShares: readonly string[]): string {
  return policyShares.length ? policyShares.join(', ') : 'any (the policy lists none)';
}

/** An example share that the policy takes, for fixes. */
function exampleShare(policyShares: readonly string[]): string {
  const first = policyShares.find((s) => !s.endsWith('*')) ?? policyShares[0]?.replace(/\*$/, 'A');
  return first ?? 'default';
}

/** Two entries overlap when one's prefix matches the other (`UserA*` and `UserA1`): Batch refuses such a policy. */
function overlap(a: string, b: string): boolean {
  const wildA = a.endsWith('*');
  const wildB = b.endsWith('*');
  const pa = a.replace(/\*$/, '');
  const pb = b.replace(/\*$/, '');
  if (wildA && wildB) return pa.startsWith(pb) || pb.startsWith(pa);
  if (wildA) return pb.startsWith(pa);
  if (wildB) return pa.startsWith(pb);
  return false;
}

export function fairShareProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });

  for (const [key, queue] of Object.entries(config.jobQueues)) {
    const shares = Object.keys(queue.fairShare?.shares ?? {}).sort();
    for (let i = 0; i < shares.length; i++) {
      for (let j = i + 1; j < shares.length; j++) {
        if (overlap(shares[i]!, shares[j]!)) {
          add(`jobQueues.${key}.fairShare.shares`, `${show(shares[i])} and ${show(shares[j])} overlap; Batch refuses a fair-share policy whose share identifiers overlap`, `remove one of them, or rename so that no * prefix matches another entry`);
        }
      }
    }
  }

  for (const [jobKey, job] of Object.entries(config.jobDefinitions)) {
    const queue = config.jobQueues[job.queue];
    if (!queue) continue; // reported by parse.ts
    const at = `jobDefinitions.${jobKey}`;
    if (!queue.fairShare) {
      const refuse = (path: string, field: string) =>
        add(path, `is set, but job queue ${show(job.queue)} has no fair-share policy; Batch refuses a share identifier there`, `remove ${field}, or give jobQueues.${job.queue} a fairShare policy`);
      if (job.shareIdentifier !== undefined) refuse(`${at}.shareIdentifier`, 'shareIdentifier');
      if (job.schedulingPriority !== undefined) {
        add(`${at}.schedulingPriority`, `is set, but job queue ${show(job.queue)} has no fair-share policy, and scheduling priority only orders jobs within a share`, `remove schedulingPriority, or give jobQueues.${job.queue} a fairShare policy`);
      }
      for (const [key, schedule] of Object.entries(job.schedules)) {
        if (schedule.shareIdentifier !== undefined) refuse(`${at}.schedules.${key}.shareIdentifier`, 'shareIdentifier');
      }
      continue;
    }
    const shares = Object.keys(queue.fairShare.shares).sort();
    const fits = (path: string, share: string) => {
      if (!shareMatches(share, shares)) {
        add(path, `got ${show(share)}, which no share of job queue ${show(job.queue)}'s fair-share policy matches (shares: ${listShares(shares)}); Batch would run it at the default weight 1`, `use one of the policy's shares (a * entry matches any share starting with its prefix), or add ${show(share)} to jobQueues.${job.queue}.fairShare.shares`);
      }
    };
    if (job.shareIdentifier === undefined) {
      add(at, `has no shareIdentifier, but its job queue ${show(job.queue)} has a fair-share policy: every SubmitJob to it (schedules, npm run job, the submit_command output) must name a share`, `add "shareIdentifier": ${show(exampleShare(shares))} (the policy's shares: ${listShares(shares)})`);
    } else {
      fits(`${at}.shareIdentifier`, job.shareIdentifier);
    }
    for (const [key, schedule] of Object.entries(job.schedules)) {
      if (schedule.shareIdentifier !== undefined) fits(`${at}.schedules.${key}.shareIdentifier`, schedule.shareIdentifier);
    }
  }
  return problems;
}

/** The share a schedule submits under: its own, else its job definition's. */
export function scheduleShare(job: { readonly shareIdentifier?: string }, schedule: { readonly shareIdentifier?: string }): string | undefined {
  return schedule.shareIdentifier ?? job.shareIdentifier;
}
