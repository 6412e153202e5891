/**
 * VPC endpoints: the S3 gateway endpoint, and in `endpoints` mode the
 * interface endpoints that replace a route to the internet
 * (docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs).
 */
import type { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { awsName } from '../../aws/names';
import { named } from '../../stack/terraform-ids';
import { httpsRule } from './security-group-rules';

/**
 * Interface endpoints the ECS agent, image pulls and awslogs need when there
 * is no route to the internet: `ecs`, `ecs-agent` and `ecs-telemetry` for the
 * agent to register (without them instances never join and jobs stay
 * RUNNABLE), `ecr.api` + `ecr.dkr` (+ the S3 gateway) for ECR pulls, `logs`
 * for awslogs.
 */
export const REQUIRED_INTERFACE_ENDPOINTS = ['ecs', 'ecs-agent', 'ecs-telemetry', 'ecr.api', 'ecr.dkr', 'logs'] as const;

export interface S3GatewayEndpointProps {
  /** Prefix of the Name tag (the config's `name`). */
  readonly environmentName: string;
  /** The VPC the endpoint belongs to. */
  readonly vpcId: string;
  /** The region of the S3 service. */
  readonly region: string;
  /** Route tables that get the route to S3. */
  readonly routeTableIds: readonly string[];
}

/**
 * The S3 gateway endpoint is free: in endpoints mode it is the only way to
 * ECR's image layers; in NAT mode it keeps layer downloads off the NAT bill.
 * Terraform: `aws_vpc_endpoint.s3`.
 */
export function s3GatewayEndpoint(scope: Construct, props: S3GatewayEndpointProps): VpcEndpoint {
  return named(
    new VpcEndpoint(scope, 's3-endpoint', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.routeTableIds],
      tags: { Name: awsName(props.environmentName, 's3') },
    }),
    's3',
  );
}

export interface InterfaceEndpointsProps {
  /** Prefix of AWS names and Name tags (the config's `name`). */
  readonly environmentName: string;
  /** The VPC the endpoints belong to. */
  readonly vpcId: string;
  /** The VPC's CIDR block: where HTTPS to the endpoints may come from. */
  readonly vpcCidr: string;
  /** The region of the services. */
  readonly region: string;
  /** The private subnets the endpoints' network interfaces go into. */
  readonly subnetIds: readonly string[];
  /**
   * Services beyond the required ones, e.g. `secretsmanager`, `ssm`.
   * @default - none
   */
  readonly extraServices?: readonly string[];
}

/**
 * The interface endpoints with private DNS, and their security group taking
 * HTTPS from the VPC. Terraform: `aws_security_group.endpoints` and
 * `aws_vpc_endpoint.<service>` (dots as underscores).
 */
export function interfaceEndpoints(scope: Construct, props: InterfaceEndpointsProps): void {
  const { environmentName: name } = props;
  const endpointSg = named(
    new SecurityGroup(scope, 'endpoint-sg', {
      namePrefix: `${awsName(name, 'endpoints')}-`,
      // A replacement must exist before the old group goes: ENIs still use it.
      lifecycle: { createBeforeDestroy: true },
      description: 'VPC interface endpoints: HTTPS from inside the VPC',
      vpcId: props.vpcId,
      ingress: [httpsRule({ cidrBlocks: [props.vpcCidr], description: 'HTTPS from the VPC' })],
      egress: [],
      tags: { Name: awsName(name, 'endpoints') },
    }),
    'endpoints',
  );
  for (const service of [...REQUIRED_INTERFACE_ENDPOINTS, ...(props.extraServices ?? [])]) {
    named(
      new VpcEndpoint(scope, `endpoint-${service}`, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [endpointSg.id],
        tags: { Name: awsName(name, service) },
      }),
      service.replace(/\./g, '_'),
    );
  }
}
