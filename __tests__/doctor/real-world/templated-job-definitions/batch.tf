data "aws_caller_identity" "current" {}

resource "aws_iam_role" "execution" {
  name_prefix = "pipeline-execution-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_batch_compute_environment" "fargate" {
  compute_environment_name_prefix = "pipeline-"
  type                            = "MANAGED"

  compute_resources {
    type               = var.type
    max_vcpus          = 16
    subnets            = [aws_subnet.public.id]
    security_group_ids = [aws_security_group.batch.id]
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "main" {
  name     = "pipeline"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.fargate.arn
  }
}

# Four ways of writing the same kind of container properties; none sets
# networkConfiguration, so assignPublicIp is DISABLED.
data "template_file" "container_properties" {
  template = file("${path.module}/templates/container-properties.json.tpl")
  vars = {
    execution_role_arn = aws_iam_role.execution.arn
    image              = var.image
  }
}

resource "aws_batch_job_definition" "from_template_file" {
  name                  = "pipeline-template-file"
  type                  = "container"
  platform_capabilities = [var.type]
  container_properties  = data.template_file.container_properties.rendered
}

resource "aws_batch_job_definition" "from_templatefile" {
  name                  = "pipeline-templatefile"
  type                  = "container"
  platform_capabilities = [var.type]
  container_properties = templatefile("${path.module}/templates/container-properties.json.tpl", {
    execution_role_arn = aws_iam_role.execution.arn
    image              = var.image
  })
}

resource "aws_batch_job_definition" "from_file" {
  name                  = "pipeline-file"
  type                  = "container"
  platform_capabilities = ["FARGATE"]
  container_properties  = file("${path.module}/templates/static.json")
}

locals {
  container = {
    image            = var.image
    command          = ["python", "-c", "print('hello')"]
    executionRoleArn = aws_iam_role.execution.arn
    resourceRequirements = [
      { type = "VCPU", value = "0.5" },
      { type = "MEMORY", value = "1024" },
    ]
  }
}

resource "aws_batch_job_definition" "from_jsonencode" {
  name                  = "pipeline-jsonencode"
  type                  = "container"
  platform_capabilities = [var.type]
  container_properties  = jsonencode(local.container)
}
