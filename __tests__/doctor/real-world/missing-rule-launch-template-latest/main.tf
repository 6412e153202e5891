variable "stage" {
  type    = string
  default = "dev"
}

variable "subnet_ids" {
  type = list(string)
}

variable "vpc_id" {
  type = string
}

resource "aws_iam_role" "batch_service_role" {
  name = "portal-batch-service-role-${var.stage}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "batch.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "batch_service_role" {
  role       = aws_iam_role.batch_service_role.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole"
}

resource "aws_iam_role" "instance" {
  name = "portal-batch-instance-${var.stage}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "instance" {
  role       = aws_iam_role.instance.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_instance_profile" "instance" {
  name = "portal-batch-instance-${var.stage}"
  role = aws_iam_role.instance.name
}

resource "aws_security_group" "batch" {
  name   = "portal-batch-${var.stage}"
  vpc_id = var.vpc_id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_launch_template" "ec2" {
  name = "portal-batch-${var.stage}"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 800
      volume_type           = "gp3"
      delete_on_termination = true
    }
  }
}

resource "aws_batch_compute_environment" "ec2" {
  compute_environment_name_prefix = "portal-ec2-${var.stage}-"
  type                            = "MANAGED"
  service_role                    = aws_iam_role.batch_service_role.arn
  depends_on                      = [aws_iam_role_policy_attachment.batch_service_role]

  compute_resources {
    type               = "EC2"
    max_vcpus          = 16
    instance_type      = ["optimal"]
    instance_role      = aws_iam_instance_profile.instance.arn
    subnets            = var.subnet_ids
    security_group_ids = [aws_security_group.batch.id]

    launch_template {
      launch_template_id = aws_launch_template.ec2.id
      version            = "$Latest"
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "ec2" {
  name     = "portal-ec2-${var.stage}"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.ec2.arn
  }
}
