/**
 * The preflight doctor's vocabulary. Rules read Terraform JSON configuration
 * (the `cdk.tf.json` format, or HCL converted to it) through the model and
 * report findings.
 */
import type { TerraformModel } from '../terraform/model';

export type Severity = 'error' | 'warning';

/**
 * What a rule protects: that the Batch setup works at all (applies, and jobs
 * can run), that changing it later is safe (replacements, destroys, drift,
 * upgrades), or that it is secure.
 */
export type Pack = 'batch-readiness' | 'change-safety' | 'security';

export const PACKS: readonly Pack[] = ['batch-readiness', 'change-safety', 'security'];

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
  /** The rule's proof (its `link`); absent only on findings that no rule made (suppression problems). */
  readonly link?: string;
  /** Set when a suppression with a reason covers the finding: it then counts as neither error nor warning. */
  readonly suppressed?: { readonly reason: string };
}

/**
 * A check that could not be judged on one resource: a value it needs is not
 * decided by the configuration (a variable without a value, a data source,
 * a module that was not read). Listed so that silence is never mistaken for
 * a pass.
 */
export interface Skipped {
  readonly rule: string;
  readonly address: string;
  /** What is unknown and why: "compute_resources.subnets comes from data.aws_subnets.private". */
  readonly reason: string;
}

/**
 * One check of the doctor. `why` and `fix` are the general explanation (they
 * feed the README); each finding carries its own message and, where it knows
 * better, a more specific fix.
 */
export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly pack: Pack;
  /** Short name, e.g. "fixed name with create_before_destroy". */
  readonly title: string;
  /** Why it matters: what AWS or Terraform does when the problem is there. */
  readonly why: string;
  readonly fix: string;
  /**
   * The page that proves the rule: AWS documentation (docs.aws.amazon.com)
   * or the provider source on GitHub, pinned to the provider version.
   */
  readonly link: string;
  /**
   * Pure over the model; returns nothing when compliant or not applicable.
   * A check that cannot judge a resource says so through judgeEach's
   * `{ unknown: reason }` (or skip() in engine/finding.ts).
   */
  check(model: TerraformModel): Finding[];
}
