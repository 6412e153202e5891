import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalBool } from '../../terraform/model';
import { isInterface } from '../../views/network-paths';

/**
 * Private DNS on an interface endpoint needs enableDnsSupport and
 * enableDnsHostnames on the VPC, or AWS refuses it; aws_vpc defaults to
 * enable_dns_support true and enable_dns_hostnames false
 * (docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs).
 */
export const vpcDnsForEndpoints: Rule = {
  id: 'BATCH_VPC_DNS_FOR_ENDPOINTS',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'private-DNS endpoints in a VPC without DNS support and hostnames',
  why: 'Interface endpoints with private DNS need enable_dns_support and enable_dns_hostnames on the VPC (aws_vpc leaves enable_dns_hostnames false by default); AWS refuses the endpoint and the apply fails.',
  fix: 'Set enable_dns_support = true and enable_dns_hostnames = true on the VPC.',
  link: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html',
  check(model) {
    return judgeEach(this, model.all('aws_vpc'), (vpc) => {
      const support = vpc.body['enable_dns_support'] === undefined ? true : literalBool(vpc.body['enable_dns_support']);
      const hostnames = vpc.body['enable_dns_hostnames'] === undefined ? false : literalBool(vpc.body['enable_dns_hostnames']);
      const off = [...(support === false ? ['enable_dns_support'] : []), ...(hostnames === false ? ['enable_dns_hostnames'] : [])];
      const endpoints = model
        .referrers('aws_vpc_endpoint', 'vpc_id', vpc)
        .filter((e) => isInterface(e) === true && literalBool(e.body['private_dns_enabled']) === true);
      if (off.length === 0) {
        const open = support === undefined ? 'enable_dns_support' : hostnames === undefined ? 'enable_dns_hostnames' : undefined;
        return open && endpoints.length > 0 ? { unknown: `${open} ${model.why(vpc.body[open]) ?? 'is an expression'}` } : undefined;
      }
      return endpoints.length > 0 ? `${off.join(' and ')} off, but ${endpoints.map((e) => e.address).join(', ')} use private DNS` : undefined;
    });
  },
};
