/**
 * The AWS provider's resource schemas (`terraform providers schema -json`):
 * which attributes exist, their types, which are computed. 13 MB and ~3 s to
 * produce, so it is written once per machine to cacheDir() (the OS temp dir) and parsed
 * once per process.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_PROVIDER, cacheDir } from './find.js';

/** cty type in JSON form: "string", ["list","string"], ["object",{...}], "dynamic"... */
export type CtyType = string | [string, unknown];

export interface SchemaAttribute {
  readonly type?: CtyType;
  /** Plugin-framework nested attributes; AWS 5.100.0 has none, supported for completeness. */
  readonly nested_type?: { readonly attributes: Record<string, SchemaAttribute>; readonly nesting_mode: string };
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}

export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaBlockType>;
}

export interface SchemaBlockType {
  readonly nesting_mode: 'single' | 'group' | 'list' | 'set' | 'map';
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface ResourceSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

export type ResourceSchemas = Record<string, ResourceSchema>;

interface ProvidersSchemaJson {
  readonly provider_schemas: Record<string, { readonly resource_schemas: ResourceSchemas }>;
}

const CACHE_FILE = join(cacheDir(), `batch-cdktf-aws-${AWS_PROVIDER.version}-resource-schemas.json`);

let loaded: ResourceSchemas | undefined;

/**
 * The AWS provider's resource schemas. `produce` runs
 * `terraform providers schema -json` in an initialised dir; it is called only
 * when no cached copy exists (the provider version is pinned, so the schema
 * for a version never changes).
 */
export async function awsResourceSchemas(produce: () => Promise<string>): Promise<ResourceSchemas> {
  if (loaded) return loaded;
  if (existsSync(CACHE_FILE)) {
    loaded = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as ResourceSchemas;
    return loaded;
  }
  const all = JSON.parse(await produce()) as ProvidersSchemaJson;
  const aws = all.provider_schemas[AWS_PROVIDER.source];
  if (!aws) throw new Error(`terraform providers schema has no ${AWS_PROVIDER.source}`);
  loaded = aws.resource_schemas;
  // Only resource schemas are kept (data sources and functions are not needed): 9 of the 13 MB.
  const scratch = `${CACHE_FILE}.${process.pid}`;
  writeFileSync(scratch, JSON.stringify(loaded));
  renameSync(scratch, CACHE_FILE);
  return loaded;
}

export function resourceSchema(schemas: ResourceSchemas, type: string): ResourceSchema {
  const schema = schemas[type];
  if (!schema) throw new Error(`the AWS provider ${AWS_PROVIDER.version} has no resource type ${type}`);
  return schema;
}
