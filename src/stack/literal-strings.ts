/**
 * Text in Terraform JSON is a template: `${...}` interpolates and `%{...}` is
 * a directive, in every string, even inside a JSON document held in a string
 * (docs/aws-batch-facts.md#terraform-json-string-templates). A user's value
 * such as an environment variable `PS1='${USER}$ '`, an IAM policy variable
 * `${aws:username}` or a `%{...}` in a command must reach AWS exactly as
 * written, so every literal text the stack emits gets Terraform's escapes
 * `$${` and `%%{`, while the references cdktf builds (token markers until
 * they resolve) stay expressions.
 *
 * It is done once, for every string of every element, when the stack turns
 * into Terraform: no construct can forget it, and no config field is missed.
 * The stack's own literal text never means an expression (its references are
 * all tokens), so escaping it changes nothing.
 */
import { TerraformElement, TerraformStack } from 'cdktf';

/** cdktf's marker of a string token (a reference until it resolves), e.g. `${TfToken[TOKEN.12]}`. */
const TOKEN_MARKER = /\$\{TfToken\[[^\]]*\]\}/g;

/** `text` with every `${` and `%{` outside token markers escaped as Terraform reads it back literally. */
export function escapeTemplateSequences(text: string): string {
  if (!text.includes('{')) return text;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN_MARKER)) {
    out += escapeLiteral(text.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return out + escapeLiteral(text.slice(last));
}

/**
 * `$${` and `%%{` are already escapes in Terraform, so each `$` or `%` run
 * before `{` gets one more: `${` → `$${`, `$${` → `$$${` (which Terraform
 * reads back as `$${`).
 */
function escapeLiteral(text: string): string {
  return text.replace(/([$%])(?=\{)/g, '$1$1');
}

/** Every string of an element's Terraform (values, not keys), escaped. */
function escapeStrings(value: unknown): unknown {
  if (typeof value === 'string') return escapeTemplateSequences(value);
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeStrings(item)]));
}

/**
 * Runs `render` (the stack's cdktf rendering) with every element of `stack`
 * giving its Terraform with literal text escaped, before cdktf resolves the
 * tokens in it.
 */
export function withLiteralStrings<T>(stack: TerraformStack, render: () => T): T {
  const elements = stack.node.findAll().filter((c): c is TerraformElement => TerraformElement.isTerraformElement(c) && TerraformStack.of(c) === stack);
  const restore = elements.map((element) => {
    const own = Object.prototype.hasOwnProperty.call(element, 'toTerraform');
    const original = element.toTerraform;
    element.toTerraform = () => escapeStrings(original.call(element)) as ReturnType<TerraformElement['toTerraform']>;
    return () => {
      if (own) element.toTerraform = original;
      else delete (element as { toTerraform?: unknown }).toTerraform;
    };
  });
  try {
    return render();
  } finally {
    for (const undo of restore) undo();
  }
}
