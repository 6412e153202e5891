/**
 * Terraform addresses that the stack builds from more than one config key,
 * and that the config checks therefore keep unique: two entries that made
 * one address would make one resource. (Every other address is one key, and
 * keys are unique in their map: src/stack/terraform-ids.ts.)
 */

/** The schedule's address: `aws_scheduler_schedule.<job definition>_<schedule>`. */
export function scheduleAddress(jobDefinitionKey: string, scheduleKey: string): string {
  return `${jobDefinitionKey}_${scheduleKey}`;
}

/** An access point's address: `aws_efs_access_point.<file system>_<access point>`. */
export function accessPointAddress(fileSystemKey: string, accessPointKey: string): string {
  return `${fileSystemKey}_${accessPointKey}`;
}
