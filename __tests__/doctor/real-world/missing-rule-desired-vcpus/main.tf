variable "name" {
  type    = string
  default = "nightly"
}

variable "service_role" {
  type = string
}

variable "instance_role" {
  type = string
}

variable "subnets" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60718"]
}

variable "security_group_ids" {
  type    = list(string)
  default = ["sg-0a1b2c3d4e5f60718"]
}

resource "aws_batch_compute_environment" "batch" {
  compute_environment_name_prefix = var.name
  service_role                    = var.service_role
  type                            = "MANAGED"

  compute_resources {
    type               = "EC2"
    instance_type      = ["optimal"]
    instance_role      = var.instance_role
    min_vcpus          = 0
    desired_vcpus      = 2
    max_vcpus          = 256
    subnets            = var.subnets
    security_group_ids = var.security_group_ids
  }
}

resource "aws_batch_job_queue" "batch" {
  name                 = "${var.name}-queue"
  state                = "ENABLED"
  priority             = 1
  compute_environments = [aws_batch_compute_environment.batch.arn]
}
