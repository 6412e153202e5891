/**
 * The preflight doctor's vocabulary. Rules read Terraform JSON configuration
 * (the `cdk.tf.json` format, or HCL converted to it) and report findings.
 */

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

/** Terraform JSON configuration, as cdktf writes it or hcl2json converts it. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, unknown>;
  readonly [key: string]: unknown;
}
