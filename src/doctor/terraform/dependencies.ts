/**
 * What a resource depends on, as Terraform's graph has it: every reference
 * written in its arguments (through variables, locals and module outputs,
 * whichever branch a conditional takes), its `depends_on`, and the
 * `depends_on`, `count` and `for_each` of the module calls it sits in
 * (https://developer.hashicorp.com/terraform/language/meta-arguments/depends_on).
 * Terraform destroys in the reverse of this order, so "is the compute
 * environment destroyed before the policy attachment" is "does it depend on
 * it, directly or not".
 *
 * Dependencies are between blocks (`module.x["a"].aws_iam_role.service`),
 * not instances: a reference to one instance orders the whole block.
 */
import type { RawBody, ResourceBlock } from './blocks';
import type { ModuleInstance } from './instances';
import { parseExpression, parseTemplate, type Expr, type TemplatePart } from './expressions/syntax';

type Step = string | { readonly key: string };

interface Traversal {
  readonly root: string;
  readonly steps: readonly Step[];
}

export interface Dependencies {
  /** Block addresses (resources and data sources). */
  readonly blocks: ReadonlySet<string>;
  /** False when a reference leads into a module that was not read: it may carry dependencies not seen here. */
  readonly complete: boolean;
}

interface Node {
  readonly module: ModuleInstance;
  readonly block: ResourceBlock;
}

export class DependencyGraph {
  private readonly nodes = new Map<string, Node>();
  private readonly direct = new Map<string, Dependencies>();
  private readonly named = new Map<string, Dependencies>();
  private readonly closures = new Map<string, Dependencies>();

  constructor(modules: readonly ModuleInstance[]) {
    for (const m of modules) for (const block of m.blocks.resources) this.nodes.set(m.blockAddress(block), { module: m, block });
  }

  /** Everything a block depends on, transitively. */
  closure(blockAddress: string): Dependencies {
    const known = this.closures.get(blockAddress);
    if (known) return known;
    const seen = new Set<string>();
    let complete = true;
    const queue = [blockAddress];
    while (queue.length > 0) {
      const next = queue.pop()!;
      const d = this.directOf(next);
      if (!d.complete) complete = false;
      for (const b of d.blocks) {
        if (seen.has(b)) continue;
        seen.add(b);
        queue.push(b);
      }
    }
    const result = { blocks: seen, complete };
    this.closures.set(blockAddress, result);
    return result;
  }

  /** The blocks one block refers to itself (and through variables, locals and outputs), with its module calls' dependencies. */
  directOf(blockAddress: string): Dependencies {
    const known = this.direct.get(blockAddress);
    if (known) return known;
    const node = this.nodes.get(blockAddress);
    const acc = new Accumulator();
    if (node) {
      const { module, block } = node;
      for (const [key, value] of Object.entries(block.body)) {
        if (key === '//') continue;
        if (key === 'depends_on') this.dependsOn(value, module, acc);
        else if (key === 'lifecycle') this.lifecycle(value, module, acc);
        else this.raw(value, module, acc);
      }
      this.inherited(module, acc);
    }
    const result = acc.result();
    this.direct.set(blockAddress, result);
    return result;
  }

  /** Module calls pass their depends_on, count and for_each to every block inside. */
  private inherited(module: ModuleInstance, acc: Accumulator): void {
    for (let m: ModuleInstance | undefined = module; m?.parent; m = m.parent.instance) {
      const { call, instance } = m.parent;
      this.dependsOn(call['depends_on'], instance, acc);
      this.raw(call['count'], instance, acc);
      this.raw(call['for_each'], instance, acc);
    }
  }

  private lifecycle(value: unknown, module: ModuleInstance, acc: Accumulator): void {
    const body = Array.isArray(value) ? value[0] : value;
    if (body === null || typeof body !== 'object') return;
    for (const [k, v] of Object.entries(body as RawBody)) {
      if (k === 'ignore_changes') continue;
      if (k === 'replace_triggered_by') this.dependsOn(v, module, acc);
      else this.raw(v, module, acc);
    }
  }

