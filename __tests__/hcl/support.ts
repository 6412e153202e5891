/** Every stack this project emits, in both output formats, for the HCL tests. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { BootstrapStack } from '../../src/bootstrap/stack';
import { loadBootstrapConfig } from '../../src/bootstrap/config';
import { BatchStack, loadConfigFile } from '../../src/index';
import { ROOT } from '../support/synth';

export type Json = Record<string, any>;

/**
 * One output folder for every test app of a file (Testing.app() would make a
 * temp folder per app); nothing is synthesized into it. Remove it in afterAll.
 */
const outdir = mkdtempSync(join(tmpdir(), 'batch-hcl-apps-'));
export const testApp = () => Testing.app({ outdir });
export const removeTestApps = () => rmSync(outdir, { recursive: true, force: true });

export interface BothFormats {
  /** The config file it comes from, e.g. `environments/dev.json`. */
  readonly id: string;
  /** What cdk.tf.json holds (`//` metadata included, as the doctor reads it). */
  readonly json: Json;
  /** What cdk.tf holds after `cdktf synth --hcl`. */
  readonly hcl: string;
}

export function bothFormats(stack: TerraformStack, id: string): BothFormats {
  const hcl = Testing.synthHcl(stack); // runs the stack's aspects first, as a synth does
  return { id, json: stack.toTerraform() as Json, hcl };
}

/** dev, prod, bootstrap (environments/*.json, through main.ts's classes) and examples/*.json. */
export function bothFormatsOfEveryStack(): BothFormats[] {
  const files = [
    ...readdirSync(join(ROOT, 'environments')).filter((f) => f.endsWith('.json') && f !== 'bootstrap.json').map((f) => `environments/${f}`),
    ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).map((f) => `examples/${f}`),
  ].sort();
  const stacks = files.map((file) => bothFormats(new BatchStack(testApp(), basename(file, '.json'), loadConfigFile(join(ROOT, file))), file));
  const bootstrap = new BootstrapStack(testApp(), 'bootstrap', loadBootstrapConfig(join(ROOT, 'environments/bootstrap.json')));
  return [...stacks, bothFormats(bootstrap, 'environments/bootstrap.json')];
}

/**
 * Every string attribute of the JSON that holds a JSON object or array, with
 * the same attribute of the HCL as hcl2json reads it (blocks become lists).
 */
export function documentPairs(json: Json, hclJson: Json): { path: string; json: string; hcl: unknown }[] {
  const pairs: { path: string; json: string; hcl: unknown }[] = [];
  const walk = (path: string, a: unknown, b: unknown) => {
    if (typeof a === 'string') {
      if (/^[[{]/.test(a)) pairs.push({ path, json: a, hcl: b });
    } else if (Array.isArray(a)) {
      a.forEach((item, i) => walk(`${path}[${i}]`, item, Array.isArray(b) ? b[i] : undefined));
    } else if (a !== null && typeof a === 'object') {
      const body = Array.isArray(b) && b.length === 1 && !Array.isArray(a) ? b[0] : b;
      for (const [key, value] of Object.entries(a)) if (key !== '//') walk(`${path}.${key}`, value, (body as Json | undefined)?.[key]);
    }
  };
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName as Json)) walk(`${type}.${name}`, body, hclJson.resource?.[type]?.[name]?.[0]);
  }
  return pairs;
}
