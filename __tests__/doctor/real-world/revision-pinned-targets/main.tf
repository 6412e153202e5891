variable "environment" {
  type    = string
  default = "dev"
}

variable "account_id" {
  type    = string
  default = "123456789012"
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

resource "aws_cloudwatch_log_group" "batch" {
  name              = "/aws/batch/sample/${var.environment}"
  retention_in_days = 30
}

resource "aws_iam_role" "execution" {
  name = "sample-execution-${var.environment}"
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

resource "aws_batch_compute_environment" "fargate" {
  compute_environment_name_prefix = "sample-${var.environment}-"
  type                            = "MANAGED"

  compute_resources {
    type               = "FARGATE"
    max_vcpus          = 16
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "queue" {
  name     = "sample-${var.environment}"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.fargate.arn
  }
}

resource "aws_batch_job_definition" "app" {
  name                  = "sample-dev-app"
  type                  = "container"
  platform_capabilities = ["FARGATE"]

  container_properties = jsonencode({
    image            = "${var.account_id}.dkr.ecr.us-east-1.amazonaws.com/sample-app:1.4.2"
    command          = ["python", "main.py"]
    executionRoleArn = aws_iam_role.execution.arn
    resourceRequirements = [
      { type = "VCPU", value = "0.5" },
      { type = "MEMORY", value = "1024" },
    ]
    networkConfiguration = { assignPublicIp = "ENABLED" }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group  = aws_cloudwatch_log_group.batch.name
        awslogs-region = "us-east-1"
      }
    }
  })
}

resource "aws_iam_role" "events" {
  name = "sample-events-${var.environment}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = ["events.amazonaws.com", "scheduler.amazonaws.com"] }
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
}

resource "aws_cloudwatch_event_rule" "schedule" {
  name                = "sample-${var.environment}"
  schedule_expression = "cron(0 2 * * ? *)"
}

resource "aws_cloudwatch_event_target" "batch" {
  rule      = aws_cloudwatch_event_rule.schedule.name
  target_id = "Batch"
  role_arn  = aws_iam_role.events.arn
  arn       = aws_batch_job_queue.queue.arn

  batch_target {
    job_definition = aws_batch_job_definition.app.arn
    job_name       = "sample-${var.environment}-app"
  }
}

resource "aws_scheduler_schedule" "backfill" {
  name                = "sample-${var.environment}-backfill"
  schedule_expression = "cron(0 4 1 * ? *)"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:aws:scheduler:::aws-sdk:batch:submitJob"
    role_arn = aws_iam_role.events.arn
    input = jsonencode({
      JobName       = "backfill"
      JobQueue      = aws_batch_job_queue.queue.arn
      JobDefinition = "arn:aws:batch:us-east-1:${var.account_id}:job-definition/sample-dev-app:1"
    })
  }
}
