/**
 * Cross-field checks of `jobDefinitions`: what the platform of the job's
 * queue accepts, its environment and secrets, and whether the network can
 * pull its image. Each problem names the config path, the value and the fix.
 */
import { describeFargateMemory, isValidFargatePair } from '../../aws/fargate';
import { ecrPublicRepository, isRegionalEcrImage } from '../../aws/images';
import { MAX_NODE_RANGES, MAX_RETRY_RULES, RESERVED_ENV_PREFIX, commandParameters, isCatchAll, parseTargetNodes, type RetryRule } from '../../aws/job-definitions';
import { isKmsKeyArn, isReferenceError, jobSecret, secretReference } from '../../aws/secret-references';
import { looksLikeSecret } from '../../aws/secret-names';
import { show, valueAt, type ConfigProblem } from '../errors';
import { isFargate, type ResolvedConfig, type ResolvedVolume } from '../schema';

export function jobDefinitionProblems(config: ResolvedConfig, input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  /** Whether the user wrote this field (a problem is reported where it was written, not at a default). */
  const given = (key: string, field: string) => valueAt(input, ['jobDefinitions', key, field]) !== undefined;

  for (const [key, job] of Object.entries(config.jobDefinitions)) {
    const at = `jobDefinitions.${key}`;
    const queue = config.jobQueues[job.queue];
    if (!queue) {
      add(`${at}.queue`, `got ${show(job.queue)}, which is not a job queue of this config`, `use one of: ${Object.keys(config.jobQueues).join(', ') || '(none defined)'}`);
      continue;
    }
    // The queue's first compute environment decides the platform (the queue checks refuse a mixed one).
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
        const field = given(key, 'memoryMiB') ? 'memoryMiB' : given(key, 'vcpus') ? 'vcpus' : '';
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
      const ecrPublic = ecrPublicRepository(job.image);
      if (ecrPublic !== undefined) {
        // docs/aws-batch-facts.md#vpc-endpoints-do-not-serve-ecr-public
        add(`${at}.image`, `got ${show(job.image)}; VPC endpoints do not serve ECR Public (public.ecr.aws), and network mode "endpoints" has no internet access`, `create an ECR pull through cache rule for ECR Public (prefix "ecr-public") and use ${config.accountId}.dkr.ecr.${config.region}.amazonaws.com/ecr-public/${ecrPublic}, or use network mode "nat"`);
      } else {
        add(`${at}.image`, `got ${show(job.image)}; network mode "endpoints" has no internet access, so only ECR images of ${config.region} can be pulled`, `push the image to ECR (${config.accountId}.dkr.ecr.${config.region}.amazonaws.com/<repository>:<tag>), or use network mode "nat"`);
      }
    }
  }
  return problems;
}

/**
 * Job secrets: each a reference ECS can read and IAM can grant
 * (docs/aws-batch-facts.md#secret-grants-match-the-secrets-own-arn), its KMS
 * key named by key ARN.
 */
export function secretProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [jobKey, job] of Object.entries(config.jobDefinitions)) {
    for (const [name, value] of Object.entries(job.secrets)) {
      const at = `jobDefinitions.${jobKey}.secrets.${name}${typeof value === 'string' ? '' : '.arn'}`;
      const secret = jobSecret(value);
      const ref = secretReference(secret.valueFrom);
      if (isReferenceError(ref)) {
        problems.push({ path: at, message: `got ${JSON.stringify(secret.valueFrom)}, which ${ref.error}`, fix: notAnArn(secret.valueFrom, config) ?? ref.fix });
      }
      if (secret.kmsKeyArn !== undefined && !isKmsKeyArn(secret.kmsKeyArn)) {
        const alias = secret.kmsKeyArn.includes(':alias/') || secret.kmsKeyArn.startsWith('alias/');
        problems.push({
          path: `jobDefinitions.${jobKey}.secrets.${name}.kmsKeyArn`,
          message: `got ${JSON.stringify(secret.kmsKeyArn)}, which is not a KMS key ARN${alias ? ': an IAM policy cannot name a key by its alias' : ''}`,
          fix: `use the key's ARN, arn:aws:kms:${config.region}:${config.accountId}:key/<key-id> (aws kms describe-key --key-id <alias> shows it)`,
        });
      }
    }
  }
  return problems;
}

