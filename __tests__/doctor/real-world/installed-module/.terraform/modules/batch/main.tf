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

resource "aws_batch_compute_environment" "this" {
  for_each = var.compute_environments

  compute_environment_name_prefix = "${each.value.name_prefix}-"
  type                            = "MANAGED"

  compute_resources {
    type                = each.value.type
    allocation_strategy = each.value.type == "SPOT" ? "SPOT_CAPACITY_OPTIMIZED" : each.value.allocation_strategy
    instance_type       = each.value.instance_type
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

resource "aws_batch_job_queue" "this" {
  name     = "batch"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.this["a_ec2"].arn
  }
  compute_environment_order {
    order               = 2
    compute_environment = aws_batch_compute_environment.this["b_ec2_spot"].arn
  }
}
