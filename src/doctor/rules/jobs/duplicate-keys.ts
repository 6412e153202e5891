import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString, type Body } from '../../terraform/model';
import { jobDefinitions } from '../../views/job-definitions';

/**
 * A job definition document (container_properties, ecs_properties,
 * node_properties) with a key written twice in one object. Nothing refuses
 * it: a heredoc's JSON reaches the provider as written, and Go's
 * encoding/json, which decodes it into the request, keeps the later value;
 * an HCL object in jsonencode({...}) keeps the later value too, before the
 * provider sees anything. So the first value is dropped without a word,
 * e.g. an `environment` list followed by an empty one.
 * docs/aws-batch-facts.md#a-key-written-twice-in-a-job-definition
 */
export const jobDuplicateKeys: Rule = {
  id: 'BATCH_JOB_DUPLICATE_KEYS',
  severity: 'warning',
  pack: 'batch-readiness',
  title: 'a key written twice in a job definition document',
  why: 'In container_properties (a heredoc of JSON, or jsonencode of an HCL object) a key written twice in one object is accepted, and only the later value is kept: Terraform\'s jsonencode, Go\'s encoding/json in the provider and JSON.parse all drop the earlier one without a word, so a setting written first (environment variables, a command, a log configuration) never reaches the job.',
  fix: 'Write each key once per object: merge the two values (e.g. one environment list with every variable) and delete the other.',
  link: 'https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service/batch/container_properties.go',
  check(model) {
    return judgeEach(this, jobDefinitions(model), (jd) => {
      // The text as written first: evaluating jsonencode({...}) already keeps only the later value.
      // The evaluated text next, for a document that comes from a variable's default or a template.
      const scan = (body: Body | undefined) => DOCUMENTS.flatMap((attribute) => {
        const text = documentText(body?.[attribute]);
        return text === undefined ? [] : duplicateKeys(text).map((d) => ({ attribute, ...d }));
      });
      const written = scan(jd.resource.written);
      const found = written.length > 0 || sameDocuments(jd.resource.written, jd.resource.body) ? written : scan(jd.resource.body);
      if (found.length === 0) return undefined;
      const described = found.map((d) => `${d.attribute} ${d.path} (the first value, ${d.dropped}, is dropped)`);
      return {
        message: `${described.join('; ')}: a key written twice keeps only its later value`,
        fix: `Write ${found.map((d) => d.path).join(', ')} once, with every value it should hold.`,
      };
    });
  },
};

const DOCUMENTS = ['container_properties', 'ecs_properties', 'node_properties'] as const;

/** Written and evaluated documents are the same text (Terraform JSON with literal documents): one scan is enough. */
function sameDocuments(a: Body | undefined, b: Body): boolean {
  return DOCUMENTS.every((d) => a?.[d] === b[d]);
}

/** The text of a document: a heredoc or JSON string as written, or the HCL inside `${jsonencode(...)}`. */
function documentText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const call = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/.exec(value.trim());
  if (call) return call[1];
  return literalString(value) ?? (value.trim().startsWith('{') ? value : undefined);
}

export interface DuplicateKey {
  /** `environment`, `logConfiguration.options`, `[0].command`: where the key is. */
  readonly path: string;
  /** The earlier value's text, shortened. */
  readonly dropped: string;
}

/**
 * Keys written twice in one object of a JSON or HCL object-literal text.
 * A key is a quoted string or an identifier that starts an object entry
 * (after `{`, `,` or a line break) and is followed by `:` or `=`.
 * Strings, `${...}` templates and nested brackets are skipped as units, so
 * braces inside values never confuse it; text it cannot follow ends the scan.
 */
export function duplicateKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  interface Frame {
    readonly kind: '{' | '[';
    readonly path: string;
    readonly keys: Map<string, number>;
    index: number;
    entryStart: boolean;
    key?: string;
  }
  const stack: Frame[] = [];
  const top = (): Frame | undefined => stack[stack.length - 1];
  const childPath = (frame: Frame): string => (frame.kind === '[' ? `${frame.path}[${frame.index}]` : frame.key === undefined ? frame.path : frame.path ? `${frame.path}.${frame.key}` : frame.key);
  let i = 0;
  const n = text.length;
  const skipString = (from: number): number => {
    let j = from + 1;
    while (j < n) {
      const c = text[j];
      if (c === '\\') j += 2;
      else if (c === '"') return j + 1;
      else if (c === '$' && text[j + 1] === '{') j = skipBalanced(j + 1);
      else j++;
    }
    return n;
  };
  const skipBalanced = (open: number): number => {
    let depth = 0;
    for (let j = open; j < n; j++) {
      const c = text[j];
      if (c === '"') j = skipString(j) - 1;
      else if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return n;
  };
  /** The end of the value starting at `from`: at the next `,`, line break or closing bracket of this level. */
  const valueEnd = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = text[j]!;
      if (c === '"') j = skipString(j);
      else if (c === '{' || c === '[' || c === '(') j = skipBalanced(j);
      else if (c === ',' || c === '}' || c === ']' || c === '\n') return j;
      else j++;
    }
    return n;
  };
  while (i < n) {
    const c = text[i]!;
    const frame = top();
    if (c === '{' || c === '[') {
      const path = frame ? childPath(frame) : '';
      if (frame) frame.entryStart = false;
      stack.push({ kind: c, path, keys: new Map(), index: 0, entryStart: true });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',' || c === '\n') {
      if (frame) {
        frame.entryStart = true;
        if (c === ',' && frame.kind === '[') frame.index++;
      }
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
    } else if (frame?.kind === '{' && frame.entryStart) {
      // A key: "quoted" or an identifier, then `:` or `=` (not `==`, `=>`).
      let key: string | undefined;
      let end = i;
      if (c === '"') {
        end = skipString(i);
        try {
          key = JSON.parse(text.slice(i, end)) as string;
        } catch {
          key = text.slice(i + 1, end - 1);
        }
      } else {
        const m = /^[A-Za-z_][\w-]*/.exec(text.slice(i));
        if (m) {
          key = m[0];
          end = i + m[0].length;
        }
      }
      let j = end;
      while (text[j] === ' ' || text[j] === '\t') j++;
      const sep = text[j];
      if (key === undefined || !((sep === ':' || sep === '=') && text[j + 1] !== '=' && text[j + 1] !== '>')) {
        frame.entryStart = false;
        i = valueEnd(i);
        continue;
      }
      j++;
      while (text[j] === ' ' || text[j] === '\t') j++;
      const start = j;
      const earlier = frame.keys.get(key);
      if (earlier !== undefined) {
        const dropped = text.slice(earlier, valueEnd(earlier)).replace(/\s+/g, ' ').trim();
        out.push({ path: frame.path ? `${frame.path}.${key}` : key, dropped: dropped.length > 60 ? `${dropped.slice(0, 57)}...` : dropped });
      }
      frame.keys.set(key, start);
      frame.key = key;
      frame.entryStart = false;
      i = start;
    } else if (frame?.kind === '[' && frame.entryStart) {
      frame.entryStart = false;
      // An element: nested brackets are handled by the loop; anything else is skipped whole.
      if (c !== '{' && c !== '[') i = valueEnd(i);
    } else {
      // The rest of a value (a string, a number, an expression): skip it whole.
      if (frame) frame.entryStart = false;
      i = c === '{' || c === '[' ? i : valueEnd(i);
      if (i === n) break;
    }
  }
  return out;
}