  /** depends_on entries: a resource or data source orders that block, a module every block inside it. */
  private dependsOn(value: unknown, module: ModuleInstance, acc: Accumulator): void {
    if (!Array.isArray(value)) return;
    for (const entry of value) {
      if (typeof entry !== 'string') continue;
      const text = entry.replace(/^\$\{\s*/, '').replace(/\s*\}$/, '');
      let t: Traversal | undefined;
      try {
        t = traversalOf(parseExpression(text));
      } catch {
        t = undefined;
      }
      if (!t) continue;
      if (t.root === 'module' && typeof t.steps[0] === 'string' && !(typeof t.steps[1] === 'string')) this.wholeModule(module, t.steps[0], acc);
      else this.resolve(t, module, acc);
    }
  }

  private wholeModule(module: ModuleInstance, name: string, acc: Accumulator): void {
    const call = module.calls().get(name);
    // A module that is not declared here cannot be seen either: whatever it holds may be a dependency.
    if (!call || !call.source.module) acc.incomplete();
    if (!call) return;
    const visit = (m: ModuleInstance): void => {
      for (const block of m.blocks.resources) acc.add(m.blockAddress(block));
      for (const c of m.calls().values()) {
        if (!c.source.module) acc.incomplete();
        c.instances.forEach(visit);
      }
    };
    call.instances.forEach(visit);
  }

  /** References in a raw value (Terraform JSON: strings are templates). */
  private raw(value: unknown, module: ModuleInstance, acc: Accumulator): void {
    if (typeof value === 'string') {
      if (!value.includes('${') && !value.includes('%{')) return;
      let expr: Expr;
      try {
        expr = parseTemplate(value);
      } catch {
        return;
      }
      for (const t of traversals(expr)) this.resolve(t, module, acc);
    } else if (Array.isArray(value)) for (const v of value) this.raw(v, module, acc);
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('${')) this.raw(k, module, acc);
        this.raw(v, module, acc);
      }
    }
  }

  private resolve(t: Traversal, module: ModuleInstance, acc: Accumulator): void {
    const [first, second] = t.steps;
    const name = typeof first === 'string' ? first : undefined;
    switch (t.root) {
      case 'var':
        if (name && module.parent && name in module.parent.call) acc.merge(this.namedValue(`${module.path}|var|${name}`, () => this.rawOf(module.parent!.call[name], module.parent!.instance)));
        return;
      case 'local':
        if (name && module.blocks.locals.has(name)) acc.merge(this.namedValue(`${module.path}|local|${name}`, () => this.rawOf(module.blocks.locals.get(name), module)));
        return;
      case 'module': {
        if (!name) return;
        const call = module.calls().get(name);
        if (!call) return;
        if (!call.source.module) {
          acc.incomplete();
          return;
        }
        // module.x["a"].out names one instance; module.x.out (or an index that is not a literal) any of them.
        const output = typeof second === 'string' ? second : typeof t.steps[2] === 'string' ? t.steps[2] : undefined;
        for (const child of call.instances) {
          const outputs = output !== undefined ? [output] : [...child.blocks.outputs.keys()];
          for (const o of outputs) {
            const body = child.blocks.outputs.get(o);
            if (!body) continue;
            acc.merge(
              this.namedValue(`${child.path}|output|${o}`, () => {
                const inner = new Accumulator();
                this.raw(body['value'], child, inner);
                this.dependsOn(body['depends_on'], child, inner);
                return inner.result();
              }),
            );
          }
        }
        return;
      }
      case 'data':
        if (name && typeof second === 'string') acc.add(`${module.prefix}data.${name}.${second}`);
        return;
      case 'each':
      case 'count':
      case 'path':
      case 'self':
      case 'terraform':
        return;
      default:
        if (name && t.root.includes('_')) acc.add(`${module.prefix}${t.root}.${name}`);
    }
  }

  private rawOf(value: unknown, module: ModuleInstance): Dependencies {
    const acc = new Accumulator();
    this.raw(value, module, acc);
    return acc.result();
  }

  /** A variable's, local's or output's dependencies, once; a cycle contributes nothing more. */
  private namedValue(key: string, compute: () => Dependencies): Dependencies {
    const known = this.named.get(key);
    if (known) return known;
    this.named.set(key, { blocks: new Set(), complete: true });
    const result = compute();
    this.named.set(key, result);
    return result;
  }
}

