import { literalNumber, literalString, type Resource, type TerraformModel } from '../terraform/model';
import type { ComputeEnvironment } from './compute-environments';
import { field, jobContainers, listField } from './job-containers';
import { ceSubnets } from './network-paths';
import { candidateComputeEnvironments } from './placement';
import { ceSecurityGroups, isAnywhere, literalCidrs, sgRules, type SgRule } from './security-groups';
import type { Verdict } from './network-paths';

/**
 * Can a job reach the EFS file systems its volumes name? NFS (TCP 2049, also
 * under TLS) from the compute environment's subnets to a mount target in the
 * same availability zone (the file system's DNS name resolves to that one),
 * allowed out by the compute environment's security groups and in by the
 * mount target's (docs/aws-batch-facts.md#efs-volumes). Only file systems of
 * this configuration are judged; an id of one elsewhere is unknown.
 */

const NFS = 2049;

export interface EfsMount {
  readonly jobDefinition: Resource;
  readonly fileSystem: Resource;
  /** The compute environments the job may run on; undefined when unknown. */
  readonly ces?: readonly ComputeEnvironment[];
}

/** Each (job definition, file system of this configuration) pair its volumes mount. */
export function efsMounts(model: TerraformModel): readonly EfsMount[] {
  return model.memoize('batch:efs-mounts', () =>
    jobContainers(model).flatMap((jc) => {
      const fileSystems = new Set<Resource>();
      for (const { container } of jc.containers) {
        for (const volume of listField(container, 'volumes') ?? []) {
          const fs = model.target(field(field(volume, 'efsVolumeConfiguration'), 'fileSystemId'));
          if (fs?.type === 'aws_efs_file_system') fileSystems.add(fs);
        }
      }
      const ces = candidateComputeEnvironments(model, jc.jd);
      return [...fileSystems].map((fileSystem) => ({ jobDefinition: jc.resource, fileSystem, ...(ces ? { ces } : {}) }));
    }),
  );
}

/** The file system's mount targets in this configuration. */
export function mountTargets(model: TerraformModel, fileSystem: Resource): readonly Resource[] {
  return model.referrers('aws_efs_mount_target', 'file_system_id', fileSystem);
}

/** A subnet's availability zone (name or id, as written); undefined when not literal. */
export function subnetZone(subnet: Resource | undefined): string | undefined {
  return literalString(subnet?.body['availability_zone']) ?? literalString(subnet?.body['availability_zone_id']);
}

/** Availability zones of a compute environment's subnets with no mount target of the file system; undefined when unknown. */
export function zonesWithoutMountTarget(model: TerraformModel, ce: ComputeEnvironment, fileSystem: Resource): string[] | undefined {
  const { subnets, complete } = ceSubnets(model, ce);
  if (!complete) return undefined;
  const ceZones = subnets.map((s) => subnetZone(s.subnet));
  const targetZones = mountTargets(model, fileSystem).map((mt) => subnetZone(model.target(mt.body['subnet_id'])));
  if (ceZones.some((z) => z === undefined) || targetZones.some((z) => z === undefined)) return undefined;
  return [...new Set(ceZones as string[])].filter((z) => !targetZones.includes(z)).sort();
}

function coversNfs(rule: SgRule): Verdict {
  const protocol = literalString(typeof rule.protocol === 'number' ? String(rule.protocol) : rule.protocol)?.toLowerCase();
  if (protocol === undefined) return 'maybe';
  if (protocol === '-1' || protocol === 'all') return 'yes';
  if (protocol !== 'tcp' && protocol !== '6') return 'no';
  const from = literalNumber(rule.from);
  const to = literalNumber(rule.to);
  if (from === undefined || to === undefined) return 'maybe';
  return from <= NFS && NFS <= to ? 'yes' : 'no';
}

/**
 * Whether rules of `groups` (one direction) allow NFS to/from `peers` (the
 * other side's groups) or a CIDR holding `peerCidrs` (its subnets' blocks;
 * `vpc` for the VPC's own block).
 */
export function nfsAllowed(model: TerraformModel, groups: readonly Resource[], direction: 'ingress' | 'egress', peers: readonly Resource[], vpc: Resource | undefined): Verdict {
  let verdict: Verdict = 'no';
  for (const sg of groups) {
    const rules = sgRules(model, sg, direction);
    if (!rules) return 'maybe';
    for (const rule of rules) {
      const port = coversNfs(rule);
      if (port === 'no') continue;
      const peer = reachesPeer(model, rule, peers, vpc);
      if (port === 'yes' && peer === 'yes') return 'yes';
      if (peer !== 'no') verdict = 'maybe';
    }
  }
  return verdict;
}

function reachesPeer(model: TerraformModel, rule: SgRule, peers: readonly Resource[], vpc: Resource | undefined): Verdict {
  let verdict: Verdict = 'no';
  if (rule.self && peers.includes(rule.group)) return 'yes';
  for (const g of rule.groups) {
    const target = model.target(g);
    if (!target) verdict = 'maybe';
    else if (peers.includes(target)) return 'yes';
  }
  if (literalCidrs(rule).some(isAnywhere)) return 'yes';
  for (const c of rule.ipv4) {
    if (literalString(c) !== undefined) {
      // A literal block other than 0.0.0.0/0: compare with the VPC's literal block.
      const vpcCidr = literalString(vpc?.body['cidr_block']);
      if (vpcCidr !== undefined && literalString(c) === vpcCidr) return 'yes';
      verdict = 'maybe';
      continue;
    }
    const target = model.target(c);
    if (vpc && target === vpc) return 'yes';
    verdict = 'maybe';
  }
  if (rule.prefixLists.length > 0 && verdict === 'no') verdict = 'maybe';
  return verdict;
}

/** The security groups of the file system's mount targets; undefined when any is unknown (none set: the VPC default group). */
export function mountTargetGroups(model: TerraformModel, fileSystem: Resource): Resource[] | undefined {
  const out = new Set<Resource>();
  for (const mt of mountTargets(model, fileSystem)) {
    const list = model.resolveList(mt.body['security_groups']);
    if (!list || list.length === 0) return undefined;
    for (const r of list) {
      if (r.kind !== 'resource' || r.resource.type !== 'aws_security_group') return undefined;
      out.add(r.resource);
    }
  }
  return [...out];
}

/** The compute environment's groups, when all of them are in this configuration. */
export function knownCeGroups(model: TerraformModel, ce: ComputeEnvironment): Resource[] | undefined {
  const refs = model.resolveList(ce.compute?.['security_group_ids']);
  const groups = ceSecurityGroups(model, ce);
  return refs && refs.length > 0 && groups.length === refs.length ? groups : undefined;
}
