/**
 * The README's config reference is generated from the schema: every field
 * has a row, no row names a field the schema lacks, and the defaults shown
 * are the named constants. (__tests__/docs.test.ts checks the README holds
 * the current table.)
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELD_NOTES, configReferenceMarkdown } from '../../src/config/reference';
import { COMPUTE_ENVIRONMENT_DEFAULTS, DEFAULT_REGION, JOB_DEFINITION_DEFAULTS, JOB_QUEUE_DEFAULTS, NETWORK_DEFAULTS, STACK_DEFAULTS } from '../../src/config/defaults';

const table = configReferenceMarkdown();
const row = (field: string) => table.split('\n').find((line) => line.startsWith(`| \`${field}\` |`));
const cells = (field: string) => row(field)?.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, ''));

describe('the config reference table', () => {
  it('refuses a schema field without notes, naming it', () => {
    const { 'jobQueues.*.priority': _, ...notes } = CONFIG_FIELD_NOTES;
    expect(() => configReferenceMarkdown(notes)).toThrow('src/config/reference.ts has no notes for the config field jobQueues.*.priority: add them');
  });

  it('refuses notes for a field the schema does not have', () => {
    expect(() => configReferenceMarkdown({ ...CONFIG_FIELD_NOTES, 'jobQueues.*.priorty': { notes: 'typo' } })).toThrow('notes for fields the schema does not have: jobQueues.*.priorty');
  });

  it('has a row for every field, map entries written ….field after the first', () => {
    expect(row('name')).toBeDefined();
    expect(row('network.assignPublicIp')).toBeDefined();
    expect(row('computeEnvironments.<key>.type')).toBeDefined();
    expect(row('….updatePolicy')).toBeDefined();
    expect(row('jobDefinitions.<key>.queue')).toBeDefined();
    expect(row('backend')).toBeDefined();
  });

  it.each([
    ['region', `\`${DEFAULT_REGION}\``],
    ['network.mode', `\`${NETWORK_DEFAULTS.mode}\``],
    ['network.vpcCidr', `\`${NETWORK_DEFAULTS.vpcCidr}\``],
    ['serviceRole', `\`${STACK_DEFAULTS.serviceRole}\``],
    ['logRetentionDays', `\`${STACK_DEFAULTS.logRetentionDays}\``],
    ['….maxVcpus', `\`${COMPUTE_ENVIRONMENT_DEFAULTS.maxVcpus}\``],
    ['….allocationStrategy', `\`${COMPUTE_ENVIRONMENT_DEFAULTS.allocationStrategy.EC2}\` (EC2), \`${COMPUTE_ENVIRONMENT_DEFAULTS.allocationStrategy.SPOT}\` (SPOT)`],
    ['….runnableTimeoutSeconds', `\`${JOB_QUEUE_DEFAULTS.runnableTimeoutSeconds}\``],
    ['….memoryMiB', `\`${JOB_DEFINITION_DEFAULTS.memoryMiB}\``],
    ['….retryAttempts', `\`${JOB_DEFINITION_DEFAULTS.retryAttempts}\``],
  ])('shows the default of %s from src/config/defaults.ts', (field, expected) => {
    expect(cells(field)?.[2]).toBe(expected);
  });

  it('reads types from the schema: enums, ranges, object fields', () => {
    expect(cells('computeEnvironments.<key>.type')?.[1]).toBe('`EC2` \\| `SPOT` \\| `FARGATE` \\| `FARGATE_SPOT`');
    expect(cells('network.mode')?.[1]).toBe('`endpoints` \\| `nat` \\| `public` \\| `existing`');
    expect(cells('….runnableTimeoutSeconds')?.[1]).toBe('integer 600-86400');
    expect(cells('backend')?.[1]).toBe('`{type: "s3", bucket, key, region}`');
    expect(cells('name')?.[2]).toBe('required');
  });
});
