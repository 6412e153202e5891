/**
 * JSON documents inside Terraform string attributes (IAM and resource
 * policies, `container_properties`, event patterns, Scheduler inputs) in one
 * canonical text: no whitespace, object keys sorted at every level, and `<`,
 * `>`, `&`, U+2028, U+2029 written as `\u003c`, `\u003e`, `\u0026`,
 * `\u2028`, `\u2029`.
 *
 * That text is byte for byte what Terraform's `jsonencode()` returns for the
 * same value (docs/aws-batch-facts.md#terraform-jsonencode-output). So
 * cdk.tf.json keeps a plain JSON string, which the doctor and every tool here
 * read with JSON.parse, while `cdktf synth --hcl` can show the same document
 * as `jsonencode({...})`, and Terraform evaluates that to the very same
 * string: both formats plan alike, whatever the provider does with the
 * attribute (see src/hcl/render.ts). (Building documents with cdktf's
 * Fn.jsonencode instead would put `${jsonencode({...})}` HCL expressions into
 * cdk.tf.json: no longer JSON a reviewer or a JSON parser can read, and
 * evaluated by Terraform only at plan time.)
 *
 * Deployed stacks see no change from this form except a one-time in-place
 * update of Scheduler inputs, the one document the provider compares as text
 * (docs/aws-batch-facts.md#json-documents-in-the-provider).
 */

/** The canonical JSON text of `value`. */
export function jsonDocument(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The value of `text` when it is a canonical JSON object or array that
 * `jsonencode()` reproduces exactly; undefined otherwise (not JSON, not
 * canonical, or holding what Terraform encodes differently: numbers it would
 * write without an exponent or with more digits, -0, lone surrogates).
 */
export function parseJsonDocument(text: string): object | undefined {
  if (!/^[[{]/.test(text) || /\\u[dD][89abAB]/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || !numbersEncodeAlike(value)) return undefined;
  return jsonDocument(value) === text ? value : undefined;
}

/**
 * Object keys in the order Terraform writes them: by code point (Go compares
 * UTF-8 bytes, which orders like code points; JavaScript's default sort
 * compares UTF-16 units, which does not beyond U+FFFF).
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Object.fromEntries(keys.map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

/** Terraform prints numbers in full decimal; JavaScript switches to exponents and loses digits past 2^53. */
function numbersEncodeAlike(value: unknown): boolean {
  if (typeof value === 'number') {
    return !Object.is(value, -0) && !/e/i.test(String(value)) && (!Number.isInteger(value) || Number.isSafeInteger(value));
  }
  if (value !== null && typeof value === 'object') return Object.values(value).every(numbersEncodeAlike);
  return true;
}
