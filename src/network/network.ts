/**
 * The network AWS Batch runs in. Every mode gives the compute environments a
 * route to the ECS, ECR and CloudWatch Logs endpoints: the missing route is
 * the classic cause of jobs stuck in RUNNABLE (BATCH-FACTS, "Why jobs sit in
 * RUNNABLE").
 */
import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup, type SecurityGroupEgress } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { ResolvedConfig } from '../config/schema';
import { cidrSubnet } from './cidr';
import { named } from '../naming';

/** What the compute environments and job definitions need from the network. */
export interface BatchNetworkProps {
  readonly config: ResolvedConfig;
  /** Interface endpoints beyond the always-needed ones, e.g. `secretsmanager`, `ssm`. */
  readonly extraEndpoints: readonly string[];
}

/**
 * Interface endpoints the ECS agent, image pulls and awslogs need when there
 * is no route to the internet: `ecs`, `ecs-agent` and `ecs-telemetry` for the
 * agent to register (without them instances never join and jobs stay
 * RUNNABLE), `ecr.api` + `ecr.dkr` (+ the S3 gateway) for ECR pulls, `logs`
 * for awslogs.
 */
export const REQUIRED_INTERFACE_ENDPOINTS = ['ecs', 'ecs-agent', 'ecs-telemetry', 'ecr.api', 'ecr.dkr', 'logs'] as const;

const HTTPS = 443;
const ANYWHERE = '0.0.0.0/0';

export class BatchNetwork extends Construct {
  /** Subnets the compute environments launch into. */
  readonly subnetIds: string[];
  /** Security groups of the instances and Fargate tasks. */
  readonly securityGroupIds: string[];
  /** Whether Fargate tasks need a public IP to reach AWS (public mode, or an existing VPC that says so). */
  readonly assignPublicIp: boolean;

