/**
 * Turns user input into a ResolvedConfig, or a ConfigError listing every
 * problem with its config path, the bad value, what is allowed and the fix.
 */
import type { z } from 'zod';
import { ConfigError, formatPath, show, type ConfigProblem } from './errors';
import { describeFargateMemory, isValidFargatePair } from '../aws/fargate';
import { notificationProblems } from '../notify/check';
import { scheduleProblems } from '../schedule/check';
import { fairShareProblems } from '../queue/fair-share';
import { secretProblems } from '../iam/secrets';
import { instanceTypeProblem } from '../aws/instance-types';
import { looksLikeSecret } from '../aws/secret-names';
import { caseCollisionProblems } from './aws-names';
import { inputProblems } from './input';
import { tagProblems } from './tags';
import {
  BatchConfigSchema,
  DEFAULT_AZS,
  isFargate,
  type ResolvedComputeEnvironment,
  type ResolvedConfig,
} from './schema';

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
  const problems = withRaw(crossCheck(input, config));
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
    computeEnvironments[key] = {
      ...ce,
      minVcpus: ce.minVcpus ?? 0,
      instanceTypes: ce.instanceTypes ?? (ec2 ? ['default_x86_64'] : []),
      // BATCH-FACTS: only these two strategies keep instance type, subnet and
      // launch template edits in place; BEST_FIT (the API default) replaces.
      allocationStrategy: ce.allocationStrategy ?? (ce.type === 'SPOT' ? 'SPOT_CAPACITY_OPTIMIZED' : 'BEST_FIT_PROGRESSIVE'),
    };
  }
  return {
    ...data,
    availabilityZones: data.availabilityZones ?? [...(DEFAULT_AZS[data.region] ?? [])],
    computeEnvironments,
  };
}

// ---------------------------------------------------------------------------
// Checks across fields: references and what AWS Batch accepts together
// ---------------------------------------------------------------------------

