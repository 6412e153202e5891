/** One thing wrong in a config: where, what, and how to fix it. */
export interface ConfigProblem {
  /** Dotted config path, e.g. `jobDefinitions.hello.memoryMiB` (`` for the root). */
  readonly path: string;
  /** What is wrong, with the value that was given and what is allowed. */
  readonly message: string;
  /** What to change. */
  readonly fix: string;
}

/**
 * The only error bad config raises. Its message lists every problem found,
 * each with the config path, the bad value, what is allowed and the fix.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** Which config: its file (and stack), e.g. `environments/dev.json, stack "dev"`, or a name. */
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(source, problems));
  }

  /** The first problem's path, for callers that want one. */
  get path(): string {
    return this.problems[0]?.path ?? '';
  }
}

function formatProblems(source: string, problems: readonly ConfigProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((p) => `  ${p.path || '(config)'}: ${p.message}\n    fix: ${p.fix}`);
  return `Invalid batch config ${source} (${count}):\n${lines.join('\n')}`;
}

/** How errors name a stack's config: the file first (what the user edits), then the stack. */
export function configSource(file: string, stack: string): string {
  return `${file}, stack "${stack}"`;
}

/** Renders a config value for an error message: short, JSON-like. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `a.b[2].c` from a path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** The value at `path` in the config as written, or undefined. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}