  constructor(scope: Construct, id: string, props: BatchNetworkProps) {
    super(scope, id);
    const { config } = props;
    const network = config.network;
    if (network.mode === 'existing') {
      this.subnetIds = [...network.subnetIds];
      this.securityGroupIds = [...network.securityGroupIds];
      this.assignPublicIp = network.assignPublicIp;
      return;
    }

    const name = config.name;
    const azs = config.availabilityZones;
    const vpc = named(
      new Vpc(this, 'vpc', {
        cidrBlock: network.vpcCidr,
        // Private DNS of interface endpoints only resolves with both on.
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: { Name: name },
      }),
      'batch',
    );

    // Subnets are /(n+4) blocks: private ones from the start of the range,
    // public ones from its second half, so adding an AZ moves neither.
    const subnet = (kind: 'private' | 'public', az: string, index: number): Subnet =>
      named(
        new Subnet(this, `${kind}-${az}`, {
          vpcId: vpc.id,
          availabilityZone: az,
          cidrBlock: cidrSubnet(network.vpcCidr, 4, kind === 'private' ? index : 8 + index),
          mapPublicIpOnLaunch: kind === 'public',
          tags: { Name: `${name}-${kind}-${az}` },
        }),
        `${kind}_${az}`,
      );

    const publicSubnets = network.mode === 'endpoints' ? [] : azs.map((az, i) => subnet('public', az, i));
    const privateSubnets = network.mode === 'public' ? [] : azs.map((az, i) => subnet('private', az, i));

    let publicRouteTable: RouteTable | undefined;
    let igw: InternetGateway | undefined;
    if (publicSubnets.length > 0) {
      igw = named(new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: { Name: name } }), 'batch');
      publicRouteTable = named(
        new RouteTable(this, 'public-routes', {
          vpcId: vpc.id,
          route: [{ cidrBlock: ANYWHERE, gatewayId: igw!.id }],
          tags: { Name: `${name}-public` },
        }),
        'public',
      );
      publicSubnets.forEach((s, i) => associate(this, `public_${azs[i]}`, s, publicRouteTable!));
    }

    // Private route tables: one per AZ with a NAT per AZ (an AZ outage does
    // not cut the others off), otherwise one shared table.
    const privateRouteTables: RouteTable[] = [];
    if (network.mode === 'nat') {
      const natAzs = network.natGateways === 'perAz' ? azs : azs.slice(0, 1);
      // Nothing else orders them after the internet gateway, and a public NAT
      // gateway created before the gateway is attached to the VPC fails
      // (docs/aws-batch-facts.md#nat-gateways-need-the-internet-gateway-first).
      const afterIgw = [igw!];
      const nats = natAzs.map((az, i) => {
        const eip = named(new Eip(this, `nat-eip-${az}`, { domain: 'vpc', tags: { Name: `${name}-nat-${az}` }, dependsOn: afterIgw }), `nat_${az}`);
        return named(
          new NatGateway(this, `nat-${az}`, { allocationId: eip.allocationId, subnetId: publicSubnets[i]!.id, tags: { Name: `${name}-${az}` }, dependsOn: afterIgw }),
          az,
        );
      });
      azs.forEach((az, i) => {
        const nat = nats[network.natGateways === 'perAz' ? i : 0]!;
        const table = named(
          new RouteTable(this, `private-routes-${az}`, {
            vpcId: vpc.id,
            route: [{ cidrBlock: ANYWHERE, natGatewayId: nat.id }],
            tags: { Name: `${name}-private-${az}` },
          }),
          `private_${az}`,
        );
        associate(this, `private_${az}`, privateSubnets[i]!, table);
        privateRouteTables.push(table);
      });
    } else if (network.mode === 'endpoints') {
      const table = named(
        new RouteTable(this, 'private-routes', { vpcId: vpc.id, route: [], tags: { Name: `${name}-private` } }),
        'private',
      );
      privateSubnets.forEach((s, i) => associate(this, `private_${azs[i]}`, s, table));
      privateRouteTables.push(table);
    }

    // The S3 gateway endpoint is free: in endpoints mode it is the only way to
    // ECR's image layers; in NAT mode it keeps layer downloads off the NAT bill.
    const routeTablesForS3 = network.mode === 'public' ? [publicRouteTable!] : privateRouteTables;
    const s3 = named(
      new VpcEndpoint(this, 's3-endpoint', {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${config.region}.s3`,
        vpcEndpointType: 'Gateway',
        routeTableIds: routeTablesForS3.map((t) => t.id),
        tags: { Name: `${name}-s3` },
      }),
      's3',
    );

    let egress: SecurityGroupEgress[];
    if (network.mode === 'endpoints') {
      const endpointSg = named(
        new SecurityGroup(this, 'endpoint-sg', {
          namePrefix: `${name}-endpoints-`,
          // A replacement must exist before the old group goes: ENIs still use it.
          lifecycle: { createBeforeDestroy: true },
          description: 'VPC interface endpoints: HTTPS from inside the VPC',
          vpcId: vpc.id,
          ingress: [rule({ cidrBlocks: [network.vpcCidr], description: 'HTTPS from the VPC' })],
          egress: [],
          tags: { Name: `${name}-endpoints` },
        }),
        'endpoints',
      );
      for (const service of [...REQUIRED_INTERFACE_ENDPOINTS, ...props.extraEndpoints]) {
        named(
          new VpcEndpoint(this, `endpoint-${service}`, {
            vpcId: vpc.id,
            serviceName: `com.amazonaws.${config.region}.${service}`,
            vpcEndpointType: 'Interface',
            privateDnsEnabled: true,
            subnetIds: privateSubnets.map((s) => s.id),
            securityGroupIds: [endpointSg.id],
            tags: { Name: `${name}-${service}` },
          }),
          service.replace(/\./g, '_'),
        );
      }
      // Nothing leaves the VPC: HTTPS to the interface endpoints and to S3 through its gateway.
      egress = [
        rule({ cidrBlocks: [network.vpcCidr], description: 'HTTPS to the VPC interface endpoints' }),
        rule({ prefixListIds: [s3.prefixListId], description: 'HTTPS to S3 (ECR image layers) through the gateway endpoint' }),
      ];
    } else {
      egress = [rule({ cidrBlocks: [ANYWHERE], description: 'HTTPS to AWS APIs and image registries' })];
    }

    const batchSg = named(
      new SecurityGroup(this, 'batch-sg', {
        namePrefix: `${name}-batch-`,
        lifecycle: { createBeforeDestroy: true },
        description: 'AWS Batch instances and Fargate tasks: no inbound, HTTPS out',
        vpcId: vpc.id,
        ingress: [],
        egress,
        tags: { Name: `${name}-batch` },
      }),
      'batch',
    );

    this.subnetIds = (network.mode === 'public' ? publicSubnets : privateSubnets).map((s) => s.id);
    this.securityGroupIds = [batchSg.id];
    this.assignPublicIp = network.mode === 'public';
  }
}

function associate(scope: Construct, logicalName: string, subnet: Subnet, table: RouteTable): void {
  named(new RouteTableAssociation(scope, `assoc-${logicalName}`, { subnetId: subnet.id, routeTableId: table.id }), logicalName);
}

/**
 * An HTTPS security group rule. Every field of the inline rule block is
 * spelled out: the provider compares inline rules as whole sets, and absent
 * fields would show as a diff on every plan.
 */
function rule(target: { cidrBlocks?: string[]; prefixListIds?: string[]; description: string }): SecurityGroupEgress {
  return {
    protocol: 'tcp',
    fromPort: HTTPS,
    toPort: HTTPS,
    cidrBlocks: target.cidrBlocks ?? [],
    ipv6CidrBlocks: [],
    prefixListIds: target.prefixListIds ?? [],
    securityGroups: [],
    selfAttribute: false,
    description: target.description,
  };
}
