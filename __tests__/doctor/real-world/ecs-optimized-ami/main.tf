variable "custom_ami" {
  type    = string
  default = ""
}

variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60718"]
}

variable "security_group_ids" {
  type    = list(string)
  default = ["sg-0123456789abcdef0"]
}

# AWS's own ECS-optimized Amazon Linux 2 image, found by its owner and name.
data "aws_ami" "ecs" {
  most_recent = true
  owners      = ["591542846629"]
  filter {
    name   = "name"
    values = ["amzn2-ami-ecs-hvm-*-x86_64-ebs"]
  }
}

resource "aws_iam_role" "instance" {
  name_prefix = "bioanalyze-instance-"
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
  name_prefix = "bioanalyze-instance-"
  role        = aws_iam_role.instance.name
}

# The module's pattern: a custom AMI if one is given, else the ECS-optimized one.
resource "aws_launch_template" "ecs" {
  name_prefix = "bioanalyze-ecs-"
  image_id    = var.custom_ami != "" ? var.custom_ami : data.aws_ami.ecs.id
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      volume_type = "gp3"
      volume_size = 50
    }
  }
}

resource "aws_batch_compute_environment" "ecs" {
  compute_environment_name_prefix = "bioanalyze-ecs-"
  type                            = "MANAGED"

  compute_resources {
    type                = "EC2"
    allocation_strategy = "BEST_FIT_PROGRESSIVE"
    instance_type       = ["c5.large"]
    max_vcpus           = 16
    min_vcpus           = 0
    subnets             = var.subnet_ids
    security_group_ids  = var.security_group_ids
    instance_role       = aws_iam_instance_profile.instance.arn

    launch_template {
      launch_template_id = aws_launch_template.ecs.id
      version            = aws_launch_template.ecs.latest_version
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

# A genuinely custom image, by literal id.
resource "aws_launch_template" "custom" {
  name_prefix = "bioanalyze-custom-"
  image_id    = "ami-0abcdef1234567890"
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      volume_type = "gp3"
      volume_size = 50
    }
  }
}

resource "aws_batch_compute_environment" "custom" {
  compute_environment_name_prefix = "bioanalyze-custom-"
  type                            = "MANAGED"

  compute_resources {
    type                = "EC2"
    allocation_strategy = "BEST_FIT_PROGRESSIVE"
    instance_type       = ["c5.large"]
    max_vcpus           = 16
    min_vcpus           = 0
    subnets             = var.subnet_ids
    security_group_ids  = var.security_group_ids
    instance_role       = aws_iam_instance_profile.instance.arn

    launch_template {
      launch_template_id = aws_launch_template.custom.id
      version            = aws_launch_template.custom.latest_version
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "main" {
  name     = "bioanalyze"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.ecs.arn
  }
  compute_environment_order {
    order               = 2
    compute_environment = aws_batch_compute_environment.custom.arn
  }
}
