# An example root calling the module from two folders up, once per entry of a literal map.
resource "aws_vpc" "this" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.this.id
  cidr_block = "10.30.0.0/24"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.this.id
  cidr_block = "10.30.1.0/24"
}

resource "aws_eip" "nat" {
  domain     = "vpc"
  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  subnet_id     = aws_subnet.public.id
  allocation_id = aws_eip.nat.id
  depends_on    = [aws_internet_gateway.this]
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this.id
  }
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}

# No egress rule: Terraform removes the default allow-all egress of a group it creates.
resource "aws_security_group" "batch" {
  name_prefix = "example-batch-"
  vpc_id      = aws_vpc.this.id
}

locals {
  environments = {
    a = { instance_types = ["m5.large"], max_vcpus = 32 }
    b = { instance_types = ["c5.large", "c5.xlarge"] }
  }
}

module "compute" {
  source   = "../.."
  for_each = local.environments

  name               = "example-${each.key}"
  compute            = each.value
  subnet_ids         = [aws_subnet.private.id]
  security_group_ids = [aws_security_group.batch.id]
}
