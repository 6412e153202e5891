variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60718"]
}

variable "security_group_ids" {
  type    = list(string)
  default = ["sg-0123456789abcdef0"]
}

module "iam" {
  source     = "./modules/iam"
  account_id = "123456789012"
}

# Only the role's ARN crosses: nothing orders the policy attachment before it.
module "batch" {
  source             = "./modules/batch"
  name               = "nextflow"
  service_role_arn   = module.iam.service_role_arn
  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids
}

# The same, ordered after everything in module.iam.
module "batch_ordered" {
  source             = "./modules/batch"
  name               = "nextflow-ordered"
  service_role_arn   = module.iam.service_role_arn
  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids

  depends_on = [module.iam]
}
