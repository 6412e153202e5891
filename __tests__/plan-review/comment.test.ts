/**
 * The pull request comment: built from a real plan (the default environment
 * edited and planned against its converged state, see
 * __tests__/fixtures/pr/make-fixture.ts), a failed plan, doctor findings and
 * the stacks, compared with a reviewed golden file.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, buildComment, type EnvironmentReport } from '../../src/plan-review/comment';
import { readEnvironmentDir } from '../../src/plan-review/inputs';
import { diffHighlight } from '../../src/plan-review/plan-text';
import type { PlanJson } from '../../src/plan-review/plan-json';
import { summarizePlan } from '../../src/plan-review/plan-risk';
import { expectGolden } from '../support/golden';
import { ROOT } from '../support/synth';
import { tempDir } from '../support/temp';

const FIXTURES = `${ROOT}__tests__/fixtures/pr`;
const dev = () => readEnvironmentDir(`${FIXTURES}/dev`);
const prod = () => readEnvironmentDir(`${FIXTURES}/prod`);
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const RUN_URL = 'https://github.com/example-org/batch-cdktf/actions/runs/42';

describe('comment body', () => {
  it('matches the golden file for a changed dev and a failed prod plan', () => {
    expectGolden(buildComment({ environments: [dev(), prod()], commit: COMMIT, runUrl: RUN_URL }), `${FIXTURES}/comment.md`);
  });

  it('starts with the hidden marker the workflow finds it by', () => {
    expect(buildComment({ environments: [dev()] }).split('\n')[0]).toBe(COMMENT_MARKER);
  });

  it("counts each resource once, agreeing with Terraform's own \"Plan:\" line (which counts a replacement as add and destroy)", () => {
    const body = buildComment({ environments: [dev()] });
    expect(body).toContain('| [dev](#dev-environment) | :eyes: review | 2 | 3 | 1 | 0 | :warning: 1 warning |');
    const { create, update, replace, delete: del } = summarizePlan(dev().plan!).counts;
    expect(dev().planText).toContain(`Plan: ${create + replace} to add, ${update} to change, ${del + replace} to destroy.`);
  });

  it("lists plan-summary's findings, dangers first and marked", () => {
    const plan: PlanJson = {
      format_version: '1.2',
      terraform_version: '1.11.4',
      resource_changes: [
        { address: 'aws_batch_job_queue.old', mode: 'managed', type: 'aws_batch_job_queue', name: 'old', provider_name: 'aws', change: { actions: ['delete'], before: {}, after: null } },
      ],
    };
    const risk = summarizePlan(plan);
    expect(risk.dangerous).toBe(true);
    const body = buildComment({ environments: [{ name: 'dev', plan, planText: '' }] });
    expect(body).toContain('| [dev](#dev-environment) | :warning: dangerous | 0 | 0 | 0 | 1 | not run |');
    expect(body).toContain('**Risk**: dangerous: this plan can lose queued jobs or fail to apply.');
    expect(body).toContain(`- :warning: **danger** \`aws_batch_job_queue.old\`: ${risk.findings[0]!.message}`);
  });

  it('counts a suppressed doctor finding apart: accepted with a reason, neither error nor warning', () => {
    const plan: PlanJson = { format_version: '1.2', terraform_version: '1.11.4', resource_changes: [] };
    const warning = { rule: 'BATCH_SEC_PRIVILEGED', severity: 'warning' as const, address: 'aws_batch_job_definition.hello', message: 'privileged', fix: 'drop it' };
    const suppressed = { ...warning, suppressed: { reason: 'reviewed' } };
    const row = (findings: EnvironmentReport['findings']) => buildComment({ environments: [{ name: 'dev', plan, planText: '', findings }] }).split('\n').find((l) => l.startsWith('| [dev]'));
    expect(row([suppressed])).toMatch(/\| :white_check_mark: 1 suppressed \|$/);
    expect(row([warning, suppressed])).toMatch(/\| :warning: 1 warning, 1 suppressed \|$/);
  });

  it('says so when nothing is planned', () => {
    const plan: PlanJson = { format_version: '1.2', terraform_version: '1.11.4', resource_changes: [] };
    const body = buildComment({ environments: [{ name: 'dev', plan, planText: 'No changes.\n', findings: [] }] });
    expect(body).toContain('| [dev](#dev-environment) | :white_check_mark: safe | 0 | 0 | 0 | 0 | :white_check_mark: clean |');
    expect(body).toContain('**Risk**: nothing dangerous for AWS Batch.\n\n**Doctor**: no findings.');
  });

  it('stays under GitHub\'s comment size limit by shortening long plans, and says where the whole plan is', () => {
    const huge = Array.from({ length: 20_000 }, (_, i) => `  + attribute_${i} = "${'x'.repeat(20)}"`).join('\n');
    const environments: EnvironmentReport[] = [{ ...dev(), planText: huge }, { ...prod(), planText: huge }];
    const body = buildComment({ environments, runUrl: RUN_URL });
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 5_000);
    expect(body.match(/more lines not shown \(GitHub limits comment size\); the whole plan is in the workflow run's artifacts: https:\/\/github\.com\/example-org\/batch-cdktf\/actions\/runs\/42/g)).toHaveLength(2);
    // Every section is still there, only the plans are shortened.
    expect(body).toContain('### prod environment');
    expect(body).toContain('**Doctor**');
  });

  it('keeps a plan containing backticks inside its code block', () => {
    const body = buildComment({ environments: [{ ...dev(), planText: '  ~ command = "```rm```"\n' }] });
    expect(body).toContain('````diff\n! ~ command = "```rm```"\n````');
  });
});

describe('diff highlighting', () => {
  it('puts +, - and ! in the first column in place of a space', () => {
    expect(diffHighlight('  + a\n  - b\n  ~ c\n -/+ resource\n      d\n')).toBe('+ + a\n- - b\n! ~ c\n--/+ resource\n      d\n');
  });
});

describe('npm run pr-comment', () => {
  const run = promisify(execFile);
  const cli = [`${ROOT}node_modules/tsx/dist/cli.mjs`, `${ROOT}src/cli/pr-comment.ts`];

  it('writes the same body as the library from the environment folders', async () => {
    const out = join(tempDir('pr-comment-'), 'comment.md');
    await run('node', [...cli, '--commit', COMMIT, '--run-url', RUN_URL, '--out', out, `${FIXTURES}/dev`, `${FIXTURES}/prod`]);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(`${FIXTURES}/comment.md`, 'utf8'));
  });

  it('refuses --out into a missing folder in one line, exit 2 (not a stack trace)', async () => {
    const out = join(tempDir('pr-comment-'), 'missing', 'comment.md');
    await expect(run('node', [...cli, '--out', out, `${FIXTURES}/dev`])).rejects.toMatchObject({
      code: 2,
      stderr: `pr-comment: cannot write --out ${out}: the folder ${dirname(out)} does not exist (create it first)\n`,
    });
  });

  it('exits 2 with the reason when a folder has no plan.txt', async () => {
    const empty = tempDir('pr-empty-');
    await expect(run('node', [...cli, empty])).rejects.toMatchObject({ code: 2, stderr: `pr-comment: ${join(empty, 'plan.txt')} is missing: every environment needs the plan's output (or its error)\n` });
  });
});
