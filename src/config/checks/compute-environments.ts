/**
 * Cross-field checks of `computeEnvironments`: what AWS Batch accepts for each
 * compute type. Each problem names the config path, the value and the fix.
 */
import { instanceTypeProblem } from '../../aws/instance-types';
import { show, valueAt, type ConfigProblem } from '../errors';
import { isFargate, type ResolvedConfig } from '../schema';

/** A stack without a compute environment could run nothing. */
export function noComputeEnvironmentProblems(config: ResolvedConfig): ConfigProblem[] {
  if (Object.keys(config.computeEnvironments).length > 0) return [];
  return [{ path: 'computeEnvironments', message: 'got {}; at least one compute environment is needed', fix: 'add one, e.g. "computeEnvironments": {"fargate": {"type": "FARGATE"}}' }];
}

export function computeEnvironmentProblems(config: ResolvedConfig, input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  /** What the user wrote there (a problem is reported where it was written, not at a default). */
  const written = (key: string, field: string) => valueAt(input, ['computeEnvironments', key, field]);

  for (const [key, ce] of Object.entries(config.computeEnvironments)) {
    const at = `computeEnvironments.${key}`;
    if (isFargate(ce.type)) {
      for (const field of ['minVcpus', 'instanceTypes', 'allocationStrategy', 'bidPercentage'] as const) {
        if (written(key, field) !== undefined) {
          add(`${at}.${field}`, `got ${show(written(key, field))}; ${field} does not apply to ${ce.type} compute environments`, `remove ${field}`);
        }
      }
      // docs/aws-batch-facts.md#fargate-compute-environments-take-no-update-policy
      if (written(key, 'updatePolicy') !== undefined) {
        add(`${at}.updatePolicy`, `got ${show(written(key, 'updatePolicy'))}; AWS Batch refuses an update policy on ${ce.type} compute environments, so the first apply would fail`, 'remove updatePolicy: it applies to EC2 and SPOT compute environments only');
      }
      continue;
    }
    if (ce.minVcpus > ce.maxVcpus) {
      add(`${at}.minVcpus`, `got ${ce.minVcpus}, above maxVcpus (${ce.maxVcpus})`, `lower minVcpus to at most ${ce.maxVcpus} (0 lets the environment scale to zero)`);
    }
    if (ce.type === 'EC2' && ce.allocationStrategy.startsWith('SPOT_')) {
      add(`${at}.allocationStrategy`, `got ${show(ce.allocationStrategy)}, a Spot strategy on an EC2 (on-demand) compute environment`, 'use BEST_FIT_PROGRESSIVE, or make the compute environment "type": "SPOT"');
    }
    if (ce.type === 'SPOT' && ce.allocationStrategy === 'BEST_FIT') {
      add(`${at}.allocationStrategy`, 'got "BEST_FIT" on SPOT, which needs a Spot Fleet role and replaces the compute environment on every edit', 'use SPOT_CAPACITY_OPTIMIZED (the default) or SPOT_PRICE_CAPACITY_OPTIMIZED');
    }
    ce.instanceTypes.forEach((entry, i) => {
      const problem = instanceTypeProblem(entry);
      if (problem) add(`${at}.instanceTypes[${i}]`, `got ${show(entry)}; ${problem.message}`, problem.fix);
    });
    if (ce.type !== 'SPOT' && ce.bidPercentage !== undefined) {
      add(`${at}.bidPercentage`, `got ${ce.bidPercentage}; bidPercentage applies only to SPOT compute environments`, 'remove bidPercentage');
    }
  }
  return problems;
}
