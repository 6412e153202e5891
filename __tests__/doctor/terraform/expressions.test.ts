/**
 * The HCL expression evaluator on its own: what Terraform computes at plan
 * time from the configuration alone, and an explicit Unknown with its reason
 * for everything else.
 */
import { describe, expect, it } from 'vitest';
import { evaluateString, Namespace, type Environment } from '../../../src/doctor/terraform/expressions/evaluate';
import { parseExpression, parseTemplate } from '../../../src/doctor/terraform/expressions/syntax';
import { applyType, readTypeConstraint } from '../../../src/doctor/terraform/expressions/type-constraints';
import { AttrRef, ResourceObject, Unknown, type Value } from '../../../src/doctor/terraform/expressions/values';

/** An environment with some variables, a resource type and files. */
function env(vars: Record<string, Value> = {}, files: Record<string, string> = {}): Environment {
  return {
    lookup: (name) => {
      if (name === 'var') return new Namespace('var', (n) => (n in vars ? vars[n]! : new Unknown(`var.${n} has no default`, [`var.${n}`])));
      if (name === 'aws_subnet') return new Namespace('aws_subnet', (n) => (n === 'many' ? [new ResourceObject('aws_subnet.many[0]'), new ResourceObject('aws_subnet.many[1]')] : new ResourceObject(`aws_subnet.${n}`)));
      if (name === 'data') return new Namespace('data', (t) => new Namespace(`data.${t}`, (n) => new ResourceObject(`data.${t}.${n}`)));
      return undefined;
    },
    readFile: (path) => (path in files ? files[path]! : new Unknown(`reads ${path}, which is not beside the configuration`, [`file(${path})`])),
    placeholders: new Map(),
  };
}

const ev = (text: string, e: Environment = env()): Value => evaluateString(text, e);

describe('templates and literals', () => {
  it('keeps plain strings, and a single interpolation keeps its type', () => {
    expect(ev('plain')).toBe('plain');
    expect(ev('${1 + 2 * 3}')).toBe(7);
    expect(ev('${[1, "a", true, null]}')).toEqual([1, 'a', true, null]);
    expect(ev('${{ a = 1, "b" = 2, c: 3 }}')).toEqual({ a: 1, b: 2, c: 3 });
    expect(ev('n-${1}-${"x"}')).toBe('n-1-x');
  });

  it('reads template escapes, directives and heredocs', () => {
    expect(ev('lit $${x} and %%{y}')).toBe('lit ${x} and %{y}');
    expect(ev('%{ if var.on }yes%{ else }no%{ endif }', env({ on: true }))).toBe('yes');
    expect(ev('%{ for s in var.l }[${s}]%{ endfor }', env({ l: ['a', 'b'] }))).toBe('[a][b]');
    expect(ev('${jsondecode(<<EOT\n{"a": 1}\nEOT\n)}')).toEqual({ a: 1 });
    expect(ev('${"quoted \\"${var.x}\\" \\u0041"}', env({ x: 'in' }))).toBe('quoted "in" A');
  });

  it('parses objects across lines with comments, and bare expressions', () => {
    expect(ev('${{\n  # a comment\n  a = 1 // another\n  /* block */ b = "two"\n}}')).toEqual({ a: 1, b: 'two' });
    expect(parseExpression('map(object({ name = string }))')).toMatchObject({ kind: 'call', name: 'map' });
    expect(parseTemplate('${var.a}')).toEqual({ kind: 'attr', target: { kind: 'name', name: 'var' }, name: 'a' });
  });
});

describe('operators, conditionals, for expressions', () => {
  it('computes with known values and converts numeric strings', () => {
    expect(ev('${"3" + 1}')).toBe(4);
    expect(ev('${var.a == "x" && !false}', env({ a: 'x' }))).toBe(true);
    expect(ev('${var.n >= 2 ? "many" : "few"}', env({ n: 3 }))).toBe('many');
  });

  it('evaluates only the branch the condition picks', () => {
    expect(ev('${var.on ? "ok" : var.list[5]}', env({ on: true, list: [] }))).toBe('ok');
  });

  it('keeps the possible values of a conditional whose condition is unknown', () => {
    const v = ev('${var.on_demand ? "EC2" : "SPOT"}');
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).candidates).toEqual(['EC2', 'SPOT']);
    expect((v as Unknown).reason).toBe('var.on_demand has no default');
  });

  it('decides && and || from one known side', () => {
    expect(ev('${false && var.missing}')).toBe(false);
    expect(ev('${var.missing || true}')).toBe(true);
    expect(ev('${var.missing && true}')).toBeInstanceOf(Unknown);
  });

  it('runs for expressions over lists and maps, with filters and grouping', () => {
    expect(ev('${[for s in var.l : upper(s) if s != "b"]}', env({ l: ['a', 'b', 'c'] }))).toEqual(['A', 'C']);
    expect(ev('${{ for k, v in var.m : v.name => k }}', env({ m: { x: { name: 'n1' }, y: { name: 'n2' } } }))).toEqual({ n1: 'x', n2: 'y' });
    expect(ev('${{ for k, v in var.m : v => k... }}', env({ m: { a: 1, b: 1 } }))).toEqual({ 1: ['a', 'b'] });
  });

  it('splats lists, and wraps a single value', () => {
    expect(ev('${var.l[*].name}', env({ l: [{ name: 'a' }, { name: 'b' }] }))).toEqual(['a', 'b']);
    expect(ev('${var.o[*]}', env({ o: { a: 1 } }))).toEqual([{ a: 1 }]);
    expect(ev('${aws_subnet.many[*].id}')).toEqual([new AttrRef('aws_subnet.many[0]', '.id'), new AttrRef('aws_subnet.many[1]', '.id')]);
  });
});

