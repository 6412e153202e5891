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

variable "data_bucket" {
  type    = string
  default = "rnaseq-data"
}

resource "aws_iam_role" "batch_execution_role" {
  name = "rnaseq-batch_execution_role"
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

resource "aws_iam_role_policy_attachment" "batch_execution_role" {
  role       = aws_iam_role.batch_execution_role.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_policy" "s3_data" {
  name = "rnaseq-s3-data"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::${var.data_bucket}", "arn:aws:s3:::${var.data_bucket}/*"]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "batch_execution_role_s3" {
  role       = aws_iam_role.batch_execution_role.name
  policy_arn = aws_iam_policy.s3_data.arn
}

resource "aws_batch_compute_environment" "fargate" {
  compute_environment_name_prefix = "rnaseq-fargate-"
  type                            = "MANAGED"

  compute_resources {
    type               = "FARGATE"
    max_vcpus          = 32
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "fargate" {
  name     = "rnaseq"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.fargate.arn
  }
}

resource "aws_batch_job_definition" "rnaseq" {
  name                  = "rnaseq"
  type                  = "container"
  platform_capabilities = ["FARGATE"]

  container_properties = jsonencode({
    image            = "${var.account_id}.dkr.ecr.us-east-1.amazonaws.com/nextflow:23.10"
    command          = ["nextflow", "run", "nf-core/rnaseq"]
    executionRoleArn = aws_iam_role.batch_execution_role.arn
    jobRoleArn       = aws_iam_role.batch_execution_role.arn
    resourceRequirements = [
      { type = "VCPU", value = "2" },
      { type = "MEMORY", value = "4096" },
    ]
  })
}
