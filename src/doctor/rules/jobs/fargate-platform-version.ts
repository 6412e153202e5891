import { isBeforePlatform140 } from '../../../aws/fargate';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString } from '../../terraform/model';
import { field, jobContainers, listField } from '../../views/job-containers';

/**
 * Ephemeral storage, ARM64 and EFS volumes need Fargate platform version
 * 1.4.0. This is also the one ARM64 trap left on Fargate Spot: the current
 * API reference no longer lists ARM64 as unsupported there, and ECS says
 * FARGATE_SPOT runs ARM64 on 1.4.0 or later
 * (docs/aws-batch-facts.md#arm64-on-fargate-spot).
 */
export const fargatePlatformVersion: Rule = {
  id: 'BATCH_FARGATE_PLATFORM_VERSION',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'Fargate feature needs platform version 1.4.0',
  why: 'A Fargate job definition pinned to a platform version before 1.4.0 cannot have ephemeral storage, run ARM64 (on Fargate or Fargate Spot) or mount EFS: those arrived with 1.4.0, and the job fails to start.',
  fix: 'Set fargatePlatformConfiguration.platformVersion to "1.4.0" or "LATEST" (or remove it: LATEST is the default).',
  link: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html',
  check(model) {
    return judgeEach(this, jobContainers(model), (jc) => {
      if (jc.jd.fargate !== true) return undefined;
      if (jc.unknown) return { unknown: jc.unknown };
      for (const { container } of jc.containers) {
        const version = literalString(field(field(container, 'fargatePlatformConfiguration'), 'platformVersion'));
        if (version === undefined || !isBeforePlatform140(version)) continue;
        const needs = [
          ...(field(container, 'ephemeralStorage') !== undefined ? ['ephemeral storage'] : []),
          ...(literalString(field(field(container, 'runtimePlatform'), 'cpuArchitecture'))?.toUpperCase() === 'ARM64' ? ['ARM64'] : []),
          ...((listField(container, 'volumes') ?? []).some((v) => field(v, 'efsVolumeConfiguration') !== undefined) ? ['EFS volumes'] : []),
        ];
        if (needs.length > 0) return `platform version ${version} with ${needs.join(', ')}, which need 1.4.0`;
      }
      return undefined;
    });
  },
};
