/**
 * Turns a plan into the state Terraform would hold after applying it, so a
 * later plan shows what an edit does to live infrastructure (the
 * plan-against-state harness, test-support/terraform/README.md). Planned values are taken as they are; values known only after
 * apply are filled, in this order:
 *   1. from the configuration, when it is a reference to another resource
 *      (`"${aws_vpc.batch.id}"`) whose value is now known, so that the next
 *      plan sees consistent ids and converges in fewer rounds;
 *   2. on an update, from the previous state (AWS keeps what it had);
 *   3. from `placeholder()`: what AWS would return, shaped like the real thing.
 * The provider schema gives the exact attribute set and types.
 */
import type { ConfigModule, ConfigResource, PlanJson, ResourceChange } from '../../src/plan-review/plan-json.js';
import { awsReadBack, placeholder, type PlaceholderContext } from './placeholders.js';
import { resourceSchema, type CtyType, type ResourceSchemas, type SchemaAttribute, type SchemaBlock } from './schema.js';
import { attributesByAddress, stateFile, type StateFile, type StateResource } from './state-file.js';

export interface StateOptions {
  readonly schemas: ResourceSchemas;
  readonly region: string;
  readonly accountId: string;
  /** The state the plan was made against: kept values for updates, and the serial. */
  readonly previous?: StateFile;
  /** Addresses (module path included) whose lifecycle has create_before_destroy; recorded in state as apply would. */
  readonly createBeforeDestroy?: ReadonlySet<string>;
  /** Absolute provider address for a module path; default: the root's aws provider. */
  readonly providerFor?: (module: string | undefined, configKey: string | undefined) => string;
}

type Path = (string | number)[];
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

interface ConfigEntry {
  readonly module?: string;
  readonly resource: ConfigResource;
}

/** Every managed resource in the configuration, by full address (module path included). */
function configEntries(mod: ConfigModule, prefix?: string, out = new Map<string, ConfigEntry>()): Map<string, ConfigEntry> {
  for (const resource of mod.resources ?? []) {
    if (resource.mode !== 'managed') continue;
    out.set(prefix ? `${prefix}.${resource.address}` : resource.address, prefix ? { module: prefix, resource } : { resource });
  }
  for (const [name, call] of Object.entries(mod.module_calls ?? {})) {
    configEntries(call.module, `${prefix ? `${prefix}.` : ''}module.${name}`, out);
  }
  return out;
}

/** "aws_vpc.batch.id" → "aws_vpc.batch"; undefined for data sources, variables, locals, module outputs. */
function referencedResource(reference: string): string | undefined {
  const match = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(reference);
  if (!match || ['data', 'var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self'].includes(match[1]!)) return undefined;
  return `${match[1]}.${match[2]}`;
}

function collectReferences(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) node.forEach((item) => collectReferences(item, out));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'references' && Array.isArray(value)) value.forEach((ref) => typeof ref === 'string' && out.add(ref));
      else collectReferences(value, out);
    }
  }
}

/** Direct dependencies (references and depends_on) of each resource, as full addresses. */
export function directDependencies(plan: PlanJson): Map<string, string[]> {
  const entries = configEntries(plan.configuration?.root_module ?? {});
  const result = new Map<string, string[]>();
  for (const [address, { module, resource }] of entries) {
    const refs = new Set<string>(resource.depends_on ?? []);
    collectReferences(resource.expressions, refs);
    const deps = new Set<string>();
    for (const ref of refs) {
      const target = referencedResource(ref);
      const full = target && (module ? `${module}.${target}` : target);
      if (full && full !== address && entries.has(full)) deps.add(full);
    }
    result.set(address, [...deps].sort());
  }
  return result;
}

