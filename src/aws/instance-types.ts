/**
 * Capacities of the EC2 instance types AWS Batch compute environments use
 * (vCPU, memory in MiB, NVIDIA GPUs), from the EC2 instance type pages.
 * A compute environment's `instance_type` list holds sizes (`m5.large`),
 * bare families (`m5`: every size) or the aliases below.
 *
 * Names not in this table are unknown: a rule that needs them does not apply.
 */

import { INSTANCE_FAMILIES } from './instance-catalogue';

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
 * Aliases Batch accepts in `instanceTypes` (docs/aws-batch-facts.md#instance-types-in-a-compute-environment):
 * the `default_*` aliases name the current families, and `optimal` is the
 * same as `default_x86_64` since 2025-11-01 (it used to pick from c4/m4/r4
 * and c5/m5/r5).
 */
const DEFAULT_X86_64 = ['m6i', 'c6i', 'r6i', 'c7i'] as const;
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  optimal: DEFAULT_X86_64,
  default_x86_64: DEFAULT_X86_64,
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
 * 32 MiB more (ECS_RESERVED_MEMORY). docs/aws-batch-facts.md#instance-types-in-a-compute-environment: "leave a margin". A job
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
 * NVIDIA GPU types are the g*, gr* and p* families (g5, g6e, gr6, p4d...):
 * they need the NVIDIA variant of the ECS AMI, and a GPU job needs one of
 * them even when an entry's exact size is not in the table.
 */
export function isGpuInstanceType(entry: string): boolean {
  if (entry in ALIASES) return false;
  return /^(g|gr|p)\d/.test(entry.split('.')[0]!);
}

/**
 * Why the image Batch picks for an `instanceTypes` entry cannot run it, or
 * undefined when it can. This stack uses Batch's Amazon Linux 2023 images
 * (docs/aws-batch-facts.md#launch-templates-and-imds): ECS_AL2023 does not
 * support A1 instances, and ECS_AL2023_NVIDIA, the image of GPU types,
 * supports neither p3 nor g3 nor Graviton GPU types (g5g). With an AMI of
 * one's own for that image type (`imageId`, `gpuImageId`) that AMI decides.
 */
export function al2023ImageProblem(entry: string, overridden: { readonly imageId: boolean; readonly gpuImageId: boolean }): { message: string; fix: string } | undefined {
  const family = entry.split('.')[0]!;
  if (family === 'a1' && !overridden.imageId) {
    return {
      message: 'Amazon Linux 2023 (image type ECS_AL2023, the AMI Batch picks here) does not support A1 instances',
      fix: 'use a later Graviton family (m6g, c6g, r6g, c7g, m7g...) or "default_arm64", or set imageId to an AMI that supports A1',
    };
  }
  if (!isGpuInstanceType(entry) || overridden.gpuImageId) return undefined;
  if (/^(p3|p3dn|g3|g3s)$/.test(family)) {
    return {
      message: `${family} is a GPU type, and ECS_AL2023_NVIDIA (the GPU AMI Batch picks here) does not support p3 and g3 instance types`,
      fix: 'use a newer GPU family (g4dn, g5, g6, p4d, p5...), or set gpuImageId to an AMI whose NVIDIA driver supports it',
    };
  }
  if (architectureOf(entry) === 'arm64') {
    return {
      message: `${family} is a Graviton GPU type, and ECS_AL2023_NVIDIA (the GPU AMI Batch picks here) runs on x86 types only`,
      fix: 'use an x86 GPU family (g4dn, g5, g6, p4d, p5...), or set gpuImageId to an arm64 AMI with NVIDIA drivers',
    };
  }
  return undefined;
}

/**
 * Why Batch would refuse an `instanceTypes` entry, or undefined when it names
 * a real family (`m6i`), a real size of one (`m6i.large`) or an alias. Batch
 * checks the list when it creates or updates the compute environment, so an
 * unknown name fails the apply ("Instance type can only be one of [...]"),
 * not the plan. docs/aws-batch-facts.md#instance-types-in-a-compute-environment
 */
export function instanceTypeProblem(entry: string): { message: string; fix: string } | undefined {
  if (entry in ALIASES) return undefined;
  const dot = entry.indexOf('.');
  const family = dot < 0 ? entry : entry.slice(0, dot);
  const size = dot < 0 ? undefined : entry.slice(dot + 1);
  const sizes = INSTANCE_FAMILIES[family]?.split(' ');
  if (!sizes) {
    const near = nearest(family, Object.keys(INSTANCE_FAMILIES), 3);
    return {
      message: `there is no EC2 instance family ${JSON.stringify(family)}`,
      fix: `use an existing family or size${near.length ? `, e.g. ${near.map((f) => JSON.stringify(size ? `${f}.${size}` : f)).join(' or ')}` : ''}, or "default_x86_64" / "default_arm64" to let Batch choose`,
    };
  }
  if (size === undefined || sizes.includes(size)) return undefined;
  const near = nearest(size, sizes, 1);
  const largest = sizes.filter((s) => !s.startsWith('metal')).pop();
  return {
    message: `${family} has no size ${JSON.stringify(size)}; its sizes are ${sizes.join(', ')}`,
    fix: `use ${near.length ? `${JSON.stringify(`${family}.${near[0]}`)}, another size` : `one of those sizes${largest ? ` (the largest is ${JSON.stringify(`${family}.${largest}`)})` : ''}`}, or the whole family ${JSON.stringify(family)}`,
  };
}

/** Up to `count` candidates closest to `word`: those it begins first, then by edit distance. */
function nearest(word: string, candidates: readonly string[], count: number): string[] {
  return candidates
    .map((c) => [c, c.startsWith(word) ? 0 : editDistance(word, c)] as const)
    .filter(([c, d]) => d <= Math.max(2, Math.ceil(c.length / 2)))
    .sort((a, b) => a[1] - b[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([c]) => c);
}

/** Edits (insert, delete, replace, swap two neighbours) from a to b. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
