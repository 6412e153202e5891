/**
 * Capacities of the EC2 instance types AWS Batch compute environments use
 * (vCPU, memory in MiB, NVIDIA GPUs), from the EC2 instance type pages.
 * A compute environment's `instance_type` list holds sizes (`m5.large`),
 * bare families (`m5`: every size) or the aliases below.
 *
 * Names not in this table are unknown: a rule that needs them does not apply.
 */

export interface InstanceCapacity {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly gpus: number;
}

/** [size, vCPU, memory GiB, GPUs] */
type Row = readonly [size: string, vcpus: number, memGiB: number, gpus?: number];

/** Sizes shared by a family line, with memory = vCPU x ratio GiB. */
function sized(ratio: number, sizes: ReadonlyArray<readonly [string, number]>): Row[] {
  return sizes.map(([size, vcpus]) => [size, vcpus, vcpus * ratio] as const);
}

const GEN5: ReadonlyArray<readonly [string, number]> = [
  ['large', 2], ['xlarge', 4], ['2xlarge', 8], ['4xlarge', 16], ['8xlarge', 32],
  ['12xlarge', 48], ['16xlarge', 64], ['24xlarge', 96], ['metal', 96],
];
const GEN6I: ReadonlyArray<readonly [string, number]> = [
  ['large', 2], ['xlarge', 4], ['2xlarge', 8], ['4xlarge', 16], ['8xlarge', 32],
  ['12xlarge', 48], ['16xlarge', 64], ['24xlarge', 96], ['32xlarge', 128], ['metal', 128],
];
const GEN7I: ReadonlyArray<readonly [string, number]> = [
  ['large', 2], ['xlarge', 4], ['2xlarge', 8], ['4xlarge', 16], ['8xlarge', 32],
  ['12xlarge', 48], ['16xlarge', 64], ['24xlarge', 96], ['48xlarge', 192],
  ['metal-24xl', 96], ['metal-48xl', 192],
];
const GRAVITON: ReadonlyArray<readonly [string, number]> = [
  ['medium', 1], ['large', 2], ['xlarge', 4], ['2xlarge', 8], ['4xlarge', 16],
  ['8xlarge', 32], ['12xlarge', 48], ['16xlarge', 64], ['metal', 64],
];

const FAMILIES: Readonly<Record<string, readonly Row[]>> = {
  c4: [['large', 2, 3.75], ['xlarge', 4, 7.5], ['2xlarge', 8, 15], ['4xlarge', 16, 30], ['8xlarge', 36, 60]],
  m4: [['large', 2, 8], ['xlarge', 4, 16], ['2xlarge', 8, 32], ['4xlarge', 16, 64], ['10xlarge', 40, 160], ['16xlarge', 64, 256]],
  r4: [['large', 2, 15.25], ['xlarge', 4, 30.5], ['2xlarge', 8, 61], ['4xlarge', 16, 122], ['8xlarge', 32, 244], ['16xlarge', 64, 488]],
  c5: [['large', 2, 4], ['xlarge', 4, 8], ['2xlarge', 8, 16], ['4xlarge', 16, 32], ['9xlarge', 36, 72], ['12xlarge', 48, 96], ['18xlarge', 72, 144], ['24xlarge', 96, 192], ['metal', 96, 192]],
  m5: sized(4, GEN5),
  r5: sized(8, GEN5),
  c6i: sized(2, GEN6I),
  m6i: sized(4, GEN6I),
  r6i: sized(8, GEN6I),
  c7i: sized(2, GEN7I),
  m7i: sized(4, GEN7I),
  r7i: sized(8, GEN7I),
  c6g: sized(2, GRAVITON),
  m6g: sized(4, GRAVITON),
  r6g: sized(8, GRAVITON),
  c7g: sized(2, GRAVITON),
  m7g: sized(4, GRAVITON),
  r7g: sized(8, GRAVITON),
  g4dn: [['xlarge', 4, 16, 1], ['2xlarge', 8, 32, 1], ['4xlarge', 16, 64, 1], ['8xlarge', 32, 128, 1], ['12xlarge', 48, 192, 4], ['16xlarge', 64, 256, 1], ['metal', 96, 384, 8]],
  g5: [['xlarge', 4, 16, 1], ['2xlarge', 8, 32, 1], ['4xlarge', 16, 64, 1], ['8xlarge', 32, 128, 1], ['12xlarge', 48, 192, 4], ['16xlarge', 64, 256, 1], ['24xlarge', 96, 384, 4], ['48xlarge', 192, 768, 8]],
  p3: [['2xlarge', 8, 61, 1], ['8xlarge', 32, 244, 4], ['16xlarge', 64, 488, 8]],
  p3dn: [['24xlarge', 96, 768, 8]],
  p4d: [['24xlarge', 96, 1152, 8]],
};

