variable "name" {
  type = string
}

variable "service_role_arn" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

resource "aws_batch_compute_environment" "fargate_spot" {
  compute_environment_name_prefix = "${var.name}-"
  type                            = "MANAGED"
  service_role                    = var.service_role_arn

  compute_resources {
    type               = "FARGATE_SPOT"
    max_vcpus          = 32
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "main" {
  name     = var.name
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.fargate_spot.arn
  }
}
