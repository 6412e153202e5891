// Creates the pull request's plan comment, or edits the one made before, so
// a pull request carries one plan comment however often it is pushed.
// Called from actions/github-script (CommonJS: that is what its require loads).

/** The comment is recognised by its hidden first line (src/plan-review/comment.ts COMMENT_MARKER). */
const markerOf = (body) => body.split('\n', 1)[0];

/**
 * Only comments by the workflow's own token are candidates: the token may
 * edit other people's comments, and a person quoting the marker must not
 * have their comment replaced.
 */
const BOT_LOGIN = 'github-actions[bot]';

module.exports = async function upsertComment({ github, context, body }) {
  const marker = markerOf(body);
  if (!marker.startsWith('<!--')) throw new Error(`the comment body must start with its hidden marker, got ${JSON.stringify(marker)}`);
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const previous = comments.find((c) => c.user && c.user.login === BOT_LOGIN && typeof c.body === 'string' && markerOf(c.body) === marker);
  if (previous) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
    return { action: 'updated', id: previous.id };
  }
  const { data } = await github.rest.issues.createComment({ owner, repo, issue_number, body });
  return { action: 'created', id: data.id };
};
