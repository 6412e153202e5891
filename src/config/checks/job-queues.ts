/**
 * Cross-field checks of `jobQueues`: the compute environments each queue
 * names, and its fair-share policy together with the shares the job
 * definitions and schedules on it submit under
 * (docs/aws-batch-facts.md#fair-share-share-identifiers). Each problem names
 * the config path, the value and the fix.
 */
import { exampleShare, listShares, shareMatches, sharesOverlap } from '../../aws/fair-share';
import { show, type ConfigProblem } from '../errors';
import { isFargate, type ResolvedConfig } from '../schema';

/** A stack without a job queue could take no job. */
export function noJobQueueProblems(config: ResolvedConfig): ConfigProblem[] {
  if (Object.keys(config.jobQueues).length > 0) return [];
  return [{ path: 'jobQueues', message: 'got {}; at least one job queue is needed', fix: 'add one, e.g. "jobQueues": {"main": {"computeEnvironments": ["fargate"]}}' }];
}

export function jobQueueProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  const ceKeys = Object.keys(config.computeEnvironments);

  for (const [key, queue] of Object.entries(config.jobQueues)) {
    const at = `jobQueues.${key}.computeEnvironments`;
    const seen = new Set<string>();
    queue.computeEnvironments.forEach((ref, i) => {
      if (!(ref in config.computeEnvironments)) {
        add(`${at}[${i}]`, `got ${show(ref)}, which is not a compute environment of this config`, `use one of: ${ceKeys.join(', ') || '(none defined)'}`);
      } else if (seen.has(ref)) {
        add(`${at}[${i}]`, `got ${show(ref)} twice; each compute environment can appear once in a queue`, `remove the second ${show(ref)}`);
      }
      seen.add(ref);
    });
    const types = queue.computeEnvironments.map((ref) => config.computeEnvironments[ref]?.type).filter((t) => t !== undefined);
    if (types.some(isFargate) && !types.every(isFargate)) {
      add(at, `mixes EC2/SPOT with FARGATE/FARGATE_SPOT compute environments (${types.join(', ')}); AWS Batch rejects such a queue`, 'use one queue for EC2/SPOT and another for Fargate');
    }
  }
  return problems;
}

/**
 * A fair-share policy Batch accepts, and a share for every SubmitJob to it:
 * each job definition on a fair-share queue names one its policy takes (so do
 * its schedules when they name their own), and nothing names one for a queue
 * without a policy.
 */
export function fairShareProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });

  for (const [key, queue] of Object.entries(config.jobQueues)) {
    const shares = Object.keys(queue.fairShare?.shares ?? {}).sort();
    for (let i = 0; i < shares.length; i++) {
      for (let j = i + 1; j < shares.length; j++) {
        if (sharesOverlap(shares[i]!, shares[j]!)) {
          add(`jobQueues.${key}.fairShare.shares`, `${show(shares[i])} and ${show(shares[j])} overlap; Batch refuses a fair-share policy whose share identifiers overlap`, `remove one of them, or rename so that no * prefix matches another entry`);
        }
      }
    }
  }

  for (const [jobKey, job] of Object.entries(config.jobDefinitions)) {
    const queue = config.jobQueues[job.queue];
    if (!queue) continue; // reported by jobDefinitionProblems
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
