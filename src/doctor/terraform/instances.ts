/**
 * Module and resource instances, as Terraform expands them at plan time:
 * each module call becomes one instance per `count` / `for_each` key
 * (`module.x`, `module.x["a"]`, `module.x[0]`), each resource block one
 * instance per key of its own `count` / `for_each`, and every expression is
 * evaluated in its module instance: `var.` from the call's arguments (or,
 * in the root module, from the variables files), `local.`, `module.<name>.`
 * outputs, `each.` and `count.`. Variables, locals and outputs are
 * evaluated once, when first read
 * (docs/aws-batch-facts.md#terraform-modules-and-variable-values).
 *
 * A `count` or `for_each` that cannot be decided leaves one instance at the
 * block's own address, whose `each` / `count.index` are unknown with the
 * reason: the doctor still reads what the block says.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { moduleBlocks, type ModuleBlocks, type RawBody, type ResourceBlock } from './blocks';
import type { Configuration, LoadedModule, ModuleSource } from './configuration';
import { evaluateString, Frame, Namespace, placeholder, renderTemplate, type Environment } from './expressions/evaluate';
import { parseExpression } from './expressions/syntax';
import { applyType, readTypeConstraint } from './expressions/type-constraints';
import { AttrRef, isRecord, ModuleObject, ResourceObject, Unknown, type Value } from './expressions/values';

/** What `each` or `count` is for one instance. */
export interface InstanceBinding {
  readonly each?: Value;
  readonly count?: Value;
}

export interface ResourceInstance {
  readonly block: ResourceBlock;
  readonly module: ModuleInstance;
  /** `module.x["a"].aws_subnet.private[0]`; the block's own address when the instance key is unknown. */
  readonly address: string;
  /** The block's address in its module instance, without an instance key: `module.x["a"].aws_subnet.private`. */
  readonly blockAddress: string;
  readonly binding: InstanceBinding;
  /** The instance key is known (or there is no count / for_each). */
  readonly expanded: boolean;
}

type Expansion =
  | { readonly kind: 'single' }
  | { readonly kind: 'count'; readonly n: number }
  | { readonly kind: 'each'; readonly entries: ReadonlyArray<readonly [string, Value]> }
  | { readonly kind: 'unknown'; readonly why: Unknown };

/** Shared by every module instance of one configuration: root values, files, and the unknowns written into strings. */
export class Evaluation {
  readonly placeholders = new Map<string, Unknown>();
  private readonly files = new Map<string, string | Unknown>();
  readonly root: ModuleInstance;

  constructor(readonly configuration: Configuration) {
    this.root = new ModuleInstance(this, configuration.root, '', '');
  }

  /**
   * file() and templatefile(): a path relative to Terraform's working
   * directory (the root module), read only inside the folders of the
   * configuration's modules.
   */
  readFile(path: string, module: ModuleInstance): string | Unknown {
    const root = this.configuration.rootDir;
    if (!root) return new Unknown(`reads ${path}, and this configuration has no folder to read it from`, [`file(${path})`]);
    const full = isAbsolute(path) ? path : resolve(root, path);
    const known = this.files.get(full);
    if (known !== undefined) return known;
    let read: string | Unknown;
    const inside = [root, module.loaded.dir].some((dir) => dir !== undefined && (full === dir || full.startsWith(dir + sep)));
    if (!inside) read = new Unknown(`reads ${path}, outside the configuration's folders`, [`file(${path})`]);
    else if (!existsSync(full) || !statSync(full).isFile()) read = new Unknown(`reads ${path}, which is not beside the configuration`, [`file(${path})`]);
    else read = readFileSync(full, 'utf8');
    this.files.set(full, read);
    return read;
  }
}

