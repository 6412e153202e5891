/** What AWS Batch does with a job definition's command and environment. */

/**
 * Batch sets variables starting with this itself (AWS_BATCH_JOB_ID...) and
 * refuses a job definition that sets one
 * (docs/aws-batch-facts.md#reserved-environment-variables).
 */
export const RESERVED_ENV_PREFIX = 'AWS_BATCH';

/**
 * The `Ref::name` placeholders of a command, in order, once each: Batch
 * replaces them with the job's parameters when the job is submitted
 * (docs/aws-batch-facts.md#job-parameters).
 */
export function commandParameters(command: readonly string[]): string[] {
  return [...new Set(command.flatMap((arg) => [...arg.matchAll(/Ref::([A-Za-z0-9_-]+)/g)].map((m) => m[1]!)))];
}

/**
 * Default parameters fill a placeholder only when the submitted job gives
 * none (docs/aws-batch-facts.md#job-parameters): the placeholders a command
 * still lacks once the defaults are in.
 */
export function unfilledParameters(command: readonly string[], ...sources: ReadonlyArray<Readonly<Record<string, string>>>): string[] {
  return commandParameters(command).filter((name) => !sources.some((source) => name in source));
}

// ---------------------------------------------------------------------------
// Retry rules (docs/aws-batch-facts.md#retry-rules-evaluateonexit)
// ---------------------------------------------------------------------------

/** RetryStrategy.evaluateOnExit takes at most this many rules, the stack's own included. */
export const MAX_RETRY_RULES = 5;

/** onExitCode: digits, optionally ending in `*` (the provider checks the same regex at plan). */
export const EXIT_CODE_PATTERN = /^[0-9]*\*?$/;
/** onReason / onStatusReason: letters, digits, `.`, `:` and white space, optionally ending in `*`. */
export const REASON_PATTERN = /^[0-9A-Za-z.:\s]*\*?$/;
/** Each pattern is at most this long. */
export const MAX_PATTERN_LENGTH = 512;

export interface RetryRule {
  readonly action: 'RETRY' | 'EXIT';
  readonly onExitCode?: string;
  readonly onReason?: string;
  readonly onStatusReason?: string;
}

/**
 * A rule every exit matches: all its conditions are `*`. Batch takes the
 * first rule that matches, so rules after it never apply.
 */
export function isCatchAll(rule: RetryRule): boolean {
  const conditions = [rule.onExitCode, rule.onReason, rule.onStatusReason].filter((c) => c !== undefined);
  return conditions.length > 0 && conditions.every((c) => c === '*');
}

// ---------------------------------------------------------------------------
// Linux parameters and ulimits (docs/aws-batch-facts.md#linux-parameters-ulimits-user-and-read-only-root)
// ---------------------------------------------------------------------------

/** The ulimit names the Ulimit API type accepts. */
export const ULIMIT_NAMES = [
  'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack',
] as const;

/** The mount options the Tmpfs API type accepts. */
export const TMPFS_MOUNT_OPTIONS = [
  'defaults', 'ro', 'rw', 'suid', 'nosuid', 'dev', 'nodev', 'exec', 'noexec', 'sync', 'async', 'dirsync', 'remount', 'mand', 'nomand', 'atime',
  'noatime', 'diratime', 'nodiratime', 'bind', 'rbind', 'unbindable', 'runbindable', 'private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave',
  'relatime', 'norelatime', 'strictatime', 'nostrictatime', 'mode', 'uid', 'gid', 'nr_inodes', 'nr_blocks', 'mpol',
] as const;

// ---------------------------------------------------------------------------
// Multi-node parallel jobs (docs/aws-batch-facts.md#multi-node-parallel-jobs)
// ---------------------------------------------------------------------------

/** Distinct node groups (node ranges) a multi-node parallel job may have. */
export const MAX_NODE_RANGES = 5;

/** A node range's first and last node index. */
export interface NodeRange {
  readonly from: number;
  readonly to: number;
}

/**
 * `targetNodes` as Batch reads it: `a:b`, `:b` (from 0), `a:` (to the last
 * node), for a job of `numNodes` nodes; undefined when it is not that shape.
 */
export function parseTargetNodes(targetNodes: string, numNodes: number): NodeRange | undefined {
  const m = /^(\d*):(\d*)$/.exec(targetNodes);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const from = m[1] === '' ? 0 : Number(m[1]);
  const to = m[2] === '' ? numNodes - 1 : Number(m[2]);
  return { from, to };
}
