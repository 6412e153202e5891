/**
 * Fargate accepts only these vCPU / memory (MiB) pairs
 * (docs/aws-batch-facts.md#fargate-resource-sizes). Anything else is refused
 * when the job is submitted, or leaves it RUNNABLE.
 */
const RANGES: ReadonlyArray<readonly [vcpus: number, from: number, to: number, step: number]> = [
  [0.25, 512, 2048, 0], // 512, 1024, 2048: listed below
  [0.5, 1024, 4096, 1024],
  [1, 2048, 8192, 1024],
  [2, 4096, 16384, 1024],
  [4, 8192, 30720, 1024],
  [8, 16384, 61440, 4096],
  [16, 32768, 122880, 8192],
  [32, 61440, 249856, 0], // 61440, 122880, 249856: listed below
];

/** The rows that are a list rather than a range. */
const LISTED: Readonly<Record<number, readonly number[]>> = {
  0.25: [512, 1024, 2048],
  32: [61440, 122880, 249856],
};

export const FARGATE_VCPUS: readonly number[] = RANGES.map(([v]) => v);

/** Valid memory values (MiB) for a Fargate vCPU count; empty when the vCPU count is not offered. */
export function fargateMemoryChoices(vcpus: number): number[] {
  const listed = LISTED[vcpus];
  if (listed) return [...listed];
  const range = RANGES.find(([v]) => v === vcpus);
  if (!range) return [];
  const [, from, to, step] = range;
  const out: number[] = [];
  for (let m = from; m <= to; m += step) out.push(m);
  return out;
}

export function isValidFargatePair(vcpus: number, memoryMiB: number): boolean {
  return fargateMemoryChoices(vcpus).includes(memoryMiB);
}

/** A short human description of what memory a vCPU count allows, for error messages. */
export function describeFargateMemory(vcpus: number): string {
  const choices = fargateMemoryChoices(vcpus);
  if (choices.length === 0) return `Fargate vCPU must be one of ${FARGATE_VCPUS.join(', ')}`;
  if (choices.length <= 3) return `with ${vcpus} vCPU Fargate allows ${choices.join(', ')} MiB`;
  return `with ${vcpus} vCPU Fargate allows ${choices[0]} to ${choices[choices.length - 1]} MiB in steps of ${choices[1]! - choices[0]!}`;
}

/**
 * Fargate task storage a job may ask for with `ephemeralStorage.sizeInGiB`;
 * without it a task gets 20 GiB (docs/aws-batch-facts.md#fargate-ephemeral-storage-architecture-and-platform-version).
 */
export const FARGATE_EPHEMERAL_STORAGE_GIB = { min: 21, max: 200, default: 20 } as const;

/**
 * Platform versions a Fargate job definition may pin; LATEST is the default.
 * Ephemeral storage, ARM64 and EFS volumes need 1.4.0
 * (docs/aws-batch-facts.md#fargate-ephemeral-storage-architecture-and-platform-version).
 */
export const FARGATE_PLATFORM_VERSIONS = ['LATEST', '1.4.0', '1.3.0'] as const;
export type FargatePlatformVersion = (typeof FARGATE_PLATFORM_VERSIONS)[number];

/** Whether a platform version (as written: LATEST or x.y.z) is older than 1.4.0. */
export function isBeforePlatform140(version: string): boolean {
  if (version.toUpperCase() === 'LATEST') return false;
  const parts = version.split('.').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n))) return false;
  const [major, minor] = parts as [number, number, number];
  return major < 1 || (major === 1 && minor < 4);
}
