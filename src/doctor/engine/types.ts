/**
 * The preflight doctor's vocabulary. Rules read Terraform JSON configuration
 * (the `cdk.tf.json` format, or HCL converted to it) through the model and
 * report findings.
 */
import type { TerraformModel } from '../terraform/model';

export type Severity = 'error' | 'warning';

/** One problem found in a Terraform configuration. */
export interface Finding {
  /** Stable rule id, e.g. `BATCH_CE_FIXED_NAME`. */
  readonly rule: string;
  readonly severity: Severity;
  /** Terraform address of the resource, e.g. `aws_batch_job_queue.main`. */
  readonly address: string;
  /** The cdktf construct path, where cdktf recorded one (`//.metadata.path`). */
  readonly constructPath?: string;
  /** One line: what is wrong, with the values involved. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * One check of the doctor. `why` and `fix` are the general explanation (they
 * feed the README); each finding carries its own message and, where it knows
 * better, a more specific fix.
 */
export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /** Short name, e.g. "fixed name with create_before_destroy". */
  readonly title: string;
  /** Why it matters: what AWS or Terraform does when the problem is there. */
  readonly why: string;
  readonly fix: string;
  /** Pure over the model; returns nothing when compliant or not applicable. */
  check(model: TerraformModel): Finding[];
}
