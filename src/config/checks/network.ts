/**
 * Cross-field checks of the network: the availability zones its subnets go
 * into. Each problem names the config path, the value and the fix.
 */
import { show, valueAt, type ConfigProblem } from '../errors';
import type { ResolvedConfig } from '../schema';

export function networkProblems(config: ResolvedConfig, input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  if (config.network.mode !== 'existing' && config.availabilityZones.length < 2) {
    add('availabilityZones', `${valueAt(input, ['availabilityZones']) !== undefined ? `got ${show(config.availabilityZones)}` : 'is missing'}; a new VPC needs subnets in at least two availability zones of ${config.region}`, `list them, e.g. "availabilityZones": ["${config.region}a", "${config.region}c"]`);
  }
  config.availabilityZones.forEach((az, i) => {
    if (!az.startsWith(config.region)) {
      add(`availabilityZones[${i}]`, `got ${show(az)}, which is not in region ${config.region}`, `use availability zones of ${config.region}, e.g. ${config.region}a`);
    }
    // One subnet per AZ and entry: a second one would repeat its CIDR block and Terraform names.
    const first = config.availabilityZones.indexOf(az);
    if (first !== i) add(`availabilityZones[${i}]`, `got ${show(az)} again (also availabilityZones[${first}]); each availability zone gets one subnet`, `remove the second ${show(az)}, or list another zone of ${config.region}`);
  });
  return problems;
}