/** All resources each one depends on, directly or not: what Terraform records in state. */
export function transitiveDependencies(direct: Map<string, string[]>): Map<string, string[]> {
  const memo = new Map<string, Set<string>>();
  const visit = (address: string): Set<string> => {
    const known = memo.get(address);
    if (known) return known;
    const all = new Set<string>();
    memo.set(address, all); // configs are acyclic; this only guards against a loop
    for (const dep of direct.get(address) ?? []) {
      all.add(dep);
      visit(dep).forEach((d) => all.add(d));
    }
    return all;
  };
  return new Map([...direct.keys()].map((address) => [address, [...visit(address)].sort()]));
}

/** Resources in an order where each comes after everything it references. */
function dependencyOrder(changes: readonly ResourceChange[], direct: Map<string, string[]>): ResourceChange[] {
  const byConfig = new Map<string, ResourceChange[]>();
  for (const rc of changes) {
    const key = configAddress(rc);
    byConfig.set(key, [...(byConfig.get(key) ?? []), rc]);
  }
  const ordered: ResourceChange[] = [];
  const done = new Set<string>();
  const visit = (key: string) => {
    if (done.has(key)) return;
    done.add(key);
    (direct.get(key) ?? []).forEach(visit);
    ordered.push(...(byConfig.get(key) ?? []));
  };
  [...byConfig.keys()].forEach(visit);
  return ordered;
}

/** "module.s1.aws_x.y[0]" → "module.s1.aws_x.y": the address in configuration. */
function configAddress(rc: ResourceChange): string {
  return `${rc.module_address ? `${rc.module_address}.` : ''}${rc.type}.${rc.name}`;
}

/** Type of an attribute, nested attributes folded into the equivalent object type. */
function attributeType(attribute: SchemaAttribute): CtyType {
  if (attribute.type) return attribute.type;
  const nested = attribute.nested_type!;
  const object: CtyType = ['object', Object.fromEntries(Object.entries(nested.attributes).map(([k, a]) => [k, attributeType(a)]))];
  return nested.nesting_mode === 'single' ? object : [nested.nesting_mode, object];
}

const AWS_PROVIDER_ADDRESS = 'provider["registry.terraform.io/hashicorp/aws"]';

function defaultProviderFor(_module: string | undefined, configKey: string | undefined): string {
  // provider_config_key is "aws" or "aws.<alias>" (possibly behind "<module>:").
  const key = (configKey ?? 'aws').split(':').pop()!;
  const alias = key.split('.')[1];
  return alias ? `${AWS_PROVIDER_ADDRESS}.${alias}` : AWS_PROVIDER_ADDRESS;
}

/**
 * Builds the state after applying `plan`: every managed resource the plan
 * keeps, creates or updates, with all attributes known.
 */
