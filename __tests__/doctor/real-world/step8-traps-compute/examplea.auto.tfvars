common_tags = {
  createdby = "Terraform"
  module    = "terraform-aws-batch"
}
instance_role      = "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"
security_group_ids = ["sg-0b1c2d3e4f5a60718"]
subnets            = ["subnet-0b1c2d3e4f5a60718"]
