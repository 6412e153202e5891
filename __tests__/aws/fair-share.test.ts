import { describe, expect, it } from 'vitest';
import { shareMatches } from '../../src/aws/fair-share';

describe('shareMatches: how Batch applies a policy entry to a job\'s share', () => {
  it.each([
    ['teamA', ['teamA'], true],
    ['teamAB', ['teamA'], false],
    ['batchNightly', ['batch*'], true],
    ['batch', ['batch*'], true],
    ['bat', ['batch*'], false],
    ['anyone', [], true],
  ])('%s against %j: %s', (share, shares, expected) => {
    expect(shareMatches(share, shares)).toBe(expected);
  });
});
