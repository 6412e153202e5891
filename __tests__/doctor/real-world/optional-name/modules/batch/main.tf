variable "compute_environments" {
  type = map(object({
    name        = optional(string)
    name_prefix = optional(string)
    max_vcpus   = optional(number, 16)
  }))
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

resource "aws_batch_compute_environment" "this" {
  for_each = var.compute_environments

  # Provider 5 names; the module lets the caller give either or neither.
  compute_environment_name        = each.value.name
  compute_environment_name_prefix = each.value.name_prefix
  type                            = "MANAGED"

  compute_resources {
    type                = "EC2"
    allocation_strategy = "BEST_FIT_PROGRESSIVE"
    instance_type       = ["m5.large"]
    max_vcpus           = each.value.max_vcpus
    min_vcpus           = 0
    subnets             = var.subnet_ids
    security_group_ids  = var.security_group_ids
    instance_role       = aws_iam_instance_profile.instance.arn

    launch_template {
      launch_template_id = aws_launch_template.this.id
      version            = aws_launch_template.this.latest_version
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role" "instance" {
  name_prefix = "batch-instance-"
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
  name_prefix = "batch-instance-"
  role        = aws_iam_role.instance.name
}

resource "aws_launch_template" "this" {
  name_prefix = "batch-"
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