export class ModuleInstance {
  readonly blocks: ModuleBlocks;
  private readonly variables = new Map<string, Value>();
  private readonly locals = new Map<string, Value | 'computing'>();
  private readonly outputs = new Map<string, Value>();
  private callInstances?: Map<string, { source: ModuleSource; instances: ModuleInstance[]; expansion: Expansion }>;
  private expansions = new Map<string, Expansion>();
  private managedTypes?: Set<string>;
  /** Resource blocks by mode, type and name: a reference is looked up, not searched for among every block. */
  private blocksByName?: Map<string, Map<string, ResourceBlock>>;

  constructor(
    readonly evaluation: Evaluation,
    readonly loaded: LoadedModule,
    /** `module.a["x"].module.b`; '' for the root. */
    readonly path: string,
    /** The same without instance keys: `module.a.module.b`. */
    readonly configPath: string,
    readonly parent?: { readonly instance: ModuleInstance; readonly name: string; readonly call: RawBody; readonly binding: InstanceBinding },
  ) {
    this.blocks = moduleBlocks(loaded.tf);
  }

  /** `prefix.` for addresses inside this module instance ('' for the root). */
  get prefix(): string {
    return this.path === '' ? '' : `${this.path}.`;
  }

  // -------------------------------------------------------------------------
  // Values
  // -------------------------------------------------------------------------

  env(binding: InstanceBinding = {}): Environment {
    return {
      lookup: (name) => this.lookup(name, binding),
      readFile: (path) => this.evaluation.readFile(path, this),
      placeholders: this.evaluation.placeholders,
    };
  }

  /** A raw attribute value (Terraform JSON: strings are templates, objects and lists hold more of them). */
  evaluateRaw(raw: unknown, binding: InstanceBinding = {}, frame?: Frame): Value {
    return evaluateRaw(raw, this.env(binding), frame);
  }

  private lookup(name: string, binding: InstanceBinding): Value | Namespace | undefined {
    switch (name) {
      case 'var':
        return new Namespace('var', (n) => orElse(this.variable(n), this.undeclared(`var.${n}`)));
      case 'local':
        return new Namespace('local', (n) => (this.blocks.locals.has(n) ? this.local(n) : this.undeclared(`local.${n}`)));
      case 'module':
        return new Namespace('module', (n) => orElse(this.moduleValue(n), this.undeclared(`module.${n}`)));
      case 'data':
        // A data source that is not declared here is, like a resource, something outside the configuration.
        return new Namespace('data', (type) => new Namespace(`data.${type}`, (n) => this.resourceValue('data', type, n) ?? new AttrRef(`${this.prefix}data.${type}.${n}`, '')));
      case 'path':
        return this.pathValue();
      case 'terraform':
        return { workspace: new Unknown('is the Terraform workspace, chosen when Terraform runs', ['terraform.workspace']) };
      case 'each':
        return binding.each;
      case 'count':
        return binding.count;
      case 'self':
        return new Unknown('is the resource itself', ['self']);
      default:
        // A resource type (`aws_subnet`): a block of this module, or one the configuration does not hold,
        // which the rules then see as a reference to something outside it (as written).
        if (this.hasManagedType(name) || name.includes('_')) return new Namespace(name, (n) => this.resourceValue('managed', name, n) ?? new AttrRef(`${this.prefix}${name}.${n}`, ''));
        return undefined;
    }
  }

  /** A name Terraform would refuse as undeclared: unknown, so the rest of the value can still be read. */
  private undeclared(name: string): Unknown {
    return new Unknown(`${name} is not declared in ${this.path === '' ? 'the root module' : this.path}`, [`${this.prefix}${name}`]);
  }

  private pathValue(): Value {
    const root = this.evaluation.configuration.rootDir;
    const dir = this.loaded.dir;
    const module = root && dir ? relative(root, dir) || '.' : '.';
    return { module, root: '.', cwd: root ?? '.' };
  }

  /** A variable's value in this instance; undefined when it is not declared. */
  variable(name: string): Value | undefined {
    const decl = this.blocks.variables.get(name);
    if (!decl) return undefined;
    const known = this.variables.get(name);
    if (known !== undefined) return known;
    const value = this.readVariable(name, decl);
    this.variables.set(name, value);
    return value;
  }

