/** Where a job's image comes from, as far as the network that must pull it is concerned. */

/** True for a private ECR image in the given region (reachable through the ecr.api / ecr.dkr endpoints). */
export function isRegionalEcrImage(image: string, region: string): boolean {
  return new RegExp(`^\\d{12}\\.dkr\\.ecr\\.${region.replace(/-/g, '\\-')}\\.amazonaws\\.com/`).test(image);
}

/**
 * The repository path of an ECR Public image (`public.ecr.aws/<path>`), which
 * VPC endpoints do not serve (docs/aws-batch-facts.md#vpc-endpoints-do-not-serve-ecr-public);
 * undefined for any other image.
 */
export function ecrPublicRepository(image: string): string | undefined {
  return /^public\.ecr\.aws\/(.+)$/.exec(image)?.[1];
}