class Accumulator {
  private readonly blocks = new Set<string>();
  private complete = true;

  add(block: string): void {
    this.blocks.add(block);
  }

  merge(d: Dependencies): void {
    for (const b of d.blocks) this.blocks.add(b);
    if (!d.complete) this.complete = false;
  }

  incomplete(): void {
    this.complete = false;
  }

  result(): Dependencies {
    return { blocks: this.blocks, complete: this.complete };
  }
}

// ---------------------------------------------------------------------------
// Traversals in an expression
// ---------------------------------------------------------------------------

/** The traversal an expression is, when it is one (`aws_iam_role.x`, `module.iam`). */
function traversalOf(expr: Expr): Traversal | undefined {
  const steps: Step[] = [];
  let e = expr;
  for (;;) {
    if (e.kind === 'attr') {
      steps.unshift(e.name);
      e = e.target;
    } else if (e.kind === 'index') {
      steps.unshift(e.key.kind === 'literal' ? { key: String(e.key.value) } : { key: '?' });
      e = e.target;
    } else if (e.kind === 'splat') {
      steps.unshift({ key: '*' });
      e = e.target;
    } else break;
  }
  return e.kind === 'name' ? { root: e.name, steps } : undefined;
}

/** Every traversal in an expression, outside the names a for expression binds. */
export function traversals(expr: Expr, bound: ReadonlySet<string> = new Set()): Traversal[] {
  const out: Traversal[] = [];
  const walk = (e: Expr, names: ReadonlySet<string>): void => {
    const t = traversalOf(e);
    if (t) {
      if (!names.has(t.root)) out.push(t);
      // Computed indexes refer to things of their own.
      for (let x: Expr = e; x.kind === 'attr' || x.kind === 'index' || x.kind === 'splat'; x = x.target) if (x.kind === 'index') walk(x.key, names);
      return;
    }
    switch (e.kind) {
      case 'template':
        e.parts.forEach((p) => part(p, names));
        return;
      case 'tuple':
        e.items.forEach((i) => walk(i, names));
        return;
      case 'object':
        e.items.forEach(({ key, value }) => {
          walk(key, names);
          walk(value, names);
        });
        return;
      case 'attr':
      case 'index':
        walk(e.target, names);
        if (e.kind === 'index') walk(e.key, names);
        return;
      case 'splat':
        walk(e.target, names);
        walk(e.each, names);
        return;
      case 'call':
        e.args.forEach((a) => walk(a, names));
        return;
      case 'unary':
        walk(e.operand, names);
        return;
      case 'binary':
        walk(e.left, names);
        walk(e.right, names);
        return;
      case 'conditional':
        walk(e.condition, names);
        walk(e.then, names);
        walk(e.else, names);
        return;
      case 'for': {
        walk(e.collection, names);
        const inner = new Set([...names, e.valueVar, ...(e.keyVar ? [e.keyVar] : [])]);
        if (e.key) walk(e.key, inner);
        walk(e.value, inner);
        if (e.condition) walk(e.condition, inner);
        return;
      }
      default:
        return;
    }
  };
  const part = (p: TemplatePart, names: ReadonlySet<string>): void => {
    if (p.kind === 'interpolation') walk(p.expr, names);
    else if (p.kind === 'if') {
      walk(p.condition, names);
      p.then.forEach((x) => part(x, names));
      p.else.forEach((x) => part(x, names));
    } else if (p.kind === 'for') {
      walk(p.collection, names);
      const inner = new Set([...names, p.valueVar, ...(p.keyVar ? [p.keyVar] : [])]);
      p.body.forEach((x) => part(x, inner));
    }
  };
  walk(expr, bound);
  return out;
}