/** For a bare parameter or secret name, the ARNs it could mean. */
function notAnArn(value: string, config: ResolvedConfig): string | undefined {
  if (value.startsWith('arn:') || !/^[A-Za-z0-9/_.+=@-]+$/.test(value)) return undefined;
  const base = `${config.region}:${config.accountId}`;
  return `reference it by ARN: an SSM parameter ${JSON.stringify(value)} is arn:aws:ssm:${base}:parameter/${value.replace(/^\/+/, '')}, a Secrets Manager secret is arn:aws:secretsmanager:${base}:secret:${value.replace(/^\/+/, '')}-<suffix> (its ARN in the console)`;
}

// ---------------------------------------------------------------------------
// Container settings: Linux parameters, volumes, Fargate settings
// ---------------------------------------------------------------------------

/** Settings Batch applies only to jobs on EC2 resources (docs/aws-batch-facts.md#linux-parameters-ulimits-user-and-read-only-root). */
const EC2_ONLY = ['sharedMemoryMiB', 'tmpfs', 'swap', 'ulimits', 'multiNode'] as const;
/** Settings of Fargate tasks only (docs/aws-batch-facts.md#fargate-ephemeral-storage-architecture-and-platform-version). */
const FARGATE_ONLY = ['ephemeralStorageGiB', 'cpuArchitecture', 'platformVersion'] as const;

/**
 * What the job's platform takes, what its memory holds, and volumes that
 * name real file systems and mount where nothing else does.
 */
