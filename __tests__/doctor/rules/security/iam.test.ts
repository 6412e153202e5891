/** Security rules on IAM: wildcard actions, managed policies on Batch roles, trust policies. */
import { describe, expect, it } from 'vitest';
import { TerraformModel } from '../../../../src/doctor/terraform/model';
import { secAdminPolicy } from '../../../../src/doctor/rules/security/admin-policy';
import { secIamAllActions } from '../../../../src/doctor/rules/security/iam-all-actions';
import { secIamServiceWildcard } from '../../../../src/doctor/rules/security/iam-service-wildcard';
import { secManagedPolicy } from '../../../../src/doctor/rules/security/managed-policy';
import { secTrustOpen } from '../../../../src/doctor/rules/security/trust-open';
import { secTrustSourceAccount } from '../../../../src/doctor/rules/security/trust-source-account';
import type { TerraformJson } from '../../../../src/doctor/index';
import { check, ref, type Body, type Resources } from '../../helpers';

const ACCOUNT = '123456789012';
const SOURCE_ACCOUNT = { StringEquals: { 'aws:SourceAccount': ACCOUNT } };

/** A trust policy as cdktf writes it (src/iam/policies.ts trustPolicy). */
function trust(principal: unknown, condition?: unknown): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });
}

function policy(...statements: Body[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A job role (ecs-tasks, pinned to the account) with one inline policy. */
function jobRole(statements: Body[] = [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::data/*' }]): Resources {
  return {
    aws_iam_role: { job: { name: 'job', assume_role_policy: trust({ Service: 'ecs-tasks.amazonaws.com' }, SOURCE_ACCOUNT) } },
    aws_iam_role_policy: { job: { name: 'job', role: ref('aws_iam_role.job'), policy: policy(...statements) } },
  };
}

const attach = (r: Resources, name: string, arn: string): void => {
  r.aws_iam_role_policy_attachment = { ...(r.aws_iam_role_policy_attachment ?? {}), [name]: { role: ref('aws_iam_role.job', 'name'), policy_arn: arn } };
};

describe('BATCH_SEC_IAM_ALL_ACTIONS', () => {
  it('reports Action "*" in a role policy', () => {
    const [f, ...rest] = check(secIamAllActions, jobRole([{ Effect: 'Allow', Action: '*', Resource: '*' }]));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'BATCH_SEC_IAM_ALL_ACTIONS', severity: 'error', address: 'aws_iam_role_policy.job', message: 'policy allows Action "*"' });
  });

  it('reads jsonencode, inline_policy blocks and aws_iam_policy_document data sources', () => {
    const r: Resources = {
      aws_iam_policy: { hcl: { policy: '${jsonencode({\n  Version = "2012-10-17"\n  Statement = [{ Effect = "Allow", Action = ["*"], Resource = "*" }]\n})}' } },
      aws_iam_role: { inline: { assume_role_policy: '{}', inline_policy: [{ name: 'all', policy: policy({ Action: '*', Resource: '*' }) }] } },
      aws_iam_role_policy: { data: { role: 'x', policy: '${data.aws_iam_policy_document.all.json}' } },
    };
    const tf: TerraformJson = { resource: r, data: { aws_iam_policy_document: { all: { statement: [{ actions: ['*'], resources: ['*'] }] } } } };
    const findings = secIamAllActions.check(new TerraformModel(tf));
    expect(findings.map((f) => `${f.address}: ${f.message}`)).toEqual([
      'aws_iam_policy.hcl: policy allows Action "*"',
      'aws_iam_role_policy.data: policy allows Action "*"',
      'aws_iam_role.inline: inline_policy[0].policy allows Action "*"',
    ]);
  });

  it('passes listed actions, a Deny of "*" (a guardrail), and does not read bucket policies', () => {
    expect(check(secIamAllActions, jobRole())).toEqual([]);
    expect(check(secIamAllActions, jobRole([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]))).toEqual([]);
    expect(check(secIamAllActions, { aws_s3_bucket_policy: { b: { bucket: 'b', policy: policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) } } })).toEqual([]);
  });

  describe('a managed policy with Allow "*"', () => {
    const boundary = (): Resources => ({
      aws_iam_policy: { cap: { name: 'cap', policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' }) } },
      aws_iam_role: { deploy: { name: 'deploy', assume_role_policy: trust({ Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }), permissions_boundary: ref('aws_iam_policy.cap', 'arn') } },
    });

    it('passes when it is only a permissions boundary: a boundary caps, it grants nothing', () => {
      expect(check(secIamAllActions, boundary())).toEqual([]);
    });

    it('is reported as soon as it is also attached as a permissions policy', () => {
      const r = boundary();
      r.aws_iam_role_policy_attachment = { grant: { role: ref('aws_iam_role.deploy', 'name'), policy_arn: ref('aws_iam_policy.cap', 'arn') } };
      expect(check(secIamAllActions, r).map((f) => f.address)).toEqual(['aws_iam_policy.cap']);
      const viaRole = boundary();
      viaRole.aws_iam_role!.deploy!.managed_policy_arns = [ref('aws_iam_policy.cap', 'arn')];
      expect(check(secIamAllActions, viaRole).map((f) => f.address)).toEqual(['aws_iam_policy.cap']);
    });
  });
});

describe('BATCH_SEC_IAM_SERVICE_WILDCARD', () => {
  it('reports every action of a service', () => {
    const [f, ...rest] = check(secIamServiceWildcard, jobRole([{ Effect: 'Allow', Action: ['s3:*', 'sqs:SendMessage', 'kms:*'], Resource: '*' }]));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', address: 'aws_iam_role_policy.job', message: 'policy allows "s3:*", "kms:*"' });
  });

  it('passes prefixes such as s3:Get*, and a Deny of s3:*', () => {
    expect(check(secIamServiceWildcard, jobRole([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }]))).toEqual([]);
    expect(check(secIamServiceWildcard, jobRole([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }]))).toEqual([]);
  });
});

describe('BATCH_SEC_ADMIN_POLICY', () => {
  it('reports AdministratorAccess attached to a role ECS tasks assume', () => {
    const r = jobRole();
    attach(r, 'admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
    const [f, ...rest] = check(secAdminPolicy, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      address: 'aws_iam_role_policy_attachment.admin',
      message: 'AdministratorAccess is attached to aws_iam_role.job, which ecs-tasks can assume',
    });
  });

  it('reports PowerUserAccess in managed_policy_arns of an instance role', () => {
    const r: Resources = {
      aws_iam_role: { instance: { assume_role_policy: trust({ Service: 'ec2.amazonaws.com' }), managed_policy_arns: ['arn:aws:iam::aws:policy/PowerUserAccess'] } },
    };
    expect(check(secAdminPolicy, r)[0]).toMatchObject({ address: 'aws_iam_role.instance', message: 'PowerUserAccess is attached to aws_iam_role.instance, which ec2 can assume' });
  });

  it('passes the Batch policies, and roles no Batch service assumes (a CI role)', () => {
    const r = jobRole();
    attach(r, 'exec', 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
    expect(check(secAdminPolicy, r)).toEqual([]);
    const ci: Resources = {
      aws_iam_role: { ci: { assume_role_policy: trust({ Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }) } },
      aws_iam_role_policy_attachment: { admin: { role: ref('aws_iam_role.ci', 'name'), policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
    };
    expect(check(secAdminPolicy, ci)).toEqual([]);
  });
});

describe('BATCH_SEC_MANAGED_POLICY', () => {
  it('reports an AWS managed policy beyond the Batch ones on a Batch role', () => {
    const r = jobRole();
    attach(r, 's3', 'arn:aws:iam::aws:policy/AmazonS3FullAccess');
    attach(r, 'admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
    const findings = check(secManagedPolicy, r);
    expect(findings.map((f) => [f.severity, f.address])).toEqual([['warning', 'aws_iam_role_policy_attachment.s3']]);
    expect(findings[0]!.message).toContain('AmazonS3FullAccess is attached to aws_iam_role.job (assumed by ecs-tasks)');
  });

  it('passes the Batch/ECS policies and customer managed policies', () => {
    const r = jobRole();
    attach(r, 'a', 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role');
    attach(r, 'b', 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
    attach(r, 'c', 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole');
    attach(r, 'd', 'arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole');
    attach(r, 'e', 'arn:aws:iam::aws:policy/service-role/AWSBatchServiceEventTargetRole');
    attach(r, 'own', `arn:aws:iam::${ACCOUNT}:policy/job-data`);
    expect(check(secManagedPolicy, r)).toEqual([]);
  });
});

describe('BATCH_SEC_TRUST_OPEN', () => {
  it('reports a service role that an account or anyone may also assume', () => {
    const r = jobRole();
    r.aws_iam_role!.job!.assume_role_policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: SOURCE_ACCOUNT },
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      ],
    });
    const [f, ...rest] = check(secTrustOpen, r);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      address: 'aws_iam_role.job',
      message: `assume_role_policy trusts AWS arn:aws:iam::${ACCOUNT}:root, "*" besides ecs-tasks`,
    });
  });

  it('passes a role trusting its service only, and leaves roles of people and CI alone', () => {
    expect(check(secTrustOpen, jobRole())).toEqual([]);
    const people: Resources = { aws_iam_role: { admin: { assume_role_policy: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) } } };
    expect(check(secTrustOpen, people)).toEqual([]);
  });
});

describe('BATCH_SEC_TRUST_SOURCE_ACCOUNT', () => {
  it('reports ecs-tasks and scheduler trust without aws:SourceAccount', () => {
    const r: Resources = {
      aws_iam_role: {
        job: { assume_role_policy: trust({ Service: 'ecs-tasks.amazonaws.com' }) },
        schedule: { assume_role_policy: trust({ Service: ['scheduler.amazonaws.com'] }, { StringEquals: { 'aws:PrincipalTag/team': 'x' } }) },
      },
    };
    expect(check(secTrustSourceAccount, r).map((f) => [f.severity, f.address, f.message])).toEqual([
      ['warning', 'aws_iam_role.job', 'assume_role_policy lets ecs-tasks.amazonaws.com assume the role with no aws:SourceAccount or aws:SourceArn condition'],
      ['warning', 'aws_iam_role.schedule', 'assume_role_policy lets scheduler.amazonaws.com assume the role with no aws:SourceAccount or aws:SourceArn condition'],
    ]);
  });

  it('passes aws:SourceAccount, aws:SourceArn (any operator, any case), and ec2, which sends neither', () => {
    const r: Resources = {
      aws_iam_role: {
        job: { assume_role_policy: trust({ Service: 'ecs-tasks.amazonaws.com' }, SOURCE_ACCOUNT) },
        batch: { assume_role_policy: trust({ Service: 'batch.amazonaws.com' }, { ArnLike: { 'AWS:SourceArn': `arn:aws:batch:eu-west-1:${ACCOUNT}:*` } }) },
        instance: { assume_role_policy: trust({ Service: 'ec2.amazonaws.com' }) },
      },
    };
    expect(check(secTrustSourceAccount, r)).toEqual([]);
  });

  it('reads trust policies from aws_iam_policy_document conditions', () => {
    const data = (condition: Body[]) => ({
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }], condition }],
    });
    const model = (condition: Body[]) =>
      new TerraformModel({
        resource: { aws_iam_role: { rule: { assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } } },
        data: { aws_iam_policy_document: { trust: data(condition) } },
      });
    expect(secTrustSourceAccount.check(model([]))).toHaveLength(1);
    expect(secTrustSourceAccount.check(model([{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }]))).toEqual([]);
  });
});
