import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { blocks } from '../../terraform/model';
import { computeEnvironments } from '../../views/compute-environments';

/**
 * docs/aws-batch-facts.md#fargate-compute-environments-take-no-update-policy:
 * CreateComputeEnvironment has no updatePolicy, so the provider's create
 * (resourceComputeEnvironmentCreate in
 * https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/compute_environment.go)
 * sends update_policy in an UpdateComputeEnvironment call of its own right
 * after the environment exists; Batch updates only subnets, security groups
 * and vCPUs of a Fargate environment
 * (https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html)
 * and refuses the call, so the apply fails and leaves the environment tainted.
 */
export const ceFargateUpdatePolicy: Rule = {
  id: 'BATCH_CE_FARGATE_UPDATE_POLICY',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'update_policy on a Fargate compute environment',
  why: 'The provider cannot pass update_policy when it creates a compute environment, so it sends it in an UpdateComputeEnvironment call right after; AWS Batch refuses updatePolicy for FARGATE and FARGATE_SPOT environments ("The following parameters can\'t be updated for Fargate compute environment: ... updatePolicy"), the apply fails and the environment is tainted, so every later apply fails the same way.',
  fix: 'Remove the update_policy block: it applies to EC2 and SPOT compute environments only.',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html',
  check(model) {
    return judgeEach(this, computeEnvironments(model), (ce) => {
      if (ce.fargate === false) return undefined;
      // An expression (a dynamic block over an unknown collection) is unknown: only a block known to be there is reported.
      const policy = blocks(ce.resource.body, 'update_policy');
      if (policy === undefined) return ce.fargate ? { unknown: `update_policy ${model.why(ce.resource.body['update_policy']) ?? 'is an expression'}` } : undefined;
      if (policy.length === 0) return undefined;
      if (ce.fargate === undefined) return ce.why.platform ? { unknown: ce.why.platform } : undefined;
      return `update_policy is set on a ${ce.platform} compute environment; AWS Batch refuses it, so the first apply fails after creating the environment`;
    });
  },
};
