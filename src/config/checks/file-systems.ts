/**
 * Cross-field checks of `fileSystems`: a file system the stack creates lives
 * in the VPC the stack creates, an existing one in the user's own VPC, and
 * each access point is described the way its file system needs
 * (docs/aws-batch-facts.md#efs-volumes). Each problem names the config path,
 * the value and the fix.
 */
import { accessPointAddress } from '../addresses';
import { show, type ConfigProblem } from '../errors';
import type { ResolvedConfig } from '../schema';

export function fileSystemProblems(config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, fix: string) => problems.push({ path, message, fix });
  const existingVpc = config.network.mode === 'existing';
  const addresses = new Map<string, string>();

  for (const [key, fs] of Object.entries(config.fileSystems)) {
    const at = `fileSystems.${key}`;
    const existing = fs.fileSystemId !== undefined;
    if (existing && !existingVpc) {
      // The file system's DNS name resolves to a mount target in the client's own VPC only, and a
      // file system has mount targets in one VPC: not the one this stack is about to create.
      add(`${at}.fileSystemId`, `got ${show(fs.fileSystemId)}, an existing file system, but network mode ${show(config.network.mode)} creates a new VPC, where it has no mount targets`, 'remove fileSystemId to let the stack create the file system in its VPC, or use network mode "existing" with the VPC the file system is in');
    }
    if (!existing && existingVpc) {
      add(at, 'is a file system for the stack to create, but network mode "existing" gives the stack no VPC to put its mount targets and security group in', 'create the file system in your VPC (mount targets in every availability zone, NFS 2049 from your Batch security groups) and set "fileSystemId": "fs-..."');
    }
    if (existing && fs.throughputMode !== undefined) {
      add(`${at}.throughputMode`, `is set on an existing file system (${fs.fileSystemId}); the stack does not manage it`, 'remove throughputMode');
    }
    for (const [name, ap] of Object.entries(fs.accessPoints)) {
      const apAt = `${at}.accessPoints.${name}`;
      if (existing) {
        if (ap.accessPointId === undefined) add(apAt, 'has no accessPointId; an existing file system\'s access points are named by id', 'set "accessPointId": "fsap-..."');
        for (const field of ['path', 'uid', 'gid', 'permissions'] as const) {
          if (ap[field] !== undefined) add(`${apAt}.${field}`, `is set on an access point of an existing file system, which the stack does not create`, `remove ${field}`);
        }
      } else {
        if (ap.accessPointId !== undefined) add(`${apAt}.accessPointId`, `is set on an access point of a file system the stack creates; the stack creates the access point too`, 'remove accessPointId and give path, uid and gid');
        for (const field of ['path', 'uid', 'gid'] as const) {
          if (ap[field] === undefined) {
            add(apAt, `has no ${field}; the stack creates the access point with its folder (${field === 'path' ? 'path' : 'owned by uid:gid'}) and every job on it acts as uid:gid`, `add ${field}, e.g. {"path": "/data", "uid": 1000, "gid": 1000}`);
            break;
          }
        }
      }
      const address = accessPointAddress(key, name);
      const other = addresses.get(address);
      if (other) add(apAt, `has the same Terraform address aws_efs_access_point.${address} as ${other}`, 'rename one of the two access points');
      addresses.set(address, apAt);
    }
  }
  return problems;
}
