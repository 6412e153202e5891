/**
 * The comment step of the pull request workflow: the first run creates the
 * comment, later runs edit that same comment, and nobody else's comment is
 * touched, even one that quotes the marker.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/plan-review/comment';
import { ROOT } from '../support/synth';

type Upsert = (args: { github: unknown; context: unknown; body: string }) => Promise<{ action: string; id: number }>;
const upsert = createRequire(import.meta.url)(`${ROOT}.github/scripts/upsert-comment.cjs`) as Upsert;

interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

/** The parts of octokit the script uses, over an in-memory issue. */
function fakeGithub(comments: Comment[]) {
  let nextId = 100;
  const calls: string[] = [];
  const rest = {
    issues: {
      listComments: async () => ({ data: comments }),
      createComment: async ({ body }: { body: string }) => {
        calls.push('create');
        const comment = { id: nextId++, body, user: { login: 'github-actions[bot]' } };
        comments.push(comment);
        return { data: comment };
      },
      updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
        calls.push(`update ${comment_id}`);
        comments.find((c) => c.id === comment_id)!.body = body;
        return { data: {} };
      },
    },
  };
  const github = { rest, paginate: async (method: () => Promise<{ data: Comment[] }>) => (await method()).data };
  return { github, calls, comments };
}

const context = { repo: { owner: 'acme', repo: 'batch' }, issue: { number: 7 } };
const body = (text: string) => `${COMMENT_MARKER}\n${text}\n`;

describe('upsert-comment', () => {
  it('creates the comment once, then updates the same one on every push', async () => {
    const { github, calls, comments } = fakeGithub([]);
    expect(await upsert({ github, context, body: body('first push') })).toEqual({ action: 'created', id: 100 });
    expect(await upsert({ github, context, body: body('second push') })).toEqual({ action: 'updated', id: 100 });
    expect(calls).toEqual(['create', 'update 100']);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(body('second push'));
  });

  it("leaves a person's comment alone even when it quotes the marker", async () => {
    const human = { id: 1, body: body('copied from the bot'), user: { login: 'alice' } };
    const { github, calls } = fakeGithub([human]);
    await upsert({ github, context, body: body('plan') });
    expect(calls).toEqual(['create']);
    expect(human.body).toBe(body('copied from the bot'));
  });

  it('refuses a body without its marker, which could never be found again', async () => {
    const { github } = fakeGithub([]);
    await expect(upsert({ github, context, body: '## Terraform plan\n' })).rejects.toThrow(/must start with its hidden marker/);
  });
});
