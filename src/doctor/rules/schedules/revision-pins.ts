import { literalBool, literalString, type Resource, type TerraformModel } from '../../terraform/model';
import { refsIn, singleRef } from '../../terraform/refs';
import { JOB_TYPE } from '../../views/job-definitions';
import { submitters, type Submitter } from './submitters';

/**
 * Schedules and event targets that submit one fixed revision of a job
 * definition instead of its latest ACTIVE one
 * (docs/aws-batch-facts.md#revision-pinned-schedule-targets):
 *
 * - `literal`: a written revision, `arn:...:job-definition/<name>:<n>` or
 *   `<name>:<n>`, of a job definition this configuration manages (`job`),
 *   or of one outside it;
 * - `reference`: `aws_batch_job_definition.<x>.arn` (or `.id`, or a string
 *   built with `.revision`): the revision Terraform last registered.
 *
 * `arn_prefix` and the plain name mean the latest ACTIVE revision: not pins.
 */
export type RevisionPin =
  | { readonly submitter: Submitter; readonly kind: 'literal'; readonly name: string; readonly revision: number; readonly job?: Resource; readonly deregisters: boolean }
  | { readonly submitter: Submitter; readonly kind: 'reference'; readonly job: Resource; readonly attribute: string };

/** Job definition ARN or `name:revision`: Batch names are letters, digits, hyphens and underscores, 1-128. */
const REVISION = /^(?:arn:[\w-]+:batch:[\w-]*:\d*:job-definition\/)?([A-Za-z0-9_-]{1,128}):(\d+)$/;
const BUILT_REVISION = /^arn:[^/]*:job-definition\/([A-Za-z0-9_-]{1,128}):(\d+)$/;

export function revisionPins(model: TerraformModel): readonly RevisionPin[] {
  return model.memoize('rules:revision-pins', () => {
    const out: RevisionPin[] = [];
    for (const submitter of submitters(model)) {
      const pin = readPin(model, submitter);
      if (pin) out.push(pin);
    }
    for (const machine of model.all('aws_sfn_state_machine')) out.push(...stateMachinePins(model, machine));
    return out;
  });
}

function readPin(model: TerraformModel, submitter: Submitter): RevisionPin | undefined {
  const value = submitter.jobDefinition;
  const literal = literalString(value);
  if (literal !== undefined) {
    const m = REVISION.exec(literal.trim());
    return m ? literalPin(model, submitter, m[1]!, Number(m[2])) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  // An ARN built from variables (`arn:aws:batch:${var.region}:${var.account}:job-definition/report:3`) with a written revision.
  const built = BUILT_REVISION.exec(value.trim());
  if (built) return literalPin(model, submitter, built[1]!, Number(built[2]));
  const single = singleRef(value);
  if (single?.type === JOB_TYPE && (single.attr === 'arn' || single.attr === 'id')) {
    const job = model.get(`${single.type}.${single.name}`);
    return job ? { submitter, kind: 'reference', job, attribute: single.attr } : undefined;
  }
  // `${aws_batch_job_definition.x.name}:${aws_batch_job_definition.x.revision}` and the like.
  const revision = refsIn(value).find((r) => r.type === JOB_TYPE && r.attr === 'revision');
  const job = revision && model.get(`${revision.type}.${revision.name}`);
  return job ? { submitter, kind: 'reference', job, attribute: 'revision' } : undefined;
}

/**
 * A Step Functions definition (arn:aws:states:::batch:submitJob tasks) is a
 * document with any number of JobDefinition fields: each `.arn`/`.id`
 * reference to a job definition, and each literal revision ARN in it, is a
 * pin of that state machine.
 */
function stateMachinePins(model: TerraformModel, machine: Resource): RevisionPin[] {
  const definition = machine.body['definition'];
  if (typeof definition !== 'string' || !definition.includes('batch:submitJob')) return [];
  const at = (jobDefinition: string): Submitter => ({ resource: machine, kind: 'stepfunctions', jobDefinitionField: 'definition JobDefinition', jobDefinition, jobQueue: undefined });
  const out: RevisionPin[] = [];
  const seen = new Set<string>();
  for (const ref of refsIn(definition)) {
    if (ref.type !== JOB_TYPE || (ref.attr !== 'arn' && ref.attr !== 'id' && ref.attr !== 'revision') || seen.has(ref.name)) continue;
    const job = model.get(`${ref.type}.${ref.name}`);
    if (!job) continue;
    seen.add(ref.name);
    out.push({ submitter: at(`\${${job.address}.${ref.attr}}`), kind: 'reference', job, attribute: ref.attr });
  }
  for (const m of definition.matchAll(/arn:[^"\s]*?:job-definition\/[A-Za-z0-9_-]{1,128}:\d+(?![\w-])/g)) {
    const pin = readPin(model, at(m[0]));
    if (pin) out.push(pin);
  }
  return out;
}

/** The pins grouped by the resource that holds them (a state machine may hold several), in order. */
export function pinsByResource(pins: readonly RevisionPin[]): Array<{ resource: Resource; pins: RevisionPin[] }> {
  const out = new Map<Resource, RevisionPin[]>();
  for (const pin of pins) out.set(pin.submitter.resource, [...(out.get(pin.submitter.resource) ?? []), pin]);
  return [...out].map(([resource, list]) => ({ resource, pins: list }));
}

function literalPin(model: TerraformModel, submitter: Submitter, name: string, revision: number): RevisionPin {
  const job = jobsByName(model).get(name);
  // deregister_on_new_revision defaults to true; an expression counts as the default.
  const deregisters = job ? literalBool(job.body['deregister_on_new_revision']) !== false : true;
  return { submitter, kind: 'literal', name, revision, ...(job ? { job } : {}), deregisters };
}

function jobsByName(model: TerraformModel): ReadonlyMap<string, Resource> {
  return model.memoize('rules:jobs-by-name', () => {
    const out = new Map<string, Resource>();
    for (const job of model.all(JOB_TYPE)) {
      const name = literalString(job.body['name']);
      if (name !== undefined) out.set(name, job);
    }
    return out;
  });
}
