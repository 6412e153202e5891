/** IAM documents as plain data, written as canonical JSON (src/hcl/json-document.ts). */
import { jsonDocument } from '../../hcl/json-document';

export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  /** Resource policies only. */
  readonly Principal?: '*' | Readonly<Record<string, string | string[]>>;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  /** e.g. `{ StringEquals: { 'elasticfilesystem:AccessPointArn': '...' } }` */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean>>>>;
}

export function policyDocument(statements: readonly Statement[]): string {
  return jsonDocument({ Version: '2012-10-17', Statement: statements });
}

/**
 * A trust policy for one AWS service. Where the service sends
 * `aws:SourceAccount`, the condition stops another account's use of the
 * service from assuming the role (the confused-deputy problem).
 */
export function trustPolicy(service: string, sourceAccount?: string): string {
  return jsonDocument({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        ...(sourceAccount ? { Condition: { StringEquals: { 'aws:SourceAccount': sourceAccount } } } : {}),
      },
    ],
  });
}