export function jobContainerProblems(config: ResolvedConfig, input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });

  for (const [key, job] of Object.entries(config.jobDefinitions)) {
    const at = `jobDefinitions.${key}`;
    const written = (...path: string[]) => valueAt(input, ['jobDefinitions', key, ...path]);
    const queue = config.jobQueues[job.queue];
    const firstCe = config.computeEnvironments[queue?.computeEnvironments[0] ?? ''];
    if (!firstCe) continue; // reported by jobDefinitionProblems
    const fargate = isFargate(firstCe.type);

    if (fargate) {
      for (const field of EC2_ONLY) {
        const value = written(field);
        if (value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)) continue;
        add(`${at}.${field}`, `is set, but queue ${show(job.queue)} runs on Fargate, where Batch does not apply ${field === 'multiNode' ? 'multi-node parallel jobs' : field}`, field === 'multiNode' ? 'run multi-node parallel jobs on a queue of EC2 (on-demand) compute environments' : `remove ${field}, or run the job on an EC2/SPOT queue`);
      }
      for (const [name, volume] of Object.entries(job.volumes)) {
        if (volume.host !== undefined) {
          add(`${at}.volumes.${name}.host`, `got ${show(volume.host)}; queue ${show(job.queue)} runs on Fargate, which has no host folders to mount`, 'use an EFS volume ("efs"), or ephemeralStorageGiB for scratch space');
        }
      }
      if (job.platformVersion === '1.3.0') {
        const needs140 = [
          ...(job.ephemeralStorageGiB !== undefined ? ['ephemeral storage'] : []),
          ...(job.cpuArchitecture === 'ARM64' ? ['ARM64'] : []),
          ...(Object.values(job.volumes).some((v) => v.efs !== undefined) ? ['EFS volumes'] : []),
        ];
        if (needs140.length > 0) {
          add(`${at}.platformVersion`, `got "1.3.0", which has no ${needs140.join(', ')}: they need Fargate platform version 1.4.0`, 'use "1.4.0" or remove platformVersion (LATEST)');
        }
      }
    } else {
      for (const field of FARGATE_ONLY) {
        if (written(field) === undefined) continue;
        add(`${at}.${field}`, `is set, but queue ${show(job.queue)} runs on EC2/SPOT; ${field} applies to Fargate jobs only`, field === 'ephemeralStorageGiB' ? "remove it; on EC2 the job's scratch space is the instance's disk (a host volume)" : field === 'cpuArchitecture' ? "remove it; on EC2 the architecture is the instance type's" : 'remove it');
      }
    }

    // /dev/shm and tmpfs pages are charged to the container's memory (docs/aws-batch-facts.md#shared-memory-and-tmpfs-count-against-memory).
    const inMemory = (job.sharedMemoryMiB ?? 0) + Object.values(job.tmpfs).reduce((sum, t) => sum + t.sizeMiB, 0);
    const memories = [job.memoryMiB, ...Object.values(job.multiNode?.nodeRanges ?? {}).flatMap((r) => (r.memoryMiB === undefined ? [] : [r.memoryMiB]))];
    const smallest = Math.min(...memories);
    if (!fargate && inMemory > 0 && inMemory >= smallest) {
      const what = [job.sharedMemoryMiB !== undefined ? `sharedMemoryMiB ${job.sharedMemoryMiB}` : '', ...Object.entries(job.tmpfs).map(([path, t]) => `tmpfs ${path} ${t.sizeMiB}`)].filter(Boolean).join(' + ');
      add(job.sharedMemoryMiB !== undefined ? `${at}.sharedMemoryMiB` : `${at}.tmpfs`, `${what} = ${inMemory} MiB, not below the job's memory (${smallest} MiB); /dev/shm and tmpfs are counted against it, so filling them kills the job (out of memory)`, `raise memoryMiB above ${inMemory} (with room for the program itself), or lower the in-memory sizes`);
    }

    if (job.swap?.swappiness !== undefined && job.swap.maxSwapMiB === 0) {
      add(`${at}.swap.swappiness`, 'is set with maxSwapMiB 0 (no swap), so Batch ignores it', 'remove swappiness, or give maxSwapMiB a size');
    }
    for (const [name, limit] of Object.entries(job.ulimits)) {
      if (limit && limit.soft > limit.hard) {
        add(`${at}.ulimits.${name}`, `soft ${limit.soft} is above hard ${limit.hard}; a soft limit cannot exceed the hard one`, `set soft to at most ${limit.hard}, or raise hard`);
      }
    }

    // One mount per container path: volumes and tmpfs share the container's file tree.
    const mounts = new Map<string, string>();
    const mount = (path: string, where: string) => {
      const other = mounts.get(path);
      if (other) add(where, `mounts ${show(path)}, where ${other} is already mounted`, 'give each volume and tmpfs its own container path');
      else mounts.set(path, where);
    };
    for (const path of Object.keys(job.tmpfs).sort()) mount(path, `${at}.tmpfs.${path}`);
    for (const [name, volume] of Object.entries(job.volumes).sort(([a], [b]) => (a < b ? -1 : 1))) {
      mount(volume.containerPath, `${at}.volumes.${name}.containerPath`);
      problems.push(...volumeProblems(config, `${at}.volumes.${name}`, volume));
    }
  }
  return problems;
}

