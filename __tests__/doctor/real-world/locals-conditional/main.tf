variable "on_demand" {
  type    = bool
  default = false
}

variable "batch_type" {
  type    = string
  default = "ec2"
}

variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

variable "security_group_id" {
  type    = string
  default = "sg-0123456789abcdef0"
}

locals {
  # Both branches are EC2-family: instances boot from a launch template either way.
  workers_type = var.on_demand ? "EC2" : "SPOT"
  workers_allocation = var.on_demand ? "BEST_FIT_PROGRESSIVE" : "SPOT_CAPACITY_OPTIMIZED"
  compute_type = var.batch_type == "fargate" ? "FARGATE" : "EC2"
  name         = "refine-${var.batch_type}"
}

resource "aws_iam_role" "instance" {
  name_prefix = "${local.name}-instance-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "instance" {
  role       = aws_iam_role.instance.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_instance_profile" "instance" {
  name_prefix = "${local.name}-instance-"
  role        = aws_iam_role.instance.name
}

# The workers' template: no metadata_options.
resource "aws_launch_template" "workers" {
  name_prefix = "${local.name}-workers-"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      volume_type = "gp3"
      volume_size = 100
    }
  }
}

resource "aws_batch_compute_environment" "workers" {
  compute_environment_name_prefix = "${local.name}-workers-"
  type                            = "MANAGED"

  compute_resources {
    type                = local.workers_type
    allocation_strategy = local.workers_allocation
    instance_type       = ["m5", "r5"]
    max_vcpus           = 256
    min_vcpus           = 0
    subnets             = var.subnet_ids
    security_group_ids  = [var.security_group_id]
    instance_role       = aws_iam_instance_profile.instance.arn

    launch_template {
      launch_template_id = aws_launch_template.workers.id
      version            = aws_launch_template.workers.latest_version
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

# The API's template requires tokens.
resource "aws_launch_template" "api" {
  name_prefix = "${local.name}-api-"
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      volume_type = "gp3"
    }
  }
}

resource "aws_batch_compute_environment" "api" {
  compute_environment_name_prefix = "${local.name}-api-"
  type                            = "MANAGED"

  compute_resources {
    type                = local.compute_type
    allocation_strategy = "BEST_FIT_PROGRESSIVE"
    instance_type       = ["c5.large"]
    max_vcpus           = 16
    min_vcpus           = 0
    subnets             = var.subnet_ids
    security_group_ids  = [var.security_group_id]
    instance_role       = aws_iam_instance_profile.instance.arn

    launch_template {
      launch_template_id = aws_launch_template.api.id
      version            = aws_launch_template.api.latest_version
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "workers" {
  name     = "${local.name}-workers"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.workers.arn
  }
}

resource "aws_batch_job_queue" "api" {
  name     = "${local.name}-api"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.api.arn
  }
}
