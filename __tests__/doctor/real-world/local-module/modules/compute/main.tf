data "aws_caller_identity" "current" {}

resource "aws_iam_role" "service" {
  name_prefix = "${var.name}-batch-service-"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "batch.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "service" {
  role       = aws_iam_role.service.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole"
}

resource "aws_iam_role" "instance" {
  name_prefix = "${var.name}-batch-instance-"
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
  name_prefix = "${var.name}-batch-instance-"
  role        = aws_iam_role.instance.name
}

# No metadata_options: instances answer IMDSv1.
resource "aws_launch_template" "main" {
  name_prefix = "${var.name}-batch-"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      volume_type = "gp3"
    }
  }
}

resource "aws_batch_compute_environment" "main" {
  compute_environment_name_prefix = "${var.name}-"
  type                            = "MANAGED"
  service_role                    = aws_iam_role.service.arn

  compute_resources {
    type                = "EC2"
    allocation_strategy = "BEST_FIT_PROGRESSIVE"
    instance_type       = var.instance_types
    max_vcpus           = var.max_vcpus
    min_vcpus           = 0
    subnets             = var.subnet_ids
    security_group_ids  = var.security_group_ids
    instance_role       = aws_iam_instance_profile.instance.arn

    launch_template {
      launch_template_id = aws_launch_template.main.id
      version            = aws_launch_template.main.latest_version
    }
  }

  depends_on = [aws_iam_role_policy_attachment.service]

  lifecycle {
    create_before_destroy = true
    replace_triggered_by  = [aws_launch_template.main]
  }
}

resource "aws_batch_job_queue" "main" {
  name     = "${var.name}-queue"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.main.arn
  }
}