/**
 * Aliases Batch accepts in `instanceTypes` (BATCH-FACTS.md, "Instance types"):
 * `optimal` historically picked from c4/m4/r4 and, where those are not
 * offered, c5/m5/r5; the `default_*` aliases name the current families.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  optimal: ['c4', 'm4', 'r4', 'c5', 'm5', 'r5'],
  default_x86_64: ['m6i', 'c6i', 'r6i', 'c7i'],
  default_arm64: ['m6g', 'c6g', 'r6g', 'c7g'],
};

const BY_NAME: ReadonlyMap<string, InstanceCapacity> = new Map(
  Object.entries(FAMILIES).flatMap(([family, rows]) =>
    rows.map(([size, vcpus, memGiB, gpus]) => {
      const name = `${family}.${size}`;
      return [name, { name, vcpus, memoryMiB: Math.round(memGiB * 1024), gpus: gpus ?? 0 }] as const;
    }),
  ),
);

/**
 * The instance types an `instance_type` entry allows, or undefined when the
 * entry is not in the table (the caller then cannot judge capacity).
 */
export function expandInstanceType(entry: string): InstanceCapacity[] | undefined {
  const families = ALIASES[entry] ?? (FAMILIES[entry] ? [entry] : undefined);
  if (families) return families.flatMap((f) => FAMILIES[f]!.map(([size]) => BY_NAME.get(`${f}.${size}`)!));
  const one = BY_NAME.get(entry);
  return one ? [one] : undefined;
}

/**
 * Memory a container can actually reserve on an instance. ECS registers less
 * than the instance has (the kernel and the agent keep some: an 8 GiB
 * m4.large registers about 7985 MiB, 2.5% less) and the Batch AMI reserves
 * 32 MiB more (ECS_RESERVED_MEMORY). BATCH-FACTS.md: "leave a margin". A job
 * asking for the instance's nominal memory (8192 on m4.large) never fits.
 */
export function schedulableMemoryMiB(instance: InstanceCapacity): number {
  return Math.floor(instance.memoryMiB * 0.975) - 32;
}

export type Architecture = 'x86_64' | 'arm64';

/**
 * Graviton types carry a `g` right after the generation digit (c6g, m7g,
 * c6gn, t4g, g5g); `a1` is the first Graviton. GPU families like g4dn or p4d
 * start with their own letter and are x86.
 */
export function architectureOf(entry: string): Architecture {
  if (entry === 'default_arm64') return 'arm64';
  if (entry === 'optimal' || entry === 'default_x86_64') return 'x86_64';
  const family = entry.split('.')[0]!;
  return /^a1$|^[a-z]+\d+g/.test(family) ? 'arm64' : 'x86_64';
}

/**
 * NVIDIA GPU types are the g* and p* families; used to tell "no GPU type at
 * all" even when an entry's exact size is not in the table.
 */
export function isGpuFamily(entry: string): boolean {
  if (entry in ALIASES) return false;
  return /^[gp]\d/.test(entry.split('.')[0]!);
}
