/**
 * `npm run job -- <command>`: submit, chain, watch and diagnose AWS Batch
 * jobs of this project's environments. See src/job-runner/help.ts for the usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../config/errors';
import { CliError, runCli } from './errors';
import { createClients, type ClientOptions } from '../job-runner/clients';
import { diagnoseJob } from '../job-runner/diagnose';
import { explainAwsError } from '../job-runner/aws-errors';
import { HELP } from '../job-runner/help';
import { consoleOutput, type Output } from '../job-runner/output';
import { loadPipeline, submissionOrder } from '../job-runner/pipeline';
import { jobShare, keyValues, submitJob, submitRequest } from '../job-runner/submit';
import { loadEnvironment, resolveJobTarget } from '../job-runner/target';
import { watchJobs } from '../job-runner/watch';

export interface RunContext {
  readonly output: Output;
  /** The project folder (environments/, cdktf.out/). */
  readonly root: string;
}

const COMMON_OPTIONS = {
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const WATCH_OPTIONS = { watch: { type: 'boolean' }, interval: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

/** Runs one command line; resolves to the exit status. */
export async function runJobCli(argv: readonly string[], context: RunContext = { output: consoleOutput, root: process.cwd() }): Promise<number> {
  const { output } = context;
  const [command, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    output.out(HELP.main!);
    return command === undefined ? 2 : 0;
  }
  let endpoint: string | undefined;
  return runCli(
    () => {
      // Own keys only: `toString` or `constructor` is an unknown command, not Object's method.
      const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
      if (!handler) throw new CliError(`unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')} (npm run job -- --help)`);
      return handler(rest, context, (e) => (endpoint = e));
    },
    (message) => output.err(`error: ${message}`),
    // A config error names its file and fix already; anything else comes from the AWS SDK.
    (error) => (error instanceof ConfigError ? error.message : explainAwsError(error, endpoint)),
  );
}

type Handler = (args: readonly string[], context: RunContext, setEndpoint: (endpoint: string | undefined) => void) => Promise<number>;

const COMMANDS: Record<string, Handler> = {
  async submit(args, { output, root }, setEndpoint) {
    const { values, positionals } = parse('submit', args, {
      ...WATCH_OPTIONS,
      name: { type: 'string' },
      param: { type: 'string', multiple: true },
      env: { type: 'string', multiple: true },
      'array-size': { type: 'string' },
      after: { type: 'string', multiple: true },
      share: { type: 'string' },
      priority: { type: 'string' },
    });
    if (values.help) return help(output, 'submit');
    const [environment, jobDefinitionKey, extra] = positionals;
    if (!environment || !jobDefinitionKey || extra !== undefined) throw new CliError('submit takes <env> <jobDefinition> (npm run job -- submit --help)');
    const target = resolveJobTarget(root, environment, jobDefinitionKey);
    const request = {
      jobName: values.name ?? jobDefinitionKey,
      jobQueue: target.jobQueue,
      jobDefinition: target.jobDefinition,
      parameters: keyValues('--param', values.param ?? []),
      environment: keyValues('--env', values.env ?? []),
      ...(values['array-size'] !== undefined ? { arraySize: number('--array-size', values['array-size']) } : {}),
      after: values.after ?? [],
      ...optional('shareIdentifier', jobShare(target, values.share, '--share')),
      ...(values.priority !== undefined ? { schedulingPriority: number('--priority', values.priority) } : {}),
    };
    submitRequest(request); // every check before credentials and network
    const clients = clientsFor({ region: values.region ?? target.region, endpoint: values['endpoint-url'] }, setEndpoint);
    const { jobId, jobName } = await submitJob(clients.batch, request);
    output.out(`submitted ${jobName} (${jobId}) to job queue ${target.jobQueue}, job definition ${target.jobDefinition}, ${target.region}`);
    if (!values.watch) {
      output.out(`follow it: npm run job -- watch ${jobId}`);
      return 0;
    }
    return watchExit(await watchJobs(clients, [jobId], output, { intervalMs: seconds(values.interval) }));
  },

  async pipeline(args, { output, root }, setEndpoint) {
    const { values, positionals } = parse('pipeline', args, WATCH_OPTIONS);
    if (values.help) return help(output, 'pipeline');
    if (positionals.length !== 1) throw new CliError('pipeline takes one <file> (npm run job -- pipeline --help)');
    const pipeline = loadPipeline(positionals[0]!);
    const order = submissionOrder(pipeline.steps);
    const config = loadEnvironment(root, pipeline.environment);
    // Resolve and check every step before the first submission: a typo must not leave half a pipeline running.
    const requests = order.map((name) => {
      const step = pipeline.steps[name]!;
      if (!(step.jobDefinition in config.jobDefinitions)) {
        throw new CliError(`steps.${name}.jobDefinition: unknown job definition "${step.jobDefinition}" in environment ${pipeline.environment}; job definitions: ${Object.keys(config.jobDefinitions).join(', ')}`);
      }
      const target = resolveJobTarget(root, pipeline.environment, step.jobDefinition);
      const request = {
        jobName: name,
        jobQueue: target.jobQueue,
        jobDefinition: target.jobDefinition,
        parameters: step.parameters,
        environment: step.environment,
        ...(step.arraySize !== undefined ? { arraySize: step.arraySize } : {}),
        ...optional('shareIdentifier', jobShare(target, step.shareIdentifier, `steps.${name}.shareIdentifier`)),
        ...(step.schedulingPriority !== undefined ? { schedulingPriority: step.schedulingPriority } : {}),
      };
      submitRequest(request);
      return { name, step, target, request };
    });
    const clients = clientsFor({ region: values.region ?? config.region, endpoint: values['endpoint-url'] }, setEndpoint);
    const ids: Record<string, string> = {};
    for (const { name, step, target, request } of requests) {
      try {
        const { jobId } = await submitJob(clients.batch, { ...request, after: step.dependsOn.map((d) => ids[d]!) });
        ids[name] = jobId;
        output.out(`${name}: submitted ${jobId} (${target.jobDefinition})${step.dependsOn.length ? ` after ${step.dependsOn.join(', ')}` : ''}`);
      } catch (error) {
        const submitted = Object.keys(ids);
        output.err(`${name}: not submitted. ${submitted.length ? `Already submitted (they will run): ${submitted.map((s) => `${s} ${ids[s]}`).join(', ')}` : 'Nothing was submitted.'}`);
        throw error;
      }
    }
    const jobIds = order.map((name) => ids[name]!);
    if (!values.watch) {
      output.out(`follow them: npm run job -- watch ${jobIds.join(' ')}`);
      return 0;
    }
    return watchExit(await watchJobs(clients, jobIds, output, { intervalMs: seconds(values.interval) }));
  },

  async watch(args, { output }, setEndpoint) {
    const { values, positionals } = parse('watch', args, { interval: { type: 'string' }, 'no-logs': { type: 'boolean' } });
    if (values.help) return help(output, 'watch');
    if (positionals.length === 0) throw new CliError('watch takes one or more job IDs (npm run job -- watch --help)');
    const clients = clientsFor({ region: values.region, endpoint: values['endpoint-url'] }, setEndpoint);
    return watchExit(await watchJobs(clients, [...new Set(positionals)], output, { intervalMs: seconds(values.interval), logs: !values['no-logs'] }));
  },

  async diagnose(args, { output }, setEndpoint) {
    const { values, positionals } = parse('diagnose', args, {});
    if (values.help) return help(output, 'diagnose');
    if (positionals.length !== 1) throw new CliError('diagnose takes one job ID (npm run job -- diagnose --help)');
    const clients = clientsFor({ region: values.region, endpoint: values['endpoint-url'] }, setEndpoint);
    const diagnosis = await diagnoseJob(clients.batch, positionals[0]!);
    for (const fact of diagnosis.facts) output.out(fact);
    output.out('');
    output.out(`Most likely cause (${diagnosis.cause}): ${diagnosis.message}`);
    output.out(`Fix: ${diagnosis.fix}`);
    return 0;
  },
};

function parse<O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]} (npm run job -- ${command} --help)`);
  }
}

function help(output: Output, command: string): number {
  output.out(HELP[command]!);
  return 0;
}

function clientsFor(options: ClientOptions, setEndpoint: (endpoint: string | undefined) => void) {
  const clients = createClients(options);
  setEndpoint(clients.endpoint);
  return clients;
}

/** `{ key: value }`, or nothing when the value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function number(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`${flag} ${value}: not a number`);
  return n;
}

/** Poll interval; fractions allowed (the tests poll every few milliseconds). */
function seconds(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const n = number('--interval', value);
  if (n <= 0) throw new CliError(`--interval ${value}: must be more than 0 seconds`);
  return n * 1000;
}

function watchExit(statuses: Record<string, string>): number {
  return Object.values(statuses).every((s) => s === 'SUCCEEDED') ? 0 : 1;
}

// Run only as the entry point (`tsx src/cli/job.ts`), not when tests import it.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // The AWS SDK warns on every run under Node.js 20 that its releases after
  // January 2027 will need Node.js 22. The SDK pinned here runs on 20, which
  // package.json's engines still allow, so the warning is noise in every
  // command's output. This switch, the SDK's own, silences exactly that
  // warning; every other warning still shows. docs/aws-batch-facts.md#nodejs-versions
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  runJobCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
