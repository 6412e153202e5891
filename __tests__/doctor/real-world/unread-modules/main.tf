# Everything Batch comes from modules: one from the registry (not installed:
# no terraform init has run here), one from a path that is not in this checkout.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"

  name            = "nextflow"
  cidr            = "10.70.0.0/16"
  azs             = ["us-east-1a", "us-east-1b"]
  private_subnets = ["10.70.1.0/24", "10.70.2.0/24"]
  public_subnets  = ["10.70.101.0/24", "10.70.102.0/24"]
}

module "batch" {
  source  = "terraform-aws-modules/batch/aws"
  version = "~> 2.0"

  compute_environments = {
    a_ec2 = {
      name_prefix = "nextflow"
      compute_resources = {
        type      = "EC2"
        max_vcpus = 16
        subnets   = module.vpc.private_subnets
      }
    }
  }
}

module "recipes" {
  source = "../../terraform-recipes/terraform-aws-batch"

  name    = "nextflow-recipes"
  subnets = module.vpc.private_subnets
}