  private readVariable(name: string, decl: RawBody): Value {
    const type = readTypeConstraint(decl['type']);
    const fallback = (): Value | undefined => (decl['default'] === undefined ? undefined : applyType(this.evaluateConstant(decl['default']), type));
    if (this.parent) {
      const { instance, call, binding } = this.parent;
      if (name in call) {
        const given = instance.evaluateRaw(call[name], binding);
        if (given === null && decl['nullable'] === false) return orElse(fallback(), null);
        return applyType(given, type);
      }
      return orElse(fallback(), new Unknown(`var.${name} of ${this.path} has no default and the module call does not set it`, [`${this.path}.var.${name}`]));
    }
    const root = this.evaluation.configuration.variables.get(name);
    if (root) {
      if (root.text) return applyType(typeof root.value === 'string' && type.kind !== 'string' ? parseText(root.value) : (root.value as Value), type);
      return applyType(this.evaluateConstant(root.value), type);
    }
    return orElse(fallback(), new Unknown(`var.${name} has no default and no value in terraform.tfvars, *.auto.tfvars, --var-file or --var`, [`var.${name}`]));
  }

  /** A default or a variables-file value: a constant (its strings may still hold template escapes). */
  private evaluateConstant(raw: unknown): Value {
    return evaluateRaw(raw, constantEnv(this.evaluation.placeholders));
  }

  local(name: string): Value {
    const known = this.locals.get(name);
    if (known === 'computing') return new Unknown(`local.${name} refers to itself`, [`${this.prefix}local.${name}`]);
    if (known !== undefined) return known;
    this.locals.set(name, 'computing');
    const value = this.evaluateRaw(this.blocks.locals.get(name));
    this.locals.set(name, value);
    return value;
  }

  output(name: string): Value {
    const known = this.outputs.get(name);
    if (known !== undefined) return known;
    const value = this.evaluateRaw(this.blocks.outputs.get(name)?.['value'] ?? null);
    this.outputs.set(name, value);
    return value;
  }

  // -------------------------------------------------------------------------
  // Module calls
  // -------------------------------------------------------------------------

  /** Every module call of this instance, with its instances (none when the module was not read or count is 0). */
  calls(): ReadonlyMap<string, { readonly source: ModuleSource; readonly instances: readonly ModuleInstance[]; readonly expansion: Expansion }> {
    if (this.callInstances) return this.callInstances;
    this.callInstances = new Map();
    for (const [name, call] of this.blocks.calls) {
      const source = this.loaded.calls.get(name) ?? { source: String(call['source'] ?? ''), notRead: 'the module call has no literal source' };
      const expansion = this.expand(`module.${name}`, call);
      const instances: ModuleInstance[] = [];
      if (source.module) {
        for (const { key, binding } of instancesOf(expansion)) {
          instances.push(new ModuleInstance(this.evaluation, source.module, `${this.prefix}module.${name}${key}`, `${this.configPath === '' ? '' : `${this.configPath}.`}module.${name}`, {
            instance: this,
            name,
            call,
            binding,
          }));
        }
      }
      this.callInstances.set(name, { source, instances, expansion });
    }
    return this.callInstances;
  }

  private moduleValue(name: string): Value | undefined {
    const call = this.calls().get(name);
    if (!call) return undefined;
    const address = `${this.prefix}module.${name}`;
    // Why it was not read is said once, in the list of modules.
    if (!call.source.module) return new Unknown(`comes from ${address}, which was not read`, [address]);
    const object = (m: ModuleInstance): ModuleObject => new ModuleObject(m.path, [...m.blocks.outputs.keys()], (o) => m.output(o));
    const e = call.expansion;
    if (e.kind === 'single') return object(call.instances[0]!);
    if (e.kind === 'count') return call.instances.map(object);
    if (e.kind === 'each') return Object.fromEntries(e.entries.map(([k], i) => [k, object(call.instances[i]!)]));
    return new Unknown(`comes from ${address}, whose instances are unknown: its ${e.why.reason}`, [address]);
  }

