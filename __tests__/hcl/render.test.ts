/**
 * The HCL renderer on its own: layout, escaping, blocks, meta-arguments;
 * then Terraform itself evaluates rendered HCL against the same values in
 * JSON syntax.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJsonAttribute } from '../../src/doctor/terraform/encoded-json';
import { HclRenderError, renderHcl } from '../../src/hcl/render';
import { jsonDocument } from '../../src/hcl/json-document';
import { terraform } from '../../test-support/terraform/run';
import { terraformOrSkip } from '../support/terraform';

const resource = (body: Record<string, unknown>) => ({ resource: { aws_x: { main: body } } });
const render = (body: Record<string, unknown>, blocks: string[] = []) => renderHcl(resource(body), new Set(blocks.map((b) => `resource.aws_x.main.${b}`)));

describe('renderHcl', () => {
  it('aligns one-line arguments as terraform fmt does; a multi-line value or a block ends the run', () => {
    expect(render({ name: 'a', description: 'b', tags: { Name: 'n', Team: 't' }, vpc_id: '${aws_vpc.main.id}', rule: { enabled: true } }, ['rule'])).toBe(
      [
        'resource "aws_x" "main" {',
        '  description = "b"',
        '  name        = "a"',
        '  tags = {',
        '    Name = "n"',
        '    Team = "t"',
        '  }',
        '  vpc_id = aws_vpc.main.id',
        '  rule {',
        '    enabled = true',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a canonical JSON document as jsonencode(), references bare, keys quoted only when needed', () => {
    const policy = jsonDocument({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sns:Publish'], Resource: '${aws_sns_topic.t.arn}', Condition: { StringEquals: { 'aws:SourceAccount': '1' } } }],
    });
    expect(render({ policy })).toBe(
      [
        'resource "aws_x" "main" {',
        '  policy = jsonencode({',
        '    Statement = [',
        '      {',
        '        Action = ["sns:Publish"]',
        '        Condition = {',
        '          StringEquals = {',
        '            "aws:SourceAccount" = "1"',
        '          }',
        '        }',
        '        Effect   = "Allow"',
        '        Resource = aws_sns_topic.t.arn',
        '      },',
        '    ]',
        '    Version = "2012-10-17"',
        '  })',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('leaves a JSON text that jsonencode() would not reproduce as an escaped string', () => {
    expect(render({ policy: '{"b":1,"a":"${aws_x.y.arn}"}' })).toContain('policy = "{\\"b\\":1,\\"a\\":\\"${aws_x.y.arn}\\"}"');
    // A function call inside could yield quotes the template would not escape.
    expect(render({ input: '{"a":"${lower(var.x)}"}' })).toContain('input = "{\\"a\\":\\"${lower(var.x)}\\"}"');
  });

  it('escapes literal text only: quotes, backslashes, control characters; template sequences and their escapes kept', () => {
    expect(render({ a: 'say "hi"\\ \n\t\u0001 é', b: 'x-${aws_y.z.id}-"${lookup(local.m, "k")}"', c: '$${literal} %%{literal}' })).toContain(
      [
        '  a = "say \\"hi\\"\\\\ \\n\\t\\u0001 é"',
        '  b = "x-${aws_y.z.id}-\\"${lookup(local.m, "k")}\\""',
        '  c = "$${literal} %%{literal}"',
      ].join('\n'),
    );
  });

  it('writes an empty list under a block name as an argument: an attribute-style block set to nothing (security group egress)', () => {
    expect(render({ egress: [], ingress: [{ from_port: 443 }] }, ['egress', 'ingress'])).toContain('  egress = []\n  ingress {\n    from_port = 443\n  }');
  });

  it('writes a list of blocks as repeated blocks, nested blocks inside', () => {
    const hcl = render({ order: [{ order: 0, ce: '${aws_c.a.arn}' }, { order: 1, ce: '${aws_c.b.arn}' }], compute: { type: 'EC2', ec2: [{ image_type: 'ECS_AL2023' }] } }, ['order', 'compute', 'compute.ec2']);
    expect(hcl).toContain('  compute {\n    type = "EC2"\n    ec2 {\n      image_type = "ECS_AL2023"\n    }\n  }\n  order {\n    ce    = aws_c.a.arn\n    order = 0\n  }\n  order {');
  });

  it('writes meta-arguments as references, lifecycle last, and extra // notes as comments', () => {
    const hcl = render({
      '//': { metadata: { path: 'x' }, queue: 'aws_batch_job_queue.main' },
      name: 'n',
      provider: 'aws.east',
      depends_on: ['aws_iam_role_policy.p', '${aws_s3_bucket.b}'],
      lifecycle: { create_before_destroy: true, ignore_changes: ['compute_resources[0].desired_vcpus'], replace_triggered_by: ['aws_launch_template.lt'] },
    });
    expect(hcl).toBe(
      [
        'resource "aws_x" "main" {',
        '  # queue: aws_batch_job_queue.main',
        '  provider   = aws.east',
        '  name       = "n"',
        '  depends_on = [aws_iam_role_policy.p, aws_s3_bucket.b]',
        '  lifecycle {',
        '    create_before_destroy = true',
        '    ignore_changes        = [compute_resources[0].desired_vcpus]',
        '    replace_triggered_by  = [aws_launch_template.lt]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes the terraform block, providers and outputs', () => {
    const hcl = renderHcl(
      {
        terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } }, backend: { s3: { bucket: 'b', use_lockfile: true } } },
        provider: { aws: [{ region: 'ap-northeast-1', default_tags: [{ tags: { Team: 'x' } }] }] },
        output: { queue: { value: '${aws_batch_job_queue.main.arn}', description: 'd' } },
      },
      new Set(['provider.aws.default_tags']),
    );
    expect(hcl).toBe(
      [
        'terraform {',
        '  backend "s3" {',
        '    bucket       = "b"',
        '    use_lockfile = true',
        '  }',
        '  required_providers {',
        '    aws = {',
        '      source  = "aws"',
        '      version = "5.100.0"',
        '    }',
        '  }',
        '}',
        '',
        'provider "aws" {',
        '  region = "ap-northeast-1"',
        '  default_tags {',
        '    tags = {',
        '      Team = "x"',
        '    }',
        '  }',
        '}',
        '',
        'output "queue" {',
        '  description = "d"',
        '  value       = aws_batch_job_queue.main.arn',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('refuses what it cannot render faithfully instead of guessing', () => {
    expect(() => renderHcl({ module: { m: { source: './m' } } }, new Set())).toThrow(HclRenderError);
    expect(() => render({ provisioner: [{ 'local-exec': { command: 'x' } }] })).toThrow(/provisioner/);
    expect(() => render({ depends_on: ['not a reference'] })).toThrow(/not a reference/);
    expect(() => render({ a: 'unterminated ${x' })).toThrow(/unterminated/);
  });
});

// Any text but a template sequence: "${" and "%{" mean the same in both syntaxes, and random ones are not valid.
const text = fc
  .string({ unit: fc.constantFrom('a', 'Z', ' ', '"', '\\', '\n', '\t', '\u0001', '<', '>', '&', 'é', '\u2028', '$', '%', '{', '}', ':', '/') })
  .filter((t) => !/[$%]\{/.test(t));
const documentValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(0.25), tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.oneof(text, fc.constantFrom('aws:SourceAccount', 'for', 'null', 'Name')), tie('value'), { maxKeys: 3 }),
}));
const document = fc.oneof(documentValue.list, documentValue.object);

describe('the doctor reads rendered documents back', () => {
  it('decodeJsonAttribute of a rendered jsonencode(), as hcl2json hands it over, is the document', async () => {
    // Objects: the documents the doctor reads (policies, container properties) are.
    const values = fc.sample(documentValue.object, { numRuns: 200, seed: 11 });
    const hcl = renderHcl({ output: Object.fromEntries(values.map((v, i) => [`d${i}`, { value: jsonDocument(v) }])) }, new Set());
    const parsed = (await parse('docs.tf', hcl)) as { output: Record<string, [{ value: string }]> };
    values.forEach((v, i) => expect(decodeJsonAttribute(parsed.output[`d${i}`]![0].value), `d${i}`).toEqual(v));
  });
});

const tf = terraformOrSkip('HCL rendering evaluated by Terraform');

describe.skipIf(!tf)('Terraform evaluates the rendered HCL to the values of the JSON', () => {
  it('for documents, templates, lists and maps, tricky characters included', async () => {
    const documents = fc.sample(document, { numRuns: 60, seed: 8 }).map(jsonDocument);
    const values: Record<string, unknown> = {
      // Strings are templates in both syntaxes: a document with a reference, a reference alone, text around one.
      reference_doc: jsonDocument({ Statement: [{ Resource: '${local.arn}', Action: 's3:*' }], Version: '2012-10-17' }),
      reference_alone: '${local.arn}',
      reference_in_text: 'arn "${local.arn}" <&>\n',
      escaped_template: '$${not} %%{not} a template',
      map: { 'aws:tag': 'v', for: '${local.arn}', nested: jsonDocument({ a: ['<b>'] }) },
      list: ['x', '${local.arn}', 1, true],
      ...Object.fromEntries(documents.map((d, i) => [`doc_${i}`, d])),
    };
    const json = { locals: { arn: 'arn:aws:iam::123456789012:role/job-a_b' }, output: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])) };
    const hcl = renderHcl(json, new Set());
    expect(hcl).toContain('reference_doc'); // sanity: the rendered file holds the outputs
    expect((hcl.match(/jsonencode\(/g) ?? []).length).toBeGreaterThan(50);

    const dir = mkdtempSync(join(tmpdir(), 'batch-hcl-eval-'));
    try {
      const evaluate = async (file: string, content: string) => {
        const folder = mkdtempSync(join(dir, 'eval-'));
        writeFileSync(join(folder, file), content);
        await terraform(['init', '-input=false', '-no-color'], folder);
        await terraform(['apply', '-auto-approve', '-input=false', '-no-color'], folder);
        const { stdout } = await terraform(['output', '-json', '-no-color'], folder);
        return Object.fromEntries(Object.entries(JSON.parse(stdout) as Record<string, { value: unknown }>).map(([k, v]) => [k, v.value]));
      };
      const [fromJson, fromHcl] = await Promise.all([evaluate('main.tf.json', JSON.stringify(json)), evaluate('main.tf', hcl)]);
      expect(Object.keys(fromHcl).length).toBe(Object.keys(values).length);
      expect(fromHcl).toEqual(fromJson);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
