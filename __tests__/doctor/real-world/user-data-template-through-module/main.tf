variable "database_password" {
  type = string
  # Overwritten from an untracked terraform.tfvars in production.
  default = "change-me-in-tfvars"
}

variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60718"]
}

variable "security_group_ids" {
  type    = list(string)
  default = ["sg-0123456789abcdef0"]
}

# The database host is known only after apply.
resource "aws_instance" "pg_bouncer" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.small"
  subnet_id     = var.subnet_ids[0]
  metadata_options {
    http_tokens = "required"
  }
}

module "batch" {
  source = "./modules/batch"

  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids
  worker_user_data = templatefile("${path.module}/templates/worker-user-data.tpl.sh", {
    cluster           = "refine-workers"
    database_host     = aws_instance.pg_bouncer.private_ip
    database_password = var.database_password
  })
}
