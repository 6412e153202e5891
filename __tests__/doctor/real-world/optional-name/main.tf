variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60718"]
}

variable "security_group_ids" {
  type    = list(string)
  default = ["sg-0123456789abcdef0"]
}

# Given on the command line or by CI; no default.
variable "reports_name" {
  type = string
}

module "batch" {
  source = "./modules/batch"

  compute_environments = {
    # name left out: null, so the provider names it from the prefix.
    ec2 = { name_prefix = "genomics-ec2-" }
    # a name the configuration does not know.
    reports = { name = var.reports_name }
  }
  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids
}
