/**
 * Loading Terraform from disk into Terraform JSON: a `.tf.json` file, a `.tf`
 * file (HCL, converted with @cdktf/hcl2json), a cdktf stack folder (its
 * `cdk.tf.json`), or a folder of `.tf` / `.tf.json` files merged as
 * Terraform merges them. The doctor, the diagram and the job CLI read
 * Terraform through here; anything wrong with the input is a
 * TerraformReadError whose message names the file and what was wrong.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { withCommentMetadata } from './hcl-comments';
import type { TerraformJson } from './terraform-json';

/** The input cannot be read as Terraform; the message is one line naming the file. */
export class TerraformReadError extends Error {
  override readonly name = 'TerraformReadError';
}

/** The stack file cdktf writes into each stack folder. */
export const STACK_FILE = 'cdk.tf.json';

/** A file, a cdktf stack folder, or a folder of Terraform files, as one configuration. */
export async function loadTerraform(path: string): Promise<TerraformJson> {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new TerraformReadError(`cannot read ${path}: no such file or folder`);
  }
  if (stat.isDirectory()) {
    const stack = join(path, STACK_FILE);
    if (existsSync(stack)) return readTerraformJsonFile(stack);
    const files = readdirSync(path).filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json')).sort();
    if (files.length === 0) throw new TerraformReadError(`${path} holds no ${STACK_FILE}, .tf or .tf.json file`);
    const parts = await Promise.all(files.map((f) => readTerraformFile(join(path, f))));
    return mergeTerraform(parts);
  }
  return readTerraformFile(path);
}

/** One `.tf` (HCL) or `.tf.json` file. */
export async function readTerraformFile(file: string): Promise<TerraformJson> {
  if (file.endsWith('.tf')) return readHcl(file);
  return readTerraformJsonFile(file);
}

/** One Terraform JSON file (what cdktf synthesizes). */
export function readTerraformJsonFile(file: string): TerraformJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof TerraformReadError) throw e;
    throw new TerraformReadError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TerraformReadError(`${file} is not a Terraform JSON object`);
  return parsed as TerraformJson;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new TerraformReadError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

async function readHcl(file: string): Promise<TerraformJson> {
  const text = readText(file);
  try {
    return await parseHcl(basename(file), text);
  } catch (e) {
    const detail = String((e as Error)?.message ?? e).split('\n')[0];
    throw new TerraformReadError(`${file} is not valid HCL: ${detail}`);
  }
}

/** HCL text as Terraform JSON, with the `# key: value` metadata comments of this project's HCL output (hcl-comments.ts). */
export async function parseHcl(name: string, text: string): Promise<TerraformJson> {
  // Loaded only for HCL input: the converter is a WebAssembly module that takes a while to start.
  const { parse } = await import('@cdktf/hcl2json');
  return withCommentMetadata(text, (await parse(name, text)) as TerraformJson);
}

/**
 * Terraform merges the files of a folder; resources and data sources are
 * keyed by type and name. `locals` blocks (hcl2json writes a list of them)
 * add up into one list, and so do other list-shaped sections (`terraform`).
 */
export function mergeTerraform(parts: readonly TerraformJson[]): TerraformJson {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  const lists: Record<string, unknown[]> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (Array.isArray(value) || (key === 'locals' && value !== null && typeof value === 'object')) {
        (lists[key] ??= []).push(...(Array.isArray(value) ? value : [value]));
        continue;
      }
      if (value === null || typeof value !== 'object') continue;
      const section = (out[key] ??= {});
      for (const [type, byName] of Object.entries(value as Record<string, unknown>)) {
        if (byName === null || typeof byName !== 'object' || Array.isArray(byName)) {
          section[type] = byName as Record<string, unknown>;
          continue;
        }
        section[type] = { ...(section[type] ?? {}), ...(byName as Record<string, unknown>) };
      }
    }
  }
  return { ...out, ...lists } as TerraformJson;
}