export function stateFromPlan(plan: PlanJson, options: StateOptions): StateFile {
  const direct = directDependencies(plan);
  const transitive = transitiveDependencies(direct);
  const entries = configEntries(plan.configuration?.root_module ?? {});
  const previous = attributesByAddress(options.previous);
  const built = new Map<string, Record<string, unknown>>();
  const resources = new Map<string, StateResource>();
  const providerFor = options.providerFor ?? defaultProviderFor;

  const managed = (plan.resource_changes ?? []).filter((rc) => rc.mode === 'managed' && rc.change.actions.join() !== 'delete');
  for (const rc of dependencyOrder(managed, direct)) {
    const key = configAddress(rc);
    const entry = entries.get(key);
    const schema = resourceSchema(options.schemas, rc.type);
    const after = (rc.change.after ?? {}) as Json;
    const ctx: PlaceholderContext = { region: options.region, accountId: options.accountId, address: rc.address, type: rc.type, values: after };
    const isUpdate = rc.change.actions.join() === 'update';
    const fill: Filler = (path, type, constant) => {
      const fromConfig = constant === undefined ? undefined : evaluate(constant, type, entry?.module, built);
      if (fromConfig !== undefined) return fromConfig;
      const kept = isUpdate ? valueAt(previous.get(rc.address), path) : undefined;
      return kept !== undefined && kept !== null ? kept : placeholder(ctx, path, type);
    };
    const planned = buildBlock(schema.block, after, rc.change.after_unknown, entry?.resource.expressions, [], fill);
    // A no-op keeps what is already in state; anything applied is read back from AWS.
    const attributes = rc.change.actions.join() === 'no-op' ? planned : awsReadBack(rc.type, planned);
    built.set(rc.address, attributes);

    let resource = resources.get(key);
    if (!resource) {
      resource = {
        ...(rc.module_address ? { module: rc.module_address } : {}),
        mode: 'managed',
        type: rc.type,
        name: rc.name,
        provider: providerFor(rc.module_address, entry?.resource.provider_config_key),
        instances: [],
      };
      resources.set(key, resource);
    }
    const dependencies = transitive.get(key) ?? [];
    resource.instances.push({
      ...(rc.index !== undefined ? { index_key: rc.index } : {}),
      schema_version: schema.version,
      attributes,
      sensitive_attributes: [],
      ...(dependencies.length ? { dependencies } : {}),
      ...(options.createBeforeDestroy?.has(key) ? { create_before_destroy: true } : {}),
    });
  }
  const ordered = [...resources.values()].sort((a, b) =>
    `${a.module ?? ''} ${a.type}.${a.name}`.localeCompare(`${b.module ?? ''} ${b.type}.${b.name}`),
  );
  return stateFile(ordered, plan.terraform_version, (options.previous?.serial ?? 0) + 1);
}

/** Supplies a value for an unknown attribute at `path`, given its config value if any. */
type Filler = (path: Path, type: CtyType, constant: unknown) => unknown;

/**
 * One block's attributes and nested blocks, from the plan's `after` and
 * `after_unknown` (which mirror each other) and the config expressions
 * (`configuration...expressions`, same shape again).
 */
function buildBlock(block: SchemaBlock, after: unknown, unknown: unknown, expressions: unknown, path: Path, fill: Filler): Json {
  const values = isObject(after) ? after : {};
  const unknowns = isObject(unknown) ? unknown : {};
  const exprs = isObject(expressions) ? expressions : {};
  const out: Json = {};
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const expression = exprs[name];
    const constant = isObject(expression) ? expression.constant_value : undefined;
    out[name] = buildValue(values[name], unknowns[name], attributeType(attribute), constant, [...path, name], fill);
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    const value = values[name];
    const unknownValue = unknowns[name];
    const blockExprs = Array.isArray(exprs[name]) ? (exprs[name] as unknown[]) : [];
    const child = (item: unknown, i: number | string) => {
      const expr =
        blockType.nesting_mode === 'set'
          ? matchSetElement(blockExprs, item, (field) => (isObject(field) ? field.constant_value : undefined))
          : blockExprs[Number(i)];
      const itemUnknown = Array.isArray(unknownValue) || isObject(unknownValue) ? (unknownValue as Record<string | number, unknown>)[i] : undefined;
      return buildBlock(blockType.block, item, itemUnknown, expr, [...path, name, i], fill);
    };
    switch (blockType.nesting_mode) {
      case 'list':
      case 'set':
        out[name] = unknownValue === true || !Array.isArray(value) ? [] : value.map(child);
        break;
      case 'map':
        out[name] = isObject(value) ? Object.fromEntries(Object.keys(value).map((k) => [k, child(value[k], k)])) : {};
        break;
      default:
        out[name] = isObject(value) ? child(value, 0) : null;
    }
  }
  return out;
}

/**
 * Set elements are ordered by value, not as written: the config element for a
 * planned element is the one whose literal (reference-free) fields all equal
 * the element's, when exactly one does. `literalOf` reads a field's config
 * value (an expression object for blocks, the value itself for attributes).
 */
