variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60718"]
}

variable "security_group_ids" {
  type    = list(string)
  default = ["sg-0123456789abcdef0"]
}

locals {
  batch_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "batch.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
  })
}

# 1. Policies attached exclusively: destroying the exclusive resource detaches nothing.
resource "aws_iam_role" "exclusive" {
  name_prefix        = "slc-batch-service-"
  assume_role_policy = local.batch_trust
}

resource "aws_iam_role_policy_attachments_exclusive" "exclusive" {
  role_name   = aws_iam_role.exclusive.name
  policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole"]
}

resource "aws_batch_compute_environment" "exclusive" {
  compute_environment_name_prefix = "slc-fargate-"
  type                            = "MANAGED"
  service_role                    = aws_iam_role.exclusive.arn

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

# 2. The policy attached by the role itself (managed_policy_arns): it lives and dies with the role.
resource "aws_iam_role" "embedded" {
  name_prefix         = "slc-batch-embedded-"
  assume_role_policy  = local.batch_trust
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole"]
}

resource "aws_batch_compute_environment" "embedded" {
  compute_environment_name_prefix = "slc-fargate-spot-"
  type                            = "MANAGED"
  service_role                    = aws_iam_role.embedded.arn

  compute_resources {
    type               = "FARGATE_SPOT"
    max_vcpus          = 16
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  lifecycle {
    create_before_destroy = true
  }
}

# 3. The Batch attachment is in depends_on; a second attachment (read-only S3,
#    nothing the environment needs to be deleted) is not.
resource "aws_iam_role" "ordered" {
  name_prefix        = "slc-batch-ordered-"
  assume_role_policy = local.batch_trust
}

resource "aws_iam_role_policy_attachment" "ordered_batch" {
  role       = aws_iam_role.ordered.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole"
}

resource "aws_iam_role_policy_attachment" "ordered_s3" {
  role       = aws_iam_role.ordered.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}

resource "aws_batch_compute_environment" "ordered" {
  compute_environment_name_prefix = "slc-ordered-"
  type                            = "MANAGED"
  service_role                    = aws_iam_role.ordered.arn

  compute_resources {
    type               = "FARGATE"
    max_vcpus          = 16
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  depends_on = [aws_iam_role_policy_attachment.ordered_batch]

  lifecycle {
    create_before_destroy = true
  }
}

# 4. A plain attachment that nothing orders: this one is a real problem.
resource "aws_iam_role" "unordered" {
  name_prefix        = "slc-batch-unordered-"
  assume_role_policy = local.batch_trust
}

resource "aws_iam_role_policy_attachment" "unordered" {
  role       = aws_iam_role.unordered.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole"
}

resource "aws_batch_compute_environment" "unordered" {
  compute_environment_name_prefix = "slc-unordered-"
  type                            = "MANAGED"
  service_role                    = aws_iam_role.unordered.arn

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
