variable "stage" {
  type    = string
  default = "dev"
}

variable "worker_ami" {
  type    = string
  default = "ami-0a1b2c3d4e5f60718"
}

variable "database_host" {
  type = string
}

variable "database_user" {
  type    = string
  default = "workers"
}

variable "database_password" {
  type      = string
  sensitive = true
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

resource "aws_iam_role" "instance" {
  name = "workers-instance-${var.stage}"
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
  name = "workers-instance-${var.stage}"
  role = aws_iam_role.instance.name
}

resource "aws_launch_template" "workers" {
  name     = "workers-${var.stage}"
  image_id = var.worker_ami

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 128
      encrypted             = true
      delete_on_termination = true
    }
  }

  block_device_mappings {
    device_name = "/dev/sdf"
    ebs {
      volume_type           = "st1"
      volume_size           = 1000
      encrypted             = true
      delete_on_termination = true
    }
  }

  user_data = base64encode(templatefile("${path.module}/workers-user-data.tpl.sh", {
    stage             = var.stage
    database_host     = var.database_host
    database_user     = var.database_user
    database_password = var.database_password
  }))
}

resource "aws_batch_compute_environment" "workers" {
  compute_environment_name_prefix = "workers-${var.stage}-"
  type                            = "MANAGED"

  compute_resources {
    type                = "EC2"
    allocation_strategy = "BEST_FIT_PROGRESSIVE"
    max_vcpus           = 256
    instance_type       = ["m5", "r5"]
    instance_role       = aws_iam_instance_profile.instance.arn
    subnets             = var.subnet_ids
    security_group_ids  = var.security_group_ids

    launch_template {
      launch_template_id = aws_launch_template.workers.id
      version            = aws_launch_template.workers.latest_version
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "workers" {
  name     = "workers-${var.stage}"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.workers.arn
  }
}
