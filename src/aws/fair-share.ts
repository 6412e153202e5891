/**
 * Share identifiers and fair-share scheduling policies
 * (docs/aws-batch-facts.md#fair-share-share-identifiers): SubmitJob to a
 * queue with a scheduling policy fails without a share identifier, and must
 * not carry one for a queue without. Shared by the config checks and the job
 * CLI, so both judge a share the same way.
 */

/**
 * Whether a job's share falls under one of a policy's entries: the same
 * identifier, or an entry `prefix*` the share starts with. A policy that
 * lists no shares takes any share (each at weight 1).
 */
export function shareMatches(share: string, policyShares: readonly string[]): boolean {
  if (policyShares.length === 0) return true;
  return policyShares.some((entry) => (entry.endsWith('*') ? share.startsWith(entry.slice(0, -1)) : share === entry));
}

/** `a, b*` for messages. */
export function listShares(policyShares: readonly string[]): string {
  return policyShares.length ? policyShares.join(', ') : 'any (the policy lists none)';
}

/** An example share that the policy takes, for fixes. */
export function exampleShare(policyShares: readonly string[]): string {
  const first = policyShares.find((s) => !s.endsWith('*')) ?? policyShares[0]?.replace(/\*$/, 'A');
  return first ?? 'default';
}

/** Two entries overlap when one's prefix matches the other (`UserA*` and `UserA1`): Batch refuses such a policy. */
export function sharesOverlap(a: string, b: string): boolean {
  const wildA = a.endsWith('*');
  const wildB = b.endsWith('*');
  const pa = a.replace(/\*$/, '');
  const pb = b.replace(/\*$/, '');
  if (wildA && wildB) return pa.startsWith(pb) || pb.startsWith(pa);
  if (wildA) return pb.startsWith(pa);
  if (wildB) return pa.startsWith(pb);
  return false;
}
