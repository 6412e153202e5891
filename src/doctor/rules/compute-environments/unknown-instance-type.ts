import { instanceTypeProblem } from '../../../aws/instance-types';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalStrings } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * An instance_type entry that names no EC2 instance family or size
 * (`m6i.superhuge`, `m9`): the provider passes the list as it is, and Batch
 * refuses it when it creates or updates the compute environment, so the
 * apply fails, not the plan. The catalogue is the config's
 * (src/aws/instance-catalogue.ts, every type of the EC2 API model).
 * docs/aws-batch-facts.md#instance-types-in-a-compute-environment
 */
export const ceUnknownInstanceType: Rule = {
  id: 'BATCH_CE_UNKNOWN_INSTANCE_TYPE',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'instance type that does not exist',
  why: 'compute_resources.instance_type takes EC2 instance families (m6i), sizes (m6i.large) or the aliases optimal, default_x86_64 and default_arm64. Terraform does not check the names; AWS Batch refuses an unknown one when it creates or updates the compute environment, and the apply fails.',
  fix: 'Use an existing instance family or size (or default_x86_64 / default_arm64 to let Batch choose).',
  link: 'https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate !== false) return undefined;
      const entries = literalStrings(ce.compute?.['instance_type']) ?? [];
      const problems = entries.flatMap((entry) => {
        const problem = instanceTypeProblem(entry);
        return problem ? [{ entry, ...problem }] : [];
      });
      if (problems.length === 0) return undefined;
      return {
        message: `instance_type ${problems.map((p) => `${JSON.stringify(p.entry)}: ${p.message}`).join('; ')}`,
        fix: problems.map((p) => `For ${JSON.stringify(p.entry)}: ${p.fix}.`).join(' '),
      };
    });
  },
};
