import { finding } from '../../engine/finding';
import type { Finding, Rule } from '../../engine/types';
import { literalBool } from '../../terraform/model';
import { isInterface } from '../../views/network-paths';

/**
 * BATCH-FACTS: "interface endpoints with private DNS in a VPC without
 * enable_dns_support and enable_dns_hostnames" — AWS refuses private DNS
 * then. aws_vpc defaults: enable_dns_support true, enable_dns_hostnames false.
 */
export const vpcDnsForEndpoints: Rule = {
  id: 'BATCH_VPC_DNS_FOR_ENDPOINTS',
  severity: 'error',
  title: 'private-DNS endpoints in a VPC without DNS support and hostnames',
  why: 'Interface endpoints with private DNS need enable_dns_support and enable_dns_hostnames on the VPC (aws_vpc leaves enable_dns_hostnames false by default); AWS refuses the endpoint and the apply fails.',
  fix: 'Set enable_dns_support = true and enable_dns_hostnames = true on the VPC.',
  check(model) {
    const out: Finding[] = [];
    for (const vpc of model.all('aws_vpc')) {
      const support = vpc.body['enable_dns_support'] === undefined ? true : literalBool(vpc.body['enable_dns_support']);
      const hostnames = vpc.body['enable_dns_hostnames'] === undefined ? false : literalBool(vpc.body['enable_dns_hostnames']);
      const off = [...(support === false ? ['enable_dns_support'] : []), ...(hostnames === false ? ['enable_dns_hostnames'] : [])];
      if (off.length === 0) continue;
      const endpoints = model
        .referrers('aws_vpc_endpoint', 'vpc_id', vpc)
        .filter((e) => isInterface(e) === true && literalBool(e.body['private_dns_enabled']) === true);
      if (endpoints.length === 0) continue;
      out.push(finding(this, vpc, `${off.join(' and ')} off, but ${endpoints.map((e) => e.address).join(', ')} use private DNS`));
    }
    return out;
  },
};
