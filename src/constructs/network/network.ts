/**
 * The network AWS Batch runs in. Every mode gives the compute environments a
 * route to the ECS, ECR and CloudWatch Logs endpoints: the missing route is
 * the classic cause of jobs stuck in RUNNABLE
 * (docs/aws-batch-facts.md#why-jobs-stay-runnable,
 * docs/aws-batch-facts.md#network-paths-to-ecs-ecr-and-logs).
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
import { awsName } from '../../aws/names';
import type { ResolvedNetwork } from '../../config/schema';
import { named } from '../../stack/terraform-ids';
import { cidrSubnet } from './cidr';
import { httpsRule, nfsRule } from './security-group-rules';
import { interfaceEndpoints, s3GatewayEndpoint } from './vpc-endpoints';

export interface BatchNetworkProps {
  /** Prefix of AWS names and Name tags (the config's `name`). */
  readonly environmentName: string;
  /** The region of the VPC endpoints' services. */
  readonly region: string;
  /** One subnet of each kind per zone, in this order (adding a zone at the end moves no other). */
  readonly availabilityZones: readonly string[];
  /** The mode and its settings (the config's `network`). */
  readonly network: ResolvedNetwork;
  /**
   * Interface endpoints beyond the always-needed ones, e.g. `secretsmanager`, `ssm`.
   * @default - none
   */
  readonly extraEndpoints?: readonly string[];
  /**
   * Let the Batch security group reach EFS mount targets in the VPC (NFS,
   * 2049, to the VPC CIDR: a CIDR, not the EFS group, so the two groups do not
   * reference each other; docs/aws-batch-facts.md#efs-volumes).
   * @default false
   */
  readonly nfsEgress?: boolean;
}

const ANYWHERE = '0.0.0.0/0';

export class BatchNetwork extends Construct {
  /** Subnets the compute environments launch into. */
  readonly subnetIds: string[];
  /** The same subnets by availability zone, in a VPC the stack creates (empty with `existing`). */
  readonly subnetIdsByAz: Readonly<Record<string, string>>;
  /** Security groups of the instances and Fargate tasks. */
  readonly securityGroupIds: string[];
  /** Whether Fargate tasks need a public IP to reach AWS (public mode, or an existing VPC that says so). */
  readonly assignPublicIp: boolean;
  /** The VPC the stack creates; undefined in `existing` mode. */
  readonly vpcId?: string;

  constructor(scope: Construct, id: string, props: BatchNetworkProps) {
    super(scope, id);
    const network = props.network;
    if (network.mode === 'existing') {
      this.subnetIds = [...network.subnetIds];
      this.securityGroupIds = [...network.securityGroupIds];
      this.assignPublicIp = network.assignPublicIp;
      this.subnetIdsByAz = {};
      return;
    }

    const name = props.environmentName;
    const azs = props.availabilityZones;
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
          tags: { Name: awsName(name, kind, az) },
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
          route: [{ cidrBlock: ANYWHERE, gatewayId: igw.id }],
          tags: { Name: awsName(name, 'public') },
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
        const eip = named(new Eip(this, `nat-eip-${az}`, { domain: 'vpc', tags: { Name: awsName(name, 'nat', az) }, dependsOn: afterIgw }), `nat_${az}`);
        return named(
          new NatGateway(this, `nat-${az}`, { allocationId: eip.allocationId, subnetId: publicSubnets[i]!.id, tags: { Name: awsName(name, az) }, dependsOn: afterIgw }),
          az,
        );
      });
      azs.forEach((az, i) => {
        const nat = nats[network.natGateways === 'perAz' ? i : 0]!;
        const table = named(
          new RouteTable(this, `private-routes-${az}`, {
            vpcId: vpc.id,
            route: [{ cidrBlock: ANYWHERE, natGatewayId: nat.id }],
            tags: { Name: awsName(name, 'private', az) },
          }),
          `private_${az}`,
        );
        associate(this, `private_${az}`, privateSubnets[i]!, table);
        privateRouteTables.push(table);
      });
    } else if (network.mode === 'endpoints') {
      const table = named(
        new RouteTable(this, 'private-routes', { vpcId: vpc.id, route: [], tags: { Name: awsName(name, 'private') } }),
        'private',
      );
      privateSubnets.forEach((s, i) => associate(this, `private_${azs[i]}`, s, table));
      privateRouteTables.push(table);
    }

    const s3 = s3GatewayEndpoint(this, {
      environmentName: name,
      vpcId: vpc.id,
      region: props.region,
      routeTableIds: (network.mode === 'public' ? [publicRouteTable!] : privateRouteTables).map((t) => t.id),
    });

    let egress: SecurityGroupEgress[];
    if (network.mode === 'endpoints') {
      interfaceEndpoints(this, {
        environmentName: name,
        vpcId: vpc.id,
        vpcCidr: network.vpcCidr,
        region: props.region,
        subnetIds: privateSubnets.map((s) => s.id),
        extraServices: props.extraEndpoints,
      });
      // Nothing leaves the VPC: HTTPS to the interface endpoints and to S3 through its gateway.
      egress = [
        httpsRule({ cidrBlocks: [network.vpcCidr], description: 'HTTPS to the VPC interface endpoints' }),
        httpsRule({ prefixListIds: [s3.prefixListId], description: 'HTTPS to S3 (ECR image layers) through the gateway endpoint' }),
      ];
    } else {
      egress = [httpsRule({ cidrBlocks: [ANYWHERE], description: 'HTTPS to AWS APIs and image registries' })];
    }
    if (props.nfsEgress) egress.push(nfsRule({ cidrBlocks: [network.vpcCidr], description: 'NFS to the EFS mount targets in the VPC' }));

    const batchSg = named(
      new SecurityGroup(this, 'batch-sg', {
        namePrefix: `${awsName(name, 'batch')}-`,
        lifecycle: { createBeforeDestroy: true },
        description: 'AWS Batch instances and Fargate tasks: no inbound, HTTPS out',
        vpcId: vpc.id,
        ingress: [],
        egress,
        tags: { Name: awsName(name, 'batch') },
      }),
      'batch',
    );

    const jobSubnets = network.mode === 'public' ? publicSubnets : privateSubnets;
    this.subnetIds = jobSubnets.map((s) => s.id);
    this.subnetIdsByAz = Object.fromEntries(azs.map((az, i) => [az, this.subnetIds[i]!]));
    this.vpcId = vpc.id;
    this.securityGroupIds = [batchSg.id];
    this.assignPublicIp = network.mode === 'public';
  }
}

function associate(scope: Construct, logicalName: string, subnet: Subnet, table: RouteTable): void {
  named(new RouteTableAssociation(scope, `assoc-${logicalName}`, { subnetId: subnet.id, routeTableId: table.id }), logicalName);
}
