provider "aws" {
  region = "ap-northeast-1"
  default_tags {
    tags = {
      Group = var.project_name
    }
  }
}

variable "project_name" {
  type    = string
  default = "refresh"
}

variable "account_id" {
  type    = string
  default = "123456789012"
}

variable "batch_vpc_id" {
  type = string
}

variable "batch_subnet_ids" {
  type = list(string)
}

locals {
  compute_environment_name = "${var.project_name}-compute-environment"
  job_queue_name           = "${var.project_name}-job-queue"
  job_definition_name      = "${var.project_name}-refresh-all"
}

resource "aws_security_group" "batch" {
  name   = "${var.project_name}-sg"
  vpc_id = var.batch_vpc_id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_batch_compute_environment" "batch" {
  compute_environment_name = local.compute_environment_name
  type                     = "MANAGED"

  compute_resources {
    type               = "FARGATE"
    max_vcpus          = 4
    subnets            = var.batch_subnet_ids
    security_group_ids = [aws_security_group.batch.id]
  }
}

resource "aws_batch_job_queue" "batch" {
  name     = local.job_queue_name
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.batch.arn
  }
}

resource "aws_iam_role" "execution" {
  name = "${var.project_name}-ecs-task-execution"
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

resource "aws_batch_job_definition" "refresh_all" {
  name                  = local.job_definition_name
  type                  = "container"
  platform_capabilities = ["FARGATE"]

  container_properties = jsonencode({
    image            = "${var.account_id}.dkr.ecr.ap-northeast-1.amazonaws.com/refresh:2024.06"
    command          = ["refresh", "--all"]
    executionRoleArn = aws_iam_role.execution.arn
    environment = [
      { name = "AWS_BATCH_JOB_QUEUE", value = local.job_queue_name },
      { name = "TZ", value = "Asia/Tokyo" },
    ]
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = "2048" },
    ]
  })
}

resource "aws_iam_role" "events" {
  name = "${var.project_name}-events"
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

resource "aws_cloudwatch_event_rule" "refresh_all" {
  name                = "${var.project_name}-refresh-all-event"
  schedule_expression = "cron(00 16 * * ? *)"
  is_enabled          = false
}

resource "aws_cloudwatch_event_target" "refresh_all" {
  rule     = aws_cloudwatch_event_rule.refresh_all.name
  arn      = aws_batch_job_queue.batch.arn
  role_arn = aws_iam_role.events.arn

  batch_target {
    job_definition = aws_batch_job_definition.refresh_all.arn_prefix
    job_name       = local.job_definition_name
  }
}

resource "aws_cloudwatch_event_rule" "morning" {
  name                = "${var.project_name}-morning-event"
  schedule_expression = "cron(0 24 * * ? *)"
}

resource "aws_cloudwatch_event_target" "morning" {
  rule     = aws_cloudwatch_event_rule.morning.name
  arn      = aws_batch_job_queue.batch.arn
  role_arn = aws_iam_role.events.arn

  batch_target {
    job_definition = aws_batch_job_definition.refresh_all.arn_prefix
    job_name       = "${local.job_definition_name}-morning"
  }
}
