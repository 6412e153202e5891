/** Loading Terraform from disk: files, stack folders, folders merged as Terraform merges them. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform, mergeTerraform, readTerraformJsonFile, TerraformReadError } from '../../../src/doctor/terraform/files';
import { tempDir } from '../../support/temp';

function folder(files: Record<string, string>): string {
  const dir = tempDir('doctor-files-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const VPC_JSON = JSON.stringify({ resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } } });
const SUBNET_HCL = 'resource "aws_subnet" "a" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.0.1.0/24"\n}\n';

describe('loadTerraform', () => {
  it('reads a .tf.json file as it is', async () => {
    const dir = folder({ 'main.tf.json': VPC_JSON });
    expect(await loadTerraform(join(dir, 'main.tf.json'))).toEqual(JSON.parse(VPC_JSON));
  });

  it("reads a resource's leading `# key: value` comments as its \"//\" metadata, as the HCL output writes the queue hint", async () => {
    const hcl = [
      'resource "aws_batch_job_definition" "train" {',
      '  # queue: aws_batch_job_queue.train',
      '  # owners: ["a", "b"]',
      '  name = "train"',
      '  # not metadata: after the first argument',
      '}',
      'resource "aws_batch_job_definition" "plain" {',
      '  name = "plain"',
      '}',
      '',
    ].join('\n');
    const dir = folder({ 'main.tf': hcl });
    expect(await loadTerraform(join(dir, 'main.tf'))).toEqual({
      resource: {
        aws_batch_job_definition: {
          train: [{ '//': { queue: 'aws_batch_job_queue.train', owners: ['a', 'b'] }, name: 'train' }],
          plain: [{ name: 'plain' }],
        },
      },
    });
  });

  it('reads a .tf file through hcl2json: blocks as one-element lists, references as ${...}', async () => {
    const dir = folder({ 'main.tf': SUBNET_HCL });
    expect(await loadTerraform(join(dir, 'main.tf'))).toEqual({
      resource: { aws_subnet: { a: [{ vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.1.0/24' }] } },
    });
  });

  it('reads a cdktf stack folder from its cdk.tf.json only', async () => {
    const dir = folder({ 'cdk.tf.json': VPC_JSON, 'other.tf': SUBNET_HCL });
    expect(await loadTerraform(dir)).toEqual(JSON.parse(VPC_JSON));
  });

  it('merges a folder of .tf and .tf.json files by type and name, as Terraform does', async () => {
    const dir = folder({ 'network.tf.json': VPC_JSON, 'subnets.tf': SUBNET_HCL, 'notes.txt': 'not terraform' });
    const tf = await loadTerraform(dir);
    expect(Object.keys(tf.resource!).sort()).toEqual(['aws_subnet', 'aws_vpc']);
    expect(mergeTerraform([{ resource: { aws_vpc: { a: {} } } }, { resource: { aws_vpc: { b: {} } } }])).toEqual({ resource: { aws_vpc: { a: {}, b: {} } } });
  });

  it('names the path and what is wrong, in one line', async () => {
    const dir = folder({ 'broken.tf.json': '{"resource": ', 'list.tf.json': '[]', 'bad.tf': 'resource "aws_vpc" "x" {\n  cidr_block =\n}\n', 'empty/readme.md': '' });
    await expect(loadTerraform(join(dir, 'missing.tf.json'))).rejects.toThrow(new TerraformReadError(`cannot read ${join(dir, 'missing.tf.json')}: no such file or folder`));
    await expect(loadTerraform(join(dir, 'empty'))).rejects.toThrow(`${join(dir, 'empty')} holds no cdk.tf.json, .tf or .tf.json file`);
    expect(() => readTerraformJsonFile(join(dir, 'broken.tf.json'))).toThrow(new RegExp(`^${join(dir, 'broken.tf.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON: `));
    expect(() => readTerraformJsonFile(join(dir, 'list.tf.json'))).toThrow(`${join(dir, 'list.tf.json')} is not a Terraform JSON object`);
    const hcl = await loadTerraform(join(dir, 'bad.tf')).catch((e: unknown) => e);
    expect(hcl).toBeInstanceOf(TerraformReadError);
    expect((hcl as Error).message).toMatch(new RegExp(`^${join(dir, 'bad.tf').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid HCL: [^\\n]+$`));
  });
});
