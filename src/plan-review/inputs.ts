/**
 * One environment's results as the pull request workflow leaves them in a
 * folder named after the environment:
 *
 *   plan.json        terraform show -json tfplan   (missing when the plan failed)
 *   plan.txt         terraform show tfplan, or the failed plan's output
 *   doctor.json      npm run doctor -- <stack> --format json   (optional)
 *   cdk.tf.json      the synthesized stack, for the diagram     (optional)
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Finding } from '../doctor/index';
import type { StackJson } from '../diagram/terraform-json';
import type { PlanJson } from './plan-json';
import type { EnvironmentReport } from './comment';
import { CliError } from '../cli/errors';


function readOptional(dir: string, file: string): string | undefined {
  const path = join(dir, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function parseJson<T>(dir: string, file: string): T | undefined {
  const text = readOptional(dir, file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CliError(`${join(dir, file)} is not valid JSON: ${(error as Error).message}`);
  }
}

export function readEnvironmentDir(dir: string): EnvironmentReport {
  const planText = readOptional(dir, 'plan.txt');
  if (planText === undefined) throw new CliError(`${join(dir, 'plan.txt')} is missing: every environment needs the plan's output (or its error)`);
  const plan = parseJson<PlanJson>(dir, 'plan.json');
  const doctor = parseJson<{ findings?: Finding[] }>(dir, 'doctor.json');
  if (doctor && !Array.isArray(doctor.findings)) throw new CliError(`${join(dir, 'doctor.json')} has no "findings" list (use the doctor's --format json)`);
  const stack = parseJson<StackJson>(dir, 'cdk.tf.json');
  return {
    name: basename(dir),
    planText,
    ...(plan ? { plan } : {}),
    ...(doctor ? { findings: doctor.findings! } : {}),
    ...(stack ? { stack } : {}),
  };
}
