/**
 * Change cycles for the apply suite: a base config of the change matrix
 * (src/terraform/safe-changes.ts), then its edits one after another, each
 * step the previous config plus one edit of the matrix's catalogue, and what
 * docs/change-matrix.md says each edit does to the compute environments and
 * the queue.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { DescribeComputeEnvironmentsCommand, DescribeJobQueuesCommand, type BatchClient, type ComputeEnvironmentDetail, type JobQueueDetail } from '@aws-sdk/client-batch';
import type { BatchConfig } from '../../src/config/schema.js';
import { BatchStack } from '../../src/index.js';
import { BASE_TITLES, EDITS, baseConfig, type BaseName, type Edit } from '../../test-support/terraform/safe-changes.js';

type Json = Record<string, any>;

/**
 * What the matrix says an edit does: every resource it changes, by address,
 * `update` | `replace` | `create` | `delete` ("Resources not listed are not
 * changed").
 */
export interface MatrixRow {
  readonly title: string;
  readonly changes: Record<string, string>;
}

const KINDS: Record<string, string> = {
  'updated in place': 'update',
  'new revision': 'update',
  'replaced, create before destroy': 'replace',
  created: 'create',
  deleted: 'delete',
  '**deleted**': 'delete',
};

/** A cell's `key: change` lines; `type` prefixes the keys of the typed columns (the last column has full addresses). */
function cell(text: string, type?: string): Record<string, string> {
  if (text.trim() === 'no change') return {};
  return Object.fromEntries(
    text.split('<br>').map((part) => {
      const [key, kind] = part.split(': ') as [string, string];
      const word = KINDS[kind.trim()];
      if (!word) throw new Error(`docs/change-matrix.md: unknown change "${kind}"`);
      return [type ? `${type}.${key.trim()}` : key.trim(), word];
    }),
  );
}

/** The row of docs/change-matrix.md for an edit on a base (by the titles the matrix prints). */
export function matrixRow(base: BaseName, edit: Edit, matrix = readFileSync(new URL('../../docs/change-matrix.md', import.meta.url), 'utf8')): MatrixRow {
  const section = matrix.split('\n## ').find((s) => s.startsWith(`${BASE_TITLES[base]}\n`));
  if (!section) throw new Error(`docs/change-matrix.md has no section "${BASE_TITLES[base]}"`);
  const title = typeof edit.title === 'string' ? edit.title : edit.title(base);
  const line = section.split('\n').find((l) => l.startsWith(`| ${title} |`));
  if (!line) throw new Error(`docs/change-matrix.md, "${BASE_TITLES[base]}": no row "${title}"`);
  const [, ces = '', queues = '', definitions = '', others = ''] = line.replace(/ \|$/, '').split(' | ');
  return {
    title,
    changes: { ...cell(ces, 'aws_batch_compute_environment'), ...cell(queues, 'aws_batch_job_queue'), ...cell(definitions, 'aws_batch_job_definition'), ...cell(others) },
  };
}

export interface Step {
  /** `base`, or the edit's id. */
  readonly id: string;
  readonly edit?: Edit;
  readonly config: BatchConfig;
  readonly tfJson: Json;
}

/**
 * The base config, then each edit added to the previous step: config edits
 * to the config, JSON edits (launch template, image type) to every later
 * synthesized JSON, as the matrix's scenarios make them.
 */
export function chain(base: BaseName, editIds: readonly string[]): Step[] {
  // As the matrix's scenarios synthesize (stack id "safe"), into one temp folder removed after.
  const outdir = mkdtempSync(join(tmpdir(), 'batch-cdktf-cycles-'));
  const synthesize = (config: Json) => JSON.parse(Testing.synth(new BatchStack(Testing.app({ outdir }), 'safe', config as BatchConfig))) as Json;
  try {
    const config = structuredClone(baseConfig(base)) as Json;
    const jsonEdits: Edit[] = [];
    const steps: Step[] = [{ id: 'base', config: structuredClone(config) as BatchConfig, tfJson: synthesize(config) }];
    for (const id of editIds) {
      const edit = EDITS.find((e) => e.id === id && e.bases.includes(base));
      if (!edit) throw new Error(`no edit "${id}" for base ${base} in src/terraform/safe-changes.ts`);
      edit.config?.(config, base);
      if (edit.json) jsonEdits.push(edit);
      const tfJson = synthesize(config);
      for (const e of jsonEdits) e.json!(tfJson, base);
      steps.push({ id, edit, config: structuredClone(config) as BatchConfig, tfJson });
    }
    return steps;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The JSON without replace_triggered_by on any compute environment: the trap the stack avoids. */
export function withoutReplaceTriggeredBy(tfJson: Json): Json {
  const copy = structuredClone(tfJson);
  for (const ce of Object.values(copy.resource.aws_batch_compute_environment as Json) as Json[]) delete ce.lifecycle?.replace_triggered_by;
  return copy;
}

export interface Sample {
  readonly queues: JobQueueDetail[];
  readonly computeEnvironments: ComputeEnvironmentDetail[];
}

/** Reads the queues and every compute environment every `intervalMs` until `during` settles. */
export async function sampleWhile<T>(batch: BatchClient, queueNames: readonly string[], during: Promise<T>, intervalMs = 500): Promise<{ result: T; samples: Sample[] }> {
  const samples: Sample[] = [];
  let done = false;
  const settled = during.finally(() => (done = true));
  const sampling = (async () => {
    while (!done) {
      samples.push(await sample(batch, queueNames));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  const result = await settled;
  await sampling;
  return { result, samples };
}

export async function sample(batch: BatchClient, queueNames: readonly string[]): Promise<Sample> {
  const [queues, environments] = await Promise.all([
    batch.send(new DescribeJobQueuesCommand({ jobQueues: [...queueNames] })),
    batch.send(new DescribeComputeEnvironmentsCommand({})),
  ]);
  return { queues: queues.jobQueues ?? [], computeEnvironments: environments.computeEnvironments ?? [] };
}
