/** A failure Terraform would report as an error (a missing attribute, an index out of range, a type mismatch). */
export class EvalError extends Error {
  override readonly name = 'EvalError';
}
