import { describe, expect, it } from 'vitest';
import { ANY_CHAR, ANY_FIELD, actionMatches, literal, mayMatch, type Token } from '../../../../src/doctor/views/iam/match';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db';
/** A secret whose 6-character suffix is not known. */
const partial: Token[] = [...literal(`${SECRET}-`), ...Array<Token>(6).fill(ANY_CHAR)];
/** An SSM parameter given by name: partition, region and account not known. */
const byName: Token[] = [...literal('arn:'), ANY_FIELD, ...literal(':ssm:'), ANY_FIELD, ':', ANY_FIELD, ...literal(':parameter/crawl/token')];

describe('IAM wildcard matching with unknown parts', () => {
  it('matches literals exactly, case-sensitively', () => {
    expect(mayMatch(SECRET, literal(SECRET))).toBe(true);
    expect(mayMatch(SECRET.toUpperCase(), literal(SECRET))).toBe(false);
    expect(mayMatch(`${SECRET}:password::`, literal(SECRET))).toBe(false);
  });

  it('lets * span colons and ? take exactly one character', () => {
    expect(mayMatch('*', literal(SECRET))).toBe(true);
    expect(mayMatch('arn:aws:secretsmanager:*', literal(SECRET))).toBe(true);
    expect(mayMatch('arn:aws:secretsmanager:eu-west-?:123456789012:secret:d?', literal(SECRET))).toBe(true);
    expect(mayMatch('arn:aws:secretsmanager:eu-west-?:123456789012:secret:d?b', literal(SECRET))).toBe(false);
  });

  it('matches an unknown suffix with ??????, * or a concrete suffix, not with the bare name or too few ?', () => {
    expect(mayMatch(`${SECRET}-??????`, partial)).toBe(true);
    expect(mayMatch(`${SECRET}-*`, partial)).toBe(true);
    expect(mayMatch(`${SECRET}-AbC123`, partial)).toBe(true);
    expect(mayMatch(SECRET, partial)).toBe(false);
    expect(mayMatch(`${SECRET}-?????`, partial)).toBe(false);
    expect(mayMatch(`${SECRET}-AbC12!`, partial)).toBe(false);
  });

  it('matches unknown ARN fields with anything but a colon', () => {
    expect(mayMatch('arn:aws:ssm:eu-west-1:123456789012:parameter/crawl/token', byName)).toBe(true);
    expect(mayMatch('arn:aws:ssm:*:*:parameter/crawl/*', byName)).toBe(true);
    expect(mayMatch('arn:aws:ssm:eu-west-1:123456789012:parameter//crawl/token', byName)).toBe(false);
    expect(mayMatch('arn:aws:ssm:eu:west:1:123456789012:parameter/crawl/token', byName)).toBe(false);
  });

  it('compares actions without case', () => {
    expect(actionMatches('SecretsManager:Get*', 'secretsmanager:GetSecretValue')).toBe(true);
    expect(actionMatches('ssm:GetParameter', 'ssm:GetParameters')).toBe(false);
  });
});
