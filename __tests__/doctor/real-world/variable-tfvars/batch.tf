resource "aws_launch_template" "batch" {
  name_prefix = "batch-"
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = var.http_tokens
    http_put_response_hop_limit = 2
  }
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = true
    }
  }
}

resource "aws_batch_compute_environment" "batch" {
  compute_environment_name_prefix = "batch-"
  type                            = "MANAGED"

  compute_resources {
    type                = "EC2"
    allocation_strategy = "BEST_FIT_PROGRESSIVE"
    instance_type       = ["m5.large"]
    max_vcpus           = var.max_vcpus
    min_vcpus           = 0
    subnets             = [aws_subnet.private.id]
    security_group_ids  = [aws_security_group.batch.id]
    instance_role       = aws_iam_instance_profile.instance.arn
    launch_template {
      launch_template_id = aws_launch_template.batch.id
      version            = aws_launch_template.batch.latest_version
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "batch" {
  name     = "batch"
  state    = "ENABLED"
  priority = 1
  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.batch.arn
  }
}

resource "aws_batch_job_definition" "hello" {
  name                  = "hello"
  type                  = "container"
  platform_capabilities = ["EC2"]
  container_properties  = var.container
}