describe('references and unknowns', () => {
  it('keeps resource attributes as references, and writes them into strings', () => {
    expect(ev('${aws_subnet.a.id}')).toEqual(new AttrRef('aws_subnet.a', '.id'));
    expect(ev('arn:${aws_subnet.a.arn}:x')).toBe('arn:${aws_subnet.a.arn}:x');
  });

  it('writes unknown parts of a string as placeholders that keep their reason', () => {
    const e = env();
    const v = ev('com.amazonaws.${var.region}.ecr.dkr', e);
    expect(v).toBe('com.amazonaws.${var.region}.ecr.dkr');
    expect(e.placeholders.get('${var.region}')?.reason).toBe('var.region has no default');
  });

  it('says why a data source is unknown when something is computed from it', () => {
    const v = ev('${jsondecode(data.aws_ssm_parameter.ami.value).image_id}');
    expect(v).toMatchObject({ reason: 'comes from data.aws_ssm_parameter.ami', sources: ['data.aws_ssm_parameter.ami.value'] });
  });

  it('a resource attribute is never null', () => {
    expect(ev('${aws_subnet.a.id != null ? "set" : "unset"}')).toBe('set');
  });

  it('names functions it does not evaluate', () => {
    expect(ev('${timestamp()}')).toMatchObject({ reason: 'calls timestamp(), which the doctor does not evaluate' });
  });

  it('turns errors into an Unknown that says what failed, and try() falls back on them', () => {
    expect(ev('${var.m.missing}', env({ m: {} }))).toMatchObject({ reason: 'cannot be evaluated: the object has no attribute missing' });
    expect(ev('${try(var.m.missing, "fallback")}', env({ m: {} }))).toBe('fallback');
    expect(ev('${can(var.l[3])}', env({ l: [1] }))).toBe(false);
  });
});

describe('functions', () => {
  it('encodes JSON as Terraform does: sorted keys, <>& escaped, unknown parts as ${...} strings', () => {
    expect(ev('${jsonencode({ b = 1, a = "<x>", c = aws_subnet.a.id })}')).toBe('{"a":"\\u003cx\\u003e","b":1,"c":"${aws_subnet.a.id}"}');
  });

  it('merges, looks up, concatenates and picks', () => {
    expect(ev('${merge({ a = 1 }, null, { b = 2, a = 3 })}')).toEqual({ a: 3, b: 2 });
    expect(ev('${lookup({ a = 1 }, "b", 9)}')).toBe(9);
    expect(ev('${concat(["a"], [aws_subnet.a.id])}')).toEqual(['a', new AttrRef('aws_subnet.a', '.id')]);
    expect(ev('${element(["a", "b"], 3)}')).toBe('b');
    expect(ev('${coalesce("", null, "x")}')).toBe('x');
    expect(ev('${toset(["b", "a", "b"])}')).toEqual(['a', 'b']);
    expect(ev('${contains(["FARGATE", "FARGATE_SPOT"], "EC2")}')).toBe(false);
    expect(ev('${format("%s-%03d", "x", 7)}')).toBe('x-007');
    expect(ev('${format("%s/%s", "a", var.b)}')).toBe('a/${var.b}');
    expect(ev('${cidrsubnet("10.0.0.0/16", 8, 2)}')).toBe('10.0.2.0/24');
    expect(ev('${keys({ b = 1, a = 2 })}')).toEqual(['a', 'b']);
  });

  it('renders templatefile() and file() beside the configuration', () => {
    const e = env({ pw: 'hunter2' }, { 'ud.tpl': 'export PGPASSWORD=${db_password}\n', 'cp.json': '{"image": "x"}' });
    expect(ev('${templatefile("ud.tpl", { db_password = var.pw })}', e)).toBe('export PGPASSWORD=hunter2\n');
    expect(ev('${jsondecode(file("cp.json"))}', e)).toEqual({ image: 'x' });
    expect(ev('${file("missing.json")}', e)).toMatchObject({ reason: 'reads missing.json, which is not beside the configuration' });
    // An unknown template variable stays a placeholder in the rendered text.
    expect(ev('${templatefile("ud.tpl", { db_password = var.secret })}', e)).toBe('export PGPASSWORD=${var.secret}\n');
  });
});

describe('type constraints', () => {
  it('fills optional attributes with their defaults (or null) and drops undeclared ones', () => {
    const type = readTypeConstraint('${map(object({ name = string, create_scheduling_policy = optional(bool, true), tags = optional(map(string), {}), x = optional(string) }))}');
    expect(applyType({ q: { name: 'n', extra: 1 } }, type)).toEqual({ q: { name: 'n', create_scheduling_policy: true, tags: {}, x: null } });
    expect(applyType({ q: { name: 'n', create_scheduling_policy: false } }, type)).toEqual({ q: { name: 'n', create_scheduling_policy: false, tags: {}, x: null } });
  });

  it('converts primitives and sets as Terraform does', () => {
    expect(applyType('3', readTypeConstraint('number'))).toBe(3);
    expect(applyType(true, readTypeConstraint('${string}'))).toBe('true');
    expect(applyType(['b', 'a', 'b'], readTypeConstraint('set(string)'))).toEqual(['a', 'b']);
    expect(applyType('x', readTypeConstraint('not a type ('))).toBe('x');
  });
});