function crossCheck(input: unknown, config: ResolvedConfig): ConfigProblem[] {
  /** Whether the user wrote this field (a problem is reported where it was written, not at a default). */
  const given = (...path: string[]) => valueAt(input, path) !== undefined;
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  const ceKeys = Object.keys(config.computeEnvironments);

  if (config.network.mode !== 'existing' && config.availabilityZones.length < 2) {
    add('availabilityZones', `${given('availabilityZones') ? `got ${show(config.availabilityZones)}` : 'is missing'}; a new VPC needs subnets in at least two availability zones of ${config.region}`, `list them, e.g. "availabilityZones": ["${config.region}a", "${config.region}c"]`);
  }
  config.availabilityZones.forEach((az, i) => {
    if (!az.startsWith(config.region)) {
      add(`availabilityZones[${i}]`, `got ${show(az)}, which is not in region ${config.region}`, `use availability zones of ${config.region}, e.g. ${config.region}a`);
    }
    // One subnet per AZ and entry: a second one would repeat its CIDR block and Terraform names.
    const first = config.availabilityZones.indexOf(az);
    if (first !== i) add(`availabilityZones[${i}]`, `got ${show(az)} again (also availabilityZones[${first}]); each availability zone gets one subnet`, `remove the second ${show(az)}, or list another zone of ${config.region}`);
  });
  if (ceKeys.length === 0) {
    add('computeEnvironments', 'got {}; at least one compute environment is needed', 'add one, e.g. "computeEnvironments": {"fargate": {"type": "FARGATE"}}');
  }
  if (Object.keys(config.jobQueues).length === 0) {
    add('jobQueues', 'got {}; at least one job queue is needed', 'add one, e.g. "jobQueues": {"main": {"computeEnvironments": ["fargate"]}}');
  }

  for (const [key, ce] of Object.entries(config.computeEnvironments)) {
    const at = `computeEnvironments.${key}`;
    if (isFargate(ce.type)) {
      for (const field of ['minVcpus', 'instanceTypes', 'allocationStrategy', 'bidPercentage'] as const) {
        if (given('computeEnvironments', key, field)) {
          add(`${at}.${field}`, `got ${show(valueAt(input, ['computeEnvironments', key, field]))}; ${field} does not apply to ${ce.type} compute environments`, `remove ${field}`);
        }
      }
      // docs/aws-batch-facts.md#fargate-compute-environments-take-no-update-policy
      if (given('computeEnvironments', key, 'updatePolicy')) {
        add(`${at}.updatePolicy`, `got ${show(valueAt(input, ['computeEnvironments', key, 'updatePolicy']))}; AWS Batch refuses an update policy on ${ce.type} compute environments, so the first apply would fail`, 'remove updatePolicy: it applies to EC2 and SPOT compute environments only');
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

  for (const [key, queue] of Object.entries(config.jobQueues)) {
    const at = `jobQueues.${key}.computeEnvironments`;
    const seen = new Set<string>();
    queue.computeEnvironments.forEach((ref, i) => {
      if (!(ref in config.computeEnvironments)) {
        add(`${at}[${i}]`, `got ${show(ref)}, which is not a compute environment of this config`, `use one of: ${ceKeys.join(', ') || '(none defined)'}`);
      } else if (seen.has(ref)) {
        add(`${at}[${i}]`, `got ${show(ref)} twice; each compute environment can appear once in a queue`, `remove the second ${show(ref)}`);
      }
      seen.add(ref);
    });
    const types = queue.computeEnvironments.map((ref) => config.computeEnvironments[ref]?.type).filter((t) => t !== undefined);
    if (types.some(isFargate) && !types.every(isFargate)) {
      add(at, `mixes EC2/SPOT with FARGATE/FARGATE_SPOT compute environments (${types.join(', ')}); AWS Batch rejects such a queue`, 'use one queue for EC2/SPOT and another for Fargate');
    }
  }

  for (const [key, job] of Object.entries(config.jobDefinitions)) {
    const at = `jobDefinitions.${key}`;
    const queue = config.jobQueues[job.queue];
    if (!queue) {
      add(`${at}.queue`, `got ${show(job.queue)}, which is not a job queue of this config`, `use one of: ${Object.keys(config.jobQueues).join(', ') || '(none defined)'}`);
      continue;
    }
    const firstCe = config.computeEnvironments[queue.computeEnvironments[0] ?? ''];
    if (!firstCe) continue;
    if (isFargate(firstCe.type)) {
      if (job.gpus > 0) {
        add(`${at}.gpus`, `got ${job.gpus}; queue ${show(job.queue)} runs on Fargate, which has no GPUs`, 'set "gpus": 0, or use a queue of EC2/SPOT compute environments with GPU instance types (g5, p4d...)');
      }
      if (job.privileged) {
        add(`${at}.privileged`, 'got true; Fargate jobs cannot run privileged', 'remove "privileged", or run the job on an EC2/SPOT queue');
      }
      if (!isValidFargatePair(job.vcpus, job.memoryMiB)) {
        const field = given('jobDefinitions', key, 'memoryMiB') ? 'memoryMiB' : given('jobDefinitions', key, 'vcpus') ? 'vcpus' : '';
        add(field ? `${at}.${field}` : at, `got vcpus ${job.vcpus} with memoryMiB ${job.memoryMiB}; ${describeFargateMemory(job.vcpus)}`, 'pick a vCPU/memory pair from the Fargate table in the README');
      }
    } else if (!Number.isInteger(job.vcpus)) {
      add(`${at}.vcpus`, `got ${job.vcpus}; jobs on EC2/SPOT compute environments take whole vCPUs`, `use ${Math.ceil(job.vcpus)}`);
    }
    for (const [field, names] of [['environment', Object.keys(job.environment)], ['secrets', Object.keys(job.secrets)]] as const) {
      for (const name of names.filter((n) => n.startsWith(RESERVED_ENV_PREFIX))) {
        add(`${at}.${field}.${name}`, `${name} starts with ${RESERVED_ENV_PREFIX}, which AWS Batch reserves for the variables it sets itself (AWS_BATCH_JOB_ID...); it refuses the job definition`, `rename the variable, e.g. ${name.slice(RESERVED_ENV_PREFIX.length).replace(/^_+/, '') || 'MY_VARIABLE'}`);
      }
    }
    for (const name of Object.keys(job.environment)) {
      if (looksLikeSecret(name)) {
        add(`${at}.environment.${name}`, `${name} looks like a secret, and environment values are stored in plain text in the job definition (and the Terraform state)`, `store it in Secrets Manager or SSM Parameter Store and reference its ARN: "secrets": {"${name}": "arn:aws:secretsmanager:${config.region}:${config.accountId}:secret:..."}`);
      }
    }
    if (config.network.mode === 'endpoints' && !isRegionalEcrImage(job.image, config.region)) {
      const ecrPublic = /^public\.ecr\.aws\/(.+)$/.exec(job.image);
      if (ecrPublic) {
        // docs/aws-batch-facts.md#vpc-endpoints-do-not-serve-ecr-public
        add(`${at}.image`, `got ${show(job.image)}; VPC endpoints do not serve ECR Public (public.ecr.aws), and network mode "endpoints" has no internet access`, `create an ECR pull through cache rule for ECR Public (prefix "ecr-public") and use ${config.accountId}.dkr.ecr.${config.region}.amazonaws.com/ecr-public/${ecrPublic[1]}, or use network mode "nat"`);
      } else {
        add(`${at}.image`, `got ${show(job.image)}; network mode "endpoints" has no internet access, so only ECR images of ${config.region} can be pulled`, `push the image to ECR (${config.accountId}.dkr.ecr.${config.region}.amazonaws.com/<repository>:<tag>), or use network mode "nat"`);
      }
    }
  }
  problems.push(
    ...scheduleProblems(config),
    ...notificationProblems(config),
    ...fairShareProblems(config),
    ...secretProblems(config),
    ...caseCollisionProblems(config),
    ...tagProblems(config),
  );
  return problems;
}

/** docs/aws-batch-facts.md#reserved-environment-variables */
const RESERVED_ENV_PREFIX = 'AWS_BATCH';


/** True for a private ECR image in the given region (reachable through the ecr.api / ecr.dkr endpoints). */
export function isRegionalEcrImage(image: string, region: string): boolean {
  return new RegExp(`^\\d{12}\\.dkr\\.ecr\\.${region.replace(/-/g, '\\-')}\\.amazonaws\\.com/`).test(image);
}

// ---------------------------------------------------------------------------
// Schema issues, in words a user can act on
// ---------------------------------------------------------------------------

function schemaProblem(issue: z.core.$ZodIssue, input: unknown): ConfigProblem {
  const value = valueAt(input, issue.path);
  const path = formatPath(issue.path);
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) {
    const expected = issue.code === 'invalid_type' ? issue.expected : issue.code === 'invalid_value' ? `one of ${issue.values.map((v) => show(v)).join(', ')}` : 'a value';
    return { path, message: `is missing; expected ${expected}`, fix: `add ${String(issue.path[issue.path.length - 1] ?? 'it')} (${expected})` };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { path, message: `got ${show(value)}; expected ${issue.expected === 'int' ? 'a whole number' : issue.expected}`, fix: `set ${path} to ${issue.expected === 'int' ? 'a whole number' : `a value of type ${issue.expected}`}` };
    case 'unrecognized_keys': {
      const first = issue.keys[0] ?? '';
      const keyPath = formatPath([...issue.path, first]);
      const allowed = allowedKeys(issue.path, input);
      const guess = closest(first, allowed);
      return {
        path: keyPath,
        message: `unknown key${issue.keys.length > 1 ? `s ${issue.keys.map((k) => show(k)).join(', ')}` : ` ${show(first)}`}; allowed here: ${allowed.join(', ')}`,
        fix: guess ? `did you mean ${show(guess)}? rename it` : 'remove it',
      };
    }
    case 'invalid_value':
      return { path, message: `got ${show(value)}; allowed: ${issue.values.map((v) => show(v)).join(', ')}`, fix: `use one of ${issue.values.map((v) => show(v)).join(', ')}` };
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        return { path, message: `got ${show(value)}; allowed: "endpoints", "nat", "public", "existing"`, fix: 'use one of "endpoints" (default), "nat", "public", "existing"' };
      }
      return { path, message: `got ${show(value)}, which matches none of the allowed shapes`, fix: 'see the config reference in the README' };
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
      const inclusive = issue.inclusive !== false;
      const what = issue.origin === 'array' ? 'items' : issue.origin === 'string' ? 'characters' : '';
      const got = issue.origin === 'array' ? `${(value as unknown[]).length} items` : issue.origin === 'string' ? `${show(value)} (${String(value).length} characters)` : show(value);
      const limit = `${small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${String(bound)}${what ? ` ${what}` : ''}`;
      return { path, message: `got ${got}; must be ${limit}`, fix: `set ${path} to ${limit}` };
    }
    case 'invalid_format':
      return { path, message: `got ${show(value)}; ${issue.message}`, fix: `change ${path} so it ${issue.message}` };
    case 'invalid_key': {
      const key = String(issue.path[issue.path.length - 1]);
      const inner = issue.issues[0]?.message ?? 'is not allowed';
      return { path, message: `key ${show(key)} ${inner}`, fix: 'rename the key' };
    }
    default:
      return { path, message: `got ${show(value)}; ${issue.message}`, fix: 'see the config reference in the README' };
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/** Keys the schema allows for the object at `path`, following the input through maps and unions. */
function allowedKeys(path: readonly PropertyKey[], input: unknown): string[] {
  let schema = BatchConfigSchema as unknown as z.core.$ZodType;
  let node = input;
  const unwrap = (): void => {
    for (;;) {
      const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType; options?: z.core.$ZodType[]; discriminator?: string };
      if ((def.type === 'default' || def.type === 'optional') && def.innerType) schema = def.innerType;
      else if (def.type === 'union' && def.options && def.discriminator) {
        const tag = (node as Record<string, unknown> | undefined)?.[def.discriminator];
        const match = def.options.find((o) => (o as unknown as { shape: Record<string, { value?: unknown }> }).shape[def.discriminator!]?.value === tag);
        if (!match) return;
        schema = match;
      } else if (def.type === 'union' && def.options && node !== null && typeof node === 'object' && !Array.isArray(node)) {
        // A value that may be a string or an object (a secret): follow the object shape.
        const match = def.options.find((o) => (o._zod.def as { type: string }).type === 'object');
        if (!match) return;
        schema = match;
      } else return;
    }
  };
  for (const part of path) {
    unwrap();
    const def = schema._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType; element?: z.core.$ZodType };
    const next = def.type === 'object' ? def.shape?.[String(part)] : def.type === 'record' ? def.valueType : def.type === 'array' ? def.element : undefined;
    if (!next) return [];
    schema = next;
    node = (node as Record<PropertyKey, unknown> | undefined)?.[part];
  }
  unwrap();
  const def = schema._zod.def as { type: string; shape?: Record<string, unknown> };
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The allowed key closest to a misspelled one, if it is close enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
