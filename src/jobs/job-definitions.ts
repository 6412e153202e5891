/**
 * Job definitions: a change registers a new revision (only the name forces a
 * replacement), and the container properties are canonical so nothing churns.
 */
import { Construct } from 'constructs';
import { BatchJobDefinition } from '@cdktf/provider-aws/lib/batch-job-definition';
import { isFargate, type ResolvedConfig } from '../config/schema';
import { named } from '../naming';
import { awsName } from '../aws/names';
import { containerProperties } from './container-properties';
import type { BatchRoles } from '../iam/roles';
import { jobSecret } from '../aws/secret-references';

export interface JobDefinitionsProps {
  readonly config: ResolvedConfig;
  readonly roles: BatchRoles;
  readonly logGroupName: string;
  readonly assignPublicIp: boolean;
}

/**
 * Retry only what is worth retrying: a Spot host taken back. Any other exit
 * ends the job, so a failing job fails once instead of `attempts` times.
 */
const RETRY_ON = {
  ec2: 'Host EC2*',
  fargate: 'Your Spot Task was interrupted*',
} as const;

export class JobDefinitions extends Construct {
  readonly definitions: Record<string, BatchJobDefinition> = {};

  constructor(scope: Construct, id: string, props: JobDefinitionsProps) {
    super(scope, id);
    const { config, roles } = props;
    for (const [key, job] of Object.entries(config.jobDefinitions)) {
      const queue = config.jobQueues[job.queue]!;
      const fargate = isFargate(config.computeEnvironments[queue.computeEnvironments[0]!]!.type);
      const definition = named(
        new BatchJobDefinition(this, key, {
          name: awsName(config.name, key),
          type: 'container',
          platformCapabilities: [fargate ? 'FARGATE' : 'EC2'],
          propagateTags: job.propagateTags,
          containerProperties: containerProperties({
            ...job,
            secrets: Object.fromEntries(Object.entries(job.secrets).map(([name, secret]) => [name, jobSecret(secret).valueFrom])),
            jobRoleArn: roles.jobRole(key, job.jobRoleStatements.map((s) => ({ Effect: s.effect, Action: s.actions, Resource: s.resources }))),
            executionRoleArn: roles.executionRoleArn!,
            logGroupName: props.logGroupName,
            region: config.region,
            logStreamPrefix: key,
            fargate: fargate ? { assignPublicIp: props.assignPublicIp } : undefined,
          }),
          retryStrategy: {
            attempts: job.retryAttempts,
            evaluateOnExit: [
              { action: 'RETRY', onStatusReason: fargate ? RETRY_ON.fargate : RETRY_ON.ec2 },
              { action: 'EXIT', onReason: '*' },
            ],
          },
          timeout: job.timeoutSeconds ? { attemptDurationSeconds: job.timeoutSeconds } : undefined,
          // Fair-share queues only (checked in src/queue/fair-share.ts); a change registers a new revision.
          schedulingPriority: job.schedulingPriority,
        }),
        key,
      );
      // Plain Terraform does not bind a job definition to a queue; this hint
      // lets the doctor check it against the queue it is made for.
      definition.addOverride('//.queue', `aws_batch_job_queue.${job.queue}`);
      this.definitions[key] = definition;
    }
  }
}