/** One volume: a host folder or an EFS file system of the config, with settings AWS accepts together. */
function volumeProblems(config: ResolvedConfig, at: string, volume: ResolvedVolume): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  const fileSystems = Object.keys(config.fileSystems);
  if ((volume.host === undefined) === (volume.efs === undefined)) {
    add(at, volume.host === undefined ? 'has neither "efs" nor "host": nothing to mount' : 'has both "efs" and "host"; a volume is one or the other', `use "efs": one of ${fileSystems.join(', ') || '(no fileSystems defined)'}, or "host": "/path/on/the/instance"`);
    return problems;
  }
  if (volume.host !== undefined) {
    for (const field of ['accessPoint', 'rootDirectory', 'transitEncryption'] as const) {
      if (volume[field] !== undefined) add(`${at}.${field}`, `is set on a host volume; ${field} belongs to EFS volumes`, `remove ${field}`);
    }
    return problems;
  }
  const fs = config.fileSystems[volume.efs!];
  if (!fs) {
    add(`${at}.efs`, `got ${show(volume.efs)}, which is not a file system of this config`, `use one of: ${fileSystems.join(', ') || '(none defined: add it to "fileSystems")'}`);
    return problems;
  }
  // docs/aws-batch-facts.md#efs-volumes: an access point brings its own root, and with IAM needs TLS.
  if (volume.accessPoint !== undefined) {
    if (!(volume.accessPoint in fs.accessPoints)) {
      add(`${at}.accessPoint`, `got ${show(volume.accessPoint)}, which is not an access point of file system ${show(volume.efs)}`, `use one of: ${Object.keys(fs.accessPoints).join(', ') || `(none: add it to fileSystems.${volume.efs}.accessPoints)`}`);
    }
    if (volume.rootDirectory !== undefined && volume.rootDirectory !== '/') {
      add(`${at}.rootDirectory`, `got ${show(volume.rootDirectory)} together with access point ${show(volume.accessPoint)}; with an access point the job sees the access point's folder, and AWS refuses another root directory`, `remove rootDirectory, or set the folder as the access point's path`);
    }
  }
  if (volume.transitEncryption === false) {
    const needs = [volume.accessPoint !== undefined ? 'an access point' : '', fs.iamAuthorization ? 'IAM authorization (fileSystems.' + volume.efs + '.iamAuthorization)' : ''].filter(Boolean);
    if (needs.length > 0) {
      add(`${at}.transitEncryption`, `is false, but ${needs.join(' and ')} requires TLS; AWS refuses the volume`, 'remove transitEncryption (it is on by default)');
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Default parameters, retry rules, multi-node parallel jobs
// ---------------------------------------------------------------------------

/** Default parameters: each fills a placeholder of the command (docs/aws-batch-facts.md#job-parameters). */
export function jobParameterProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [key, job] of Object.entries(config.jobDefinitions)) {
    const commands = [job.command, ...Object.values(job.multiNode?.nodeRanges ?? {}).flatMap((r) => (r.command ? [r.command] : []))];
    const used = new Set(commands.flatMap((command) => commandParameters(command)));
    for (const name of Object.keys(job.parameters)) {
      if (used.has(name)) continue;
      problems.push({
        path: `jobDefinitions.${key}.parameters.${name}`,
        message: `is a default for Ref::${name}, but the command has no Ref::${name} (Batch substitutes parameters in the command only)`,
        fix: `use "Ref::${name}" in the command, or remove the parameter`,
      });
    }
  }
  return problems;
}

/**
 * Retry rules within AWS's five, after the stack's Spot-reclaim rule and
 * before its final EXIT (docs/aws-batch-facts.md#retry-rules-evaluateonexit).
 */
export function retryRuleProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [key, job] of Object.entries(config.jobDefinitions)) {
    const at = `jobDefinitions.${key}.retryRules`;
    const rules = job.retryRules;
    const budget = retryRuleBudget(rules);
    if (rules.length > budget) {
      problems.push({
        path: at,
        message: `got ${rules.length} rules; AWS allows ${MAX_RETRY_RULES} and the stack adds ${MAX_RETRY_RULES - budget} of its own (retry when a Spot host is reclaimed${budget < MAX_RETRY_RULES - 1 ? ', exit on anything else' : ''})`,
        fix: `keep at most ${budget} rules${budget < MAX_RETRY_RULES - 1 ? ' (4 when the last one is a catch-all such as {"action": "EXIT", "onReason": "*"})' : ''}`,
      });
    }
    rules.forEach((rule, i) => {
      if (rule.onExitCode === undefined && rule.onReason === undefined && rule.onStatusReason === undefined) {
        problems.push({ path: `${at}[${i}]`, message: 'has no condition, so it would match every attempt', fix: 'add onExitCode, onReason or onStatusReason ("*" to match anything on purpose)' });
      }
      if (rule.action === 'RETRY' && job.retryAttempts === 1) {
        problems.push({ path: `${at}[${i}].action`, message: 'is RETRY, but retryAttempts is 1: there is no second attempt to make', fix: 'raise retryAttempts, or make the rule EXIT' });
      }
      const catchAll = rules.findIndex(isCatchAll);
      if (catchAll !== -1 && i > catchAll) {
        problems.push({ path: `${at}[${i}]`, message: `comes after rule ${catchAll}, which matches every attempt; Batch takes the first rule that matches, so this one never applies`, fix: 'move it before the catch-all rule, or remove it' });
      }
    });
  }
  return problems;
}

/** How many rules of its own a job may have: the stack's final EXIT is left out after a catch-all of the user's. */
export function retryRuleBudget(rules: readonly RetryRule[]): number {
  const last = rules[rules.length - 1];
  return MAX_RETRY_RULES - 1 - (last && isCatchAll(last) ? 0 : 1);
}

