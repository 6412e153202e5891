/**
 * Turns user input into a ResolvedConfig, or a ConfigError listing every
 * problem with its config path, the bad value, what is allowed and the fix:
 * the input as written (checks/input.ts), then the schema (schema.ts, its
 * issues worded by schema-problems.ts), then the defaults (defaults.ts), then
 * the checks across fields (checks/).
 */
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors';
import { COMPUTE_ENVIRONMENT_DEFAULTS, DEFAULT_AVAILABILITY_ZONES } from './defaults';
import { BatchConfigSchema, isFargate, type ResolvedComputeEnvironment, type ResolvedConfig } from './schema';
import { schemaProblem } from './schema-problems';
import { userDataScript } from '../aws/user-data';
import { inputProblems } from './checks/input';
import { networkProblems } from './checks/network';
import { computeEnvironmentProblems, noComputeEnvironmentProblems } from './checks/compute-environments';
import { fairShareProblems, jobQueueProblems, noJobQueueProblems } from './checks/job-queues';
import { jobContainerProblems, jobDefinitionProblems, jobParameterProblems, multiNodeProblems, retryRuleProblems, secretProblems } from './checks/job-definitions';
import { fileSystemProblems } from './checks/file-systems';
import { scheduleProblems } from './checks/schedules';
import { notificationProblems } from './checks/notifications';
import { caseCollisionProblems } from './checks/names';
import { tagProblems } from './checks/tags';

/**
 * The checks across fields, one file per config section (checks/), run on
 * the config with its defaults applied. A ConfigError lists the problems in
 * this order: empty sections before the entries of any section.
 */
const CROSS_FIELD_CHECKS: ReadonlyArray<(config: ResolvedConfig, input: unknown) => ConfigProblem[]> = [
  networkProblems,
  noComputeEnvironmentProblems,
  noJobQueueProblems,
  computeEnvironmentProblems,
  jobQueueProblems,
  jobDefinitionProblems,
  jobContainerProblems,
  multiNodeProblems,
  retryRuleProblems,
  jobParameterProblems,
  fileSystemProblems,
  scheduleProblems,
  notificationProblems,
  fairShareProblems,
  secretProblems,
  caseCollisionProblems,
  tagProblems,
];

/** Validates a config and applies its defaults. Throws ConfigError. */
export function parseConfig(input: unknown, source = 'config'): ResolvedConfig {
  // What the schema would drop or pass on unchanged (a __proto__ key, spaces around an ARN).
  const raw = inputProblems(input);
  // One problem per path: the raw one says best what is wrong there.
  const withRaw = (others: ConfigProblem[]) => [...raw, ...others.filter((p) => !raw.some((r) => r.path === p.path))];
  const parsed = BatchConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(source, withRaw(parsed.error.issues.map((issue) => schemaProblem(issue, input))));
  }
  const config = resolveDefaults(parsed.data);
  const problems = withRaw(CROSS_FIELD_CHECKS.flatMap((check) => check(config, input)));
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
}

// ---------------------------------------------------------------------------
// Defaults that depend on other fields
// ---------------------------------------------------------------------------

function resolveDefaults(data: z.output<typeof BatchConfigSchema>): ResolvedConfig {
  const computeEnvironments: Record<string, ResolvedComputeEnvironment> = {};
  for (const [key, ce] of Object.entries(data.computeEnvironments)) {
    const ec2 = !isFargate(ce.type);
    const { userData, ...rest } = ce;
    computeEnvironments[key] = {
      ...rest,
      ...(userData !== undefined ? { userData: userDataScript(userData) } : {}),
      minVcpus: ce.minVcpus ?? COMPUTE_ENVIRONMENT_DEFAULTS.minVcpus,
      instanceTypes: ce.instanceTypes ?? (ec2 ? [...COMPUTE_ENVIRONMENT_DEFAULTS.instanceTypes] : []),
      allocationStrategy: ce.allocationStrategy ?? COMPUTE_ENVIRONMENT_DEFAULTS.allocationStrategy[ce.type === 'SPOT' ? 'SPOT' : 'EC2'],
    };
  }
  return {
    ...data,
    availabilityZones: data.availabilityZones ?? [...(DEFAULT_AVAILABILITY_ZONES[data.region] ?? [])],
    computeEnvironments,
  };
}