  // -------------------------------------------------------------------------
  // Resources
  // -------------------------------------------------------------------------

  private hasManagedType(type: string): boolean {
    this.managedTypes ??= new Set(this.blocks.resources.filter((r) => r.mode === 'managed').map((r) => r.type));
    return this.managedTypes.has(type);
  }

  /** The first block of that mode, type and name, as a search in written order would find it. */
  private resourceBlock(mode: 'managed' | 'data', type: string, name: string): ResourceBlock | undefined {
    if (!this.blocksByName) {
      this.blocksByName = new Map();
      for (const r of this.blocks.resources) {
        const key = r.mode === 'data' ? `data.${r.type}` : r.type;
        let names = this.blocksByName.get(key);
        if (!names) this.blocksByName.set(key, (names = new Map()));
        if (!names.has(r.name)) names.set(r.name, r);
      }
    }
    return this.blocksByName.get(mode === 'data' ? `data.${type}` : type)?.get(name);
  }

  blockAddress(block: ResourceBlock): string {
    return `${this.prefix}${block.mode === 'data' ? 'data.' : ''}${block.type}.${block.name}`;
  }

  /** The instances of every resource and data block of this module instance. */
  resourceInstances(): ResourceInstance[] {
    const out: ResourceInstance[] = [];
    for (const block of this.blocks.resources) {
      const blockAddress = this.blockAddress(block);
      const expansion = this.blockExpansion(block);
      for (const { key, binding } of instancesOf(expansion)) {
        out.push({ block, module: this, address: `${blockAddress}${key}`, blockAddress, binding, expanded: expansion.kind !== 'unknown' });
      }
    }
    return out;
  }

  private blockExpansion(block: ResourceBlock): Expansion {
    const address = this.blockAddress(block);
    let e = this.expansions.get(address);
    if (!e) {
      e = this.expand(address.slice(this.prefix.length), block.body);
      this.expansions.set(address, e);
    }
    return e;
  }

  /** The value `type.name` (or `data.type.name`) stands for in expressions of this module instance. */
  private resourceValue(mode: 'managed' | 'data', type: string, name: string): Value | undefined {
    const block = this.resourceBlock(mode, type, name);
    if (!block) return undefined;
    const address = this.blockAddress(block);
    const e = this.blockExpansion(block);
    const object = (key: string, binding: InstanceBinding): ResourceObject =>
      new ResourceObject(`${address}${key}`, block.type === 'template_file' && mode === 'data' ? (attr) => this.templateFileAttr(block, binding, attr) : undefined);
    if (e.kind === 'single') return object('', {});
    if (e.kind === 'unknown') return new AttrRef(address, '');
    const list = instancesOf(e);
    if (e.kind === 'count') return list.map(({ key, binding }) => object(key, binding));
    return Object.fromEntries(list.map(({ key, binding }, i) => [e.entries[i]![0], object(key, binding)]));
  }

  /** data.template_file's `rendered`: its template with its vars (the template provider's one job). */
  private templateFileAttr(block: ResourceBlock, binding: InstanceBinding, attr: string): Value | undefined {
    if (attr !== 'rendered') return undefined;
    const template = this.evaluateRaw(block.body['template'], binding);
    const vars = block.body['vars'] === undefined ? {} : this.evaluateRaw(block.body['vars'], binding);
    if (typeof template !== 'string') return template instanceof Unknown ? template : new Unknown('has a template that is not text', [`${this.blockAddress(block)}.template`]);
    if (!isRecord(vars)) return vars instanceof Unknown ? vars : new Unknown('has template vars that are not a known map', [`${this.blockAddress(block)}.vars`]);
    // The template's own `${...}` are the template provider's interpolations, not Terraform's.
    return renderTemplate(template, vars, this.env(binding));
  }

