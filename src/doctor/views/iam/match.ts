/**
 * IAM's wildcard matching of Action and Resource values: `*` matches any run
 * of characters (colons included), `?` exactly one; actions ignore case,
 * resource ARNs do not
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 *
 * The subject may have parts that are not known from the configuration: one
 * character out of a secret's random suffix, or a whole ARN field (the region
 * or account of an SSM parameter given by name). `mayMatch` answers whether
 * some value of those parts matches, so "no" means "cannot match".
 */

/** One letter or digit, not known (a character of the suffix Secrets Manager adds). */
export const ANY_CHAR = Symbol('any letter or digit');
/** An ARN field, not known: any run of characters without a colon. */
export const ANY_FIELD = Symbol('any ARN field');

export type Token = string | typeof ANY_CHAR | typeof ANY_FIELD;

/** A known string as tokens. */
export const literal = (s: string): Token[] => [...s];

export function actionMatches(pattern: string, action: string): boolean {
  return mayMatch(pattern.toLowerCase(), literal(action.toLowerCase()));
}

export function mayMatch(pattern: string, subject: readonly Token[]): boolean {
  const memo = new Map<number, boolean>();
  const width = subject.length + 1;
  const at = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const result = step(i, j);
    memo.set(key, result);
    return result;
  };
  const step = (i: number, j: number): boolean => {
    if (j === subject.length) return [...pattern.slice(i)].every((c) => c === '*');
    const token = subject[j]!;
    if (token === ANY_FIELD) {
      // The field may be empty, or take the pattern's next character (it ends there, or goes on).
      if (at(i, j + 1)) return true;
      if (i === pattern.length) return false;
      const p = pattern[i]!;
      if (p === '*') return at(i + 1, j);
      if (p === ':') return false;
      return at(i + 1, j) || at(i + 1, j + 1);
    }
    if (i === pattern.length) return false;
    const p = pattern[i]!;
    if (p === '*') return at(i + 1, j) || at(i, j + 1);
    if (p === '?') return at(i + 1, j + 1);
    if (token === ANY_CHAR) return /[A-Za-z0-9]/.test(p) && at(i + 1, j + 1);
    return p === token && at(i + 1, j + 1);
  };
  return at(0, 0);
}
