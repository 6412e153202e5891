/**
 * Config keys that become parts of AWS names where AWS ignores case: two
 * keys that differ only in case make one AWS name, and the second create
 * fails (or, worse, updates the first). docs/aws-batch-facts.md#names-that-must-be-unique
 */
import { awsName } from '../../aws/names';
import { show, type ConfigProblem } from '../errors';
import type { ResolvedConfig } from '../schema';

/**
 * IAM role names are unique per account without regard to case, and every
 * job definition gets a job role `<name>-job-<key>` (and a scheduler role
 * `<name>-sched-<key>` when scheduled). The other maps' keys go into Batch
 * and Scheduler names, for which AWS documents no such rule, so they are
 * left alone.
 */
export function caseCollisionProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  for (const key of Object.keys(config.jobDefinitions)) {
    const earlier = seen.get(key.toLowerCase());
    if (earlier === undefined) {
      seen.set(key.toLowerCase(), key);
      continue;
    }
    problems.push({
      path: `jobDefinitions.${key}`,
      message: `differs from ${show(earlier)} only in case; IAM role names ignore case, so the job roles ${awsName(config.name, 'job', earlier)} and ${awsName(config.name, 'job', key)} would be one role and the apply fails (EntityAlreadyExists)`,
      fix: `rename one of the two job definitions so the names differ in more than case, e.g. ${show(`${key}-2`)}`,
    });
  }
  return problems;
}