/**
 * Multi-node parallel jobs: an EC2 on-demand compute environment to run on
 * (not Spot, not Fargate), a main node among the nodes, node ranges that
 * cover every node (docs/aws-batch-facts.md#multi-node-parallel-jobs).
 */
export function multiNodeProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  for (const [key, job] of Object.entries(config.jobDefinitions)) {
    const multiNode = job.multiNode;
    const queue = config.jobQueues[job.queue];
    if (!multiNode || !queue) continue;
    const at = `jobDefinitions.${key}.multiNode`;
    const types = queue.computeEnvironments.map((ce) => config.computeEnvironments[ce]?.type);
    if (!types.some(isFargate) && !types.includes('EC2')) {
      add(at, `is set, but queue ${show(job.queue)} has only SPOT compute environments; Batch does not run multi-node parallel jobs on Spot instances`, `put an EC2 (on-demand) compute environment in jobQueues.${job.queue}, or use a queue of EC2 compute environments`);
    }
    // Every node runs on this type: an EC2 environment of the queue must be allowed to launch it. Aliases
    // (optimal, default_*) cover families that change over time, so with one of them it is not judged here.
    const type = multiNode.instanceType;
    const ec2 = queue.computeEnvironments.map((ce) => config.computeEnvironments[ce]).filter((ce) => ce?.type === 'EC2');
    const concrete = (entry: string) => entry.includes('.') || (/^[a-z][a-z0-9-]*$/.test(entry) && entry !== 'optimal');
    if (type !== undefined && ec2.length > 0 && ec2.every((ce) => ce!.instanceTypes.every(concrete))) {
      const family = type.split('.')[0];
      if (!ec2.some((ce) => ce!.instanceTypes.some((entry) => entry === type || entry === family))) {
        add(`${at}.instanceType`, `got ${show(type)}, which no EC2 compute environment of queue ${show(job.queue)} may launch (${[...new Set(ec2.flatMap((ce) => ce!.instanceTypes))].join(', ')}); the job would stay RUNNABLE`, `add ${show(type)} (or ${show(family)}) to that compute environment's instanceTypes, or pick one of its types`);
      }
    }
    if (multiNode.mainNode >= multiNode.numNodes) {
      add(`${at}.mainNode`, `got ${multiNode.mainNode}, not below numNodes ${multiNode.numNodes} (nodes are numbered from 0)`, `use a node index from 0 to ${multiNode.numNodes - 1}`);
    }
    const ranges = Object.entries(multiNode.nodeRanges ?? { '0:': {} });
    if (ranges.length > MAX_NODE_RANGES) {
      add(`${at}.nodeRanges`, `got ${ranges.length} node ranges; Batch allows ${MAX_NODE_RANGES} node groups per job`, 'merge node ranges that share their settings');
    }
    const covered = new Array<boolean>(multiNode.numNodes).fill(false);
    let outOfRange = false;
    for (const [targetNodes] of ranges) {
      const nodes = parseTargetNodes(targetNodes, multiNode.numNodes);
      if (!nodes || nodes.from > nodes.to || nodes.to >= multiNode.numNodes) {
        add(`${at}.nodeRanges.${targetNodes}`, `is not a range of nodes 0 to ${multiNode.numNodes - 1}`, `use ranges such as "0:0" and "1:" (from 1 to the last node) within numNodes ${multiNode.numNodes}`);
        outOfRange = true;
        continue;
      }
      for (let i = nodes.from; i <= nodes.to; i++) covered[i] = true;
    }
    const missing = covered.flatMap((c, i) => (c ? [] : [i]));
    // After a range that is not one, which nodes are left is not worth a second message.
    if (missing.length > 0 && !outOfRange) {
      add(`${at}.nodeRanges`, `leave nodes ${describeNodes(missing)} without a node range; together the ranges must cover every node`, `add a range for them, or a wide one such as "0:" that the others override`);
    }
  }
  return problems;
}

function describeNodes(nodes: readonly number[]): string {
  return nodes.length <= 3 ? nodes.join(', ') : `${nodes[0]} to ${nodes[nodes.length - 1]} (${nodes.length} nodes)`;
}
