/**
 * The README's config reference table, generated from the schema: one row
 * per field the schema has (in its order), the type read from the schema,
 * the default from the schema's defaults (defaults.ts), and the notes below.
 * A field without notes, or notes for a field the schema does not have, is
 * an error, so the table cannot drift from the schema (`npm run docs`
 * rewrites it; a test fails when the README is stale).
 */
import type { z } from 'zod';
import { COMPUTE_ENVIRONMENT_DEFAULTS, DEFAULT_AVAILABILITY_ZONES, FILE_SYSTEM_DEFAULTS, NETWORK_DEFAULTS } from './defaults';
import { BatchConfigSchema } from './schema';
import { MAX_TAGS, OWN_TAG_KEYS, STACK_TAG_KEYS } from './checks/tags';

export interface FieldNotes {
  /** What the field is for and what the checks refuse (Markdown). */
  readonly notes: string;
  /** A type clearer than the schema's (a CIDR, an ARN...). @default - read from the schema */
  readonly type?: string;
  /** A default the resolver applies, or what no value means. @default - the schema's default, else "required" or "none" */
  readonly default?: string;
  /** Document the fields of this map's entries (or of this object) instead of the field itself. */
  readonly expand?: true;
}

const code = (value: string | number | boolean) => `\`${String(value)}\``;
const ownTags = MAX_TAGS - new Set([...STACK_TAG_KEYS, ...OWN_TAG_KEYS]).size;
const defaultZones = Object.entries(DEFAULT_AVAILABILITY_ZONES)
  .map(([region, zones]) => `${region}: ${zones.map((zone) => code(zone.slice(region.length))).join(', ')}`)
  .join('; ');

