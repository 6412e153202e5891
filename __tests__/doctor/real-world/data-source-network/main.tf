# The network is another stack's: subnets from its remote state, the VPC's
# default security group read with a data source.
data "terraform_remote_state" "infra" {
  backend = "s3"
  config = {
    bucket = "metaflow-terraform-state"
    key    = "infra/terraform.tfstate"
    region = "us-west-2"
  }
}

data "aws_security_group" "default" {
  vpc_id = data.terraform_remote_state.infra.outputs.vpc_id
  name   = "default"
}

data "aws_ssm_parameter" "ecs_ami" {
  name = "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended"
}

resource "aws_iam_role" "instance" {
  name_prefix = "metaflow-instance-"
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
  name_prefix = "metaflow-instance-"
  role        = aws_iam_role.instance.name
}

resource "aws_launch_template" "cpu" {
  name_prefix = "metaflow-cpu-"
  image_id    = jsondecode(data.aws_ssm_parameter.ecs_ami.value).image_id
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      volume_type = "gp3"
      volume_size = 100
    }
  }
}

resource "aws_batch_compute_environment" "cpu" {
  compute_environment_name_prefix = "metaflow-cpu-"
  type                            = "MANAGED"

  compute_resources {
    type                = "EC2"
    allocation_strategy = "BEST_FIT_PROGRESSIVE"
    instance_type       = ["c5.large", "c5.xlarge"]
    max_vcpus           = 64
    min_vcpus           = 0
    subnets             = [data.terraform_remote_state.infra.outputs.subnet1_id, data.terraform_remote_state.infra.outputs.subnet2_id]
    security_group_ids  = [data.aws_security_group.default.id]
    instance_role       = aws_iam_instance_profile.instance.arn

    launch_template {
      launch_template_id = aws_launch_template.cpu.id
      version            = aws_launch_template.cpu.latest_version
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_batch_job_queue" "cpu" {
  name     = "metaflow-cpu"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.cpu.arn
  }
}
