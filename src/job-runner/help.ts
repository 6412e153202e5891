/** Usage of the job CLI and of each command (`--help`). */

const COMMON = `Common options:
  --region <region>        AWS region (default: the SDK chain: AWS_REGION, your profile)
  --endpoint-url <url>     send requests to another endpoint (also AWS_ENDPOINT_URL)
  -h, --help               show this help

Credentials come from the standard AWS SDK chain (AWS_PROFILE, SSO,
environment variables, instance role). Throttled requests are retried with
backoff. Exit status: 0 ok, 1 a job failed (watch, pipeline --watch), 2 usage or AWS error.`;

export const HELP: Record<string, string> = {
  main: `Usage: npm run job -- <command> [options]

Submit, chain, watch and diagnose AWS Batch jobs of this project's environments.

Commands:
  submit <env> <jobDefinition>   submit one job; queue and job definition come from the environment
  pipeline <file>                submit named steps in dependency order (Batch dependsOn)
  watch <jobId...>               follow jobs: state changes, time per state, array progress, logs
  diagnose <jobId>               why a job is stuck in RUNNABLE, and the fix

Run npm run job -- <command> --help for a command's options.

${COMMON}`,

  submit: `Usage: npm run job -- submit <env> <jobDefinition> [options]

Submits a job of <jobDefinition> (a key of jobDefinitions in
environments/<env>.json) to the job queue it is made for. Names and region
are read from cdktf.out/stacks/<env>/cdk.tf.json when synthesized, else from
the config; the latest ACTIVE revision of the job definition runs.

Options:
  --name <jobName>         job name (default: the job definition key)
  --param <key=value>      job parameter (Ref::key in the command); repeatable
  --env <NAME=value>       environment variable override; repeatable
  --array-size <n>         submit an array job of n children (2-10000)
  --after <jobId>          start only after this job succeeds; repeatable (at most 20)
  --share <id>             share identifier (fair-share queues only, where one is
                           required; default: the job definition's shareIdentifier)
  --priority <n>           scheduling priority within the share (0-9999; fair-share
                           queues; default: the job definition's schedulingPriority)
  --watch                  watch the job after submitting it
  --interval <seconds>     poll interval with --watch (default 10)

${COMMON}`,

  pipeline: `Usage: npm run job -- pipeline <file> [options]

Submits the steps of a pipeline file in dependency order. Each step becomes a
job named after the step that Batch holds until the steps it depends on have
succeeded (Batch's dependsOn). Unknown steps and cycles are reported before
anything is submitted.

File:
  {
    "environment": "dev",
    "steps": {
      "extract":   { "jobDefinition": "hello", "parameters": { "date": "2024-06-01" } },
      "transform": { "jobDefinition": "hello", "dependsOn": ["extract"], "arraySize": 10 },
      "load":      { "jobDefinition": "hello", "dependsOn": ["transform"], "environment": { "MODE": "full" } }
    }
  }

A step on a fair-share queue runs under "shareIdentifier" (default: the job
definition's) and may set "schedulingPriority" (0-9999).

Options:
  --watch                  watch every step until all have finished
  --interval <seconds>     poll interval with --watch (default 10)

${COMMON}`,

  watch: `Usage: npm run job -- watch <jobId...> [options]

Follows jobs until each is SUCCEEDED or FAILED: every state change with the
time spent in the previous state, array job progress, and each job's log
stream while it runs. Ends with the path of each job and exits 1 if any failed.

Options:
  --interval <seconds>     poll interval (default 10; Batch throttles frequent Describe calls)
  --no-logs                do not tail log streams

${COMMON}`,

  diagnose: `Usage: npm run job -- diagnose <jobId> [options]

Reads the job, its queue and the queue's compute environments (status and
reason, state, maxvCpus, desiredvCpus, instance types) and the job's vCPU,
memory and GPUs, then says the most likely reason the job is not running and
the fix: a DISABLED or INVALID queue or compute environment, a job bigger
than maxvCpus or than every allowed instance type, or capacity and network.

${COMMON}`,
};