/** Notes per field path; `*` stands for a map key. */
export const CONFIG_FIELD_NOTES: Readonly<Record<string, FieldNotes>> = {
  name: { notes: 'prefix of every AWS name; lowercase, digits, `-`' },
  accountId: { notes: "12 digits; the provider's `allowed_account_ids`" },
  region: { notes: '' },
  availabilityZones: { default: defaultZones, notes: 'at least 2, each once; required for other regions (nothing asks AWS at plan time)' },
  tags: {
    notes: `on every resource, through the provider's \`default_tags\`, with ${STACK_TAG_KEYS.map((key) => code(key)).join(' and ')} (the stack id and the project), which you cannot set; network resources add ${OWN_TAG_KEYS.map((key) => code(key)).join(', ')}: at most ${ownTags} of your own (AWS allows ${MAX_TAGS} per resource); no \`aws:\` prefix on keys or values; letters, digits, spaces and \`_ . : / = + - @\` only; keys unique ignoring case (IAM)`,
  },
  network: { expand: true, notes: '' },
  'network.mode': { default: code(NETWORK_DEFAULTS.mode), notes: 'see [What gets created](#what-gets-created)' },
  'network.vpcCidr': { type: 'CIDR /16-/22', notes: 'new VPC modes (`endpoints`, `nat`, `public`); subnets are /+4 blocks' },
  'network.natGateways': { notes: '`nat` mode' },
  'network.subnetIds': { notes: '`existing` mode' },
  'network.securityGroupIds': { notes: '`existing` mode' },
  'network.assignPublicIp': { notes: '`existing` mode: Fargate needs it when the subnets have no NAT and no endpoints' },
  serviceRole: { notes: '`custom` makes infrastructure edits replace compute environments' },
  logRetentionDays: { notes: "CloudWatch Logs' retention periods" },
  computeEnvironments: { expand: true, notes: '' },
  'computeEnvironments.*.type': { notes: '' },
  'computeEnvironments.*.maxVcpus': { notes: '' },
  'computeEnvironments.*.minVcpus': { default: code(COMPUTE_ENVIRONMENT_DEFAULTS.minVcpus), notes: 'EC2/SPOT' },
  'computeEnvironments.*.instanceTypes': {
    default: code(JSON.stringify(COMPUTE_ENVIRONMENT_DEFAULTS.instanceTypes)),
    notes: 'EC2/SPOT; types (`m6i.large`), families (`m6i`), `optimal`, `default_arm64`; checked against the EC2 instance types ([src/aws/instance-catalogue.ts](src/aws/instance-catalogue.ts))',
  },
  'computeEnvironments.*.allocationStrategy': {
    default: Object.entries(COMPUTE_ENVIRONMENT_DEFAULTS.allocationStrategy).map(([type, strategy]) => `${code(strategy)} (${type})`).join(', '),
    notes: 'EC2/SPOT; `BEST_FIT` and `SPOT_PRICE_CAPACITY_OPTIMIZED` make edits replace the compute environment',
  },
  'computeEnvironments.*.bidPercentage': { default: 'the on-demand price', notes: 'SPOT' },
  'computeEnvironments.*.state': { notes: '' },
  'computeEnvironments.*.updatePolicy': {
    notes: 'EC2/SPOT only; refused on Fargate, where Batch rejects it ([why](docs/aws-batch-facts.md#fargate-compute-environments-take-no-update-policy))',
  },
  'computeEnvironments.*.rootVolume': { expand: true, notes: '' },
  'computeEnvironments.*.rootVolume.sizeGiB': {
    default: "the AMI's (30 GiB)",
    notes: "EC2/SPOT; gives the environment a launch template of its own (encrypted, IMDSv2 like the shared one); at least the AMI's root snapshot, 30 GiB for Batch's AMIs (not checkable with `imageId` / `gpuImageId`); gp2/gp3/io1 up to 16384, io2 65536; see [Compute environment settings](#compute-environment-settings)",
  },
  'computeEnvironments.*.rootVolume.type': { notes: 'always encrypted' },
  'computeEnvironments.*.rootVolume.iops': { default: "the type's baseline", notes: 'gp3 3000-16000; io1 100-64000 and io2 100-256000, required there' },
  'computeEnvironments.*.rootVolume.throughputMiBps': { default: "gp3's 125", notes: 'gp3 only' },
  'computeEnvironments.*.userData': {
    type: 'shell script: string or string[] (lines)',
    notes: 'EC2/SPOT; runs once on each instance at boot, before the ECS agent starts; starts with `#!`, ASCII, at most 16 KB with the MIME multi-part archive the stack wraps it in; gives the environment a launch template of its own; see [Compute environment settings](#compute-environment-settings)',
  },
  'computeEnvironments.*.imageId': {
    type: 'AMI id',
    default: "Batch's ECS_AL2023 AMI",
    notes: 'EC2/SPOT; the AMI of the non-GPU instance types (it must run the ECS agent); **removing it later keeps the AMI**, see [Compute environment settings](#compute-environment-settings)',
  },
  'computeEnvironments.*.gpuImageId': { type: 'AMI id', default: "Batch's ECS_AL2023_NVIDIA AMI", notes: 'EC2/SPOT; the AMI of the GPU instance types; as `imageId`' },
  'computeEnvironments.*.instanceTags': {
    notes: "EC2/SPOT; tags of the instances Batch launches, for cost allocation (the top-level `tags` do not reach them); a change replaces the instances, and replaces the environment when it is not updatable",
  },
  'computeEnvironments.*.placementGroup': {
    type: '`cluster`',
    notes: 'EC2/SPOT; a cluster placement group `<name>-<key>` of its own (multi-node jobs); needs one availability zone (`availabilityZones` / `subnetIds`); adding or removing it **replaces** the environment',
  },
  'computeEnvironments.*.availabilityZones': { default: 'all of them', notes: "new VPC modes; the environment's subnets: a subset of the top-level `availabilityZones`" },
  'computeEnvironments.*.subnetIds': { default: 'all of them', notes: "`existing` mode; the environment's subnets: a subset of `network.subnetIds`" },
  jobQueues: { expand: true, notes: '' },
  'jobQueues.*.computeEnvironments': { type: 'key[] (1-3)', notes: 'tried in order' },
  'jobQueues.*.priority': { notes: '' },
  'jobQueues.*.state': { notes: '' },
  'jobQueues.*.runnableTimeoutSeconds': { notes: 'cancel jobs stuck RUNNABLE for MISCONFIGURATION reasons' },
  'jobQueues.*.fairShare': {
    notes: 'cannot be removed from a queue again; `shares` maps share identifiers (or `prefix*`) to weights, none overlapping; see [Fair share](#fair-share)',
  },
  jobDefinitions: { expand: true, notes: '' },
  'jobDefinitions.*.queue': { type: 'key', notes: 'the queue it is made for; decides EC2 or Fargate' },
  'jobDefinitions.*.image': { notes: 'in `endpoints` mode: `<account>.dkr.ecr.<region>.amazonaws.com/...` (ECR Public only through a pull through cache rule)' },
  'jobDefinitions.*.command': { notes: '' },
  'jobDefinitions.*.environment': { notes: "values must not be empty; names must not start with `AWS_BATCH` (Batch's own)" },
  'jobDefinitions.*.secrets': {
    type: 'map of ARN or `{arn, kmsKeyArn}`',
    notes: 'environment variables from Secrets Manager or Parameter Store, names as in `environment`; see [Secrets](#secrets)',
  },
  'jobDefinitions.*.vcpus': { notes: 'whole numbers on EC2; Fargate 0.25-32' },
  'jobDefinitions.*.memoryMiB': { notes: 'Fargate: see below' },
  'jobDefinitions.*.gpus': { notes: 'EC2/SPOT with GPU instance types' },
  'jobDefinitions.*.retryAttempts': { notes: 'attempts in all; retries only Spot reclaims, and what `retryRules` say' },
  'jobDefinitions.*.timeoutSeconds': { default: 'no timeout', notes: '' },
  'jobDefinitions.*.jobRoleStatements': { notes: "the job's own permissions" },
  'jobDefinitions.*.propagateTags': { notes: '' },
  'jobDefinitions.*.privileged': { notes: 'root on the host; refused on Fargate; the doctor warns' },
  'jobDefinitions.*.schedules': { notes: 'see [On a schedule](#on-a-schedule); `parameters` must fill every `Ref::` of the command' },
  'jobDefinitions.*.shareIdentifier': {
    type: 'letters and digits',
    notes: 'required when the queue has `fairShare`, refused otherwise; the default share of its schedules, `npm run job` and the submit command',
  },
  'jobDefinitions.*.schedulingPriority': { notes: 'fair-share queues only: higher runs first within a share' },
  'jobDefinitions.*.parameters': {
    notes: 'defaults for the command\'s `Ref::name` placeholders (each must be used there); a submitted job\'s or schedule\'s parameters override them',
  },
  'jobDefinitions.*.deregisterOnNewRevision': {
    notes: '`false` keeps earlier revisions ACTIVE for pipelines pinned to `name:revision`; a replacement (a retry rule added or removed, a key renamed) still deregisters them all ([why](docs/aws-batch-facts.md#job-definition-revisions-and-normalisation))',
  },
  'jobDefinitions.*.retryRules': {
    type: '`{action, onExitCode, onReason, onStatusReason}`[]',
    notes: 'tried in order between the stack\'s Spot-reclaim RETRY and its final EXIT on anything else: at most 3 (AWS allows 5 in all), 4 when the last is a catch-all of your own; adding or removing one **replaces** the job definition ([retry rules](#retry-rules))',
  },
  'jobDefinitions.*.volumes': {
    type: 'map of `{containerPath, readOnly, host, efs, accessPoint, rootDirectory, transitEncryption}`',
    notes: 'EFS (`efs`: a key of `fileSystems`) or a host folder (`host`, EC2/SPOT only); see [Volumes](#volumes)',
  },
  'jobDefinitions.*.sharedMemoryMiB': { default: "Docker's 64 MiB", notes: 'EC2/SPOT; `/dev/shm`; with the `tmpfs` sizes it must stay below `memoryMiB`, which it counts against' },
  'jobDefinitions.*.tmpfs': { type: 'map of `{sizeMiB, mountOptions}` by container path', notes: 'EC2/SPOT; counts against `memoryMiB`' },
  'jobDefinitions.*.initProcess': { notes: 'an init process as PID 1 (`docker run --init`)' },
  'jobDefinitions.*.swap': { default: "the instance's", notes: 'EC2/SPOT; the ECS-optimized AMIs have no swap unless user data makes some' },
  'jobDefinitions.*.ulimits': { type: 'map of `{soft, hard}` by ulimit name', notes: 'EC2/SPOT; `nofile`, `nproc`, `memlock`... (the 15 of the Ulimit API); soft ≤ hard' },
  'jobDefinitions.*.user': { default: "the image's", notes: '`name`, `uid`, `uid:gid` or `user:group`' },
  'jobDefinitions.*.readonlyRootFilesystem': { notes: '' },
  'jobDefinitions.*.ephemeralStorageGiB': { default: "Fargate's 20 GiB", notes: 'Fargate only' },
  'jobDefinitions.*.cpuArchitecture': { notes: 'Fargate only; `ARM64` needs an arm64 (or multi-arch) image' },
  'jobDefinitions.*.platformVersion': { notes: 'Fargate only; `1.3.0` has no ephemeral storage, ARM64 or EFS' },
  'jobDefinitions.*.multiNode': {
    type: '`{numNodes, mainNode, instanceType, nodeRanges}`',
    default: 'a single-container job',
    notes: 'a multi-node parallel job; EC2 on-demand queues only (not Spot, not Fargate); see [Multi-node parallel jobs](#multi-node-parallel-jobs)',
  },
  fileSystems: { expand: true, notes: '' },
  'fileSystems.*.fileSystemId': {
    default: 'the stack creates one',
    notes: 'an existing file system (network mode `existing` only: its mount targets are in your VPC); a created one needs a VPC the stack creates',
  },
  'fileSystems.*.throughputMode': { default: `\`${FILE_SYSTEM_DEFAULTS.throughputMode}\``, notes: 'a file system the stack creates' },
  'fileSystems.*.iamAuthorization': {
    notes: 'mount with the job role: job roles get `ClientMount` (and `ClientWrite` for writable mounts); a created file system gets a policy refusing clients without IAM or TLS',
  },
  'fileSystems.*.accessPoints': {
    type: 'map of `{path, uid, gid, permissions}` or `{accessPointId}`',
    notes: `a created file system: \`path\`, \`uid\`, \`gid\`, \`permissions\` (default \`${FILE_SYSTEM_DEFAULTS.accessPointPermissions}\`); an existing one: \`accessPointId\``,
  },
  notifications: { notes: 'see [Failure notifications](#failure-notifications)' },
  permissionsBoundary: {
    type: 'managed policy ARN',
    notes: "the permissions boundary of every IAM role the stack creates; required (the bootstrap's `permissions_boundary_arn`) for an environment the apply workflow deploys",
  },
  doctorSuppressions: {
    type: '`[{rule, address, reason}]`',
    notes: 'doctor findings this environment accepts, each with a written reason (`address`: a Terraform address or a glob, every address of the rule when absent); see [Preflight doctor](#preflight-doctor)',
  },
  backend: {
    default: 'local state',
    notes: "S3 state with encryption and Terraform's native lock file (`use_lockfile`), no DynamoDB; see [Working in pull requests](#working-in-pull-requests)",
  },
};

