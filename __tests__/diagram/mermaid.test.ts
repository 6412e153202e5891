/**
 * The diagram: drawn from synthesized JSON alone, deterministic, and the
 * one in the README is the default environment's current one.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/diagram/graph';
import { diagramsMarkdown, renderMermaid, stackDiagram } from '../../src/diagram/mermaid';
import type { StackJson } from '../../src/diagram/terraform-json';
import { expectGolden } from '../support/golden';
import { ROOT, loadExample, synth } from '../support/synth';
import { tempDir } from '../support/temp';

const FIXTURES = `${ROOT}__tests__/diagram/fixtures`;
const fixture = (): StackJson => JSON.parse(readFileSync(`${FIXTURES}/scheduled.tf.json`, 'utf8'));

/** The same object with every map's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
}

describe('stack diagram', () => {
  it('draws the fixture stack: network, compute, queues in order, job definitions, schedules, notifications (golden)', () => {
    expectGolden(stackDiagram(fixture())!, `${FIXTURES}/scheduled.md`);
  });

  it('does not depend on the order of keys in the JSON', () => {
    expect(stackDiagram(reversedKeys(fixture()) as StackJson)).toBe(stackDiagram(fixture()));
  });

  it('links compute environments to a queue in the order the queue tries them', () => {
    const { edges } = buildGraph(JSON.parse(synth(loadExample('default'), 'dev').json));
    expect(edges.filter((e) => e.to === 'q_main')).toEqual([
      { from: 'ce_spot', to: 'q_main', label: '1' },
      { from: 'ce_ondemand', to: 'q_main', label: '2' },
    ]);
  });

  it('pairs each job definition with its queue from the submit command outputs, not by guessing', () => {
    const prod = JSON.parse(synth(JSON.parse(readFileSync(`${ROOT}environments/prod.json`, 'utf8')), 'prod').json);
    const { edges } = buildGraph(prod);
    expect(edges.filter((e) => e.from.startsWith('q_') && e.to.startsWith('jd_'))).toEqual([
      { from: 'q_critical', to: 'jd_billing_close' },
      { from: 'q_bulk', to: 'jd_nightly_etl' },
      { from: 'q_light', to: 'jd_report' },
    ]);
  });

  it('summarises an existing VPC by the subnets its compute environments use', () => {
    const { nodes } = buildGraph(JSON.parse(synth(loadExample('existing-vpc'), 'x').json));
    expect(nodes[0]).toEqual({ id: 'net_network', kind: 'network', lines: ['existing VPC', '2 subnets'] });
  });

  it('escapes label text and keeps node ids unique when names differ only in - and _', () => {
    const tf: StackJson = {
      resource: {
        aws_batch_compute_environment: {
          'a-b': { compute_resources: { type: 'EC2', max_vcpus: 4 } },
          a_b: { compute_resources: [{ type: 'SPOT', max_vcpus: 8 }] },
        },
        aws_batch_job_queue: { q: { name: 'say "hi" <now>', priority: 1, compute_environment_order: [{ order: 0, compute_environment: '${aws_batch_compute_environment.a_b.arn}' }] } },
      },
    };
    const text = renderMermaid(buildGraph(tf));
    expect(text).toContain('ce_a_b[["a-b<br/>EC2 · max 4 vCPUs"]]');
    expect(text).toContain('ce_a_b_2[["a_b<br/>SPOT · max 8 vCPUs"]]');
    expect(text).toContain('ce_a_b_2 -->|"1"| q_q');
    expect(renderMermaid({ nodes: [{ id: 'x', kind: 'job', lines: ['say "hi" <now> & go'] }], edges: [] })).toContain(
      'x(["say #quot;hi#quot; #lt;now#gt; #amp; go"])',
    );
  });

  it('leaves out stacks without AWS Batch resources (the bootstrap stack)', () => {
    const bootstrap: StackJson = { resource: { aws_s3_bucket: { state: { bucket: 'b' } } } };
    expect(stackDiagram(bootstrap)).toBeUndefined();
    expect(diagramsMarkdown([{ name: 'bootstrap', tf: bootstrap }, { name: 'scheduled', tf: fixture() }])).toBe(`### scheduled\n\n${stackDiagram(fixture())}`);
  });
});

describe('README', () => {
  it("shows the default environment's current diagram", () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(readme).toContain(stackDiagram(JSON.parse(synth(loadExample('default'), 'dev').json))!);
  });
});

describe('npm run diagram', () => {
  it('prints the Markdown of the given stack folders, and exits 2 on a bad option', async () => {
    const run = promisify(execFile);
    const cli = [`${ROOT}node_modules/tsx/dist/cli.mjs`, `${ROOT}src/cli/diagram.ts`];
    const { stdout } = await run('node', [...cli, `${FIXTURES}/scheduled.tf.json`]);
    expect(stdout).toBe(`### fixtures\n\n${stackDiagram(fixture())}`);
    await expect(run('node', [...cli, '--bogus'])).rejects.toMatchObject({ code: 2, stderr: 'diagram: unknown option --bogus (see --help)\n' });
  });

  it('says in one line, exit 2, when a path is missing or not JSON', async () => {
    const run = promisify(execFile);
    const cli = [`${ROOT}node_modules/tsx/dist/cli.mjs`, `${ROOT}src/cli/diagram.ts`];
    const dir = tempDir('diagram-');
    await expect(run('node', [...cli, join(dir, 'missing.tf.json')])).rejects.toMatchObject({
      code: 2,
      stderr: `diagram: cannot read ${join(dir, 'missing.tf.json')}: no such file\n`,
    });
    await expect(run('node', [...cli, dir])).rejects.toMatchObject({ code: 2, stderr: `diagram: cannot read ${join(dir, 'cdk.tf.json')}: no such file\n` });
    const broken = join(dir, 'broken.tf.json');
    writeFileSync(broken, '{"resource": ');
    await expect(run('node', [...cli, broken])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(new RegExp(`^diagram: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON: [^\n]+\n$`)),
    });
  });

  it('says in one line, exit 2, when a file is JSON but not a Terraform JSON object (null used to crash)', async () => {
    const run = promisify(execFile);
    const cli = [`${ROOT}node_modules/tsx/dist/cli.mjs`, `${ROOT}src/cli/diagram.ts`];
    const dir = tempDir('diagram-');
    for (const [name, text] of [['null', 'null'], ['list', '[]']]) {
      const file = join(dir, `${name}.tf.json`);
      writeFileSync(file, text);
      await expect(run('node', [...cli, file])).rejects.toMatchObject({ code: 2, stderr: `diagram: ${file} is not a Terraform JSON object\n` });
    }
  });

  it('refuses --out into a missing folder in one line, exit 2 (not a stack trace), and writes nothing', async () => {
    const run = promisify(execFile);
    const cli = [`${ROOT}node_modules/tsx/dist/cli.mjs`, `${ROOT}src/cli/diagram.ts`];
    const out = join(tempDir('diagram-'), 'missing', 'diagram.md');
    await expect(run('node', [...cli, '--out', out, `${FIXTURES}/scheduled.tf.json`])).rejects.toMatchObject({
      code: 2,
      stderr: `diagram: cannot write --out ${out}: the folder ${dirname(out)} does not exist (create it first)\n`,
    });
    expect(existsSync(dirname(out))).toBe(false);
  });
});
