/**
 * Checks on the config exactly as written, before the schema shapes it: what
 * the schema would silently drop or pass on unchanged.
 */
import { formatPath, type ConfigProblem } from '../errors';

/**
 * - A `__proto__` key anywhere: zod builds maps by assignment, and assigning
 *   `__proto__` sets the object's prototype instead of adding an entry, so the
 *   entry would vanish without an error.
 * - Whitespace around an ARN (any field): AWS compares ARNs character for
 *   character, so `" arn:aws:..."` names nothing. IAM grants on it match no
 *   resource and the job fails at run time, not at apply.
 */
export function inputProblems(input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (typeof node === 'string') {
      const trimmed = node.trim();
      if (trimmed !== node && /^arn:/i.test(trimmed)) {
        // In full, not shortened like other values: the whitespace at the end is the point.
        problems.push({ path: formatPath(path), message: `got ${JSON.stringify(node)}: an ARN with whitespace around it names nothing (AWS compares ARNs exactly)`, fix: `remove the whitespace: ${JSON.stringify(trimmed)}` });
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      if (key === '__proto__') {
        problems.push({ path: formatPath([...path, key]), message: 'the key "__proto__" cannot be used: JavaScript treats it as the prototype of the object, so the entry would be silently dropped', fix: 'rename the key' });
        continue;
      }
      walk((node as Record<string, unknown>)[key], [...path, key]);
    }
  };
  walk(input, []);
  return problems;
}