type Schema = z.core.$ZodType;
interface Def {
  readonly type: string;
  readonly innerType?: Schema;
  readonly defaultValue?: unknown;
  readonly shape?: Record<string, Schema>;
  readonly valueType?: Schema;
  readonly element?: Schema;
  readonly options?: readonly Schema[];
  readonly entries?: Record<string, string>;
  readonly values?: readonly unknown[];
  readonly checks?: ReadonlyArray<{ _zod: { def: { check: string; value?: number; inclusive?: boolean; format?: string; minimum?: number; maximum?: number } } }>;
}
const def = (schema: Schema) => schema._zod.def as unknown as Def;

interface Row {
  readonly field: string;
  readonly type: string;
  readonly default: string;
  readonly notes: string;
}

/** The table, in Markdown. Throws when `notes` and the schema's fields differ. */
export function configReferenceMarkdown(notes: Readonly<Record<string, FieldNotes>> = CONFIG_FIELD_NOTES): string {
  const used = new Set<string>();
  const rows = fieldRows(BatchConfigSchema as unknown as Schema, '', '', notes, used);
  const unused = Object.keys(notes).filter((path) => !used.has(path));
  if (unused.length > 0) throw new Error(`src/config/reference.ts has notes for fields the schema does not have: ${unused.join(', ')}`);
  const lines = ['| field | type | default | notes |', '|---|---|---|---|'];
  let mapPrefix = '';
  for (const row of rows) {
    // Fields of a map's entries after the first: `….field`, as the entries are long.
    const inMap = /^(.*<key>\.)/.exec(row.field)?.[1];
    const field = inMap && inMap === mapPrefix ? `….${row.field.slice(inMap.length)}` : row.field;
    mapPrefix = inMap ?? '';
    lines.push(`| \`${field}\` | ${row.type} | ${row.default} | ${row.notes} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The rows of an object's (or a discriminated union's) fields. */
function fieldRows(schema: Schema, path: string, shown: string, allNotes: Readonly<Record<string, FieldNotes>>, used: Set<string>): Row[] {
  // A discriminated union (the network modes): each field once, where it first appears.
  const fields = new Map<string, Schema[]>();
  for (const object of def(schema).options ?? [schema]) {
    for (const [name, field] of Object.entries(def(object).shape ?? {})) fields.set(name, [...(fields.get(name) ?? []), field]);
  }
  return [...fields].flatMap(([name, [field, ...others]]) => {
    const key = path ? `${path}.${name}` : name;
    const label = shown ? `${shown}.${name}` : name;
    const notes = allNotes[key];
    if (!notes) throw new Error(`src/config/reference.ts has no notes for the config field ${key}: add them`);
    used.add(key);
    if (!notes.expand) return [row(label, [field!, ...others], notes)];
    const inner = unwrap(field!);
    return def(inner).type === 'record'
      ? fieldRows(def(inner).valueType!, `${key}.*`, `${label}.<key>`, allNotes, used)
      : fieldRows(inner, key, label, allNotes, used);
  });
}

/** A field's row; `schemas` holds it once per union member that has it. */
function row(field: string, schemas: readonly Schema[], notes: FieldNotes): Row {
  const d = def(schemas[0]!);
  const fallback = d.type === 'default' ? code(typeof d.defaultValue === 'string' ? d.defaultValue : render(d.defaultValue)) : d.type === 'optional' ? 'none' : 'required';
  // The union's discriminator: one literal per member.
  const literals = schemas.every((schema) => def(unwrap(schema)).type === 'literal') && schemas.length > 1;
  const type = literals ? schemas.map((schema) => code(String(def(unwrap(schema)).values![0]))).join(' \\| ') : typeOf(unwrap(schemas[0]!));
  return { field, type: notes.type ?? type, default: notes.default ?? fallback, notes: notes.notes };
}

function unwrap(schema: Schema): Schema {
  let current = schema;
  while (['default', 'optional'].includes(def(current).type)) current = def(current).innerType!;
  return current;
}

/** The type as the schema says it, in the README's words. */
function typeOf(schema: Schema): string {
  const d = def(schema);
  switch (d.type) {
    case 'string': {
      const length = bounds(d).trim();
      return length ? `string (${length} characters)` : 'string';
    }
    case 'boolean':
      return 'boolean';
    case 'number':
      return `${d.checks?.some((c) => c._zod.def.format === 'safeint') ? 'integer' : 'number'}${bounds(d)}`;
    case 'enum':
      return Object.values(d.entries!).map((value) => code(value)).join(' \\| ');
    case 'literal':
      return d.values!.length === 1 ? code(JSON.stringify(d.values![0])) : `one of ${d.values!.join(', ')}`;
    case 'array': {
      const element = unwrap(d.element!);
      const inner = def(element).type === 'object' ? objectType(element) : typeOf(element);
      return `${inner.includes(' ') && !inner.startsWith('`') ? `(${inner})` : inner}[]${bounds(d)}`;
    }
    case 'record': {
      const value = unwrap(d.valueType!);
      return def(value).type === 'object' ? `map of ${objectType(value)}` : 'map';
    }
    case 'object':
      return objectType(schema);
    default:
      return d.type;
  }
}

/** `{a, b: "x"}`: an object's fields, literal ones with their value. */
function objectType(schema: Schema): string {
  const fields = Object.entries(def(schema).shape ?? {}).map(([name, field]) => (def(field).type === 'literal' ? `${name}: ${JSON.stringify(def(field).values![0])}` : name));
  return `\`{${fields.join(', ')}}\``;
}

/** ` 1-10`, ` ≥ 60`, ` (1-3)` for arrays: the bounds the schema's checks set. */
function bounds(d: Def): string {
  let min: string | undefined;
  let max: string | undefined;
  for (const { _zod: check } of d.checks ?? []) {
    const c = check.def;
    if (c.check === 'greater_than') min = c.inclusive ? `${c.value}` : `> ${c.value}`;
    if (c.check === 'less_than') max = c.inclusive ? `${c.value}` : `< ${c.value}`;
    if (c.check === 'min_length') min = `${c.minimum}`;
    if (c.check === 'max_length') max = `${c.maximum}`;
  }
  const range = min !== undefined && max !== undefined && !min.startsWith('>') && !max.startsWith('<') ? `${min}-${max}` : [min && (min.startsWith('>') ? min : `≥ ${min}`), max && (max.startsWith('<') ? max : `≤ ${max}`)].filter(Boolean).join(', ');
  if (!range) return '';
  return d.type === 'array' ? ` (${range})` : ` ${range}`;
}

/** A default value as the README shows it: compact JSON-like. */
function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${render(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}
