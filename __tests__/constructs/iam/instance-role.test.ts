import { describe, expect, it } from 'vitest';
import { baseConfig, synth } from '../../support/synth';

const trust = (role: Record<string, any>) => JSON.parse(role.assume_role_policy);

describe('default IAM: the instance role', () => {
  const s = synth(baseConfig());
  const roles = s.resource.aws_iam_role!;

  it('gives EC2 compute environments an instance profile with AmazonEC2ContainerServiceforEC2Role', () => {
    expect(trust(roles.instance!).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    expect(s.resource.aws_iam_role_policy_attachment!.instance_ecs).toMatchObject({
      role: '${aws_iam_role.instance.name}',
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
    });
    expect(s.resource.aws_iam_instance_profile!.instance).toMatchObject({ role: '${aws_iam_role.instance.name}' });
    expect(s.resource.aws_batch_compute_environment!.ondemand!.compute_resources.instance_role).toBe('${aws_iam_instance_profile.instance.arn}');
  });
});

describe('Fargate only', () => {
  it('creates no instance role or profile', () => {
    const s = synth(
      baseConfig({
        computeEnvironments: { fargate: { type: 'FARGATE' } },
        jobQueues: { main: { computeEnvironments: ['fargate'] } },
        jobDefinitions: { hello: { queue: 'main', image: '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/a:1', vcpus: 1, memoryMiB: 2048 } },
      }),
    );
    expect(s.resource.aws_iam_role!.instance).toBeUndefined();
    expect(s.resource.aws_iam_instance_profile).toBeUndefined();
  });
});