  /** count / for_each of a block or a module call, evaluated in this module instance. */
  private expand(label: string, body: RawBody): Expansion {
    if (body['for_each'] !== undefined && body['for_each'] !== null) {
      const v = this.evaluateRaw(body['for_each']);
      const why = (u: Unknown): Expansion => ({ kind: 'unknown', why: new Unknown(`for_each (${label}) ${u.reason}`, u.sources) });
      if (v instanceof Unknown) return why(v);
      if (isRecord(v)) {
        const keys = Object.keys(v).sort();
        if (keys.some((k) => k.includes('${'))) return why(new Unknown('has keys known only after apply'));
        return { kind: 'each', entries: keys.map((k) => [k, v[k]!] as const) };
      }
      if (Array.isArray(v)) {
        if (!v.every((x) => typeof x === 'string' && !x.includes('${'))) return why(new Unknown('is a set whose elements are known only after apply'));
        return { kind: 'each', entries: [...new Set(v as string[])].sort().map((k) => [k, k] as const) };
      }
      return why(new Unknown('is not a map or set'));
    }
    if (body['count'] !== undefined && body['count'] !== null) {
      const v = this.evaluateRaw(body['count']);
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
      if (n === undefined) {
        const u = v instanceof Unknown ? v : new Unknown(`is ${typeof v === 'string' ? 'known only after apply' : 'not a number'}`);
        return { kind: 'unknown', why: new Unknown(`count (${label}) ${u.reason}`, u.sources) };
      }
      return { kind: 'count', n };
    }
    return { kind: 'single' };
  }

  /** Canonical address for a traversal written in this module (depends_on, replace_triggered_by). */
  canonical(traversal: string): string {
    const text = traversal.replace(/^\$\{\s*/, '').replace(/\s*\}$/, '').trim();
    return `${this.prefix}${text}`;
  }

  // -------------------------------------------------------------------------
  // Placeholders for body values
  // -------------------------------------------------------------------------

  placeholderOf(u: Unknown): string {
    return placeholder(u, this.env());
  }
}

/** The instances an expansion makes, with their address suffix and binding. */
export function instancesOf(e: Expansion): Array<{ key: string; binding: InstanceBinding }> {
  switch (e.kind) {
    case 'single':
      return [{ key: '', binding: {} }];
    case 'count':
      return Array.from({ length: e.n }, (_, i) => ({ key: `[${i}]`, binding: { count: { index: i } } }));
    case 'each':
      return e.entries.map(([k, v]) => ({ key: `[${JSON.stringify(k)}]`, binding: { each: { key: k, value: v } } }));
    case 'unknown':
      return [{ key: '', binding: { each: e.why, count: { index: e.why } } }];
  }
}

/** A --var value that is not for a string variable: HCL syntax (`["a","b"]`, `3`), else the text itself. */
function parseText(text: string): Value {
  try {
    const expr = parseExpression(text);
    if (expr.kind === 'name') return text;
    const v = evaluateString(`\${${text}}`, constantEnv(new Map()));
    return v instanceof Unknown ? text : v;
  } catch {
    return text;
  }
}


/** A default that may be null (a declared `default = null` is a value). */
function orElse(v: Value | undefined, otherwise: Value): Value {
  return v === undefined ? otherwise : v;
}

/** Where constants are evaluated: no names, no files. */
function constantEnv(placeholders: Map<string, Unknown>): Environment {
  return { lookup: () => undefined, readFile: (path) => new Unknown(`reads ${path} where no file can be read`), placeholders };
}

/** A raw value of Terraform JSON: strings are templates; objects (keys too) and lists hold more of them. */
export function evaluateRaw(raw: unknown, env: Environment, frame?: Frame): Value {
  const walk = (v: unknown): Value => {
    if (typeof v === 'string') return evaluateString(v, env, frame);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, Value> = {};
      for (const [k, x] of Object.entries(v)) {
        const key = k.includes('${') ? evaluateString(k, env, frame) : k;
        out[typeof key === 'string' ? key : k] = walk(x);
      }
      return out;
    }
    return v as Value;
  };
  return walk(raw);
}
