variable "subnet_ids" {
  type = list(string)
}

variable "vpc_id" {
  type = string
}

variable "account_id" {
  type    = string
  default = "123456789012"
}

variable "fairshare" {
  type = object({
    share_decay_seconds = number
    share_distributions = list(object({ share_identifier = string, weight_factor = number }))
  })
  default = {
    share_decay_seconds = 3600
    share_distributions = [
      { share_identifier = "research", weight_factor = 1 },
      { share_identifier = "ops", weight_factor = 2 },
    ]
  }
}

resource "aws_security_group" "batch" {
  name   = "batch-fargate"
  vpc_id = var.vpc_id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_batch_compute_environment" "fargate" {
  compute_environment_name_prefix = "fargate-"
  type                            = "MANAGED"

  compute_resources {
    type               = "FARGATE"
    max_vcpus          = 64
    subnets            = var.subnet_ids
    security_group_ids = [aws_security_group.batch.id]
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_scheduling_policy" "main" {
  name = "main"

  fair_share_policy {
    share_decay_seconds = var.fairshare.share_decay_seconds

    dynamic "share_distribution" {
      for_each = var.fairshare.share_distributions
      content {
        share_identifier = share_distribution.value.share_identifier
        weight_factor    = share_distribution.value.weight_factor
      }
    }
  }
}

resource "aws_batch_scheduling_policy" "reports" {
  name = "reports"

  fair_share_policy {
    share_decay_seconds = 3600
  }
}

resource "aws_batch_job_queue" "main" {
  name                  = "main"
  state                 = "ENABLED"
  priority              = 1
  scheduling_policy_arn = aws_batch_scheduling_policy.main.arn

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.fargate.arn
  }
}

resource "aws_batch_job_queue" "reports" {
  name                  = "reports"
  state                 = "ENABLED"
  priority              = 1
  scheduling_policy_arn = aws_batch_scheduling_policy.reports.arn

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.fargate.arn
  }
}

resource "aws_iam_role" "execution" {
  name = "batch-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_batch_job_definition" "report" {
  name                  = "report"
  type                  = "container"
  platform_capabilities = ["FARGATE"]

  container_properties = jsonencode({
    image            = "${var.account_id}.dkr.ecr.eu-west-1.amazonaws.com/report:1"
    command          = ["report", "--daily"]
    executionRoleArn = aws_iam_role.execution.arn
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = "2048" },
    ]
  })
}

resource "aws_iam_role" "events" {
  name = "batch-events"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
}

resource "aws_cloudwatch_event_rule" "daily" {
  name                = "daily-report"
  schedule_expression = "cron(0 6 * * ? *)"
}

resource "aws_cloudwatch_event_target" "daily" {
  rule     = aws_cloudwatch_event_rule.daily.name
  arn      = aws_batch_job_queue.reports.arn
  role_arn = aws_iam_role.events.arn

  batch_target {
    job_name       = "daily-report"
    job_definition = aws_batch_job_definition.report.arn_prefix
  }
}
