/**
 * Locates the Terraform binary and the local provider mirror that the
 * offline harness needs. Synchronous on purpose: test files call it at module
 * load time to decide whether to skip (`describe.skipIf`).
 */
import { existsSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The provider every stack in this project pins (see package.json's @cdktf/provider-aws 20.x). */
export const AWS_PROVIDER = {
  source: 'registry.terraform.io/hashicorp/aws',
  version: '5.100.0',
} as const;

/**
 * Where files that outlive a process go (the shared `terraform init`, the
 * CLI config, the provider schema): $BATCH_CDKTF_CACHE_DIR, else the temp
 * directory. The test runs give each run its own TMPDIR and set this to the
 * system temp directory, so the caches survive the run.
 */
export function cacheDir(): string {
  return process.env.BATCH_CDKTF_CACHE_DIR || tmpdir();
}

export interface TerraformFound {
  /** Absolute path of the terraform executable. */
  readonly bin: string;
  /** Filesystem mirror root: holds `registry.terraform.io/hashicorp/aws/<version>/`. */
  readonly mirror: string;
}

export type TerraformLookup = TerraformFound | { readonly missing: string };

/** Mirror roots tried after $TF_PROVIDER_MIRROR, in Terraform's own implied-mirror order where it has one. */
function candidateMirrors(env: NodeJS.ProcessEnv): string[] {
  const home = homedir();
  return [
    '/opt/tf-plugins',
    join(home, '.terraform.d', 'plugins'),
    join(home, '.local', 'share', 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
    ...(env.XDG_DATA_HOME ? [join(env.XDG_DATA_HOME, 'terraform', 'plugins')] : []),
  ];
}

function isExecutableFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findBin(env: NodeJS.ProcessEnv): string | undefined {
  if (env.TERRAFORM_BIN) return isExecutableFile(env.TERRAFORM_BIN) ? env.TERRAFORM_BIN : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutableFile(join(dir, 'terraform'))) return join(dir, 'terraform');
  }
  return undefined;
}

/** True when `root` holds the pinned AWS provider in the unpacked mirror layout. */
export function mirrorHasAws(root: string): boolean {
  return existsSync(join(root, AWS_PROVIDER.source, AWS_PROVIDER.version));
}

/**
 * Finds terraform ($TERRAFORM_BIN, else PATH) and a provider mirror holding
 * hashicorp/aws 5.100.0 ($TF_PROVIDER_MIRROR, else the usual places).
 * Never throws: the reason something is missing is returned for the caller to
 * report or skip on.
 */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): TerraformLookup {
  const bin = findBin(env);
  if (!bin) {
    return {
      missing: env.TERRAFORM_BIN
        ? `TERRAFORM_BIN=${env.TERRAFORM_BIN} is not a file`
        : 'terraform is not on PATH (set TERRAFORM_BIN to use another binary)',
    };
  }
  const wanted = `${AWS_PROVIDER.source}/${AWS_PROVIDER.version}`;
  if (env.TF_PROVIDER_MIRROR) {
    return mirrorHasAws(env.TF_PROVIDER_MIRROR)
      ? { bin, mirror: env.TF_PROVIDER_MIRROR }
      : { missing: `TF_PROVIDER_MIRROR=${env.TF_PROVIDER_MIRROR} has no ${wanted}` };
  }
  const tried = candidateMirrors(env);
  const mirror = tried.find(mirrorHasAws);
  return mirror
    ? { bin, mirror }
    : { missing: `no provider mirror with ${wanted} (tried ${tried.join(', ')}; set TF_PROVIDER_MIRROR)` };
}
