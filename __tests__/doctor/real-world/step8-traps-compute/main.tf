variable "common_tags" {
  type = map(string)
}

variable "instance_role" {
  type = string
}

variable "security_group_ids" {
  type = list(string)
}

variable "subnets" {
  type = list(string)
}

resource "aws_batch_compute_environment" "batch" {
  compute_environment_name = "pike"
  type                     = "MANAGED"

  compute_resources {
    type                = "EC2"
    allocation_strategy = "BEST_FIT_PROGRESSIVE"
    instance_role       = var.instance_role
    instance_type       = ["m6.large", "m5.large"]
    min_vcpus           = 0
    max_vcpus           = 64
    security_group_ids  = var.security_group_ids
    subnets             = var.subnets
    tags                = var.common_tags
  }

  tags = {
    "aws:createdBy" = "Terraform"
    module          = "terraform-aws-batch"
  }
}

resource "aws_batch_compute_environment" "spot" {
  compute_environment_name = "pike"
  type                     = "MANAGED"

  compute_resources {
    type                = "SPOT"
    allocation_strategy = "SPOT_CAPACITY_OPTIMIZED"
    instance_role       = var.instance_role
    instance_type       = ["c5.2xl", "c5.xlarge"]
    min_vcpus           = 0
    max_vcpus           = 64
    security_group_ids  = var.security_group_ids
    subnets             = var.subnets
    tags                = var.common_tags
  }
}

resource "aws_batch_job_queue" "batch" {
  name     = "pike"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.spot.arn
  }

  compute_environment_order {
    order               = 2
    compute_environment = aws_batch_compute_environment.batch.arn
  }
}
