/**
 * What the schema refuses, in words a user can act on: each zod issue as a
 * ConfigProblem with the config path, the value given, what is allowed and
 * the fix (a misspelled key gets the key it most likely meant).
 */
import type { z } from 'zod';
import { formatPath, show, valueAt, type ConfigProblem } from './errors';
import { BatchConfigSchema } from './schema';
import { fieldHint } from './reference';

/**
 * A required field that is not there (zod's own words would be "expected
 * string, received undefined"): where it goes and what to put there.
 */
export function missingField(path: readonly PropertyKey[], what: string): ConfigProblem {
  const at = formatPath(path);
  const name = String(path[path.length - 1] ?? '');
  const parent = formatPath(path.slice(0, -1));
  return { path: at, message: `missing: ${at} is required`, fix: `add "${name}" to ${parent || 'the top level of the config'}: ${what}` };
}

export function schemaProblem(issue: z.core.$ZodIssue, input: unknown): ConfigProblem {
  const value = valueAt(input, issue.path);
  const path = formatPath(issue.path);
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) {
    const expected = issue.code === 'invalid_type' ? issue.expected : issue.code === 'invalid_value' ? `one of ${issue.values.map((v) => show(v)).join(', ')}` : 'a value';
    const hint = fieldHint(issue.path);
    return missingField(issue.path, hint === undefined ? expected : hint.exact ? hint.hint : `${expected} (part of ${hint.hint})`);
  }
  switch (issue.code) {
    case 'invalid_type':
      return { path, message: `got ${show(value)}; expected ${issue.expected === 'int' ? 'a whole number' : issue.expected}`, fix: `set ${path} to ${issue.expected === 'int' ? 'a whole number' : `a value of type ${issue.expected}`}` };
    case 'unrecognized_keys': {
      const first = issue.keys[0] ?? '';
      const keyPath = formatPath([...issue.path, first]);
      const allowed = allowedKeys(issue.path, input);
      const guess = closest(first, allowed);
      return {
        path: keyPath,
        message: `unknown key${issue.keys.length > 1 ? `s ${issue.keys.map((k) => show(k)).join(', ')}` : ` ${show(first)}`}; allowed here: ${allowed.join(', ')}`,
        fix: guess ? `did you mean ${show(guess)}? rename it` : 'remove it',
      };
    }
    case 'invalid_value':
      return { path, message: `got ${show(value)}; allowed: ${issue.values.map((v) => show(v)).join(', ')}`, fix: `use one of ${issue.values.map((v) => show(v)).join(', ')}` };
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        return { path, message: `got ${show(value)}; allowed: "endpoints", "nat", "public", "existing"`, fix: 'use one of "endpoints" (default), "nat", "public", "existing"' };
      }
      return { path, message: `got ${show(value)}, which matches none of the allowed shapes`, fix: 'see the config reference in the README' };
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
      const inclusive = issue.inclusive !== false;
      const what = issue.origin === 'array' ? 'items' : issue.origin === 'string' ? 'characters' : '';
      const got = issue.origin === 'array' ? `${(value as unknown[]).length} items` : issue.origin === 'string' ? `${show(value)} (${String(value).length} characters)` : show(value);
      const limit = `${small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${String(bound)}${what ? ` ${what}` : ''}`;
      return { path, message: `got ${got}; must be ${limit}`, fix: `set ${path} to ${limit}` };
    }
    case 'invalid_format':
      return { path, message: `got ${show(value)}; ${issue.message}`, fix: `change ${path} so it ${issue.message}` };
    case 'invalid_key': {
      const key = String(issue.path[issue.path.length - 1]);
      const inner = issue.issues[0]?.message ?? 'is not allowed';
      return { path, message: `key ${show(key)} ${inner}`, fix: 'rename the key' };
    }
    default:
      return { path, message: `got ${show(value)}; ${issue.message}`, fix: 'see the config reference in the README' };
  }
}

/** Keys the schema allows for the object at `path`, following the input through maps and unions. */
function allowedKeys(path: readonly PropertyKey[], input: unknown): string[] {
  let schema = BatchConfigSchema as unknown as z.core.$ZodType;
  let node = input;
  const unwrap = (): void => {
    for (;;) {
      const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType; options?: z.core.$ZodType[]; discriminator?: string };
      if ((def.type === 'default' || def.type === 'optional') && def.innerType) schema = def.innerType;
      else if (def.type === 'union' && def.options && def.discriminator) {
        const tag = (node as Record<string, unknown> | undefined)?.[def.discriminator];
        const match = def.options.find((o) => (o as unknown as { shape: Record<string, { value?: unknown }> }).shape[def.discriminator!]?.value === tag);
        if (!match) return;
        schema = match;
      } else if (def.type === 'union' && def.options && node !== null && typeof node === 'object' && !Array.isArray(node)) {
        // A value that may be a string or an object (a secret): follow the object shape.
        const match = def.options.find((o) => (o._zod.def as { type: string }).type === 'object');
        if (!match) return;
        schema = match;
      } else return;
    }
  };
  for (const part of path) {
    unwrap();
    const def = schema._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType; element?: z.core.$ZodType };
    const next = def.type === 'object' ? def.shape?.[String(part)] : def.type === 'record' ? def.valueType : def.type === 'array' ? def.element : undefined;
    if (!next) return [];
    schema = next;
    node = (node as Record<PropertyKey, unknown> | undefined)?.[part];
  }
  unwrap();
  const def = schema._zod.def as { type: string; shape?: Record<string, unknown> };
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The allowed key closest to a misspelled one, if it is close enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