function matchSetElement(candidates: readonly unknown[], item: unknown, literalOf: (field: unknown) => unknown = (f) => f): unknown {
  const values = isObject(item) ? item : {};
  const matches = candidates.filter(
    (candidate) =>
      isObject(candidate) &&
      Object.entries(candidate).every(([key, field]) => {
        const literal = literalOf(field);
        const plain = ['number', 'boolean'].includes(typeof literal) || (typeof literal === 'string' && !literal.includes('${'));
        return !plain || values[key] === literal;
      }),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

/** One attribute value; `constant` is its config value (with `${...}` references), when known. */
function buildValue(value: unknown, unknown: unknown, type: CtyType, constant: unknown, path: Path, fill: Filler): unknown {
  if (unknown === true) return fill(path, type, constant);
  if (Array.isArray(unknown) && Array.isArray(value) && Array.isArray(type)) {
    // A collection with some unknown elements: fill element by element.
    const [kind, inner] = type;
    const constants = Array.isArray(constant) ? constant : [];
    return value.map((item, i) => {
      const elementType = (kind === 'tuple' ? (inner as CtyType[])[i] : inner) as CtyType;
      const itemConstant = kind === 'set' ? matchSetElement(constants, item) : constants[i];
      return buildValue(item, unknown[i], elementType, itemConstant, [...path, i], fill);
    });
  }
  if (isObject(unknown) && isObject(value) && Array.isArray(type) && (type[0] === 'map' || type[0] === 'object')) {
    const [kind, inner] = type;
    const out: Json = {};
    // A map's unknown entries are absent from `after`: take keys from both.
    const keys = kind === 'object' ? Object.keys(inner as Json) : [...new Set([...Object.keys(value), ...Object.keys(unknown)])];
    for (const key of keys) {
      const innerType = (kind === 'object' ? (inner as Json)[key] : inner) as CtyType;
      out[key] = buildValue(value[key], unknown[key], innerType, isObject(constant) ? constant[key] : undefined, [...path, key], fill);
    }
    return out;
  }
  return value === undefined ? null : value;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isObject(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

const TRAVERSAL = /^([a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])*)$/;
const INTERPOLATION = /\$\{([^{}]+)\}/g;

/** The value of `aws_x.y.attr[0]` among the resources built so far, or undefined. */
function lookup(traversal: string, module: string | undefined, built: Map<string, Json>): unknown {
  const match = TRAVERSAL.exec(traversal.trim());
  if (!match || referencedResource(match[1]!) === undefined) return undefined;
  const attributes = built.get(module ? `${module}.${match[1]}` : match[1]!);
  const path: Path = [...match[2]!.matchAll(/\.([^.[]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
  return valueAt(attributes, path);
}

/**
 * A config value with its `${...}` references resolved, converted to `type`;
 * undefined when anything in it is not a plain reference to a known value
 * (function calls, variables, data sources), leaving it to the next round.
 */
function evaluate(constant: unknown, type: CtyType, module: string | undefined, built: Map<string, Json>): unknown {
  if (typeof constant === 'string') {
    const whole = /^\$\{([^{}]+)\}$/.exec(constant);
    if (whole) return convert(lookup(whole[1]!, module, built), type);
    if (type !== 'string') return undefined;
    let complete = true;
    const text = constant.replace(INTERPOLATION, (_, traversal: string) => {
      const value = lookup(traversal, module, built);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
      complete = false;
      return '';
    });
    return complete ? text : undefined;
  }
  if (Array.isArray(constant) && Array.isArray(type) && (type[0] === 'list' || type[0] === 'set')) {
    const items = constant.map((item) => evaluate(item, type[1] as CtyType, module, built));
    return items.includes(undefined) ? undefined : items;
  }
  return undefined;
}

/** Terraform's automatic conversions between primitives, which a reference goes through. */
function convert(value: unknown, type: CtyType): unknown {
  if (value === undefined || value === null) return undefined;
  if (type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (type === 'number' && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (type === 'string' && typeof value !== 'string') return undefined;
  return value;
}
