/**
 * Fargate accepts only these vCPU / memory (MiB) pairs (AWS Batch user guide,
 * "Fargate job definition" resource requirements). Anything else is refused
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
];

export const FARGATE_VCPUS: readonly number[] = RANGES.map(([v]) => v);

/** Valid memory values (MiB) for a Fargate vCPU count; empty when the vCPU count is not offered. */
export function fargateMemoryChoices(vcpus: number): number[] {
  if (vcpus === 0.25) return [512, 1024, 2048];
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
